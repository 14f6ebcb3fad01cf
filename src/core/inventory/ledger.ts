/**
 * The append-only ledger of stock moves. Moves are ordered by date, then by entry order (seq);
 * a new move dated d goes after every move dated d or earlier. A move that takes stock is
 * refused when the lot's running balance would dip below zero at its position or at any later
 * one (INSUFFICIENT_STOCK naming the first date it would). Each move updates, in the same
 * transaction, the lot's stored balance and its product's month totals per kind of move, so
 * stock on hand is one row and the monthly report never reads the ledger.
 */
import type { MoveKind } from '../../api/inventory'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError, fieldError, notFound } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'

export interface NewMove {
  kind: MoveKind
  date: string
  productId: string
  lotId: string
  /** signed change of the lot */
  quantity: number
  batchId: string
  documentNo?: string
  supplier?: string
  servicePointId?: string | null
  personId?: string | null
  reason?: string
  note?: string
  witness?: string
  reversesId?: string | null
  /** consumption it counts for (set for reversals; derived from the kind otherwise) */
  consumed?: number
}

export interface LotRow {
  id: string
  productId: string
  lotNumber: string
  expiry: string
  maker: string
  balance: number
}

export function findLot(sqlite: Sqlite, id: string): LotRow | undefined {
  return stmt(sqlite, 'SELECT id, product_id AS productId, lot_number AS lotNumber, expiry, maker, balance FROM inv_lots WHERE id = ?').get(id) as LotRow | undefined
}

export function lotOf(sqlite: Sqlite, id: string): LotRow {
  const lot = findLot(sqlite, id)
  if (!lot) throw notFound('lot', id)
  return lot
}

/** a lot is expired on a date after its expiry (the expiry day itself is still good) */
export const isExpired = (lot: { expiry: string }, date: string): boolean => lot.expiry < date

/** consumption a move counts for in the monthly report's AMC: what left for service points and people, net of returns */
export const consumedBy = (kind: MoveKind, quantity: number): number => (kind === 'issue' || kind === 'dispense' || kind === 'return' ? -quantity : 0)

interface Later {
  date: string
  quantity: number
}

/**
 * What a lot can give on a date without going below zero then or later: the smallest running
 * balance from the end of that date on. `failDate(take)` names the first date a take would go negative.
 */
export function lotAvailability(sqlite: Sqlite, lot: LotRow, date: string): { available: number; failDate(take: number): string | null } {
  const later = stmt(sqlite, 'SELECT date, quantity FROM inv_moves WHERE lot_id = ? AND date > ? ORDER BY date, seq').all(lot.id, date) as Later[]
  let endOfDay = lot.balance
  for (const m of later) endOfDay -= m.quantity
  let available = endOfDay
  let running = endOfDay
  for (const m of later) {
    running += m.quantity
    if (running < available) available = running
  }
  return {
    available,
    failDate(take) {
      let r = endOfDay - take
      if (r < 0) return date
      for (const m of later) {
        r += m.quantity
        if (r < 0) return m.date
      }
      return null
    }
  }
}

export function insufficient(lot: LotRow, date: string, available: number, requested: number, path = 'quantity'): AppError {
  return new AppError('INSUFFICIENT_STOCK', `lot ${lot.lotNumber} would go below zero on ${date}: ${available} available, ${requested} requested`, {
    date,
    available: Math.max(0, available),
    requested,
    lotNumber: lot.lotNumber,
    lotId: lot.id,
    fields: [{ path, rule: 'insufficient', message: `only ${Math.max(0, available)} available` }]
  })
}

/** refuses a take of `take` units from the lot on `date` that would go below zero then or later */
export function checkTake(sqlite: Sqlite, lot: LotRow, date: string, take: number, path = 'quantity'): void {
  if (take <= 0) return
  const a = lotAvailability(sqlite, lot, date)
  if (take > a.available) throw insufficient(lot, a.failDate(take) ?? date, a.available, take, path)
}

/** appends a move after the checks; the lot's balance and the month totals move with it */
export function appendMove(ctx: Ctx, m: NewMove): string {
  const sqlite = ctx.sqlite
  const lot = lotOf(sqlite, m.lotId)
  if (!Number.isSafeInteger(m.quantity) || m.quantity === 0) throw fieldError('quantity', 'quantity_positive', 'a move changes the stock by a whole number of units')
  if (m.quantity < 0) checkTake(sqlite, lot, m.date, -m.quantity)
  const id = newId()
  const at = ctx.nowIso()
  const by = ctx.user().actor
  const seq = (stmt(sqlite, 'SELECT coalesce(max(seq), 0) + 1 AS s FROM inv_moves').get() as { s: number }).s
  const consumed = m.consumed ?? consumedBy(m.kind, m.quantity)
  stmt(
    sqlite,
    `INSERT INTO inv_moves (id, created_at, updated_at, updated_by, seq, kind, date, product_id, lot_id, quantity, batch_id, document_no, supplier,
      service_point_id, person_id, reason, note, witness, reverses_id, consumed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(id, at, at, by, seq, m.kind, m.date, lot.productId, lot.id, m.quantity, m.batchId, m.documentNo ?? '', m.supplier ?? '', m.servicePointId ?? null, m.personId ?? null,
    m.reason ?? '', m.note ?? '', m.witness ?? '', m.reversesId ?? null, consumed)
  stmt(sqlite, 'UPDATE inv_lots SET balance = balance + ? WHERE id = ?').run(m.quantity, lot.id)
  stmt(
    sqlite,
    `INSERT INTO inv_month_totals (product_id, month, kind, quantity, consumed) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (product_id, month, kind) DO UPDATE SET quantity = quantity + excluded.quantity, consumed = consumed + excluded.consumed`
  ).run(lot.productId, m.date.slice(0, 7), m.kind, m.quantity, consumed)
  return id
}

/** a move's date: a real date, not after the station's today, in an open month */
export function checkMoveDate(ctx: Ctx, date: string, path = 'date'): string {
  const today = localDate(ctx.clock)
  if (date > today) throw fieldError(path, 'date_future', `${date} is after today`, { today })
  assertPeriodOpen(ctx, date, path)
  return today
}

