/**
 * Stocktake (盘点): a count sheet of every lot on hand at a date (expected by the ledger), the
 * counts entered per lot, the variance with a reason per difference; confirming (head) posts
 * the gains and losses as moves, all in one transaction. One stocktake is open at a time.
 */
import { z } from 'zod'
import { method, type Page } from '../contract'
import { isoDate, paging, text } from '../common'
import { STOCK_KEEPERS } from './products'
import { STOCKTAKE_REASONS, type PackDisplay } from './common'

export interface StocktakeLine extends PackDisplay {
  lotId: string
  productId: string
  productCode: string
  productName: string
  lotNumber: string
  expiry: string
  expected: number
  counted: number | null
  /** counted − expected, null until counted */
  variance: number | null
  reason: string
  note: string
}

export interface Stocktake {
  id: string
  date: string
  status: 'open' | 'confirmed' | 'cancelled'
  note: string
  createdAt: string
  createdBy: string
  closedAt: string | null
  closedBy: string | null
  lines: StocktakeLine[]
  counted: number
  differences: number
}

export type StocktakeRow = Omit<Stocktake, 'lines'>

export const inventoryStocktakeApi = {
  /** the count sheet: expected per lot on hand at the date */
  'inventory.stocktakeStart': method<Stocktake>()({
    input: z.object({ date: isoDate, note: text(200).default('') }),
    roles: STOCK_KEEPERS,
    kind: 'write'
  }),
  'inventory.stocktake': method<Stocktake>()({ input: z.object({ id: z.string().min(1) }), roles: STOCK_KEEPERS, kind: 'read' }),
  'inventory.stocktakes': method<Page<StocktakeRow>>()({ input: z.object({ ...paging }).optional().default({ page: 1, pageSize: 50 }), roles: STOCK_KEEPERS, kind: 'read' }),
  /** counts per lot (a lot not on the sheet is added with what the ledger expects of it) */
  'inventory.stocktakeCounts': method<Stocktake>()({
    input: z.object({
      id: z.string().min(1),
      counts: z
        .array(
          z.object({
            lotId: z.string().min(1),
            counted: z.number({ message: 'quantity' }).int({ message: 'integer' }).min(0, { message: 'min0' }).max(10_000_000),
            reason: z.union([z.enum(STOCKTAKE_REASONS), z.literal('')]).default(''),
            note: text(200).default('')
          })
        )
        .min(1)
        .max(5000)
    }),
    roles: STOCK_KEEPERS,
    kind: 'write'
  }),
  /** every lot counted, a reason for each difference: posts the gains and losses (head) */
  'inventory.stocktakeConfirm': method<Stocktake>()({ input: z.object({ id: z.string().min(1) }), roles: ['head'], kind: 'write' }),
  'inventory.stocktakeCancel': method<Stocktake>()({ input: z.object({ id: z.string().min(1) }), roles: ['head'], kind: 'write' })
}
