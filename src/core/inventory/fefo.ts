/**
 * Which lots an issue or a dispense takes: earliest expiry first (FEFO) among the lots not
 * expired on the move's date, split over several when the first cannot give it all; a lot
 * chosen by hand needs a reason unless it is FEFO's own first pick. Expired lots are never taken.
 */
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError, fieldError } from '../errors'
import { checkTake, findLot, isExpired, lotAvailability, type LotRow } from './ledger'

export interface Take {
  lot: LotRow
  quantity: number
}

/** a product's lots good on a date, earliest expiry first, a few at a time after a key (expiry, lot number, id) */
const LOTS = `SELECT id, product_id AS productId, lot_number AS lotNumber, expiry, maker, balance FROM inv_lots
  WHERE product_id = ? AND balance > 0 AND expiry >= ? AND (expiry, lot_number, id) > (?, ?, ?) ORDER BY expiry, lot_number, id LIMIT 8`

/** lots FEFO would take from, in order, with what each can give on the date (read lazily: a take stops early) */
export function* fefoLots(sqlite: Sqlite, productId: string, date: string): Generator<{ lot: LotRow; available: number }> {
  let key = ['', '', '']
  for (;;) {
    const lots = stmt(sqlite, LOTS).all(productId, date, ...key) as LotRow[]
    for (const lot of lots) {
      const available = lotAvailability(sqlite, lot, date).available
      if (available > 0) yield { lot, available }
    }
    if (lots.length < 8) return
    const last = lots[lots.length - 1]
    key = [last.expiry, last.lotNumber, last.id]
  }
}

export interface Pick {
  productId: string
  quantity: number
  date: string
  lotId?: string
  lotReason?: string
  /** path prefix of the line's fields, e.g. "lines.0." */
  path?: string
}

export function pickLots(sqlite: Sqlite, p: Pick): Take[] {
  const path = p.path ?? ''
  if (p.lotId) {
    const lot = findLot(sqlite, p.lotId)
    if (!lot || lot.productId !== p.productId) throw fieldError(`${path}lotId`, 'lot_unknown', `no lot ${p.lotId} of this product`)
    if (isExpired(lot, p.date))
      throw new AppError('LOT_EXPIRED', `lot ${lot.lotNumber} expired on ${lot.expiry}`, { lotNumber: lot.lotNumber, expiry: lot.expiry, fields: [{ path: `${path}lotId`, rule: 'lot_expired', message: 'expired' }] })
    const first = fefoLots(sqlite, p.productId, p.date).next().value?.lot
    if (first && first.id !== lot.id && !p.lotReason)
      throw fieldError(`${path}lotReason`, 'lot_reason_required', `FEFO would take lot ${first.lotNumber} (expiry ${first.expiry}) first: give a reason for ${lot.lotNumber}`, { fefoLot: first.lotNumber, fefoExpiry: first.expiry })
    checkTake(sqlite, lot, p.date, p.quantity, `${path}quantity`)
    return [{ lot, quantity: p.quantity }]
  }
  const takes: Take[] = []
  let left = p.quantity
  for (const c of fefoLots(sqlite, p.productId, p.date)) {
    if (left === 0) break
    const q = Math.min(left, c.available)
    takes.push({ lot: c.lot, quantity: q })
    left -= q
  }
  if (left > 0) {
    const available = p.quantity - left
    const expired = (stmt(sqlite, 'SELECT coalesce(sum(balance), 0) AS n FROM inv_lots WHERE product_id = ? AND balance > 0 AND expiry < ?').get(p.productId, p.date) as { n: number }).n
    throw new AppError('INSUFFICIENT_STOCK', `${available} available on ${p.date}, ${p.quantity} requested`, {
      date: p.date,
      available,
      requested: p.quantity,
      expiredOnHand: expired,
      fields: [{ path: `${path}quantity`, rule: 'insufficient', message: `only ${available} available` }]
    })
  }
  return takes
}
