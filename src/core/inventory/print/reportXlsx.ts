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

/** the sheet's layout: title, subtitle, header, then one row per product (tests read it back) */
export const REPORT_HEADER_ROW = 3

export async function buildStockReportXlsx(data: StockReportData, lang: Lang): Promise<Buffer> {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const { report, station } = data
  const en = lang === 'en'
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const ws = wb.addWorksheet(L('report.sheet'), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const cols: { header: string; width: number; num?: string }[] = [
    { header: L('report.col.code'), width: 16 },
    { header: L('report.col.product'), width: en ? 44 : 34 },
    { header: L('report.col.unit'), width: 8 },
    { header: L('report.col.packSize'), width: 10, num: '#,##0' },
    { header: L('report.col.opening'), width: 12, num: '#,##0' },
    ...MOVE_KINDS.map((k) => ({ header: kindWord(lang, k), width: 11, num: '+#,##0;-#,##0;0' })),
    { header: L('report.col.closing'), width: 12, num: '#,##0' },
    { header: L('report.col.consumed'), width: 11, num: '#,##0' },
    { header: L('report.col.amc'), width: 11, num: '#,##0.0' },
    { header: L('report.col.months'), width: 11, num: '0.0' }
  ]
  ws.addRow([`${L('report.title')} ${report.period}`])
  ws.mergeCells(1, 1, 1, cols.length)
  ws.getRow(1).font = { bold: true, size: 14 }
  ws.addRow([`${station.name} (${station.code})  ${L('report.period', { from: report.from, to: report.to })}  ${L('printedOn')}: ${data.printedOn}`])
  ws.mergeCells(2, 1, 2, cols.length)
  const header = ws.addRow(cols.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle' }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  cols.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width
    if (c.num) ws.getColumn(i + 1).numFmt = c.num
  })
  for (const r of report.rows)
    ws.addRow([
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
