/**
 * The closed-month guard: a write dated in a closed month is refused with PERIOD_CLOSED, naming
 * the month, on the date field at fault (details { period, fields: [{ path, rule: 'period_closed' }] }).
 * Every write handler of a dated record calls it where the date is known — for an edit, with both
 * the stored date and the new one. Months are the first 7 characters of a YYYY-MM-DD business date.
 */
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'

/** the month of a YYYY-MM-DD date (or of a YYYY-MM one) */
export const periodOf = (date: string): string => date.slice(0, 7)

/** the error for a write dated in a closed month: Chinese first (the CLI prints it too), English in brackets; the field's message English */
export function periodClosedError(period: string, path: string): AppError {
  const english = `the month ${period} is closed: nothing dated in it can be recorded or changed; to correct it, the station head reopens the month first`
  const message = `${period} 已关账，不能再记录或修改该月的数据；如需更正，请站长先重新开放该月。(${english})`
  return new AppError('PERIOD_CLOSED', message, { period, fields: [{ path, rule: 'period_closed', message: english }] })
}

export function isPeriodClosed(sqlite: Sqlite, period: string): boolean {
  return stmt(sqlite, `SELECT 1 FROM periods WHERE period = ? AND status = 'closed'`).get(period) !== undefined
}

/** the months closed now */
export function closedPeriods(sqlite: Sqlite): Set<string> {
  return new Set((stmt(sqlite, `SELECT period FROM periods WHERE status = 'closed'`).all() as { period: string }[]).map((r) => r.period))
}

/** refuses a write dated `date` (nothing to check when there is no date) when its month is closed */
export function assertPeriodOpen(ctx: Pick<Ctx, 'sqlite'>, date: string | null | undefined, path: string): void {
  if (!date) return
  const period = periodOf(date)
  if (isPeriodClosed(ctx.sqlite, period)) throw periodClosedError(period, path)
}

/**
 * For a bulk write: the closed months are read once, then each date is checked in memory.
 * `check(date, path)` throws like assertPeriodOpen; `closedOf(date)` answers the month when
 * closed (null when open), for a caller that reports bad rows rather than refusing the lot.
 */
export function periodChecker(ctx: Pick<Ctx, 'sqlite'>): { check(date: string | null | undefined, path: string): void; closedOf(date: string | null | undefined): string | null } {
  const closed = closedPeriods(ctx.sqlite)
  const closedOf = (date: string | null | undefined): string | null => (date && closed.has(periodOf(date)) ? periodOf(date) : null)
  return {
    closedOf,
    check(date, path) {
      const p = closedOf(date)
      if (p) throw periodClosedError(p, path)
    }
  }
}
