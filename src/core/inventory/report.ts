/**
 * The monthly report per product: opening, one column per kind of move, closing, consumption,
 * the average monthly consumption (AMC) and months of stock. Read from the month totals kept
 * with each move, never from the ledger: opening is the sum of every earlier month, so closing
 * of one month is the opening of the next by construction, and opening + Σ columns = closing.
 */
import { MOVE_KINDS, type MoveKind, type MonthlyReport, type MonthlyReportRow } from '../../api/inventory'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'

/** YYYY-MM moved by n months */
export function addMonths(period: string, n: number): string {
  const y = Number(period.slice(0, 4))
  const m = Number(period.slice(5, 7)) - 1 + n
  const yy = y + Math.floor(m / 12)
  return `${String(yy).padStart(4, '0')}-${String(((m % 12) + 12) % 12 + 1).padStart(2, '0')}`
}

export function lastDayOf(period: string): string {
  const y = Number(period.slice(0, 4))
  const m = Number(period.slice(5, 7))
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** consumption per product over the 3 months ending with `last`, averaged (one decimal) */
export function averageConsumption(sqlite: Sqlite, last: string): Map<string, number> {
  const rows = stmt(sqlite, 'SELECT product_id AS productId, sum(consumed) AS c FROM inv_month_totals WHERE month BETWEEN ? AND ? GROUP BY product_id').all(addMonths(last, -2), last) as { productId: string; c: number }[]
  return new Map(rows.map((r) => [r.productId, Math.round((Math.max(0, r.c) / 3) * 10) / 10]))
}

export const monthsOfStock = (onHand: number, amc: number): number | null => (amc > 0 ? Math.round((onHand / amc) * 10) / 10 : null)

const zeroColumns = (): Record<MoveKind, number> => Object.fromEntries(MOVE_KINDS.map((k) => [k, 0])) as Record<MoveKind, number>

export function monthlyReport(sqlite: Sqlite, period: string): MonthlyReport {
  const products = stmt(sqlite, `SELECT id, code, name, name_en AS nameEn, unit, pack_unit AS packUnit, pack_size AS packSize, active FROM inv_products ORDER BY sort, code`).all() as (Pick<MonthlyReportRow, 'code' | 'name' | 'nameEn' | 'unit' | 'packUnit' | 'packSize'> & { id: string; active: number })[]
  const opening = new Map((stmt(sqlite, 'SELECT product_id AS productId, sum(quantity) AS q FROM inv_month_totals WHERE month < ? GROUP BY product_id').all(period) as { productId: string; q: number }[]).map((r) => [r.productId, r.q]))
  const month = stmt(sqlite, 'SELECT product_id AS productId, kind, quantity, consumed FROM inv_month_totals WHERE month = ?').all(period) as { productId: string; kind: MoveKind; quantity: number; consumed: number }[]
  const amc = averageConsumption(sqlite, period)
  const rows = new Map<string, MonthlyReportRow>()
  for (const p of products) {
    const open = opening.get(p.id) ?? 0
    rows.set(p.id, {
      productId: p.id, code: p.code, name: p.name, nameEn: p.nameEn, unit: p.unit, packUnit: p.packUnit, packSize: p.packSize,
      opening: open, columns: zeroColumns(), closing: open, consumed: 0, amc: amc.get(p.id) ?? 0, monthsOfStock: null
    })
  }
  const touched = new Set<string>()
  for (const m of month) {
    const r = rows.get(m.productId)
    if (!r) continue
    r.columns[m.kind] += m.quantity
    r.closing += m.quantity
    r.consumed += m.consumed
    touched.add(m.productId)
  }
  const out: MonthlyReportRow[] = []
  for (const p of products) {
    const r = rows.get(p.id)!
    r.monthsOfStock = monthsOfStock(r.closing, r.amc)
    if (p.active === 1 || r.opening !== 0 || touched.has(p.id)) out.push(r)
  }
  return { period, from: `${period}-01`, to: lastDayOf(period), rows: out }
}
