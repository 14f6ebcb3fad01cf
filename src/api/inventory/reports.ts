/**
 * Reading stock: on hand per product and lot (stored balances), the stock card (moves with the
 * running balance), alerts (expiry, months of stock), the monthly report, and the check that
 * recomputes every stored balance from the ledger.
 */
import { z } from 'zod'
import { method, type Page } from '../contract'
import { paging } from '../common'
import { STOCK_KEEPERS, STOCK_READERS } from './products'
import type { Move, MoveKind, PackDisplay, ProductCategory } from './common'

export interface LotStock {
  lotId: string
  lotNumber: string
  expiry: string
  maker: string
  balance: number
  /** days from the station's today to the expiry (negative: expired) */
  daysToExpiry: number
  expired: boolean
}

export interface ProductStock extends PackDisplay {
  productId: string
  code: string
  name: string
  nameEn: string
  category: ProductCategory
  onHand: number
  lots: LotStock[]
}

export interface StockCardRow extends Move {
  /** the lot's (or the product's) balance after this move */
  balance: number
}

export interface StockCard extends Page<StockCardRow> {
  /** balance before the page's first row */
  opening: number
}

export interface ExpiryAlert extends PackDisplay {
  productId: string
  productName: string
  lotId: string
  lotNumber: string
  expiry: string
  balance: number
  daysToExpiry: number
  expired: boolean
}

export interface LevelAlert extends PackDisplay {
  productId: string
  productName: string
  onHand: number
  /** average monthly consumption of the last 3 full months (issued + dispensed − returned) */
  amc: number
  monthsOfStock: number
  minMonths: number
  maxMonths: number
  level: 'below_min' | 'above_max'
}

export interface Alerts {
  today: string
  expiryAlertDays: number
  /** the 3 full months the consumption is averaged over */
  amcMonths: string[]
  expiring: ExpiryAlert[]
  levels: LevelAlert[]
}

export interface MonthlyReportRow extends PackDisplay {
  productId: string
  code: string
  name: string
  nameEn: string
  opening: number
  /** signed change by kind of move (issues negative); opening + Σ columns = closing */
  columns: Record<MoveKind, number>
  closing: number
  /** this month's consumption (issued + dispensed − returned, net of reversals) */
  consumed: number
  /** average monthly consumption of this month and the two before */
  amc: number
  /** closing ÷ AMC; null when nothing was consumed */
  monthsOfStock: number | null
}

export interface MonthlyReport {
  period: string
  from: string
  to: string
  rows: MonthlyReportRow[]
}

export interface CheckResult {
  ok: boolean
  moves: number
  lots: number
  problems: { kind: 'lot_balance' | 'month_total' | 'negative'; lotId?: string; productId?: string; month?: string; moveKind?: string; date?: string; stored?: number; ledger?: number }[]
}

export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period' })

export const inventoryReportsApi = {
  'inventory.stock': method<ProductStock[]>()({
    input: z
      .object({ productId: z.string().min(1).optional(), lotId: z.string().min(1).optional(), includeEmpty: z.boolean().default(false) })
      .optional()
      .default({ includeEmpty: false }),
    roles: STOCK_READERS,
    kind: 'read'
  }),
  /** a lot's or a product's moves, oldest first, with the running balance; paged */
  'inventory.stockCard': method<StockCard>()({
    input: z
      .object({ lotId: z.string().min(1).optional(), productId: z.string().min(1).optional(), ...paging })
      .refine((v) => !!v.lotId !== !!v.productId, { path: ['lotId'], message: 'lot_or_product' }),
    roles: STOCK_READERS,
    kind: 'read'
  }),
  'inventory.move': method<Move>()({ input: z.object({ id: z.string().min(1) }), roles: STOCK_READERS, kind: 'read' }),
  /** expiring lots (within the setting's days unless given) and stock outside min/max months */
  'inventory.alerts': method<Alerts>()({
    input: z.object({ days: z.number().int().min(1).max(730).optional() }).optional().default({}),
    roles: STOCK_READERS,
    kind: 'read'
  }),
  'inventory.monthlyReport': method<MonthlyReport>()({ input: z.object({ period }), roles: STOCK_KEEPERS, kind: 'read' }),
  /** recomputes every stored balance from the ledger and looks for a lot below zero at any date */
  'inventory.check': method<CheckResult>()({ input: z.object({}).optional().default({}), roles: ['head'], kind: 'read' })
}
