import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'
import { persons } from './persons'
import { servicePoints } from './station'

/**
 * Contraceptive inventory (避孕药具): products, lots, and the append-only ledger of stock moves.
 * Quantities are integers in the product's base unit (pieces, cycles, devices …). The moves
 * table is never updated or deleted (triggers in the migration); the stored balances (per lot,
 * and per product, month and kind of move) are kept in the same transaction as each move and
 * can be recomputed from the ledger (src/core/inventory/verify.ts).
 */
export const invProducts = sqliteTable(
  'inv_products',
  {
    ...baseColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    category: text('category').notNull(),
    /** the base unit quantities are kept in */
    unit: text('unit').notNull(),
    /** base units per pack, for display */
    packSize: integer('pack_size').notNull().default(1),
    packUnit: text('pack_unit').notNull().default('box'),
    /** base units one person may receive per calendar year; null: no limit */
    yearlyLimit: integer('yearly_limit'),
    minMonths: real('min_months').notNull().default(2),
    maxMonths: real('max_months').notNull().default(6),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    sort: integer('sort').notNull().default(0)
  },
  (t) => [uniqueIndex('inv_products_code').on(t.code)]
)

export const invLots = sqliteTable(
  'inv_lots',
  {
    ...baseColumns(),
    productId: text('product_id')
      .notNull()
      .references(() => invProducts.id),
    lotNumber: text('lot_number').notNull(),
    expiry: text('expiry').notNull(),
    maker: text('maker').notNull().default(''),
    /** stored balance on hand (sum of the lot's moves), kept with each move */
    balance: integer('balance').notNull().default(0)
  },
  (t) => [uniqueIndex('inv_lots_number').on(t.productId, t.lotNumber), index('inv_lots_fefo').on(t.productId, t.expiry, t.lotNumber, t.id)]
)

export const invMoves = sqliteTable(
  'inv_moves',
  {
    ...baseColumns(),
    /** entry order: moves of one date are ordered by it */
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    date: text('date').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => invProducts.id),
    lotId: text('lot_id')
      .notNull()
      .references(() => invLots.id),
    /** signed change of the lot, in base units */
    quantity: integer('quantity').notNull(),
    /** the operation (a receipt document, an issue, a stocktake) the move belongs to */
    batchId: text('batch_id').notNull(),
    documentNo: text('document_no').notNull().default(''),
    supplier: text('supplier').notNull().default(''),
    servicePointId: text('service_point_id').references(() => servicePoints.id),
    personId: text('person_id').references(() => persons.id),
    /** a reason from the kind's list (adjustment, wastage, stocktake, lot choice) */
    reason: text('reason').notNull().default(''),
    note: text('note').notNull().default(''),
    witness: text('witness').notNull().default(''),
    /** a reversal: the move it undoes (once: unique) */
    reversesId: text('reverses_id'),
    /** what a reversal counts against in consumption (issued/dispensed/returned quantity undone) */
    consumed: integer('consumed').notNull().default(0)
  },
  (t) => [
    uniqueIndex('inv_moves_seq').on(t.seq),
    uniqueIndex('inv_moves_reverses').on(t.reversesId).where(sql`${t.reversesId} IS NOT NULL`),
    index('inv_moves_lot').on(t.lotId, t.date, t.seq, t.quantity),
    index('inv_moves_product').on(t.productId, t.date, t.seq, t.quantity),
    index('inv_moves_person').on(t.personId, t.productId, t.date).where(sql`${t.personId} IS NOT NULL`),
    index('inv_moves_point').on(t.servicePointId, t.lotId).where(sql`${t.servicePointId} IS NOT NULL`),
    index('inv_moves_batch').on(t.batchId),
    index('inv_moves_document').on(t.documentNo).where(sql`${t.documentNo} <> ''`)
  ]
)

/** per product, month (YYYY-MM) and kind of move: the sum of quantities and of consumption */
export const invMonthTotals = sqliteTable(
  'inv_month_totals',
  {
    productId: text('product_id').notNull(),
    month: text('month').notNull(),
    kind: text('kind').notNull(),
    quantity: integer('quantity').notNull().default(0),
    consumed: integer('consumed').notNull().default(0)
  },
  (t) => [primaryKey({ columns: [t.productId, t.month, t.kind] }), index('inv_month_totals_month').on(t.month)]
)

export const invStocktakes = sqliteTable(
  'inv_stocktakes',
  {
    ...baseColumns(),
    date: text('date').notNull(),
    status: text('status', { enum: ['open', 'confirmed', 'cancelled'] }).notNull().default('open'),
    note: text('note').notNull().default(''),
    closedAt: text('closed_at'),
    closedBy: text('closed_by')
  },
  (t) => [index('inv_stocktakes_status').on(t.status, t.date)]
)

export const invStocktakeLines = sqliteTable(
  'inv_stocktake_lines',
  {
    stocktakeId: text('stocktake_id')
      .notNull()
      .references(() => invStocktakes.id),
    lotId: text('lot_id')
      .notNull()
      .references(() => invLots.id),
    productId: text('product_id').notNull(),
    /** on hand at the stocktake's date, by the ledger, when the sheet was made */
    expected: integer('expected').notNull(),
    counted: integer('counted'),
    reason: text('reason').notNull().default(''),
    note: text('note').notNull().default('')
  },
  (t) => [primaryKey({ columns: [t.stocktakeId, t.lotId] })]
)
