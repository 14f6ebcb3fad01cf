/**
 * The people behind the two certificate rates (src/api/certificateRates.ts), on given days.
 *
 * Counted on a day D: women in the register, 15–49 full years old on D (ageOn), not exited on D
 * (state active, or an exit date after D), a migrant since D or earlier (no date counts), and
 * on D an out-migrant (certificate rate) or an in-migrant (verification rate).
 *
 * The register holds today's facts; the migrant status, place, since-date and service point of
 * an earlier day come from the history: the value on D is the `before` of the first migration
 * event (migration_out / migration_in) dated after D that changed it, else today's value. A
 * correction is taken as retroactive (the register was wrong, not the person elsewhere), so it
 * is not replayed. People registered with their migrant status and no migration event (a
 * roster import, the demo) are migrants from their `migrant_since` on.
 *
 * Speed (200,000 people, 10,000 migrants): the women of migrant status in the age window come
 * from one range of persons_rates (a covering index, migration 0011), the few people with a
 * migration event after the first day from the partial index person_events_migration; rows
 * are read as arrays. Certificates and first verifications are read once per call, only
 * those that can matter on the days asked.
 */
import type { RateKind } from '../../api/certificateRates'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { fieldError } from '../errors'
import { lastDayOf } from '../inventory/report'
import { todayOf } from '../persons/record'

/** the state of a person on one day that the rates need */
export interface DayState {
  status: string
  since: string | null
  servicePointId: string | null
  /** null: today's place (not read for the rates; ratePeople reads it for its page) */
  place: string | null
}

export interface RatePersonBase {
  id: string
  birthDate: string
  state: string
  exitDate: string | null
  /** today's values */
  now: DayState
  /** migration events after the first day asked, oldest first */
  events: { date: string; changes: Partial<Record<keyof DayState, unknown>> }[]
}

/** a certificate's time of validity: issue date to its last valid day (valid_until, or the day before it ended) */
export interface CertSpan {
  personId: string
  number: string
  issueDate: string
  validUntil: string
  status: string
  endedOn: string | null
}

export interface RateBase {
  days: string[]
  people: RatePersonBase[]
  /** certificates per person (only those valid at some time up to the last day) */
  certs: Map<string, CertSpan[]>
  /** the first verification per in-migrant (up to the last day) */
  firstVerified: Map<string, string>
}

const FIELD: Record<string, keyof DayState> = { migrantStatus: 'status', migrantSince: 'since', servicePointId: 'servicePointId', migrantPlace: 'place' }

/** the month asked (default: the station's current month) and its as-of day; a future month is refused */
export function monthAsOf(ctx: Ctx, month?: string): { month: string; asOf: string; today: string } {
  const today = todayOf(ctx)
  const current = today.slice(0, 7)
  const m = month ?? current
  if (m > current) throw fieldError('month', 'month_future', `${m} is after the current month ${current}`, { current })
  return { month: m, asOf: asOfDay(m, today), today }
}

/** the month's last day, or today while the month is under way */
export const asOfDay = (month: string, today: string): string => (month === today.slice(0, 7) ? today : lastDayOf(month))

/** birth dates of women 15–49 full years old on `day`: birth > lo and birth <= hi (the same as ageOn, even for 29 February) */
export function ageWindow(day: string): { lo: string; hi: string } {
  const y = Number(day.slice(0, 4))
  const md = day.slice(4)
  return { lo: `${String(y - 50).padStart(4, '0')}${md}`, hi: `${String(y - 15).padStart(4, '0')}${md}` }
}

export const RATE_SQL = {
  /** the women of migrant status today whose birth date can be in the age band on one of the days: persons_rates */
  people: `SELECT id, birth_date, state, exit_date, migrant_status, migrant_since, service_point_id FROM persons
    WHERE migrant_status IN ('out', 'in') AND sex = 'female' AND birth_date > ? AND birth_date <= ?`,
  /** migration events after a day: person_events_migration (partial index) */
  events: `SELECT person_id, date, changes FROM person_events WHERE type IN ('migration_out', 'migration_in') AND date > ? ORDER BY date, created_at, id`,
  person: `SELECT id, birth_date, state, exit_date, migrant_status, migrant_since, service_point_id FROM persons WHERE id = ? AND sex = 'female'`,
  /** certificates that were valid at some time in [first, last] (issued by the last day, not over before the first) */
  certs: `SELECT person_id, number, issue_date, valid_until, status, ended_on FROM certificates
    WHERE valid_until >= ? AND issue_date <= ? AND (status = 'valid' OR ended_on > ?)`,
  verified: `SELECT person_id, min(verified_on) FROM verifications WHERE verified_on <= ? GROUP BY person_id`
}

type PersonRow = [string, string, string, string | null, string, string | null, string | null]

const base = (r: PersonRow): RatePersonBase => ({
  id: r[0],
  birthDate: r[1],
  state: r[2],
  exitDate: r[3],
  now: { status: r[4], since: r[5], servicePointId: r[6], place: null },
  events: []
})

/** the people, certificates and verifications the rates need for these days (any order) */
export function loadRateBase(sqlite: Sqlite, days: string[]): RateBase {
  const sorted = [...days].sort()
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  const lo = ageWindow(first).lo
  const hi = ageWindow(last).hi
  const people = (stmt(sqlite, RATE_SQL.people).raw().all(lo, hi) as PersonRow[]).map(base)
  const byId = new Map(people.map((p) => [p.id, p]))

  // people whose migrant facts changed after the first day: their earlier state comes from the events
  const events = stmt(sqlite, RATE_SQL.events).raw().all(first) as [string, string, string][]
  for (const [personId, date, changes] of events) {
    let p = byId.get(personId)
    if (!p) {
      const row = stmt(sqlite, RATE_SQL.person).raw().get(personId) as PersonRow | undefined
      if (!row || row[1] <= lo || row[1] > hi) continue
      byId.set(personId, (p = base(row)))
      people.push(p)
    }
    const parsed = JSON.parse(changes) as Record<string, { before: unknown; after: unknown }>
    const ev: RatePersonBase['events'][number] = { date, changes: {} }
    for (const [k, v] of Object.entries(parsed)) if (FIELD[k]) ev.changes[FIELD[k]] = v.before
    if (Object.keys(ev.changes).length) p.events.push(ev)
  }

  const certs = new Map<string, CertSpan[]>()
  for (const [personId, number, issueDate, validUntil, status, endedOn] of stmt(sqlite, RATE_SQL.certs).raw().all(first, last, first) as [string, string, string, string, string, string | null][]) {
    const span: CertSpan = { personId, number, issueDate, validUntil, status, endedOn }
    const list = certs.get(personId)
    if (list) list.push(span)
    else certs.set(personId, [span])
  }
  const firstVerified = new Map(stmt(sqlite, RATE_SQL.verified).raw().all(last) as [string, string][])
  return { days, people, certs, firstVerified }
}

/** her migrant facts on `day`: today's, or the `before` of the first event after that day that changed them */
export function stateOn(p: RatePersonBase, day: string): DayState {
  if (!p.events.length || p.events[p.events.length - 1].date <= day) return p.now
  const s: DayState = { ...p.now }
  const seen = new Set<keyof DayState>()
  for (const e of p.events) {
    if (e.date <= day) continue
    for (const k of Object.keys(e.changes) as (keyof DayState)[]) {
      if (seen.has(k)) continue
      seen.add(k)
      ;(s as unknown as Record<string, unknown>)[k] = e.changes[k] ?? (k === 'place' ? '' : null)
    }
  }
  return s
}

/** which rate counts her in its denominator on `day` (out-migrant: certificate, in-migrant: verification), with her state then; null: neither */
export function baseOn(p: RatePersonBase, day: string, w = ageWindow(day)): { kind: RateKind; state: DayState } | null {
  if (p.birthDate <= w.lo || p.birthDate > w.hi) return null
  if (p.state !== 'active' && !(p.exitDate && p.exitDate > day)) return null
  const s = stateOn(p, day)
  if (s.status !== 'out' && s.status !== 'in') return null
  if (s.since && s.since > day) return null
  return { kind: s.status === 'out' ? 'certificate' : 'verification', state: s }
}

/** the certificate valid on `day` (issued by then, not past its last day, not ended by renewal or voiding) */
export function validOn(certs: CertSpan[] | undefined, day: string): CertSpan | null {
  if (!certs) return null
  for (const c of certs) if (c.issueDate <= day && day <= c.validUntil && (c.status === 'valid' || (c.endedOn !== null && c.endedOn > day))) return c
  return null
}

/** is she counted in the rate's numerator on `day` */
export function countedOn(b: RateBase, p: RatePersonBase, kind: RateKind, day: string): boolean {
  if (kind === 'certificate') return validOn(b.certs.get(p.id), day) !== null
  const v = b.firstVerified.get(p.id)
  return v !== undefined && v <= day
}
