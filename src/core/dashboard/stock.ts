/**
 * The station home page's stock part: the stock alerts (lots expiring within the alert window,
 * expired lots still on hand, products below their minimum or above their maximum months of
 * stock) taken from the inventory core's own alerts function — so the card and the stock page
 * never count differently — and the moves dated this month. For the roles that read stock.
 */
import { inventoryApi } from '../../api/inventory'
import type { StockSummary } from '../../api/dashboard'
import type { MoveKind } from '../../api/inventory'
import type { Role } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { stockAlerts } from '../inventory/alerts'
import { nextMonthStart } from './screening'

/** who may see stock: the roles of the alerts */
const STOCK_ROLES = inventoryApi['inventory.alerts'].roles as readonly Role[]

/** lots and products listed on the card (the counts cover them all) */
export const STOCK_CARD_ROWS = 6

export const STOCK_SQL = {
  /** the month's moves per kind: one range of inv_moves_product (product_id, date, …) per product */
  moves: `SELECT m.kind, count(*) AS n FROM inv_moves m WHERE m.product_id IN (SELECT id FROM inv_products) AND m.date >= ? AND m.date < ? GROUP BY m.kind`,
  namesEn: 'SELECT id, name_en AS nameEn FROM inv_products'
}

export function stockSummary(ctx: Ctx): StockSummary | null {
  if (!ctx.user().roles.some((r) => STOCK_ROLES.includes(r))) return null
  const a = stockAlerts(ctx)
  const month = a.today.slice(0, 7)
  const byKind = stmt(ctx.sqlite, STOCK_SQL.moves).all(`${month}-01`, nextMonthStart(month)) as { kind: MoveKind; n: number }[]
  const en = new Map((stmt(ctx.sqlite, STOCK_SQL.namesEn).all() as { id: string; nameEn: string }[]).map((p) => [p.id, p.nameEn]))
  const withEn = <T extends { productId: string }>(x: T) => ({ ...x, productNameEn: en.get(x.productId) ?? '' })
  return {
    today: a.today,
    month,
    expiryAlertDays: a.expiryAlertDays,
    amcMonths: a.amcMonths,
    belowMin: a.levels.filter((l) => l.level === 'below_min').length,
    aboveMax: a.levels.filter((l) => l.level === 'above_max').length,
    expiring: a.expiring.filter((l) => !l.expired).length,
    expired: a.expiring.filter((l) => l.expired).length,
    movesThisMonth: byKind.reduce((s, k) => s + k.n, 0),
    movesByKind: Object.fromEntries(byKind.map((k) => [k.kind, k.n])),
    lots: a.expiring.slice(0, STOCK_CARD_ROWS).map(withEn),
    // below the minimum first (a shortage is the more urgent), each group as the alerts order it
    levels: [...a.levels.filter((l) => l.level === 'below_min'), ...a.levels.filter((l) => l.level === 'above_max')].slice(0, STOCK_CARD_ROWS).map(withEn)
  }
}
