/**
 * Stock in and out: a receipt from the district (lots created or matched), an issue to a
 * service point and a dispense to a person (lots by FEFO, the person's yearly limit). Every
 * check runs before the first write; a refusal leaves nothing written (one transaction).
 */
import type { ParsedInputOf } from '../../api/contract'
import type { DispenseResult, MovesResult } from '../../api/inventory/moves'
import type { inventoryMovesApi } from '../../api/inventory/moves'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, notFound } from '../errors'
import { newId } from '../ids'
import { pickLots, type Take } from './fefo'
import { appendMove, checkMoveDate, type LotRow } from './ledger'
import { activeProduct } from './products'
import { loadMoves } from './read'
import { refuse, type Issue } from './refuse'

type In<M extends keyof typeof inventoryMovesApi> = ParsedInputOf<(typeof inventoryMovesApi)[M]>

export function receive(ctx: Ctx, input: In<'inventory.receive'>): MovesResult {
  checkMoveDate(ctx, input.date)
  const sqlite = ctx.sqlite
  const dup = stmt(sqlite, `SELECT id FROM inv_moves WHERE document_no = ? AND document_no <> '' AND kind = 'receipt' LIMIT 1`).get(input.documentNo) as { id: string } | undefined
  if (dup) throw new AppError('CONFLICT', `document ${input.documentNo} was received already`, { documentNo: input.documentNo, fields: [{ path: 'documentNo', rule: 'document_received', message: 'received already' }] })
  const issues: Issue[] = []
  const seen = new Map<string, string>()
  const lines = input.lines.map((l, i) => {
    const path = `lines.${i}.`
    let product
    try {
      product = activeProduct(sqlite, l.productId, `${path}productId`)
    } catch (e) {
      issues.push(...((e as AppError).details?.fields ?? []))
      return null
    }
    const existing = stmt(sqlite, 'SELECT id, product_id AS productId, lot_number AS lotNumber, expiry, maker, balance FROM inv_lots WHERE product_id = ? AND lot_number = ?').get(product.id, l.lotNumber) as LotRow | undefined
    const known = existing?.expiry ?? seen.get(`${product.id}\u0000${l.lotNumber}`)
    if (known && known !== l.expiry) issues.push({ path: `${path}expiry`, rule: 'lot_expiry_mismatch', message: `lot ${l.lotNumber} has expiry ${known}`, params: { existingExpiry: known, lotNumber: l.lotNumber } })
    else if (l.expiry < input.date) issues.push({ path: `${path}expiry`, rule: 'expired_on_receipt', message: `expired on ${l.expiry}, before the receipt`, params: { expiry: l.expiry } })
    seen.set(`${product.id}\u0000${l.lotNumber}`, l.expiry)
    return { ...l, productId: product.id, lot: existing }
  })
  if (issues.length) throw refuse(issues)

  const at = ctx.nowIso()
  const by = ctx.user().actor
  const batchId = newId()
  const ids: string[] = []
  for (const l of lines) {
    let lotId = l!.lot?.id ?? (stmt(sqlite, 'SELECT id FROM inv_lots WHERE product_id = ? AND lot_number = ?').get(l!.productId, l!.lotNumber) as { id: string } | undefined)?.id
    if (!lotId) {
      lotId = newId()
      stmt(sqlite, 'INSERT INTO inv_lots (id, created_at, updated_at, updated_by, product_id, lot_number, expiry, maker, balance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)').run(lotId, at, at, by, l!.productId, l!.lotNumber, l!.expiry, l!.maker)
    }
    ids.push(appendMove(ctx, { kind: 'receipt', date: input.date, productId: l!.productId, lotId, quantity: l!.quantity, batchId, documentNo: input.documentNo, supplier: input.supplier, note: input.note }))
  }
  const units = input.lines.reduce((s, l) => s + l.quantity, 0)
  ctx.audit({ entity: 'stockReceipt', entityId: batchId, summary: `received ${input.documentNo} from ${input.supplier}: ${input.lines.length} lines, ${units} units`, msg: ['inventory.received', { documentNo: input.documentNo, supplier: input.supplier, lines: input.lines.length }] })
  return { moves: loadMoves(sqlite, ids) }
}

export function issue(ctx: Ctx, input: In<'inventory.issue'>): MovesResult {
  checkMoveDate(ctx, input.date)
  const sqlite = ctx.sqlite
  const point = stmt(sqlite, 'SELECT id, name, active FROM service_points WHERE id = ?').get(input.servicePointId) as { id: string; name: string; active: number } | undefined
  if (!point) throw refuse([{ path: 'servicePointId', rule: 'service_point_unknown', message: `no service point ${input.servicePointId}` }])
  const batchId = newId()
  const ids: string[] = []
  input.lines.forEach((l, i) => {
    const path = `lines.${i}.`
    activeProduct(sqlite, l.productId, `${path}productId`)
    // picked line by line: a second line of the same product sees the first one's moves
    const takes = pickLots(sqlite, { productId: l.productId, quantity: l.quantity, date: input.date, lotId: l.lotId, lotReason: l.lotReason, path })
    for (const t of takes) ids.push(appendTake(ctx, t, { kind: 'issue', date: input.date, batchId, servicePointId: point.id, documentNo: input.documentNo, reason: l.lotId ? (l.lotReason ?? '') : '', note: input.note }))
  })
  ctx.audit({ entity: 'stockIssue', entityId: batchId, summary: `issued ${input.lines.length} lines to ${point.name}`, msg: ['inventory.issued', { point: point.name, lines: input.lines.length }] })
  return { moves: loadMoves(sqlite, ids) }
}

function appendTake(ctx: Ctx, t: Take, m: { kind: 'issue' | 'dispense'; date: string; batchId: string; servicePointId?: string; personId?: string; documentNo?: string; reason: string; note: string }): string {
  return appendMove(ctx, { ...m, productId: t.lot.productId, lotId: t.lot.id, quantity: -t.quantity })
}

/** a person's net quantity of a product in a calendar year: dispensed, less returned, reversals netted */
export function personYearTotal(ctx: Ctx, personId: string, productId: string, year: string): number {
  return -(stmt(ctx.sqlite, `SELECT coalesce(sum(quantity), 0) AS q FROM inv_moves WHERE person_id = ? AND product_id = ? AND date BETWEEN ? AND ?`).get(personId, productId, `${year}-01-01`, `${year}-12-31`) as { q: number }).q
}

export function dispense(ctx: Ctx, input: In<'inventory.dispense'>): DispenseResult {
  checkMoveDate(ctx, input.date)
  const sqlite = ctx.sqlite
  const person = stmt(sqlite, 'SELECT id, name, state FROM persons WHERE id = ?').get(input.personId) as { id: string; name: string; state: string } | undefined
  if (!person) throw notFound('person', input.personId)
  if (person.state !== 'active') throw refuse([{ path: 'personId', rule: 'person_exited', message: `${person.name} has left the register` }])
  const product = activeProduct(sqlite, input.productId)
  const before = personYearTotal(ctx, person.id, product.id, input.date.slice(0, 4))
  const over = product.yearlyLimit !== null && before + input.quantity > product.yearlyLimit
  if (over && !input.confirmLimit)
    throw refuse([{ path: 'confirmLimit', rule: 'yearly_limit', message: `${person.name} has had ${before} of ${product.yearlyLimit} this year: confirm to give ${input.quantity} more`, params: { limit: product.yearlyLimit!, already: before, requested: input.quantity } }])
  const takes = pickLots(sqlite, { productId: product.id, quantity: input.quantity, date: input.date, lotId: input.lotId, lotReason: input.lotReason })
  const batchId = newId()
  const note = over ? `${input.note}${input.note ? ' ' : ''}[yearly limit ${product.yearlyLimit} passed: confirmed]` : input.note
  const ids = takes.map((t) => appendTake(ctx, t, { kind: 'dispense', date: input.date, batchId, personId: person.id, reason: input.lotId ? (input.lotReason ?? '') : '', note }))
  ctx.audit({
    entity: 'person',
    entityId: person.id,
    summary: `dispensed ${input.quantity} ${product.code} to ${person.name}${over ? ' (over the yearly limit, confirmed)' : ''}`,
    msg: [over ? 'inventory.dispensedOverLimit' : 'inventory.dispensed', { name: person.name, product: product.name, quantity: input.quantity }]
  })
  return { moves: loadMoves(sqlite, ids), yearTotal: before + input.quantity, yearlyLimit: product.yearlyLimit }
}
