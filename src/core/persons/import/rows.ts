/**
 * Roster import, step 4: the data rows under the header -> drafts of a person's facts, each with
 * its problems, numbered as in the sheet. Blank rows are skipped; total and signature rows
 * (合计, 总计, 小计, 制表人, 审核人, 填报人, 负责人, 日期 …) end the data. A 小计 row between
 * villages, with people below it, is skipped rather than taken as the end.
 *
 * Problem codes: those of values.ts, and required (no ID number or name), duplicate_in_file (an
 * ID number already on an earlier row).
 */
import type { PersonFacts } from '../../../api/persons'
import { findHeader, type HeaderProblem, type ImportField, type SheetHeader } from './header'
import { cellText, isBlankRow, type CellValue, type Sheet, type SheetRow } from './parse'
import { CONTRACEPTION_WORDS, MARITAL_WORDS, MIGRANT_WORDS, SEX_WORDS, readCount, readDate, readEnum, readIdNumber, readText, type Read, type ValueCode } from './values'

export type ProblemCode = ValueCode | 'required' | 'duplicate_in_file' | HeaderProblem['code']

export interface ImportProblem {
  /** the row number as the sheet shows it */
  row: number
  /** the header as written in the sheet ('' when the problem is not in one column) */
  column: string
  field: ImportField | null
  code: ProblemCode
  /** English fallback; the UI translates code + params */
  message: string
  params?: Record<string, string | number>
}

/** what one row says: only the facts its mapped, non-blank cells give; the village by name */
export type RowDraft = Partial<Omit<PersonFacts, 'servicePointId'>> & { servicePointName?: string }

export interface ImportRow {
  row: number
  draft: RowDraft
  problems: ImportProblem[]
}

export interface ReadRows {
  rows: ImportRow[]
  /** every row's problems, in sheet order */
  problems: ImportProblem[]
  /** blank rows skipped */
  blank: number
  /** the total or signature row where the data ended (null: it ran to the last row) */
  endRow: number | null
  /** total rows skipped between data rows (小计 per village) */
  subtotalRows: number[]
}

const FOOTER = ['合计', '总计', '小计', '共计', '制表', '审核', '填报人', '填表人', '负责人', '日期', '填报日期', '签字', '盖章', '注:', '说明:']

/**
 * a total or signature row: one of its first two non-blank cells starts with one of FOOTER's
 * words (spaces inside ignored), so a remark such as 注：已迁出 far right does not end the data
 */
export function isFooterRow(cells: CellValue[]): boolean {
  let seen = 0
  for (const c of cells) {
    if (typeof c !== 'string') {
      if (c !== null) seen++
    } else {
      const t = c.replace(/[\s\u3000]/g, '').replace('：', ':')
      if (t === '') continue
      if (FOOTER.some((w) => t.startsWith(w))) return true
      seen++
    }
    if (seen >= 2) return false
  }
  return false
}

function idLike(row: SheetRow, idIndex: number | undefined): boolean {
  if (idIndex !== undefined) return cellText(row.cells[idIndex] ?? null) !== ''
  return row.cells.some((c) => /\d{15,}|\d\.\d+e\+?\d+/i.test(cellText(c)))
}


/** one cell of a mapped field: the value it gives (null: nothing) or a failed Read */
function readCell(field: ImportField, v: CellValue): Read<unknown> {
  switch (field) {
    case 'idNumber':
    case 'spouseIdNumber':
      return readIdNumber(v)
    case 'birthDate':
    case 'maritalDate':
    case 'contraceptionSince':
    case 'migrantSince':
      return readDate(v)
    case 'sex':
      return readEnum(SEX_WORDS, v)
    case 'maritalStatus':
      return readEnum(MARITAL_WORDS, v)
    case 'contraception':
      return readEnum(CONTRACEPTION_WORDS, v)
    case 'migrantStatus':
      return readEnum(MIGRANT_WORDS, v)
    case 'boys':
    case 'girls':
      return readCount(v)
    case 'phone':
      return { ok: true, value: readText(v).replace(/\s/g, '') }
    default:
      return { ok: true, value: readText(v) }
  }
}

/** what reading the rows found besides the rows themselves */
export interface RowStats {
  blank: number
  endRow: number | null
  subtotalRows: number[]
}

/**
 * The data rows under a header, read with its mapping, one at a time (a caller that checks and
 * drops each row keeps 100,000 drafts out of memory). `at` is the row's index in sheet.rows.
 */
export function* eachRow(sheet: Sheet, header: SheetHeader, stats: RowStats): Generator<ImportRow & { at: number }> {
  const idIndex = header.mapping.idNumber?.index
  // the last row that holds a person (from the bottom up: the footer is a few rows, the data many)
  let lastId = -1
  for (let i = sheet.rows.length - 1; i >= header.dataStart && lastId < 0; i--) if (!isBlankRow(sheet.rows[i].cells) && !isFooterRow(sheet.rows[i].cells) && idLike(sheet.rows[i], idIndex)) lastId = i
  const seen = new Map<string, number>()
  const mapped = Object.entries(header.mapping) as [ImportField, { index: number; header: string }][]

  for (let i = header.dataStart; i < sheet.rows.length; i++) {
    const sr = sheet.rows[i]
    if (isBlankRow(sr.cells)) {
      stats.blank++
      continue
    }
    if (isFooterRow(sr.cells) && !idLike(sr, idIndex)) {
      if (i > lastId) {
        stats.endRow = sr.row
        return
      }
      stats.subtotalRows.push(sr.row)
      continue
    }
    const draft: RowDraft = {}
    const problems: ImportProblem[] = []
    const values = draft as Record<string, unknown>
    for (const [field, col] of mapped) {
      const r = readCell(field, sr.cells[col.index] ?? null)
      if (!r.ok) problems.push({ row: sr.row, column: col.header, field, code: r.code, message: r.message, params: r.params })
      else if (r.value !== null && r.value !== '') values[field === 'servicePoint' ? 'servicePointName' : field] = r.value
    }
    for (const f of ['idNumber', 'name'] as const) {
      const col = header.mapping[f]
      if (!draft[f] && !problems.some((p) => p.field === f)) problems.push({ row: sr.row, column: col?.header ?? '', field: f, code: 'required', message: `${f === 'idNumber' ? 'the ID number' : 'the name'} is empty` })
    }
    if (draft.idNumber) {
      const first = seen.get(draft.idNumber)
      if (first !== undefined) problems.push({ row: sr.row, column: header.mapping.idNumber?.header ?? '', field: 'idNumber', code: 'duplicate_in_file', message: `the same ID number is already on row ${first}`, params: { firstRow: first } })
      else seen.set(draft.idNumber, sr.row)
    }
    yield { row: sr.row, draft, problems, at: i }
  }
}

/** the data rows under a header, read with its mapping, all at once */
export function readRows(sheet: Sheet, header: SheetHeader): ReadRows {
  const out: ReadRows = { rows: [], problems: [], blank: 0, endRow: null, subtotalRows: [] }
  for (const { at: _at, ...r } of eachRow(sheet, header, out)) {
    out.rows.push(r)
    out.problems.push(...r.problems)
  }
  return out
}

/** header + rows in one go: what a preview shows before the user edits the mapping */
export function readRoster(sheet: Sheet): { header: SheetHeader; problems: ImportProblem[] } & Omit<ReadRows, 'problems'> {
  const header = findHeader(sheet)
  const rows = readRows(sheet, header)
  return { header, ...rows, problems: [...header.problems, ...rows.problems] }
}
