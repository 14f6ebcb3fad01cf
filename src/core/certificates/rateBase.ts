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
 * Speed (200,000 people, 10,000 migrants: ~20 ms of CPU for 12 months): the women of migrant
 * status in the age window come from one range of persons_rates (a covering index, migration
 * 0011), each row packed into one string (a JS value per column costs more than the query),
 * with the in-migrants' first verification probed on verifications_person; the few people with
 * a migration event after the first day from the partial index person_events_migration; the
 * certificates valid at some time in the days' span in one scan, packed likewise. Each person
 * is reduced to the days she is 15–49 and in the register ([from, until)), so a day costs two
 * string comparisons.
 */
import type { RateKind } from '../../api/certificateRates'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { fieldError } from '../errors'
import { addMonths, lastDayOf } from '../inventory/report'
import { untilWrite } from '../db/untilWrite'
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
  /** she counts from her 15th birthday until her 50th or her exit date, whichever is first: from <= day < until */
  from: string
  until: string
  /** today's values */
  now: DayState
  /** migration events after the first day asked, oldest first */
  events: { date: string; changes: Partial<Record<keyof DayState, unknown>> }[]
  /** her first verification up to the last day asked */
  verified: string | null
}

/** a certificate's validity: issue date to its last valid day, unless it ended earlier (renewed or voided) */
export interface CertSpan {
  issueDate: string
  validUntil: string
  status: string
  endedOn: string | null
}

export interface RateBase {
  days: string[]
  people: RatePersonBase[]
  /** certificates per person, those valid at some time between the first and the last day */
  certs: Map<string, CertSpan[]>
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

/** the person packed: birth date, state, exit date, migrant status, since, service point (| between) */
const PACKED = `p.birth_date || '|' || p.state || '|' || coalesce(p.exit_date, '') || '|' || p.migrant_status || '|' || coalesce(p.migrant_since, '') || '|' || coalesce(p.service_point_id, '')`
const FIRST_VERIFIED = '(SELECT min(v.verified_on) FROM verifications v WHERE v.person_id = p.id AND v.verified_on <= ?)'

export const RATE_SQL = {
  /** out-migrant women whose birth date can be in the age band on one of the days: a range of persons_rates */
  out: `SELECT p.id, ${PACKED}, NULL FROM persons p WHERE p.migrant_status = 'out' AND p.sex = 'female' AND p.birth_date > ? AND p.birth_date <= ?`,
  /** in-migrant women likewise, with their first verification (verifications_person) */
  in: `SELECT p.id, ${PACKED}, ${FIRST_VERIFIED} FROM persons p WHERE p.migrant_status = 'in' AND p.sex = 'female' AND p.birth_date > ? AND p.birth_date <= ?`,
  /** migration events after a day: person_events_migration (partial index) */
  events: `SELECT person_id, date, changes FROM person_events WHERE type IN ('migration_out', 'migration_in') AND date > ? ORDER BY date, created_at, id`,
  person: `SELECT p.id, ${PACKED}, ${FIRST_VERIFIED} FROM persons p WHERE p.id = ? AND p.sex = 'female'`,
  /** certificates valid at some time in [first, last]: issued by the last day, not over before the first */
  verified: 'SELECT min(verified_on) FROM verifications WHERE person_id = ? AND verified_on <= ?',
  certs: `SELECT person_id, issue_date || '|' || valid_until || '|' || status || '|' || coalesce(ended_on, '') FROM certificates
    WHERE valid_until >= ? AND issue_date <= ? AND (status = 'valid' OR ended_on > ?)`
}

type Row = [string, string, string | null]

function base(r: Row): RatePersonBase {
  const [birthDate, state, exitDate, status, since, sp] = r[1].split('|')
  const fifty = `${String(Number(birthDate.slice(0, 4)) + 50).padStart(4, '0')}${birthDate.slice(4)}`
  const out = state === 'active' ? '9999-99-99' : exitDate
  return {
    id: r[0],
    birthDate,
    from: `${String(Number(birthDate.slice(0, 4)) + 15).padStart(4, '0')}${birthDate.slice(4)}`,
    until: out < fifty ? out : fifty,
    now: { status, since: since || null, servicePointId: sp || null, place: null },
    events: [],
    verified: r[2]
  }
}

/**
 * The base of a month's rates: its as-of day and those of the 11 months before, kept until the
 * next write. The rates page counts its trend from it, and the people list of the month reads
 * the same base (a superset of what the one day needs: each day's checks filter it) instead of
 * reading the register a second time.
 */
export function monthsBase(sqlite: Sqlite, month: string, today: string): RateBase {
  const days = Array.from({ length: 12 }, (_, i) => asOfDay(addMonths(month, i - 11), today))
  return untilWrite(sqlite, JSON.stringify(['rateBase', month, today]), () => loadRateBase(sqlite, days))
}

/** the people and certificates the rates need for these days (any order) */
export function loadRateBase(sqlite: Sqlite, days: string[]): RateBase {
  const sorted = [...days].sort()
  const first = sorted[0]
  const last = sorted[sorted.length - 1]
  const lo = ageWindow(first).lo
  const hi = ageWindow(last).hi
  const people: RatePersonBase[] = []
  for (const r of stmt(sqlite, RATE_SQL.out).raw().all(lo, hi) as Row[]) people.push(base(r))
  for (const r of stmt(sqlite, RATE_SQL.in).raw().all(last, lo, hi) as Row[]) people.push(base(r))
  const byId = new Map(people.map((p) => [p.id, p]))

  // people whose migrant facts changed after the first day: their earlier state comes from the events
  const events = stmt(sqlite, RATE_SQL.events).raw().all(first) as [string, string, string][]
  const unprobed = new Set<RatePersonBase>()
  for (const [personId, date, changes] of events) {
    let p = byId.get(personId)
    if (!p) {
      const row = stmt(sqlite, RATE_SQL.person).raw().get(last, personId) as Row | undefined
      if (!row) continue
      p = base(row)
      if (p.birthDate <= lo || p.birthDate > hi) continue
      byId.set(personId, p)
      people.push(p)
    }
    if (p.now.status === 'out') unprobed.add(p)
    const parsed = JSON.parse(changes) as Record<string, { before: unknown; after: unknown }>
    const ev: RatePersonBase['events'][number] = { date, changes: {} }
    for (const [k, v] of Object.entries(parsed)) if (FIELD[k]) ev.changes[FIELD[k]] = v.before
    if (Object.keys(ev.changes).length) p.events.push(ev)
  }
  // an out-migrant today who was an in-migrant on one of the days: her verifications count then
  for (const p of unprobed) p.verified = stmt(sqlite, RATE_SQL.verified).pluck().get(p.id, last) as string | null

  const certs = new Map<string, CertSpan[]>()
  for (const [personId, packed] of stmt(sqlite, RATE_SQL.certs).raw().all(first, last, first) as [string, string][]) {
    const [issueDate, validUntil, status, endedOn] = packed.split('|')
    const span: CertSpan = { issueDate, validUntil, status, endedOn: endedOn || null }
    const list = certs.get(personId)
    if (list) list.push(span)
    else certs.set(personId, [span])
  }
  return { days, people, certs }
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
export function baseOn(p: RatePersonBase, day: string): { kind: RateKind; state: DayState } | null {
  if (day < p.from || day >= p.until) return null
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
  return p.verified !== null && p.verified <= day
}
