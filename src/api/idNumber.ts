/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): normalisation and every rule, pure and
 * shared by the UI (checks as the clerk types) and the core (the judge). The core adds the
 * GB/T 2260 region table through `isCurrentRegion`.
 */

export type IdErrorCode = 'ID_FORMAT' | 'ID_PROVINCE' | 'ID_REGION' | 'ID_DATE' | 'ID_CHECKSUM'
export type IdWarningCode = 'ID_LEGACY_UPGRADED' | 'ID_REGION_NOT_CURRENT' | 'ID_NORMALIZED'

export interface IdIssue<C extends string> {
  code: C
  /** English fallback; the UI translates code + params */
  message: string
  params?: Record<string, string | number>
}

export type IdCheck =
  | { valid: true; normalized: string; sex: 'male' | 'female'; birth: string; region: string; warnings: IdIssue<IdWarningCode>[] }
  | { valid: false; error: IdIssue<IdErrorCode>; warnings: IdIssue<IdWarningCode>[] }

/** 2-digit codes of GB/T 2260 provinces, plus 71 (Taiwan) and 81/82/83 (residence permits of HK, Macao, Taiwan residents) */
export const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'
])

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** ISO 7064 MOD 11-2 check character of the first 17 digits */
export function checkDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

/** full-width digits and letters to half-width, spaces and dashes out, x to X */
export function normalizeIdInput(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-]/g, '')
    .replace(/x$/, 'X')
}

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

/** a 15-digit legacy number (born 19xx, no check digit) upgraded to 18 digits */
export function upgradeLegacy(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`
  return first17 + checkDigit(first17)
}

export interface IdCheckOptions {
  /** today in the station's zone, YYYY-MM-DD: a birth date after it is refused */
  today: string
  /** is the 6-digit region in the current GB/T 2260 list? (core only; the UI may leave it out) */
  isCurrentRegion?: (code6: string) => boolean
}

const fail = (error: IdIssue<IdErrorCode>, warnings: IdIssue<IdWarningCode>[]): IdCheck => ({ valid: false, error, warnings })

export function checkIdNumber(raw: string, opts: IdCheckOptions): IdCheck {
  const warnings: IdIssue<IdWarningCode>[] = []
  let id = normalizeIdInput(raw)
  if (id !== raw.trim()) warnings.push({ code: 'ID_NORMALIZED', message: 'full-width characters, spaces or a lowercase x were normalised' })

  if (/^\d{15}$/.test(id)) {
    id = upgradeLegacy(id)
    warnings.push({ code: 'ID_LEGACY_UPGRADED', message: `the 15-digit number was upgraded to ${id}`, params: { normalized: id } })
  } else if (!/^\d{17}[\dX]$/.test(id)) {
    return fail({ code: 'ID_FORMAT', message: 'an ID number has 18 characters: 17 digits and a digit or X (or 15 digits for an old one)', params: { length: id.length } }, warnings)
  }

  const province = id.slice(0, 2)
  if (!PROVINCES.has(province)) return fail({ code: 'ID_PROVINCE', message: `${province} is not a province code`, params: { province } }, warnings)

  const region = id.slice(0, 6)
  const permit = province === '81' || province === '82' || province === '83'
  if (permit) {
    if (region !== `${province}0000`) return fail({ code: 'ID_REGION', message: `a residence permit number starts with ${province}0000`, params: { region } }, warnings)
  } else {
    // below the province: the city part is never 00 (xx00yy is no GB/T 2260 code). A county part
    // of 00 is real: cities without counties (东莞 441900, 儋州 460400) issue numbers with it.
    if (region.slice(2, 4) === '00') return fail({ code: 'ID_REGION', message: `${region} is not a region below the province`, params: { region } }, warnings)
    if (opts.isCurrentRegion && !opts.isCurrentRegion(region))
      warnings.push({ code: 'ID_REGION_NOT_CURRENT', message: `${region} is not in the current GB/T 2260 list (an older code?)`, params: { region } })
  }

  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (y < 1900) return fail({ code: 'ID_DATE', message: `${birth} is before 1900`, params: { birth, reason: 'before_1900' } }, warnings)
  if (!realDate(y, m, d)) return fail({ code: 'ID_DATE', message: `${birth} is not a real date`, params: { birth, reason: 'not_a_date' } }, warnings)
  if (birth > opts.today) return fail({ code: 'ID_DATE', message: `${birth} is in the future`, params: { birth, reason: 'future' } }, warnings)

  const expected = checkDigit(id.slice(0, 17))
  if (id[17] !== expected) return fail({ code: 'ID_CHECKSUM', message: `the check digit should be ${expected}`, params: { expected, got: id[17] } }, warnings)

  return { valid: true, normalized: id, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female', birth, region, warnings }
}
