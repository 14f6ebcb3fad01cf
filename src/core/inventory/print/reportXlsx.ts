/**
 * The monthly stock report as an xlsx: one sheet, a row per product with every quantity a
 * number (base units), the moves signed as in the PDF, so the sheet sums and checks as it is:
 * opening + the ten move columns = closing. The pack size is a column of its own for whoever
 * wants packs.
 */
import ExcelJS from 'exceljs'
import { MOVE_KINDS } from '../../../api/inventory'
import type { StockReportData } from './reportPdf'
import { kindWord, unitWord, word, type Lang } from './words'

export { XLSX_MIME } from '../../files/titledSheet'
import { titledSheet, type SheetCell, type SheetCol } from '../../files/titledSheet'

/** the sheet's layout: title, subtitle, header, then one row per product (tests read it back) */
export const REPORT_HEADER_ROW = 3

export async function buildStockReportXlsx(data: StockReportData, lang: Lang): Promise<Buffer> {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const { report, station } = data
  const en = lang === 'en'
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const cols: SheetCol[] = [
    { header: L('report.col.code'), width: 16 },
    { header: L('report.col.product'), width: en ? 44 : 34 },
    { header: L('report.col.unit'), width: 8 },
    { header: L('report.col.packSize'), width: 10, fmt: '#,##0' },
    { header: L('report.col.opening'), width: 12, fmt: '#,##0' },
    ...MOVE_KINDS.map((k) => ({ header: kindWord(lang, k), width: 11, fmt: '+#,##0;-#,##0;0' })),
    { header: L('report.col.closing'), width: 12, fmt: '#,##0' },
    { header: L('report.col.consumed'), width: 11, fmt: '#,##0' },
    { header: L('report.col.amc'), width: 11, fmt: '#,##0.0' },
    { header: L('report.col.months'), width: 11, fmt: '0.0' }
  ]
  const rows: SheetCell[][] = report.rows.map((r) => [
    r.code,
    en && r.nameEn ? r.nameEn : r.name,
    unitWord(lang, r.unit),
    r.packSize,
    r.opening,
    ...MOVE_KINDS.map((k) => r.columns[k]),
    r.closing,
    r.consumed,
    r.amc,
    r.monthsOfStock
  ])
  const subtitle = `${station.name} (${station.code})  ${L('report.period', { from: report.from, to: report.to })}  ${L('printedOn')}: ${data.printedOn}`
  const ws = titledSheet(wb, L('report.sheet'), `${L('report.title')} ${report.period}`, subtitle, cols, rows, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
  })
  ws.addRow([])
  const note = ws.addRow([L('report.note')])
  ws.mergeCells(note.number, 1, note.number, cols.length)
  note.alignment = { wrapText: true, vertical: 'top' }
  note.height = 45
  note.font = { color: { argb: 'FF555555' }, size: 9 }
  ws.views = [{ state: 'frozen', ySplit: REPORT_HEADER_ROW, xSplit: 2 }]
  ws.pageSetup.printTitlesRow = `${REPORT_HEADER_ROW}:${REPORT_HEADER_ROW}`
  return Buffer.from(await wb.xlsx.writeBuffer())
}
