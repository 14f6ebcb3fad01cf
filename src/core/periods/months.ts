/**
 * Months (YYYY-MM) in the station's time zone: the current one, the station's first, the
 * first and last day of a month as YYYY-MM-DD bounds for the business dates, and the months
 * between two.
 */
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'

/** today's month in the station's zone */
export const currentPeriod = (ctx: Pick<Ctx, 'clock'>): string => localDate(ctx.clock).slice(0, 7)

/** a month has ended once the station's today is in a later one */
export const hasEnded = (period: string, current: string): boolean => period < current

/** the business dates of a month, as inclusive YYYY-MM-DD bounds (string order is date order) */
export const monthBounds = (period: string): [string, string] => [`${period}-01`, `${period}-31`]

/** the month the station was set up, in its zone (null before setup) */
export function setupPeriod(ctx: Pick<Ctx, 'sqlite' | 'clock'>): string | null {
  const s = stmt(ctx.sqlite, 'SELECT created_at AS at FROM station ORDER BY created_at LIMIT 1').get() as { at: string } | undefined
  return s ? localDate(ctx.clock, new Date(s.at)).slice(0, 7) : null
}

export function nextPeriod(period: string): string {
  const y = Number(period.slice(0, 4))
  const m = Number(period.slice(5, 7))
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${period.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`
}

/** every month from `from` to `to`, both included, oldest first (none when from is after to) */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let p = from; p <= to; p = nextPeriod(p)) out.push(p)
  return out
}
