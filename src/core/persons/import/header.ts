/**
 * Roster import, step 2: find the header row below the title and subtitle rows (填报单位, 日期),
 * and map header names that vary from township to township to our fields. A two-row header
 * (子女数 merged over 男 / 女) is read as "子女数(男)". The mapping says which header text each
 * field came from, and can be edited (remap) before the rows are read.
 */
import { IMPORT_FIELDS, type ImportField } from '../../../api/personsImport'
import { cellText, type Sheet } from './parse'

export { IMPORT_FIELDS, type ImportField }

/** header names as townships write them (compared after normalizeHeader) */
export const FIELD_ALIASES: Record<ImportField, readonly string[]> = {
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '身份证', '身份证件号码', '本人身份证号', '本人身份证号码', '女方身份证号', '女方身份证号码'],
  name: ['姓名', '本人姓名', '女方姓名', '育龄妇女姓名', '名字'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日', '出生时间'],
  phone: ['联系电话', '手机号', '手机号码', '电话', '电话号码', '联系方式', '手机'],
  hukouRegion: ['户籍地区划代码', '户籍地代码', '户籍区划代码', '户籍行政区划代码'],
  hukouAddress: ['户籍地址', '户籍地', '户籍所在地', '户口所在地', '户口地址', '户籍详细地址'],
  servicePoint: ['村', '村组', '所属村', '服务点', '村(居)', '村居', '所在村', '村(社区)', '行政村', '村名'],
  residenceAddress: ['现居住地址', '现住址', '现居住地', '居住地址', '现住地址', '家庭住址', '住址'],
  maritalStatus: ['婚姻状况', '婚姻状态', '婚姻情况', '婚否'],
  maritalDate: ['结婚日期', '初婚日期', '结婚时间', '初婚时间', '婚姻变动日期', '结婚登记日期'],
  spouseName: ['配偶姓名', '丈夫姓名', '男方姓名', '配偶'],
  spouseIdNumber: ['配偶身份证号', '配偶身份证号码', '配偶公民身份号码', '丈夫身份证号', '丈夫身份证号码', '男方身份证号', '男方身份证号码'],
  boys: ['男孩', '男孩数', '子女数(男)', '子女(男)', '现有子女数(男)', '现有子女(男)', '孩子数(男)', '男孩个数'],
  girls: ['女孩', '女孩数', '子女数(女)', '子女(女)', '现有子女数(女)', '现有子女(女)', '孩子数(女)', '女孩个数'],
  contraception: ['避孕方法', '避孕措施', '节育措施', '避孕节育措施', '避孕节育方法', '采取措施'],
  contraceptionSince: ['避孕日期', '避孕时间', '措施日期', '措施落实时间', '落实时间', '落实日期', '避孕起始日期', '上环时间'],
  migrantStatus: ['流动状态', '流入流出', '流动情况', '流动类型', '人口类型', '流动人口类型', '流入/流出'],
  migrantPlace: ['流动地点', '流入流出地', '流出地', '流入地', '流向地', '流出(入)地', '流动去向', '流出地点', '外出地点', '来源地'],
  migrantSince: ['流动日期', '流动时间', '流出日期', '流出时间', '流入日期', '流入时间', '外出时间']
}

/** spaces, line breaks, required-field stars and trailing colons dropped; full-width brackets made plain */
export function normalizeHeader(s: string): string {
  return s
    .replace(/[\s\u3000*＊:：]/g, '')
    .replace(/[（【\[]/g, '(')
    .replace(/[）】\]]/g, ')')
    .toLowerCase()
}

const EXACT = new Map<string, ImportField>()
for (const f of IMPORT_FIELDS) for (const a of FIELD_ALIASES[f]) EXACT.set(normalizeHeader(a), f)
/** longest first, so 配偶身份证号码 is the spouse's and not the person's ID */
const CONTAINED = [...EXACT.entries()].filter(([a]) => a.length >= 2).sort((x, y) => y[0].length - x[0].length)

/** the field a header means, or null */
export function matchField(header: string): ImportField | null {
  const h = normalizeHeader(header)
  if (!h) return null
  const exact = EXACT.get(h) ?? EXACT.get(h.replace(/\([^)]*\)$/, ''))
  if (exact) return exact
  const kids = /^(.*(子女|孩子|小孩).*)\((男|女)孩?\)$/.exec(h)
  if (kids) return kids[3] === '男' ? 'boys' : 'girls'
  for (const [a, f] of CONTAINED) if (h.includes(a)) return f
  return null
}

/** a sub-header under a group header: 子女数 / 男 is boys; 流动情况 / 流动时间 is the sub-header's own field */
export function matchGrouped(group: string, sub: string): ImportField | null {
  const composed = `${group}(${sub})`
  const exact = EXACT.get(normalizeHeader(composed))
  if (exact) return exact
  if (/^(男|女)孩?$/.test(normalizeHeader(sub))) return matchField(composed)
  return matchField(sub) ?? matchField(composed)
}

/** a sub-header we recognise on its own or with its group (not by the group alone) */
function knownLabel(group: string, sub: string): boolean {
  return EXACT.has(normalizeHeader(`${group}(${sub})`)) || /^(男|女)孩?$/.test(normalizeHeader(sub)) || matchField(sub) !== null
}

export interface HeaderColumn {
  /** 0-based index into a row's cells */
  index: number
  /** the header as written in the sheet ("子女数(男)" for a two-row header) */
  header: string
  field: ImportField | null
}

export interface MappedColumn {
  index: number
  header: string
}

export interface HeaderProblem {
  row: number
  column: string
  field: ImportField | null
  /** header_not_found, column_missing, column_duplicate */
  code: 'header_not_found' | 'column_missing' | 'column_duplicate'
  message: string
  params?: Record<string, string | number>
}

export interface SheetHeader {
  /** the sheet row number of the header (its first row when it takes two) */
  row: number
  /** index in sheet.rows of the first data row */
  dataStart: number
  columns: HeaderColumn[]
  mapping: Partial<Record<ImportField, MappedColumn>>
  problems: HeaderProblem[]
}

/** the fields a roster cannot be read without */
export const REQUIRED_FIELDS: readonly ImportField[] = ['idNumber', 'name']
const SCAN_ROWS = 20

function score(texts: string[]): number {
  return new Set(texts.map(matchField).filter((f) => f !== null)).size
}

/** a second header row: a merged group header (same text in neighbouring cells) with sub-headers below */
function subHeader(top: string[], next: string[]): boolean {
  if (next.some((t) => /\d{15,}|\d\.\d+e\+?\d+/i.test(t))) return false
  // the group spans its right neighbour (merged: same text, or left blank beside it), and the
  // labels under it are ones we know (a first data row under a header is not taken for labels)
  return top.some(
    (t, i) =>
      t !== '' && (top[i + 1] === t || (top[i + 1] ?? '') === '') && (next[i] ?? '') !== '' && (next[i + 1] ?? '') !== '' &&
      next[i] !== t && next[i + 1] !== t && knownLabel(t, next[i])
  )
}

function mappingOf(columns: HeaderColumn[], row: number, problems: HeaderProblem[]): Partial<Record<ImportField, MappedColumn>> {
  const mapping: Partial<Record<ImportField, MappedColumn>> = {}
  for (const c of columns) {
    if (!c.field) continue
    const had = mapping[c.field]
    if (had && c.header === had.header && columns.some((o) => o.index === c.index - 1 && o.header === c.header)) {
      c.field = null // the same header merged across several columns: its first column is the field's
    } else if (had) {
      problems.push({ row, column: c.header, field: c.field, code: 'column_duplicate', message: `"${c.header}" also looks like ${c.field}; the first column "${had.header}" is used`, params: { used: had.header } })
      c.field = null
    } else mapping[c.field] = { index: c.index, header: c.header }
  }
  for (const f of REQUIRED_FIELDS) if (!mapping[f]) problems.push({ row, column: '', field: f, code: 'column_missing', message: `no column for ${f} was found in the header`, params: { field: f } })
  return mapping
}

/** finds the header among the first rows: the one naming the most of our fields */
export function findHeader(sheet: Sheet): SheetHeader {
  let best = -1
  let bestScore = 0
  for (let i = 0; i < Math.min(sheet.rows.length, SCAN_ROWS); i++) {
    const s = score(sheet.rows[i].cells.map(cellText))
    if (s > bestScore) {
      best = i
      bestScore = s
    }
  }
  if (best < 0 || bestScore < 2) {
    const row = sheet.rows[0]?.row ?? 1
    return { row, dataStart: sheet.rows.length, columns: [], mapping: {}, problems: [{ row, column: '', field: null, code: 'header_not_found', message: `no header row (身份证号, 姓名, …) was found in the first ${SCAN_ROWS} rows` }] }
  }
  // the sub-headers may name more fields than their group row above (流动情况 over 流动类型, 流出地点)
  // (a group row has other headers merged down into the row below; a title or subtitle does not)
  const above = sheet.rows[best - 1]
  if (above && above.row === sheet.rows[best].row - 1) {
    const a = above.cells.map(cellText)
    const b = sheet.rows[best].cells.map(cellText)
    if (subHeader(a, b) && a.some((t, i) => t !== '' && t === b[i])) best--
  }
  const top = sheet.rows[best].cells.map(cellText)
  const nextRow = sheet.rows[best + 1]
  const next = nextRow ? nextRow.cells.map(cellText) : []
  const two = nextRow !== undefined && nextRow.row === sheet.rows[best].row + 1 && subHeader(top, next)
  const width = Math.max(top.length, two ? next.length : 0)
  const columns: HeaderColumn[] = []
  let group = ''
  for (let i = 0; i < width; i++) {
    // a blank cell right of a group header belongs to that group (a span left unmerged)
    const t = top[i] || (two && next[i] ? group : '')
    group = t
    const n = two ? next[i] ?? '' : ''
    const grouped = n !== '' && n !== t && t !== ''
    const header = grouped ? `${t}(${n})` : n && n !== t ? n : t
    if (header) columns.push({ index: i, header, field: grouped ? matchGrouped(t, n) : matchField(header) })
  }
  const problems: HeaderProblem[] = []
  const row = sheet.rows[best].row
  return { row, dataStart: best + (two ? 2 : 1), columns, mapping: mappingOf(columns, row, problems), problems }
}

/**
 * The user's edit of the mapping: field -> column index (null: not imported). A column given to
 * a field is taken from the field that had it. Returns a new header; problems are recomputed.
 */
export function remap(h: SheetHeader, edits: Partial<Record<ImportField, number | null>>): SheetHeader {
  const columns = h.columns.map((c) => ({ ...c }))
  for (const [field, index] of Object.entries(edits) as [ImportField, number | null][]) {
    for (const c of columns) if (c.field === field) c.field = null
    if (index === null) continue
    const col = columns.find((c) => c.index === index)
    if (col) col.field = field
  }
  const problems: HeaderProblem[] = []
  return { ...h, columns, mapping: mappingOf(columns, h.row, problems), problems }
}
