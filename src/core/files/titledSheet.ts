/**
 * A report sheet as the app's workbooks lay it out (exceljs): a bold title and a subtitle over
 * the table, each merged across it, a bold shaded header row frozen in place, column widths and
 * number formats, and optionally the last row (a total) in bold and a filter on the header.
 */
import type ExcelJS from 'exceljs'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export type SheetCell = string | number | null

export interface SheetCol {
  header: string
  width: number
  /** an Excel number format, e.g. '0.0%' for a rate held as a fraction, '#,##0' for a count */
  fmt?: string
}

export function titledSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  subtitle: string,
  cols: SheetCol[],
  rows: SheetCell[][],
  opts: { boldLast?: boolean; filter?: boolean; pageSetup?: Partial<ExcelJS.PageSetup> } = {}
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, opts.pageSetup ? { pageSetup: opts.pageSetup } : undefined)
  ws.addRow([title])
  ws.mergeCells(1, 1, 1, cols.length)
  ws.getRow(1).font = { bold: true, size: 14 }
  ws.addRow([subtitle])
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
    if (c.fmt) ws.getColumn(i + 1).numFmt = c.fmt
  })
  for (const r of rows) ws.addRow(r)
  if (opts.boldLast && rows.length) ws.getRow(ws.rowCount).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 3 }]
  if (opts.filter) ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: cols.length } }
  return ws
}
