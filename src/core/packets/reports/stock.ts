/**
 * reports/stock.json: the month's stock report exactly as inventory.monthlyReport gives it (one
 * row per product: opening, a column per kind of move, closing, consumption, AMC, months of
 * stock), read from the month totals each move keeps under its business date.
 */
import type { StockReport } from '../../../api/packetReports'
import type { Ctx } from '../../context'
import { monthlyReport } from '../../inventory/report'
import { monthDays } from './month'

export function stockReport(ctx: Ctx, period: string): StockReport {
  monthDays(period)
  const r = monthlyReport(ctx.sqlite, period)
  return { period: r.period, from: r.from, to: r.to, rows: r.rows }
}
