/**
 * Dates in an xlsx: which cell styles show their number as a date (a cell's s attribute is an
 * index into styles.xml's <cellXfs>, whose numFmtId is a built-in format or one of <numFmts>),
 * and how a date serial or an ISO date cell becomes a Date.
 */

/** built-in formats that are dates or times: 14–22, 45–47, and the CJK ones 27–36 and 50–58 */
function isBuiltinDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

/**
 * A custom format code is a date when it has d, m or y outside quoted text, [brackets] (colour,
 * locale, condition, elapsed time) and escaped characters (\x, _x, *x). Minutes alone count
 * (h:mm, mm:ss read as dates, as exceljs reads them) except in an elapsed-time format ([h]:mm),
 * which is a duration.
 */
export function isDateFormat(code: string): boolean {
  let bare = ''
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]
    if (ch === '"') {
      const end = code.indexOf('"', i + 1)
      i = end < 0 ? code.length : end
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1)
      i = end < 0 ? code.length : end
    } else if (ch === '\\' || ch === '_' || ch === '*') i++
    else bare += ch
  }
  bare = bare.replace(/AM\/PM|A\/P/gi, '')
  if (/[dy]/i.test(bare)) return true
  if (!/m/i.test(bare)) return false
  return !/\[(h+|m+|s+)\]/i.test(code)
}

/** one flag per cell style: 1 when it shows a date (numFmts: the custom formats by id; xfNumFmts: each cellXfs entry's numFmtId) */
export function dateStyles(numFmts: Map<number, string>, xfNumFmts: number[]): Uint8Array {
  const out = new Uint8Array(xfNumFmts.length)
  xfNumFmts.forEach((id, i) => {
    const code = numFmts.get(id)
    out[i] = (code !== undefined ? isDateFormat(code) : isBuiltinDate(id)) ? 1 : 0
  })
  return out
}

/** a date serial -> Date, as exceljs converts it (same float rounding; UTC midnight for whole days) */
export function excelDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000))
}

/** a t="d" cell: an ISO 8601 date or date-time; without a zone it is read as UTC, like whole-day serials */
export function isoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?)?(Z|[+-]\d\d:?\d\d)?$/i.exec(s.trim())
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = m
  const d0 = zone ? new Date(s.trim().replace(' ', 'T')) : new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, 0, Math.round(+sec * 1000)))
  return isNaN(d0.getTime()) ? null : d0
}
