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
  const texts = cells.map((c) => cellText(c).replace(/[\s\u3000]/g, '').replace('：', ':')).filter((t) => t !== '')
  return texts.slice(0, 2).some((t) => FOOTER.some((w) => t.startsWith(w)))
}

function idLike(row: SheetRow, idIndex: number | undefined): boolean {
  if (idIndex !== undefined) return cellText(row.cells[idIndex] ?? null) !== ''
  return row.cells.some((c) => /\d{15,}|\d\.\d+e\+?\d+/i.test(cellText(c)))
}

const TEXT_FIELDS = ['name', 'phone', 'hukouRegion', 'hukouAddress', 'servicePoint', 'residenceAddress', 'spouseName', 'migrantPlace'] as const
const DATE_FIELDS = ['birthDate', 'maritalDate', 'contraceptionSince', 'migrantSince'] as const

/** one cell of a mapped field, read into the draft or into a problem */
function readCell(draft: RowDraft, field: ImportField, v: CellValue, problem: (code: ProblemCode, message: string, params?: Record<string, string | number>) => void): void {
  const take = <T>(r: Read<T | null>, set: (x: T) => void) => {
    if (!r.ok) problem(r.code, r.message, r.params)
    else if (r.value !== null) set(r.value)
  }
  if (field === 'idNumber' || field === 'spouseIdNumber') {
    const r = readIdNumber(v)
    if (!r.ok) problem(r.code, r.message, r.params)
    else if (r.value) draft[field] = r.value
  } else if ((DATE_FIELDS as readonly string[]).includes(field)) take(readDate(v), (x) => (draft[field as (typeof DATE_FIELDS)[number]] = x))
  else if (field === 'sex') take(readEnum(SEX_WORDS, v), (x) => (draft.sex = x))
  else if (field === 'maritalStatus') take(readEnum(MARITAL_WORDS, v), (x) => (draft.maritalStatus = x))
  else if (field === 'contraception') take(readEnum(CONTRACEPTION_WORDS, v), (x) => (draft.contraception = x))
  else if (field === 'migrantStatus') take(readEnum(MIGRANT_WORDS, v), (x) => (draft.migrantStatus = x))
  else if (field === 'boys' || field === 'girls') take(readCount(v), (x) => (draft[field] = x))
  else if ((TEXT_FIELDS as readonly string[]).includes(field)) {
    const t = readText(v)
    if (!t) return
    if (field === 'servicePoint') draft.servicePointName = t
    else if (field === 'phone') draft.phone = t.replace(/\s/g, '')
    else draft[field as Exclude<(typeof TEXT_FIELDS)[number], 'servicePoint'>] = t
  }
}

/** the data rows under a header, read with its mapping */
export function readRows(sheet: Sheet, header: SheetHeader): ReadRows {
  const out: ReadRows = { rows: [], problems: [], blank: 0, endRow: null, subtotalRows: [] }
  const idIndex = header.mapping.idNumber?.index
  let lastId = -1
  for (let i = header.dataStart; i < sheet.rows.length; i++) if (!isBlankRow(sheet.rows[i].cells) && !isFooterRow(sheet.rows[i].cells) && idLike(sheet.rows[i], idIndex)) lastId = i
  const seen = new Map<string, number>()
  const mapped = Object.entries(header.mapping) as [ImportField, { index: number; header: string }][]

  for (let i = header.dataStart; i < sheet.rows.length; i++) {
    const sr = sheet.rows[i]
    if (isBlankRow(sr.cells)) {
      out.blank++
      continue
    }
    if (isFooterRow(sr.cells) && !idLike(sr, idIndex)) {
      if (i > lastId) {
        out.endRow = sr.row
        break
      }
      out.subtotalRows.push(sr.row)
      continue
    }
    const draft: RowDraft = {}
    const problems: ImportProblem[] = []
    for (const [field, col] of mapped) {
      readCell(draft, field, sr.cells[col.index] ?? null, (code, message, params) => problems.push({ row: sr.row, column: col.header, field, code, message, ...(params ? { params } : {}) }))
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
    out.rows.push({ row: sr.row, draft, problems })
    out.problems.push(...problems)
  }
  return out
}

/** header + rows in one go: what a preview shows before the user edits the mapping */
export function readRoster(sheet: Sheet): { header: SheetHeader; problems: ImportProblem[] } & Omit<ReadRows, 'problems'> {
  const header = findHeader(sheet)
  const rows = readRows(sheet, header)
  return { header, ...rows, problems: [...header.problems, ...rows.problems] }
}
