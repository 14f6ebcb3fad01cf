/**
 * Roster import, step 3: one cell -> one of our values, or a problem with a stable code.
 *
 * Codes: date_format (not a date), date_incomplete (1985.3: no day), date_invalid (no such day),
 * id_as_number (Excel stored the ID as a number: digits lost), enum_unknown (a word we do not
 * know), count_format (not a whole number 0–20).
 */
import { normalizeIdInput } from '../../../api/idNumber'
import type { CONTRACEPTIONS, MARITAL_STATUSES, MIGRANT_STATUSES, SEXES } from '../../../api/persons'
import { cellText, type CellValue } from './parse'

export type ValueCode = 'date_format' | 'date_incomplete' | 'date_invalid' | 'id_as_number' | 'enum_unknown' | 'count_format'

export type Read<T> = { ok: true; value: T } | { ok: false; code: ValueCode; message: string; params: Record<string, string | number> }

const ok = <T>(value: T): Read<T> => ({ ok: true, value })
const bad = <T>(code: ValueCode, message: string, params: Record<string, string | number>): Read<T> => ({ ok: false, code, message, params })

/** full-width digits and punctuation made plain */
const WIDE = /[\uFF01-\uFF5E\u3000]/
function halfWidth(s: string): string {
  if (!WIDE.test(s)) return s.trim()
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim()
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function ymd(y: number, m: number, d: number, raw: string): Read<string> {
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return bad('date_invalid', `${raw} is not a real date`, { value: raw })
  return ok(`${y}-${pad(m)}-${pad(d)}`)
}

/** Excel's day number (1900 system; 61 = 1900-03-01) -> YYYY-MM-DD */
export function serialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400) * 1000
  return new Date(ms).toISOString().slice(0, 10)
}

/** params carry what was given (year, month when there is one): a birth 年月 may be compared with the ID's */
function INCOMPLETE(raw: string, monthUnsure = false): Read<string | null> {
  const m = /^(\d{4})\D*(\d{1,2})?/.exec(raw.replace(/^(\d{4})(\d{2})$/, '$1.$2'))
  const params: Record<string, string | number> = { value: raw }
  if (m) params.year = Number(m[1])
  if (m?.[2] && !monthUnsure) params.month = Number(m[2])
  return bad('date_incomplete', `${raw} has no day: give the full date (for example 1985-03-12)`, params)
}

/**
 * A date as townships write it: an Excel date cell or day number, or text 1985.03.12,
 * 1985/3/12, 1985-3-12, 19850312, 1985年3月12日. Blank -> null.
 */
export function readDate(v: CellValue): Read<string | null> {
  if (v === null || v === '') return ok(null)
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return bad('date_format', 'not a date', { value: '' })
    return ok(new Date(Math.round(v.getTime() / 60000) * 60000).toISOString().slice(0, 10))
  }
  if (typeof v === 'number') {
    const raw = String(v)
    if (Number.isInteger(v) && v >= 19000101 && v <= 21001231) return readDate(raw)
    // 1985 or 1985.03 typed as a number (1985.10 arrives as 1985.1: its month is unsure)
    if (v >= 1900 && v < 2101) return INCOMPLETE(raw, /\.1$/.test(raw))
    if (v >= 61 && v < 73051) return ok(serialToDate(Math.floor(v + 1e-9)))
    return bad('date_format', `${raw} is not a date`, { value: raw })
  }
  const raw = halfWidth(cellText(v))
  if (!raw) return ok(null)
  const s = raw.replace(/[T\s]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '')
  let m = /^(\d{4})\s*[.\/\-年]\s*(\d{1,2})\s*[.\/\-月]\s*(\d{1,2})\s*[日号]?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw)
  m = /^(\d{4})\s*[.\/\-年]\s*(\d{1,2})\s*月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s) ?? /^(\d{4})\s*年?$/.exec(s)
  if (m) return INCOMPLETE(raw)
  return bad('date_format', `${raw} is not a date (write it as 1985-03-12, 1985.03.12, 1985/3/12, 19850312 or 1985年3月12日)`, { value: raw })
}

const ID_LOST = (raw: string) =>
  bad<string>('id_as_number', `Excel stored this ID number as a number (${raw}) and its last digits were lost: format the column as Text, type the numbers again, and re-import`, { value: raw })

/**
 * An ID number cell: text as written (normalised: full-width digits, spaces, lowercase x), or
 * id_as_number when Excel turned it into a number (a number cell ≥ 1e15, or text like
 * 4.20302E+17). A smaller number cell (a 15-digit legacy number) is still exact.
 */
export function readIdNumber(v: CellValue): Read<string> {
  if (typeof v === 'number') {
    if (v >= 1e15 || !Number.isInteger(v)) return ID_LOST(v >= 1e15 ? v.toExponential(5).toUpperCase() : String(v))
    return ok(v.toFixed(0))
  }
  const raw = halfWidth(cellText(v)).replace(/^['‘’`]/, '')
  if (/^\d+(\.\d+)?e\+?\d+$/i.test(raw.replace(/\s/g, ''))) return ID_LOST(raw)
  return ok(normalizeIdInput(raw))
}

type Enum<T extends readonly string[]> = T[number]

/** the words townships use, after halfWidth + lower-case + spaces dropped */
export const SEX_WORDS: Record<string, Enum<typeof SEXES>> = { 男: 'male', 男性: 'male', m: 'male', male: 'male', 女: 'female', 女性: 'female', f: 'female', female: 'female' }

export const MARITAL_WORDS: Record<string, Enum<typeof MARITAL_STATUSES>> = {
  未婚: 'unmarried', 单身: 'unmarried', 已婚: 'married', 初婚: 'married', 有配偶: 'married', 在婚: 'married',
  再婚: 'remarried', 复婚: 'remarried', 离婚: 'divorced', 离异: 'divorced', 丧偶: 'widowed'
}

export const CONTRACEPTION_WORDS: Record<string, Enum<typeof CONTRACEPTIONS>> = {
  上环: 'iud', 放环: 'iud', 带环: 'iud', 节育环: 'iud', 宫内节育器: 'iud', iud: 'iud',
  皮埋: 'implant', 皮下埋植: 'implant', 皮下埋植剂: 'implant',
  避孕针: 'injectable', 注射避孕针: 'injectable', 针剂: 'injectable',
  口服避孕药: 'oral', 口服药: 'oral', 口服: 'oral', 避孕药: 'oral',
  避孕套: 'condom', 安全套: 'condom', 套: 'condom',
  外用: 'external', 外用药: 'external', 外用避孕药: 'external',
  女扎: 'female_sterilization', 女性绝育: 'female_sterilization', 输卵管结扎: 'female_sterilization', '结扎(女)': 'female_sterilization',
  男扎: 'male_sterilization', 男性绝育: 'male_sterilization', 输精管结扎: 'male_sterilization', '结扎(男)': 'male_sterilization',
  未避孕: 'none', 无: 'none', 未采取: 'none', 未采取措施: 'none', 无措施: 'none', 未落实: 'none',
  其他: 'other', 其它: 'other'
}

export const MIGRANT_WORDS: Record<string, Enum<typeof MIGRANT_STATUSES>> = {
  流出: 'out', 外出: 'out', 流出人口: 'out', 外出务工: 'out',
  流入: 'in', 流入人口: 'in', 外来: 'in', 外来人口: 'in',
  常住: 'local', 本地: 'local', 户籍: 'local', 本地常住: 'local', 常住人口: 'local', 未流动: 'local', 否: 'local', 无: 'local'
}

function enumWord(s: string): string {
  return halfWidth(s).toLowerCase().replace(/\s/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')')
}

/** a Chinese word -> our enum value; blank -> null (the default applies) */
const SEEN = new WeakMap<object, Map<string, string | undefined>>()

export function readEnum<V extends string>(words: Record<string, V>, v: CellValue): Read<V | null> {
  const raw = cellText(v)
  if (!raw) return ok(null)
  // a roster repeats a few words many thousand times: remember what each spelling meant
  let seen = SEEN.get(words)
  if (!seen) SEEN.set(words, (seen = new Map()))
  let hit = seen.get(raw) as V | undefined
  if (hit === undefined && !seen.has(raw)) {
    const key = enumWord(raw)
    hit = Object.hasOwn(words, key) ? words[key] : undefined
    if (seen.size < 1000) seen.set(raw, hit)
  }
  if (hit) return ok(hit)
  const known = [...new Set(Object.keys(words).filter((k) => /[^\x00-\x7f]/.test(k)))].join('、')
  return bad('enum_unknown', `"${raw}" is not one of: ${known}`, { value: raw, allowed: known })
}

/** children: a whole number 0–20 (2, "2", "2个", "2人"); blank -> null */
export function readCount(v: CellValue): Read<number | null> {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 20 ? ok(v) : bad('count_format', `${v} is not a whole number from 0 to 20`, { value: String(v) })
  const raw = halfWidth(cellText(v))
  if (!raw) return ok(null)
  const m = /^(\d{1,2})\s*[个人孩名]?$/.exec(raw)
  if (m && Number(m[1]) <= 20) return ok(Number(m[1]))
  return bad('count_format', `${raw} is not a whole number from 0 to 20`, { value: raw })
}

/** plain text: trimmed; a number cell (a phone) written out in full */
export function readText(v: CellValue): string {
  return halfWidth(cellText(v)).replace(/\s+/g, ' ')
}
