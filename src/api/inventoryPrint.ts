/**
 * Inventory's printed documents: the monthly stock report (月报, A4 landscape PDF or xlsx, the
 * numbers of inventory.monthlyReport) and a stocktake's count sheet (盘点表, A4 PDF: per lot the
 * product, lot, expiry, what the ledger expects — hidden for a blind count —, a blank column for
 * the count, and signature lines). Paper and offset are the documents' print settings
 * (print.ts: stockReport, countSheet). Both are audited as exports.
 */
import { z } from 'zod'
import { method, type FileOut } from './contract'
import { period } from './inventory/reports'
import { STOCK_KEEPERS } from './inventory/products'
import { LANGS } from './station'

export const STOCK_REPORT_FORMATS = ['pdf', 'xlsx'] as const

export const inventoryPrintApi = {
  /** the monthly report as a file; who may read the report may export it */
  'inventory.reportFile': method<FileOut>()({
    input: z.object({ period, format: z.enum(STOCK_REPORT_FORMATS), lang: z.enum(LANGS).default('zh-CN') }),
    roles: STOCK_KEEPERS,
    kind: 'read'
  }),
  /** the count sheet of a stocktake; blind: without the expected quantities, so counters count */
  'inventory.countSheet': method<FileOut>()({
    input: z.object({ stocktakeId: z.string().min(1), blind: z.boolean().default(false), lang: z.enum(LANGS).default('zh-CN') }),
    roles: STOCK_KEEPERS,
    kind: 'read'
  })
}
