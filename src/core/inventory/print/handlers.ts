/**
 * The stock documents through the method table: the monthly report (PDF or xlsx) from
 * monthlyReport's numbers — never counted again here — and a stocktake's count sheet, each on
 * the paper and with the offset saved for it (print settings: stockReport, countSheet), each
 * audited as an export.
 */
import type { FileOut } from '../../../api/contract'
import type { inventoryPrintApi } from '../../../api/inventoryPrint'
import type { PrintDoc } from '../../../api/print'
import { localDate } from '../../clock'
import type { Ctx } from '../../context'
import type { Handlers } from '../../handler'
import { readPrintSettings } from '../../print/settings'
import { readStation } from '../../station/profile'
import { monthlyReport } from '../report'
import { loadStocktake } from '../stocktake'
import { renderCountSheet } from './countSheet'
import { renderStockReportPdf } from './reportPdf'
import { buildStockReportXlsx, XLSX_MIME } from './reportXlsx'
import type { Lang } from './words'

const PDF = 'application/pdf'

function pageOf(ctx: Ctx, doc: PrintDoc) {
  const s = readPrintSettings(ctx.sqlite, doc)
  return { paper: s.paper, offset: { x: s.offsetX, y: s.offsetY } }
}

const file = (filename: string, mime: string, bytes: Buffer): FileOut => ({ filename, mime, base64: bytes.toString('base64') })

export async function exportStockReport(ctx: Ctx, input: { period: string; format: 'pdf' | 'xlsx'; lang: Lang }): Promise<FileOut> {
  const station = readStation(ctx)
  const data = { report: monthlyReport(ctx.sqlite, input.period), station: { name: station.name, code: station.code }, printedOn: localDate(ctx.clock) }
  const name = `stock-report-${station.code}-${input.period}.${input.format}`
  const out =
    input.format === 'pdf'
      ? file(name, PDF, await renderStockReportPdf(data, input.lang, pageOf(ctx, 'stockReport')))
      : file(name, XLSX_MIME, await buildStockReportXlsx(data, input.lang))
  ctx.audit({
    entity: 'stockReport',
    entityId: input.period,
    summary: `exported the monthly stock report of ${input.period} (${input.format}, ${data.report.rows.length} products)`,
    msg: ['inventory.reportExported', { period: input.period, format: input.format }]
  })
  return out
}

export async function printCountSheet(ctx: Ctx, input: { stocktakeId: string; blind: boolean; lang: Lang }): Promise<FileOut> {
  const stocktake = loadStocktake(ctx.sqlite, input.stocktakeId)
  const station = readStation(ctx)
  const page = pageOf(ctx, 'countSheet')
  const pdf = await renderCountSheet({ stocktake, blind: input.blind, station: { name: station.name, code: station.code }, printedOn: localDate(ctx.clock) }, input.lang, page)
  ctx.audit({
    entity: 'stocktake',
    entityId: stocktake.id,
    summary: `printed the count sheet of the stocktake of ${stocktake.date}: ${stocktake.lines.length} lots${input.blind ? ', blind' : ''} (${page.paper})`,
    msg: [input.blind ? 'inventory.countSheetPrintedBlind' : 'inventory.countSheetPrinted', { date: stocktake.date, lots: stocktake.lines.length }]
  })
  return file(`count-sheet-${stocktake.date}${input.blind ? '-blind' : ''}.pdf`, PDF, pdf)
}

/** joined into the method table by src/core/handlers.ts */
export const inventoryPrintHandlers: Handlers<typeof inventoryPrintApi> = {
  'inventory.reportFile': (ctx, input) => exportStockReport(ctx, input),
  'inventory.countSheet': (ctx, input) => printCountSheet(ctx, input)
}
