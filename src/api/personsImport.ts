/**
 * Roster import (花名册导入): an xlsx or CSV file as townships keep it, checked row by row
 * before anything is written. Both methods are long jobs (see jobs.ts): `persons.importCheck`
 * reads and checks (the preview: column mapping, every problem by row and column, an error
 * report), `persons.import` does the same and then writes in one transaction — every row, or
 * with `validOnly` the valid rows only.
 *
 * Problems come with `reason` already in the input's language (it is also the text of the
 * downloadable report and of the CLI's --json errors), and a stable `code`.
 */
import { z } from 'zod'
import { method, type FileOut } from './contract'
import { LANGS } from './station'

/** the register's facts a roster column can fill (servicePoint: the village by name) */
export const IMPORT_FIELDS = [
  'idNumber', 'name', 'sex', 'birthDate', 'phone', 'hukouRegion', 'hukouAddress', 'servicePoint', 'residenceAddress',
  'maritalStatus', 'maritalDate', 'spouseName', 'spouseIdNumber', 'boys', 'girls', 'contraception', 'contraceptionSince',
  'migrantStatus', 'migrantPlace', 'migrantSince'
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

/** a roster up to ~60 MB of base64 (≈45 MB of xlsx: far above 100,000 rows) */
const MAX_BASE64 = 64 * 1024 * 1024

export const importCheckInput = z.object({
  filename: z.string().trim().min(1).max(260),
  base64: z.string().min(1).max(MAX_BASE64),
  /** the sheet to read (default: the first with data) */
  sheet: z.string().max(100).optional(),
  /** the user's edits of the column mapping: field -> column index (0-based), null = not imported */
  mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(1000).nullable()).default({}),
  /** update people already in the register (as correction events) instead of skipping them */
  updateExisting: z.boolean().default(false),
  lang: z.enum(LANGS).default('zh-CN'),
  /** how many problems the answer lists (the report always has them all) */
  maxProblems: z.number().int().min(0).max(1_000_000).default(2000)
})

export const importInput = importCheckInput.extend({
  /** false (default): all or nothing; true: import the valid rows, reject the others */
  validOnly: z.boolean().default(false)
})

export interface ImportColumn {
  /** 0-based index of the column in the sheet */
  index: number
  /** the header as written in the sheet */
  header: string
  field: ImportField | null
  /** the first few values under it, as text */
  samples: string[]
}

export interface ImportProblem {
  /** the row number as the sheet shows it */
  row: number
  /** the header as written in the sheet ('' when the problem is not in one column) */
  column: string
  field: string | null
  /** value codes (date_format, id_as_number …), required, duplicate_in_file, service_point_unknown, the person rules (id_checksum …) */
  code: string
  /** in the input's language */
  reason: string
}

/** what a check found; the rows are not written */
export interface ImportCheck {
  filename: string
  /** the sheet read */
  sheet: string
  /** every worksheet of the workbook (one for a CSV): another can be chosen with the input's `sheet` */
  sheets: string[]
  /** the header's sheet row (null: none found) */
  headerRow: number | null
  columns: ImportColumn[]
  /** problems of the file itself (no header, a required column missing): nothing can be imported */
  fileProblems: ImportProblem[]
  /** data rows read (blank, total and signature rows not counted) */
  rows: number
  /** rows that would be added */
  valid: number
  /** rows with at least one problem */
  rejected: number
  /** rows whose ID is in the register already: skipped, or with updateExisting … */
  existing: number
  /** … those of them that would change (correction events) */
  updates: number
  /** every problem, in sheet order, up to maxProblems */
  problems: ImportProblem[]
  problemCount: number
  /** where the data ended (a total or signature row), null: at the last row */
  endRow: number | null
  /** the rejected rows with their reasons, as xlsx (null when nothing was rejected) */
  report: FileOut | null
}

export interface ImportResult extends ImportCheck {
  imported: number
  /** existing people changed by correction events (updateExisting) */
  updated: number
  /** existing people left as they were */
  skipped: number
}

const REGISTER = ['head', 'clinician', 'clerk'] as const

export const personsImportApi = {
  'persons.importCheck': method<ImportCheck>()({ input: importCheckInput, roles: REGISTER, kind: 'read', job: true }),
  /** nothing written when any row is rejected, unless validOnly (VALIDATION when the file itself cannot be read) */
  'persons.import': method<ImportResult>()({ input: importInput, roles: REGISTER, kind: 'write', job: true })
}
