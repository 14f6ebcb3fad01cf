/**
 * Certificate numbers: `<station code>-<year>-<5-digit serial>`, the year of the issue date,
 * serials from 00001 each year, never reused. The next serial is one above the highest of
 * (a) the database's highest serial or recorded gap of that year and (b) the counter kept
 * outside the database (src/core/counters.ts, key 'certificate.<year>'). When the counter is
 * above the database, the serials between were handed out by a database that is no longer this
 * one (an older backup was restored since) or by a write that did not commit: they are
 * recorded as a gap, with that explanation, in the same transaction as the certificate that
 * notices them. So every serial up to the highest is a certificate or an explained gap.
 */
import type { NumberingYear } from '../../api/certificates'
import type { Ctx } from '../context'
import { readCounter, readCounters, raiseCounter, type Counter } from '../counters'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { newId } from '../ids'

type Gap = NumberingYear['gaps'][number]
type GapReason = Gap['reason']

export const MAX_SERIAL = 99_999
export const counterKey = (year: number): string => `certificate.${year}`

export function certificateNumber(stationCode: string, year: number, serial: number): string {
  return `${stationCode}-${year}-${String(serial).padStart(5, '0')}`
}

/** the highest serial of the year the database accounts for: a certificate or a recorded gap */
function dbHighest(sqlite: Sqlite, year: number): number {
  const r = stmt(
    sqlite,
    `SELECT max(coalesce((SELECT max(serial) FROM certificates WHERE year = ?), 0),
                coalesce((SELECT max(to_serial) FROM certificate_gaps WHERE year = ?), 0)) AS n`
  ).get(year, year) as { n: number }
  return r.n
}

/** actions a restore writes into the database it puts in place (src/core/backups/restore.ts) */
const RESTORE_ACTIONS = ['backups.restore', 'backups.restoreFile', 'recovery.restore']

/** why the counter is above the database: a restore recorded at or after the counter was last raised, else a lost write */
function gapReason(sqlite: Sqlite, counter: Counter): GapReason {
  const restored = stmt(sqlite, `SELECT 1 FROM audit_log WHERE action IN (${RESTORE_ACTIONS.map(() => '?').join(', ')}) AND at >= ? LIMIT 1`).get(...RESTORE_ACTIONS, counter.at)
  return restored ? 'restored_backup' : 'not_recorded'
}

/**
 * The next serial of the year, recording the serials the counter is ahead of the database by.
 * Runs inside the issuing write transaction; raise the counter with `useSerial` as its last step.
 */
export function takeSerial(ctx: Ctx, year: number): number {
  const counter = readCounter(ctx.runtime.paths.counters, counterKey(year))
  const highest = dbHighest(ctx.sqlite, year)
  if (counter && counter.value > highest) {
    const reason = gapReason(ctx.sqlite, counter)
    const at = ctx.nowIso()
    const from = highest + 1
    const to = counter.value
    stmt(
      ctx.sqlite,
      `INSERT INTO certificate_gaps (id, year, from_serial, to_serial, reason, noticed_at, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(newId(), year, from, to, reason, at, at, at, ctx.user().actor)
    ctx.audit({
      entity: 'certificate',
      entityId: `numbering.${year}`,
      summary: `certificate serials ${from}–${to} of ${year} skipped (${reason})`,
      msg: [reason === 'restored_backup' ? 'certificate.gapRestored' : 'certificate.gapNotRecorded', { year, from, to }],
      details: { year, from, to, reason, counterAt: counter.at }
    })
  }
  const serial = Math.max(highest, counter?.value ?? 0) + 1
  if (serial > MAX_SERIAL) throw new AppError('CONFLICT', `all ${MAX_SERIAL} certificate numbers of ${year} are used`, { year })
  return serial
}

/** the counter outside the database follows the serial just written (call last, before the commit) */
export function useSerial(ctx: Ctx, year: number, serial: number): void {
  raiseCounter(ctx.runtime.paths.counters, counterKey(year), serial, ctx.nowIso())
}

interface GapRow {
  year: number
  from: number
  to: number
  reason: GapReason
  noticedAt: string
}

/**
 * Per year, newest first: certificates issued, the highest serial used, and every serial up to it
 * that is not a certificate, with why. Serials the counter is ahead by and no issue has recorded
 * yet are shown as the next issue will record them (noticed now).
 */
export function numbering(ctx: Ctx): NumberingYear[] {
  const sqlite = ctx.sqlite
  const counters = readCounters(ctx.runtime.paths.counters)
  const years = new Set<number>()
  for (const r of stmt(sqlite, 'SELECT DISTINCT year FROM certificates UNION SELECT DISTINCT year FROM certificate_gaps').all() as { year: number }[]) years.add(r.year)
  for (const k of Object.keys(counters)) {
    const m = /^certificate\.(\d{4})$/.exec(k)
    if (m && counters[k].value > 0) years.add(Number(m[1]))
  }
  const now = ctx.nowIso()
  const out: NumberingYear[] = []
  for (const year of [...years].sort((a, b) => b - a)) {
    const serials = (stmt(sqlite, 'SELECT serial FROM certificates WHERE year = ? ORDER BY serial').all(year) as { serial: number }[]).map((r) => r.serial)
    const gaps: Gap[] = (
      stmt(sqlite, 'SELECT year, from_serial AS "from", to_serial AS "to", reason, noticed_at AS noticedAt FROM certificate_gaps WHERE year = ? ORDER BY from_serial').all(year) as GapRow[]
    ).map(({ from, to, reason, noticedAt }) => ({ from, to, reason, noticedAt }))
    const counter = counters[counterKey(year)]
    let highest = Math.max(serials.at(-1) ?? 0, ...gaps.map((g) => g.to))
    if (counter && counter.value > highest) {
      gaps.push({ from: highest + 1, to: counter.value, reason: gapReason(sqlite, counter), noticedAt: now })
      highest = counter.value
    }
    // a serial neither issued nor explained would break the promise: say so rather than hide it
    const covered = new Set(serials)
    for (const g of gaps) for (let s = g.from; s <= g.to; s++) covered.add(s)
    for (let s = 1; s <= highest; s++) {
      if (covered.has(s)) continue
      let e = s
      while (e + 1 <= highest && !covered.has(e + 1)) e++
      gaps.push({ from: s, to: e, reason: 'not_recorded', noticedAt: now })
      s = e
    }
    gaps.sort((a, b) => a.from - b.from)
    out.push({ year, issued: serials.length, highest, gaps })
  }
  return out
}
