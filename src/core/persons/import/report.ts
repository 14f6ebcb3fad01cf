/**
 * The error report of a roster import: the rejected rows as they were in the sheet (same header,
 * same cells) with a column naming every problem, and the cells at fault marked. A clerk fixes
 * the cells in Excel and imports the report itself: its problem columns are not read back.
 * A second sheet lists the rows skipped because the person is in the register already.
 */
import ExcelJS from 'exceljs'
import type { FileOut } from '../../../api/contract'
import type { ImportProblem } from '../../../api/personsImport'
import type { Lang } from '../../../api/station'
import type { SheetHeader } from './header'
import { cellText, type CellValue, type Sheet } from './parse'

const T = {
  'zh-CN': { title: '导入未通过的行（改正后可直接重新导入本表）', sheet: '未导入的行', reasons: '问题说明', row: '原表行号', skipped: '已在档案中（未导入）', skippedTitle: '身份证号已在档案中的行（未改动）', idNumber: '身份证号', name: '姓名' },
  en: { title: 'Rows not imported (fix them and import this sheet again)', sheet: 'Rows not imported', reasons: 'Problems', row: 'Row in the file', skipped: 'In the register', skippedTitle: 'Rows whose ID number is in the register already (left unchanged)', idNumber: 'ID number', name: 'Name' }
}

const BAD = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD8D8' } } as const
const HEAD = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const

export interface ReportInput {
  filename: string
  sheet: Sheet
  header: SheetHeader
  /** every problem of the rejected rows, in sheet order */
  problems: ImportProblem[]
  /** rows left out because the person is in the register (sheet row numbers) */
  skipped: number[]
  lang: Lang
}

function cellOut(v: CellValue): ExcelJS.CellValue {
  return v instanceof Date || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v)
}

export async function buildReport(r: ReportInput): Promise<FileOut> {
  const t = T[r.lang]
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const ws = wb.addWorksheet(t.sheet)
  const cols = r.header.columns
  const width = cols.reduce((m, c) => Math.max(m, c.index + 1), 0)
  const rowsByNumber = new Map(r.sheet.rows.map((s) => [s.row, s]))
  const byRow = new Map<number, ImportProblem[]>()
  for (const p of r.problems) {
    const list = byRow.get(p.row)
    if (list) list.push(p)
    else byRow.set(p.row, [p])
  }

  ws.addRow([t.title])
  ws.getRow(1).font = { bold: true, size: 13 }
  // the header as the sheet had it (one row: a two-row header's parts joined as 子女数(男))
  const headerCells: string[] = new Array(width).fill('')
  for (const c of cols) headerCells[c.index] = c.header
  const head = ws.addRow([...headerCells, t.reasons, t.row])
  head.font = { bold: true }
  head.eachCell((cell) => (cell.fill = HEAD))
  const idCols = new Set(cols.filter((c) => c.field === 'idNumber' || c.field === 'spouseIdNumber').map((c) => c.index + 1))
  for (let i = 1; i <= width; i++) ws.getColumn(i).width = idCols.has(i) ? 22 : 12
  for (const i of idCols) ws.getColumn(i).numFmt = '@'
  ws.getColumn(width + 1).width = 60
  ws.getColumn(width + 2).width = 10

  const colOf = new Map(cols.map((c) => [c.header, c.index + 1]))
  for (const [rowNo, problems] of byRow) {
    const src = rowsByNumber.get(rowNo)
    const cells: ExcelJS.CellValue[] = []
    for (let i = 0; i < width; i++) {
      const v = src?.cells[i] ?? null
      // an ID column stays text, so Excel cannot turn it into 4.2E+17 again
      cells.push(idCols.has(i + 1) && v !== null ? cellText(v) : cellOut(v))
    }
    const out = ws.addRow([...cells, problems.map((p) => (p.column ? `${p.column}：${p.reason}` : p.reason)).join('；'), rowNo])
    out.getCell(width + 1).alignment = { wrapText: true, vertical: 'top' }
    for (const p of problems) {
      const c = colOf.get(p.column)
      if (c) out.getCell(c).fill = BAD
    }
  }
  ws.views = [{ state: 'frozen', ySplit: 2 }]

  if (r.skipped.length) {
    const sk = wb.addWorksheet(t.skipped)
    sk.addRow([t.skippedTitle]).font = { bold: true }
    const h = sk.addRow([t.row, t.idNumber, t.name])
    h.font = { bold: true }
    const idIx = r.header.mapping.idNumber?.index
    const nameIx = r.header.mapping.name?.index
    for (const rowNo of r.skipped) {
      const src = rowsByNumber.get(rowNo)
      sk.addRow([rowNo, idIx !== undefined ? cellText(src?.cells[idIx] ?? null) : '', nameIx !== undefined ? cellText(src?.cells[nameIx] ?? null) : ''])
    }
    sk.getColumn(2).width = 22
    sk.getColumn(2).numFmt = '@'
  }

  const buf = Buffer.from(await wb.xlsx.writeBuffer())
  const base = r.filename.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '')
  const suffix = r.lang === 'en' ? 'errors' : '导入问题'
  return { filename: `${base}-${suffix}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: buf.toString('base64') }
}
