/**
 * Contraceptive inventory (避孕药具): the contract. Products with lots; every change of stock is
 * a move in one append-only ledger (receipt, issue to a service point, dispense to a person,
 * return, adjustment, wastage, destruction of expired stock, stocktake gain/loss, reversal).
 * Quantities are whole numbers in the product's base unit (pieces, cycles, devices …); the pack
 * size is for display. No move may take a lot below zero at any date (moves ordered by date,
 * then entry order). The methods are split by concern under ./inventory/.
 */
import { inventoryMovesApi } from './inventory/moves'
import { inventoryProductsApi } from './inventory/products'
import { inventoryReportsApi } from './inventory/reports'
import { inventoryStocktakeApi } from './inventory/stocktake'

export * from './inventory/common'
export type * from './inventory/products'
export type * from './inventory/moves'
export type * from './inventory/reports'
export type * from './inventory/stocktake'

export const inventoryApi = {
  ...inventoryProductsApi,
  ...inventoryMovesApi,
  ...inventoryReportsApi,
  ...inventoryStocktakeApi
}
