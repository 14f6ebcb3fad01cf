/**
 * Roster import, step 1: a workbook (xlsx) or CSV file -> one sheet of rows of cell values, with
 * the sheet's own row numbers. A merged cell's value is given to every cell it spans (a village
 * merged down several rows applies to each of them). Cells keep their kind (number, Date, text):
 * values.ts needs it to tell an Excel date serial or an ID that Excel turned into a number.
 *
 * CSV: UTF-8 (with or without BOM) or, when the bytes are not valid UTF-8, GB18030 (a superset
 * of GBK, which townships' Excel uses when it saves CSV); quoted fields may hold commas, quotes
 * and newlines.
 */
import { readXlsx } from './xlsxReader'

export type CellValue = string | number | boolean | Date | null

export interface SheetRow {
  /** the row number as the sheet shows it (1-based) */
  row: number
  cells: CellValue[]
}

export interface Sheet {
  name: string
  rows: SheetRow[]
  /** every worksheet of the workbook, in its order (a township may keep one per village) */
  sheets?: string[]
}

/** codes: file_empty, file_unreadable, xls_unsupported, unsupported_format, merge_too_large, file_too_large */
export class ImportFileError extends Error {
  constructor(
    readonly code: 'file_empty' | 'file_unreadable' | 'xls_unsupported' | 'unsupported_format' | 'merge_too_large' | 'file_too_large',
    message: string
  ) {
    super(message)
  }
}

/** the text of a cell as a clerk would read it */
export function cellText(v: CellValue): string {
  if (v === null) return ''
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v)
  return String(v).trim()
}

export function isBlankRow(cells: CellValue[]): boolean {
  return cells.every((c) => cellText(c) === '')
}

function isZip(b: Uint8Array): boolean {
  return b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04
}

function isOle(b: Uint8Array): boolean {
  return b.length > 3 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0
}

/** reads the first worksheet that has any data (or the one named): see xlsxReader.ts */
export async function parseXlsx(data: Uint8Array, sheetName?: string): Promise<Sheet> {
  return readXlsx(data, sheetName)
}

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else GB18030 (GBK) */
export function decodeText(data: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data)
    return { text, encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030').decode(data), encoding: 'gb18030' }
  }
}

/** RFC 4180 CSV: quoted fields with commas, doubled quotes and newlines; CRLF or LF */
export function splitCsv(text: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      out.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    out.push(row)
  }
  return out
}

export function parseCsv(data: Uint8Array, name = 'CSV'): Sheet {
  const { text } = decodeText(data)
  // ="420302…" is how some systems keep a long number as text in a CSV
  const cell = (c: string): CellValue => {
    const t = c.trim().replace(/^="(.*)"$/s, '$1')
    return t === '' ? null : t
  }
  const rows = splitCsv(text).map((cells, i) => ({ row: i + 1, cells: cells.map(cell) }))
  return { name, rows }
}

/** by content (a zip is xlsx, an OLE file is the old .xls), then by the file name */
export async function parseFile(filename: string, data: Uint8Array, sheetName?: string): Promise<Sheet> {
  if (data.length === 0) throw new ImportFileError('file_empty', 'the file is empty')
  if (isZip(data)) return parseXlsx(data, sheetName)
  if (isOle(data)) throw new ImportFileError('xls_unsupported', 'an old .xls workbook: open it in Excel and save it as .xlsx (Excel Workbook), then import that')
  if (/\.(csv|txt)$/i.test(filename)) return parseCsv(data, filename.replace(/^.*[\\/]/, ''))
  throw new ImportFileError('unsupported_format', 'not an .xlsx workbook or a .csv file')
}
