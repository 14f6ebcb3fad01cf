/**
 * The resident ID rules (issue 3, GB 11643-1999) case by case: leap days, the 1900 and
 * "today" limits, full-width input, 15-digit legacy numbers, residence permits, provinces,
 * regions (current and historical), check digits. "Today" is passed in, as the core does.
 */
import { describe, expect, it } from 'vitest'
import { checkDigit, checkIdNumber, normalizeIdInput, upgradeLegacy, type IdCheck, type IdCheckOptions } from '../../src/api/idNumber'
import { isKnownCounty } from '../../src/core/station/codes'

const TODAY = '2026-11-20'
const OPTS = { today: TODAY, isCurrentRegion: isKnownCounty }
/** the published example number (GB 11643-1999 examples, 北京市朝阳区) */
const KNOWN = '11010519491231002X'

/** 17 digits + their check digit */
const id = (first17: string) => first17 + checkDigit(first17)
const check = (raw: string, opts: IdCheckOptions = OPTS) => checkIdNumber(raw, opts)
const codes = (r: IdCheck) => r.warnings.map((w) => w.code)
function errorOf(r: IdCheck) {
  if (r.valid) throw new Error(`expected a refusal, got valid ${r.normalized}`)
  return r.error
}

describe('resident ID numbers: check digit (ISO 7064 MOD 11-2)', () => {
  it('the known number is valid: female, born 1949-12-31, 110105, no warning', () => {
    expect(check(KNOWN)).toEqual({ valid: true, normalized: KNOWN, sex: 'female', birth: '1949-12-31', region: '110105', warnings: [] })
    expect(checkDigit(KNOWN.slice(0, 17))).toBe('X')
  })

  it.each([
    ['11010519491231002X', 'X'],
    ['440524188001010014', '4'],
    ['11010119900307803X', 'X']
  ])('%s: check digit %s', (full, digit) => {
    expect(checkDigit(full.slice(0, 17))).toBe(digit)
  })

  it('a wrong check digit is refused with the expected one', () => {
    const e = errorOf(check('110105194912310021'))
    expect(e).toMatchObject({ code: 'ID_CHECKSUM', params: { expected: 'X', got: '1' } })
    expect(e.message).toContain('X')
    const ok = id('44030019900101123')
    const wrong = ok.slice(0, 17) + ((Number(ok[17] === 'X' ? 10 : ok[17]) + 1) % 10)
    expect(errorOf(check(wrong))).toMatchObject({ code: 'ID_CHECKSUM', params: { expected: ok[17] } })
  })

  it('sex is the parity of the 17th digit', () => {
    expect(check(id('11010519800101001'))).toMatchObject({ valid: true, sex: 'male' })
    expect(check(id('11010519800101002'))).toMatchObject({ valid: true, sex: 'female' })
    expect(check(id('11010519800101000'))).toMatchObject({ valid: true, sex: 'female' })
    expect(check(id('11010519800101009'))).toMatchObject({ valid: true, sex: 'male' })
  })
})

describe('resident ID numbers: birth date', () => {
  it.each([
    ['2000-02-29', true],
    ['2024-02-29', true],
    ['1904-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['1990-02-30', false],
    ['1990-04-31', false],
    ['1990-13-01', false],
    ['1990-00-10', false],
    ['1990-01-00', false],
    ['1990-12-31', true]
  ])('%s: valid %s', (birth, valid) => {
    const r = check(id(`110105${birth.replaceAll('-', '')}123`))
    if (valid) expect(r).toMatchObject({ valid: true, birth })
    else expect(errorOf(r)).toMatchObject({ code: 'ID_DATE', params: { birth } })
  })

  it('1900-01-01 is the first date; before 1900 is refused, and the message says so', () => {
    expect(check(id('11010519000101123'))).toMatchObject({ valid: true, birth: '1900-01-01' })
    const e = errorOf(check(id('11010518991231123')))
    expect(e).toMatchObject({ code: 'ID_DATE', params: { birth: '1899-12-31' } })
    expect(e.message).toContain('1900')
    expect(errorOf(check(id('11010508880808123'))).code).toBe('ID_DATE')
  })

  it('born today is accepted, born tomorrow is refused as in the future (today passed in)', () => {
    expect(check(id('11010520261120123'))).toMatchObject({ valid: true, birth: TODAY })
    const e = errorOf(check(id('11010520261121123')))
    expect(e).toMatchObject({ code: 'ID_DATE', params: { birth: '2026-11-21' } })
    expect(e.message).toContain('future')
    // the same number is fine once that day has come
    expect(check(id('11010520261121123'), { ...OPTS, today: '2026-11-21' }).valid).toBe(true)
    expect(errorOf(check(id('11010520270101123'))).code).toBe('ID_DATE')
  })
})

describe('resident ID numbers: input normalisation and legacy numbers', () => {
  it('full-width digits, full-width X, lowercase x, spaces and dashes are normalised with ID_NORMALIZED', () => {
    for (const raw of ['１１０１０５１９４９１２３１００２Ｘ', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002x', '1101 0519 4912 3100 2x', '110105-19491231-002X', '110105\u300019491231002X']) {
      const r = check(raw)
      expect(r, raw).toMatchObject({ valid: true, normalized: KNOWN })
      expect(codes(r), raw).toEqual(['ID_NORMALIZED'])
    }
    expect(normalizeIdInput('１１０１０５１９４９１２３１００２ｘ')).toBe(KNOWN)
  })

  it('surrounding whitespace (as an ID-card reader or a paste leaves it) is no normalisation warning', () => {
    const r = check(`  ${KNOWN}\n`)
    expect(r).toMatchObject({ valid: true, normalized: KNOWN })
    expect(codes(r)).toEqual([])
  })

  it('a 15-digit legacy number is upgraded to 18 digits (110105491231002 → 11010519491231002X)', () => {
    expect(upgradeLegacy('110105491231002')).toBe(KNOWN)
    const r = check('110105491231002')
    expect(r).toMatchObject({ valid: true, normalized: KNOWN, sex: 'female', birth: '1949-12-31' })
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'ID_LEGACY_UPGRADED', params: { normalized: KNOWN } })])
    // full-width legacy: both warnings
    expect(codes(check('１１０１０５４９１２３１００２'))).toEqual(['ID_NORMALIZED', 'ID_LEGACY_UPGRADED'])
    // a legacy number with an impossible date is still refused on the date
    expect(errorOf(check('110105490229002')).code).toBe('ID_DATE')
  })

  it.each([
    ['', 'empty'],
    ['11010519491231002', '17 digits'],
    ['11010519491231002X1', '19 characters'],
    ['1101051949123100', '16 digits'],
    ['1101051949123X002X', 'X inside'],
    ['11010519491231002Y', 'a letter'],
    ['11010519491231002XX', 'two X'],
    ['X10105194912310021', 'X first']
  ])('%s (%s) is refused as ID_FORMAT', (raw) => {
    expect(errorOf(check(raw)).code).toBe('ID_FORMAT')
  })
})

describe('resident ID numbers: province and region', () => {
  it.each(['81', '82', '83'])('a residence permit number (%s0000…) is valid and never "not current"', (p) => {
    const r = check(id(`${p}000019900101123`))
    expect(r).toMatchObject({ valid: true, region: `${p}0000`, birth: '1990-01-01' })
    expect(codes(r)).toEqual([])
    // a permit number carries no region below the province
    expect(errorOf(check(id(`${p}010019900101123`)))).toMatchObject({ code: 'ID_REGION', params: { region: `${p}0100` } })
  })

  it.each(['99', '00', '72', '10', '20', '47', '66', '84', '91'])('province %s is refused (ID_PROVINCE)', (p) => {
    expect(errorOf(check(id(`${p}010519900101123`)))).toMatchObject({ code: 'ID_PROVINCE', params: { province: p } })
  })

  it('a region whose city part is 00 is refused (ID_REGION); a county part 00 is real (东莞 441900, 儋州 460400)', () => {
    expect(errorOf(check(id('11000519900101123')))).toMatchObject({ code: 'ID_REGION', params: { region: '110005' } })
    expect(errorOf(check(id('44000019900101123'))).code).toBe('ID_REGION')
    for (const region of ['441900', '460400']) {
      const r = check(id(`${region}19900101123`))
      expect(r, region).toMatchObject({ valid: true, region })
      expect(codes(r)).toEqual([])
    }
  })

  it.each(['110103', '110104'])('%s (a former district of Beijing, not in the current list) is accepted with ID_REGION_NOT_CURRENT', (region) => {
    expect(isKnownCounty(region)).toBe(false)
    const r = check(id(`${region}19600101123`))
    expect(r).toMatchObject({ valid: true, region, birth: '1960-01-01' })
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'ID_REGION_NOT_CURRENT', params: { region } })])
    // without the table (the UI), no warning
    expect(codes(check(id(`${region}19600101123`), { today: TODAY }))).toEqual([])
  })

  it('a current county gives no region warning', () => {
    expect(isKnownCounty('410102')).toBe(true)
    expect(codes(check(id('41010219850312456')))).toEqual([])
  })

  it('the first broken rule is the one reported: format, province, region, date, check digit', () => {
    expect(errorOf(check('99000018990230123Y')).code).toBe('ID_FORMAT')
    expect(errorOf(check('990000189902301230')).code).toBe('ID_PROVINCE')
    expect(errorOf(check('110005189902301230')).code).toBe('ID_REGION')
    expect(errorOf(check('110105189902301230')).code).toBe('ID_DATE')
  })
})
