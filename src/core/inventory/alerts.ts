/**
 * Stock alerts: lots on hand expiring within the configured days (or expired), and products
 * whose months of stock (on hand ÷ the average monthly consumption of the last 3 full months)
 * are below their minimum or above their maximum.
 */
import type { Alerts, ExpiryAlert, LevelAlert } from '../../api/inventory'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { daysBetween, localDate } from '../clock'
import { inventorySettings } from './products'
import { addMonths, averageConsumption, monthsOfStock } from './report'

export function stockAlerts(ctx: Ctx, days?: number): Alerts {
  const today = localDate(ctx.clock)
  const window = days ?? inventorySettings(ctx.sqlite).expiryAlertDays
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + window * 86_400_000).toISOString().slice(0, 10)
  const lots = stmt(
    ctx.sqlite,
    `SELECT p.id AS productId, p.name AS productName, p.unit, p.pack_unit AS packUnit, p.pack_size AS packSize, l.id AS lotId, l.lot_number AS lotNumber, l.expiry, l.balance
     FROM inv_lots l JOIN inv_products p ON p.id = l.product_id WHERE l.balance > 0 AND l.expiry <= ? ORDER BY l.expiry, p.sort, l.lot_number`
  ).all(until) as Omit<ExpiryAlert, 'daysToExpiry' | 'expired'>[]
  const expiring = lots.map((l) => ({ ...l, daysToExpiry: daysBetween(today, l.expiry), expired: l.expiry < today }))

  const lastFull = addMonths(today.slice(0, 7), -1)
  const amc = averageConsumption(ctx.sqlite, lastFull)
  const products = stmt(
    ctx.sqlite,
    `SELECT p.id AS productId, p.name AS productName, p.unit, p.pack_unit AS packUnit, p.pack_size AS packSize, p.min_months AS minMonths, p.max_months AS maxMonths,
      (SELECT coalesce(sum(l.balance), 0) FROM inv_lots l WHERE l.product_id = p.id AND l.expiry >= ?) AS onHand
     FROM inv_products p WHERE p.active = 1 ORDER BY p.sort, p.code`
  ).all(today) as Omit<LevelAlert, 'amc' | 'monthsOfStock' | 'level'>[]
  const levels: LevelAlert[] = []
  for (const p of products) {
    const a = amc.get(p.productId) ?? 0
    const mos = monthsOfStock(p.onHand, a)
    if (mos === null) continue
    if (mos < p.minMonths) levels.push({ ...p, amc: a, monthsOfStock: mos, level: 'below_min' })
    else if (mos > p.maxMonths) levels.push({ ...p, amc: a, monthsOfStock: mos, level: 'above_max' })
  }
  return { today, expiryAlertDays: window, amcMonths: [addMonths(lastFull, -2), addMonths(lastFull, -1), lastFull], expiring, levels }
}
