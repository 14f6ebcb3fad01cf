/**
 * Stocktake (盘点): the count sheet snapshots what the ledger expects per lot at the date; counts
 * are entered per lot; confirming (head) needs every lot counted and a reason for each
 * difference, checks the ledger still expects the same, and posts the gains and losses as moves
 * dated the stocktake's date — all in the method's one transaction.
 */
import type { Page, ParsedInputOf } from '../../api/contract'
import type { Stocktake, StocktakeLine, StocktakeRow } from '../../api/inventory/stocktake'
import type { inventoryStocktakeApi } from '../../api/inventory/stocktake'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError, notFound } from '../errors'
import { appendMove, checkMoveDate, lotOf } from './ledger'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
import { refuse, type Issue } from './refuse'

type In<M extends keyof typeof inventoryStocktakeApi> = ParsedInputOf<(typeof inventoryStocktakeApi)[M]>

/** on hand of a lot at the end of a date, by the ledger */
const EXPECTED = 'l.balance - coalesce((SELECT sum(m.quantity) FROM inv_moves m WHERE m.lot_id = l.id AND m.date > ?), 0)'

function expectedOf(sqlite: Sqlite, lotId: string, date: string): number {
  return (stmt(sqlite, `SELECT ${EXPECTED} AS e FROM inv_lots l WHERE l.id = ?`).get(date, lotId) as { e: number }).e
}

const HEAD = `s.id, s.date, s.status, s.note, s.created_at AS createdAt, s.updated_by AS createdBy, s.closed_at AS closedAt, s.closed_by AS closedBy,
  (SELECT count(*) FROM inv_stocktake_lines x WHERE x.stocktake_id = s.id AND x.counted IS NOT NULL) AS counted,
  (SELECT count(*) FROM inv_stocktake_lines x WHERE x.stocktake_id = s.id AND x.counted IS NOT NULL AND x.counted <> x.expected) AS differences`

export function loadStocktake(sqlite: Sqlite, id: string): Stocktake {
  const head = stmt(sqlite, `SELECT ${HEAD} FROM inv_stocktakes s WHERE s.id = ?`).get(id) as StocktakeRow | undefined
  if (!head) throw notFound('stocktake', id)
  const lines = stmt(
    sqlite,
    `SELECT x.lot_id AS lotId, x.product_id AS productId, p.code AS productCode, p.name AS productName, p.unit, p.pack_unit AS packUnit, p.pack_size AS packSize,
      l.lot_number AS lotNumber, l.expiry, x.expected, x.counted, x.reason, x.note
     FROM inv_stocktake_lines x JOIN inv_lots l ON l.id = x.lot_id JOIN inv_products p ON p.id = x.product_id
     WHERE x.stocktake_id = ? ORDER BY p.sort, p.code, l.expiry, l.lot_number`
  ).all(id) as Omit<StocktakeLine, 'variance'>[]
  return { ...head, lines: lines.map((l) => ({ ...l, variance: l.counted === null ? null : l.counted - l.expected })) }
}

export function listStocktakes(ctx: Ctx, input: In<'inventory.stocktakes'>): Page<StocktakeRow> {
  const total = (stmt(ctx.sqlite, 'SELECT count(*) AS n FROM inv_stocktakes').get() as { n: number }).n
  const rows = stmt(ctx.sqlite, `SELECT ${HEAD} FROM inv_stocktakes s ORDER BY s.date DESC, s.created_at DESC LIMIT ? OFFSET ?`).all(input.pageSize, (input.page - 1) * input.pageSize) as StocktakeRow[]
  return { rows, total, page: input.page, pageSize: input.pageSize }
}

/** an open stocktake, to change: counts, confirm (its gains and losses dated its date) or cancel — only in an open month */
function openStocktake(ctx: Ctx, id: string): Stocktake {
  const st = loadStocktake(ctx.sqlite, id)
  if (st.status !== 'open') throw new AppError('CONFLICT', `the stocktake is ${st.status}`, { rule: 'stocktake_closed', status: st.status, fields: [{ path: 'id', rule: 'stocktake_closed', message: st.status }] })
  assertPeriodOpen(ctx, st.date, 'date')
  return st
}

export function startStocktake(ctx: Ctx, input: In<'inventory.stocktakeStart'>): Stocktake {
  checkMoveDate(ctx, input.date)
  const sqlite = ctx.sqlite
  const open = stmt(sqlite, `SELECT id FROM inv_stocktakes WHERE status = 'open' LIMIT 1`).get() as { id: string } | undefined
  if (open) throw new AppError('CONFLICT', 'a stocktake is open already: confirm or cancel it first', { rule: 'stocktake_open', stocktakeId: open.id, fields: [{ path: 'date', rule: 'stocktake_open', message: 'one is open' }] })
  const id = newId()
  const at = ctx.nowIso()
  stmt(sqlite, 'INSERT INTO inv_stocktakes (id, created_at, updated_at, updated_by, date, status, note) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, at, at, ctx.user().actor, input.date, 'open', input.note)
  stmt(sqlite, `INSERT INTO inv_stocktake_lines (stocktake_id, lot_id, product_id, expected) SELECT ?, l.id, l.product_id, ${EXPECTED} AS e FROM inv_lots l WHERE e > 0`).run(id, input.date)
  const st = loadStocktake(sqlite, id)
  ctx.audit({ entity: 'stocktake', entityId: id, summary: `stocktake of ${input.date} started: ${st.lines.length} lots`, msg: ['inventory.stocktakeStarted', { date: input.date, lots: st.lines.length }] })
  return st
}

export function saveCounts(ctx: Ctx, input: In<'inventory.stocktakeCounts'>): Stocktake {
  const sqlite = ctx.sqlite
  const st = openStocktake(ctx, input.id)
  const onSheet = new Set(st.lines.map((l) => l.lotId))
  for (const c of input.counts) {
    if (!onSheet.has(c.lotId)) {
      const lot = lotOf(sqlite, c.lotId)
      stmt(sqlite, 'INSERT INTO inv_stocktake_lines (stocktake_id, lot_id, product_id, expected) VALUES (?, ?, ?, ?)').run(st.id, lot.id, lot.productId, expectedOf(sqlite, lot.id, st.date))
      onSheet.add(lot.id)
    }
    stmt(sqlite, 'UPDATE inv_stocktake_lines SET counted = ?, reason = ?, note = ? WHERE stocktake_id = ? AND lot_id = ?').run(c.counted, c.reason, c.note, st.id, c.lotId)
  }
  stmt(sqlite, 'UPDATE inv_stocktakes SET updated_at = ?, updated_by = ? WHERE id = ?').run(ctx.nowIso(), ctx.user().actor, st.id)
  ctx.audit({ entity: 'stocktake', entityId: st.id, summary: `stocktake of ${st.date}: ${input.counts.length} counts entered`, msg: ['inventory.stocktakeCounted', { date: st.date, lots: input.counts.length }] })
  return loadStocktake(sqlite, st.id)
}

export function confirmStocktake(ctx: Ctx, id: string): Stocktake {
  const sqlite = ctx.sqlite
  const st = openStocktake(ctx, id)
  const issues: Issue[] = []
  st.lines.forEach((l, i) => {
    if (l.counted === null) issues.push({ path: `lines.${i}.counted`, rule: 'uncounted', message: `lot ${l.lotNumber} is not counted`, params: { lotNumber: l.lotNumber } })
    else if (l.counted !== l.expected && !l.reason) issues.push({ path: `lines.${i}.reason`, rule: 'reason_required', message: `lot ${l.lotNumber}: give a reason for the difference of ${l.counted - l.expected}`, params: { lotNumber: l.lotNumber } })
  })
  if (issues.length) throw refuse(issues)
  const moved = st.lines.filter((l) => expectedOf(sqlite, l.lotId, st.date) !== l.expected)
  if (moved.length)
    throw new AppError('CONFLICT', `stock of ${moved.map((l) => l.lotNumber).join(', ')} moved on or before ${st.date} since the count sheet was made: start the stocktake again`, {
      rule: 'expected_changed',
      lotNumbers: moved.map((l) => l.lotNumber).join(', ')
    })
  let gains = 0
  let losses = 0
  for (const l of st.lines) {
    const diff = l.counted! - l.expected
    if (diff === 0) continue
    appendMove(ctx, { kind: diff > 0 ? 'stocktake_gain' : 'stocktake_loss', date: st.date, productId: l.productId, lotId: l.lotId, quantity: diff, batchId: st.id, reason: l.reason, note: l.note })
    if (diff > 0) gains += diff
    else losses -= diff
  }
  const at = ctx.nowIso()
  stmt(sqlite, `UPDATE inv_stocktakes SET status = 'confirmed', closed_at = ?, closed_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(at, ctx.user().actor, at, ctx.user().actor, st.id)
  ctx.audit({ entity: 'stocktake', entityId: st.id, summary: `stocktake of ${st.date} confirmed: +${gains} / −${losses}`, msg: ['inventory.stocktakeConfirmed', { date: st.date, gains, losses }] })
  return loadStocktake(sqlite, st.id)
}

export function cancelStocktake(ctx: Ctx, id: string): Stocktake {
  const st = openStocktake(ctx, id)
  const at = ctx.nowIso()
  stmt(ctx.sqlite, `UPDATE inv_stocktakes SET status = 'cancelled', closed_at = ?, closed_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(at, ctx.user().actor, at, ctx.user().actor, st.id)
  ctx.audit({ entity: 'stocktake', entityId: st.id, summary: `stocktake of ${st.date} cancelled`, msg: ['inventory.stocktakeCancelled', { date: st.date }] })
  return loadStocktake(ctx.sqlite, st.id)
}
