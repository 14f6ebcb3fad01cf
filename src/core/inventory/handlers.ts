import type { inventoryApi } from '../../api/inventory'
import type { Handlers } from '../handler'
import { stockAlerts } from './alerts'
import { adjust, destroy, returnStock, reverse, waste } from './corrections'
import { dispense, issue, receive } from './moves'
import { inventorySettings, listProducts, saveInventorySettings, saveProduct } from './products'
import { loadMove, stockCard, stockOnHand } from './read'
import { monthlyReport } from './report'
import { cancelStocktake, confirmStocktake, listStocktakes, loadStocktake, saveCounts, startStocktake } from './stocktake'
import { checkLedger } from './verify'

export const inventoryHandlers: Handlers<typeof inventoryApi> = {
  'inventory.products': (ctx, input) => listProducts(ctx, input.includeInactive),
  'inventory.productSave': (ctx, input) => saveProduct(ctx, input),
  'inventory.settings': (ctx) => inventorySettings(ctx.sqlite),
  'inventory.settingsSave': (ctx, input) => saveInventorySettings(ctx, input),
  'inventory.receive': (ctx, input) => receive(ctx, input),
  'inventory.issue': (ctx, input) => issue(ctx, input),
  'inventory.dispense': (ctx, input) => dispense(ctx, input),
  'inventory.return': (ctx, input) => returnStock(ctx, input),
  'inventory.adjust': (ctx, input) => adjust(ctx, input),
  'inventory.waste': (ctx, input) => waste(ctx, input),
  'inventory.destroy': (ctx, input) => destroy(ctx, input),
  'inventory.reverse': (ctx, input) => reverse(ctx, input),
  'inventory.stock': (ctx, input) => stockOnHand(ctx, input),
  'inventory.stockCard': (ctx, input) => stockCard(ctx, input),
  'inventory.move': (ctx, input) => loadMove(ctx.sqlite, input.id),
  'inventory.alerts': (ctx, input) => stockAlerts(ctx, input.days),
  'inventory.monthlyReport': (ctx, input) => monthlyReport(ctx.sqlite, input.period),
  'inventory.check': (ctx) => checkLedger(ctx.sqlite),
  'inventory.stocktakeStart': (ctx, input) => startStocktake(ctx, input),
  'inventory.stocktake': (ctx, input) => loadStocktake(ctx.sqlite, input.id),
  'inventory.stocktakes': (ctx, input) => listStocktakes(ctx, input),
  'inventory.stocktakeCounts': (ctx, input) => saveCounts(ctx, input),
  'inventory.stocktakeConfirm': (ctx, input) => confirmStocktake(ctx, input.id),
  'inventory.stocktakeCancel': (ctx, input) => cancelStocktake(ctx, input.id)
}
