/** Reading the ledger and the stored balances: a move, stock on hand, the stock card. */
import type { ParsedInputOf } from '../../api/contract'
import type { Move, ProductStock, StockCard, LotStock } from '../../api/inventory'
import type { inventoryReportsApi } from '../../api/inventory/reports'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { daysBetween, localDate } from '../clock'
import { notFound } from '../errors'

const MOVE_COLUMNS = `m.id, m.seq, m.kind, m.date, m.product_id AS productId, p.name AS productName, m.lot_id AS lotId, l.lot_number AS lotNumber, l.expiry,
  m.quantity, m.document_no AS documentNo, m.supplier, m.service_point_id AS servicePointId, sp.name AS servicePointName, m.person_id AS personId,
  pe.name AS personName, m.reason, m.note, m.witness, m.reverses_id AS reversesId, (SELECT r.id FROM inv_moves r WHERE r.reverses_id = m.id) AS reversedById,
  m.created_at AS createdAt, m.updated_by AS createdBy`
const MOVE_FROM = `inv_moves m JOIN inv_products p ON p.id = m.product_id JOIN inv_lots l ON l.id = m.lot_id
  LEFT JOIN service_points sp ON sp.id = m.service_point_id LEFT JOIN persons pe ON pe.id = m.person_id`

export function loadMove(sqlite: Sqlite, id: string): Move {
  const m = stmt(sqlite, `SELECT ${MOVE_COLUMNS} FROM ${MOVE_FROM} WHERE m.id = ?`).get(id) as Move | undefined
  if (!m) throw notFound('move', id)
  return m
}

export const loadMoves = (sqlite: Sqlite, ids: string[]): Move[] => ids.map((id) => loadMove(sqlite, id))

/** whole days from a to b (YYYY-MM-DD) */

type StockInput = ParsedInputOf<(typeof inventoryReportsApi)['inventory.stock']>

interface StockRow {
  productId: string
  code: string
  name: string
  nameEn: string
  category: ProductStock['category']
  unit: ProductStock['unit']
  packUnit: ProductStock['packUnit']
  packSize: number
  lotId: string | null
  lotNumber: string | null
  expiry: string | null
  maker: string | null
  balance: number | null
}

/** on hand per product and lot, from the stored balances (one row per lot) */
export function stockOnHand(ctx: Ctx, input: StockInput): ProductStock[] {
  const today = localDate(ctx.clock)
  const where: string[] = []
  const params: unknown[] = []
  if (input.lotId) (where.push('l.id = ?'), params.push(input.lotId))
  if (input.productId) (where.push('p.id = ?'), params.push(input.productId))
  if (!input.lotId && !input.productId) where.push('(p.active = 1 OR l.balance <> 0)')
  const lotJoin = `LEFT JOIN inv_lots l ON l.product_id = p.id${input.includeEmpty || input.lotId ? '' : ' AND l.balance <> 0'}`
  const rows = stmt(
    ctx.sqlite,
    `SELECT p.id AS productId, p.code, p.name, p.name_en AS nameEn, p.category, p.unit, p.pack_unit AS packUnit, p.pack_size AS packSize,
      l.id AS lotId, l.lot_number AS lotNumber, l.expiry, l.maker, l.balance
     FROM inv_products p ${lotJoin} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.sort, p.code, l.expiry, l.lot_number`
  ).all(...params) as StockRow[]
  const out = new Map<string, ProductStock>()
  for (const r of rows) {
    let ps = out.get(r.productId)
    if (!ps) {
      ps = { productId: r.productId, code: r.code, name: r.name, nameEn: r.nameEn, category: r.category, unit: r.unit, packUnit: r.packUnit, packSize: r.packSize, onHand: 0, lots: [] }
      out.set(r.productId, ps)
    }
    if (r.lotId) {
      const days = daysBetween(today, r.expiry!)
      const lot: LotStock = { lotId: r.lotId, lotNumber: r.lotNumber!, expiry: r.expiry!, maker: r.maker ?? '', balance: r.balance ?? 0, daysToExpiry: days, expired: days < 0 }
      ps.lots.push(lot)
      ps.onHand += lot.balance
    }
  }
  if (input.lotId && out.size === 0) throw notFound('lot', input.lotId)
  return [...out.values()]
}

type CardInput = ParsedInputOf<(typeof inventoryReportsApi)['inventory.stockCard']>

/** a lot's or a product's moves in ledger order with the running balance, paged */
export function stockCard(ctx: Ctx, input: CardInput): StockCard {
  const col = input.lotId ? 'lot_id' : 'product_id'
  const key = (input.lotId ?? input.productId)!
  const offset = (input.page - 1) * input.pageSize
  const total = (stmt(ctx.sqlite, `SELECT count(*) AS n FROM inv_moves WHERE ${col} = ?`).get(key) as { n: number }).n
  const opening = (stmt(ctx.sqlite, `SELECT coalesce(sum(quantity), 0) AS q FROM (SELECT quantity FROM inv_moves WHERE ${col} = ? ORDER BY date, seq LIMIT ?)`).get(key, offset) as { q: number }).q
  // the page's moves found on the (lot|product, date, seq) index alone, then only they are read and joined:
  // an OFFSET over the joined rows read every earlier move of the card (~150 ms for the last page of 50,000)
  const moves = stmt(
    ctx.sqlite,
    `SELECT ${MOVE_COLUMNS} FROM ${MOVE_FROM} WHERE m.rowid IN (SELECT rowid FROM inv_moves WHERE ${col} = ? ORDER BY date, seq LIMIT ? OFFSET ?) ORDER BY m.date, m.seq`
  ).all(key, input.pageSize, offset) as Move[]
  let balance = opening
  const rows = moves.map((m) => ({ ...m, balance: (balance += m.quantity) }))
  return { rows, total, page: input.page, pageSize: input.pageSize, opening }
}
