/**
 * Moves that correct or retire stock: a return into a lot (at most what the service point or
 * person received of it), an adjustment (head, reason + note), wastage (head), destruction of
 * expired stock with a witness (head), and the reversal that undoes a mistaken move — a
 * reversal is never reversed, and a move is reversed once.
 */
import type { ParsedInputOf } from '../../api/contract'
import type { MoveKind } from '../../api/inventory'
import type { inventoryMovesApi, MovesResult } from '../../api/inventory/moves'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, notFound } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
import { appendMove, checkMoveDate, isExpired, lotAvailability, lotOf } from './ledger'
import { loadMove, loadMoves } from './read'
import { refuse } from './refuse'

type In<M extends keyof typeof inventoryMovesApi> = ParsedInputOf<(typeof inventoryMovesApi)[M]>

const productName = (ctx: Ctx, id: string) => (stmt(ctx.sqlite, 'SELECT name FROM inv_products WHERE id = ?').get(id) as { name: string }).name

export function returnStock(ctx: Ctx, input: In<'inventory.return'>): MovesResult {
  checkMoveDate(ctx, input.date)
  const sqlite = ctx.sqlite
  const lot = lotOf(sqlite, input.lotId)
  let from: string
  let received: number
  if (input.servicePointId) {
    const p = stmt(sqlite, 'SELECT name FROM service_points WHERE id = ?').get(input.servicePointId) as { name: string } | undefined
    if (!p) throw refuse([{ path: 'servicePointId', rule: 'service_point_unknown', message: `no service point ${input.servicePointId}` }])
    from = p.name
    received = -(stmt(sqlite, 'SELECT coalesce(sum(quantity), 0) AS q FROM inv_moves WHERE service_point_id = ? AND lot_id = ?').get(input.servicePointId, lot.id) as { q: number }).q
  } else {
    const p = stmt(sqlite, 'SELECT name FROM persons WHERE id = ?').get(input.personId) as { name: string } | undefined
    if (!p) throw notFound('person', input.personId!)
    from = p.name
    received = -(stmt(sqlite, 'SELECT coalesce(sum(quantity), 0) AS q FROM inv_moves WHERE person_id = ? AND product_id = ? AND lot_id = ?').get(input.personId, lot.productId, lot.id) as { q: number }).q
  }
  if (input.quantity > received)
    throw refuse([{ path: 'quantity', rule: 'more_than_received', message: `${from} holds at most ${Math.max(0, received)} of lot ${lot.lotNumber}`, params: { received: Math.max(0, received), lotNumber: lot.lotNumber } }])
  const id = appendMove(ctx, { kind: 'return', date: input.date, productId: lot.productId, lotId: lot.id, quantity: input.quantity, batchId: newId(), servicePointId: input.servicePointId ?? null, personId: input.personId ?? null, reason: input.reason, note: input.note })
  ctx.audit({ entity: 'stockMove', entityId: id, summary: `${input.quantity} of lot ${lot.lotNumber} returned by ${from}`, msg: ['inventory.returned', { from, lot: lot.lotNumber, quantity: input.quantity }] })
  return { moves: loadMoves(sqlite, [id]) }
}

export function adjust(ctx: Ctx, input: In<'inventory.adjust'>): MovesResult {
  checkMoveDate(ctx, input.date)
  const lot = lotOf(ctx.sqlite, input.lotId)
  const q = input.direction === 'increase' ? input.quantity : -input.quantity
  const id = appendMove(ctx, { kind: 'adjustment', date: input.date, productId: lot.productId, lotId: lot.id, quantity: q, batchId: newId(), reason: input.reason, note: input.note })
  ctx.audit({ entity: 'stockMove', entityId: id, summary: `adjusted lot ${lot.lotNumber} by ${q} (${input.reason}: ${input.note})`, msg: ['inventory.adjusted', { lot: lot.lotNumber, quantity: q, reason: input.reason }] })
  return { moves: loadMoves(ctx.sqlite, [id]) }
}

export function waste(ctx: Ctx, input: In<'inventory.waste'>): MovesResult {
  checkMoveDate(ctx, input.date)
  const lot = lotOf(ctx.sqlite, input.lotId)
  const id = appendMove(ctx, { kind: 'wastage', date: input.date, productId: lot.productId, lotId: lot.id, quantity: -input.quantity, batchId: newId(), reason: input.reason, note: input.note })
  ctx.audit({ entity: 'stockMove', entityId: id, summary: `wasted ${input.quantity} of lot ${lot.lotNumber} (${input.reason})`, msg: ['inventory.wasted', { lot: lot.lotNumber, quantity: input.quantity, reason: input.reason }] })
  return { moves: loadMoves(ctx.sqlite, [id]) }
}

export function destroy(ctx: Ctx, input: In<'inventory.destroy'>): MovesResult {
  checkMoveDate(ctx, input.date)
  const lot = lotOf(ctx.sqlite, input.lotId)
  if (!isExpired(lot, input.date)) throw refuse([{ path: 'lotId', rule: 'not_expired', message: `lot ${lot.lotNumber} is good until ${lot.expiry}`, params: { expiry: lot.expiry, lotNumber: lot.lotNumber } }])
  const quantity = input.quantity ?? lotAvailability(ctx.sqlite, lot, input.date).available
  if (quantity <= 0) throw refuse([{ path: 'quantity', rule: 'nothing_to_destroy', message: `lot ${lot.lotNumber} holds nothing on ${input.date}`, params: { lotNumber: lot.lotNumber } }])
  const id = appendMove(ctx, { kind: 'destruction', date: input.date, productId: lot.productId, lotId: lot.id, quantity: -quantity, batchId: newId(), witness: input.witness, note: input.note })
  ctx.audit({ entity: 'stockMove', entityId: id, summary: `destroyed ${quantity} of expired lot ${lot.lotNumber} (${productName(ctx, lot.productId)}), witness ${input.witness}`, msg: ['inventory.destroyed', { lot: lot.lotNumber, quantity, witness: input.witness }] })
  return { moves: loadMoves(ctx.sqlite, [id]) }
}

/** the kinds a clerk may reverse: the moves a clerk makes */
const CLERK_REVERSIBLE: MoveKind[] = ['receipt', 'issue', 'dispense', 'return']

export function reverse(ctx: Ctx, input: In<'inventory.reverse'>): MovesResult {
  const sqlite = ctx.sqlite
  const m = loadMove(sqlite, input.moveId)
  if (m.kind === 'reversal')
    throw new AppError('CONFLICT', 'a reversal cannot be reversed: record the move again instead', { rule: 'reverse_reversal', fields: [{ path: 'moveId', rule: 'reverse_reversal', message: 'a reversal' }] })
  if (m.reversedById)
    throw new AppError('CONFLICT', 'this move was reversed already', { rule: 'already_reversed', reversalId: m.reversedById, fields: [{ path: 'moveId', rule: 'already_reversed', message: 'reversed already' }] })
  if (!ctx.user().roles.includes('head') && !CLERK_REVERSIBLE.includes(m.kind)) throw new AppError('FORBIDDEN', `only the head may reverse a ${m.kind}`, { kind: m.kind })
  const today = checkMoveDate(ctx, input.date ?? '0000-00-00')
  const date = input.date ?? today
  // the reversal's own date decides: undoing a move of a closed month in an open one is a correction
  assertPeriodOpen(ctx, date, 'date')
  if (date < m.date) throw refuse([{ path: 'date', rule: 'before_original', message: `the move is dated ${m.date}`, params: { originalDate: m.date } }])
  const consumed = (stmt(sqlite, 'SELECT consumed FROM inv_moves WHERE id = ?').get(m.id) as { consumed: number }).consumed
  const id = appendMove(ctx, {
    kind: 'reversal', date, productId: m.productId, lotId: m.lotId, quantity: -m.quantity, batchId: newId(), documentNo: m.documentNo, servicePointId: m.servicePointId,
    personId: m.personId, reason: m.kind, note: input.note, reversesId: m.id, consumed: -consumed
  })
  ctx.audit({ entity: 'stockMove', entityId: id, summary: `reversed the ${m.kind} of ${Math.abs(m.quantity)} (lot ${m.lotNumber}, ${m.date}): ${input.note}`, msg: ['inventory.reversed', { kind: m.kind, lot: m.lotNumber, quantity: Math.abs(m.quantity), date: m.date }] })
  return { moves: loadMoves(sqlite, [id]) }
}
