import ExcelJS from 'exceljs'
import type { FileOut } from '../../api/contract'

export interface SheetColumn<R> {
  header: string
  width?: number
  /** a text column (Excel's "@" format): long digit strings such as ID numbers stay text when edited */
  text?: boolean
  value: (row: R) => string | number | boolean | null
}

export interface SheetSpec<R> {
  sheetName: string
  /** a title row above the header, as township registers have */
  title: string
  subtitle?: string
  columns: SheetColumn<R>[]
  rows: Iterable<R>
}

/** An xlsx with a title, a bold frozen header and auto filter: what a clerk expects from Excel. */
export async function buildXlsx<R>(filename: string, spec: SheetSpec<R>): Promise<FileOut> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const ws = wb.addWorksheet(spec.sheetName)
  const n = spec.columns.length
  ws.addRow([spec.title])
  ws.mergeCells(1, 1, 1, Math.max(1, n))
  ws.getRow(1).font = { bold: true, size: 14 }
  ws.getRow(1).alignment = { horizontal: 'center' }
  ws.addRow([spec.subtitle ?? ''])
  ws.mergeCells(2, 1, 2, Math.max(1, n))
  const header = ws.addRow(spec.columns.map((c) => c.header))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? 16
    if (c.text) ws.getColumn(i + 1).numFmt = '@'
  })
  for (const r of spec.rows) ws.addRow(spec.columns.map((c) => c.value(r)))
  ws.views = [{ state: 'frozen', ySplit: 3 }]
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: n } }
  const buf = Buffer.from(await wb.xlsx.writeBuffer())
  return { filename, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: buf.toString('base64') }
}
