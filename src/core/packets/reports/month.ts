/**
 * The days of a period ('YYYY-MM', the station's time zone): first and last, as the
 * 'YYYY-MM-DD' strings every business date is stored as, so a month is one BETWEEN.
 */
import { periodMonth } from '../../../api/periods'
import { fieldError } from '../../errors'
import { lastDayOf } from '../../inventory/report'

export interface MonthDays {
  period: string
  first: string
  last: string
}

export function monthDays(period: string): MonthDays {
  if (!periodMonth.safeParse(period).success) throw fieldError('period', 'period', `${period} is not a month (YYYY-MM)`)
  return { period, first: `${period}-01`, last: lastDayOf(period) }
}
