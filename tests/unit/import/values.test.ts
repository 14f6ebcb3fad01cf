import { describe, expect, it } from 'vitest'
import { CONTRACEPTION_WORDS, MARITAL_WORDS, MIGRANT_WORDS, SEX_WORDS, readCount, readDate, readEnum, readIdNumber, readText, serialToDate } from '../../../src/core/persons/import/values'

describe('readDate', () => {
  it.each([
    ['1985.03.12', '1985-03-12'],
    ['1985/3/12', '1985-03-12'],
    ['1985-3-12', '1985-03-12'],
    ['19850312', '1985-03-12'],
    ['1985年3月12日', '1985-03-12'],
    ['1985 年 3 月 12 日', '1985-03-12'],
    ['１９８５．０３．１２', '1985-03-12'],
    ['1985-03-12 00:00:00', '1985-03-12'],
    ['2000.2.29', '2000-02-29']
  ])('text %s -> %s', (raw, iso) => {
    expect(readDate(raw)).toEqual({ ok: true, value: iso })
  })

  it('reads Excel date cells and day numbers', () => {
    expect(readDate(new Date(Date.UTC(1985, 2, 12)))).toEqual({ ok: true, value: '1985-03-12' })
    expect(readDate(31118)).toEqual({ ok: true, value: '1985-03-12' })
    expect(serialToDate(61)).toBe('1900-03-01')
    expect(readDate(19850312)).toEqual({ ok: true, value: '1985-03-12' })
  })

  it('blank is no date', () => {
    expect(readDate(null)).toEqual({ ok: true, value: null })
    expect(readDate('  ')).toEqual({ ok: true, value: null })
  })

  it('a month without a day is a clear problem', () => {
    for (const raw of ['1985.3', '1985年3月', '198503', '1985'] as const) {
      const r = readDate(raw)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.code).toBe('date_incomplete')
        expect(r.message).toContain('no day')
      }
    }
    expect(readDate(1985.03)).toMatchObject({ ok: false, code: 'date_incomplete' })
  })

  it("an incomplete date's params give the year and month, to compare a birth 年月 with the ID", () => {
    expect(readDate('1985.3')).toMatchObject({ params: { value: '1985.3', year: 1985, month: 3 } })
    expect(readDate('1985年03月')).toMatchObject({ params: { year: 1985, month: 3 } })
    expect(readDate('198503')).toMatchObject({ params: { year: 1985, month: 3 } })
    expect(readDate(1985.03)).toMatchObject({ params: { year: 1985, month: 3 } })
    expect(readDate(1985.1)).toEqual({ ok: false, code: 'date_incomplete', message: expect.any(String), params: { value: '1985.1', year: 1985 } })
    expect(readDate('1985')).toEqual({ ok: false, code: 'date_incomplete', message: expect.any(String), params: { value: '1985', year: 1985 } })
  })

  it('a day that does not exist, and text that is no date', () => {
    expect(readDate('1985.02.30')).toMatchObject({ ok: false, code: 'date_invalid', params: { value: '1985.02.30' } })
    expect(readDate('1999.2.29')).toMatchObject({ ok: false, code: 'date_invalid' })
    expect(readDate('不详')).toMatchObject({ ok: false, code: 'date_format', params: { value: '不详' } })
  })
})

describe('readIdNumber', () => {
  it('text IDs are normalised', () => {
    expect(readIdNumber(' 42030219850312123x ')).toEqual({ ok: true, value: '42030219850312123X' })
    expect(readIdNumber('４２０３０２１９８５０３１２１２３Ｘ')).toEqual({ ok: true, value: '42030219850312123X' })
    expect(readIdNumber("'420302198503121234")).toEqual({ ok: true, value: '420302198503121234' })
  })

  it('an ID stored as a number gets id_as_number, saying digits were lost and the column must be text', () => {
    for (const v of [420302198503121234, '4.20302E+17', '4.20302e17']) {
      const r = readIdNumber(v)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.code).toBe('id_as_number')
        expect(r.message).toMatch(/digits were lost/)
        expect(r.message).toMatch(/Text/)
      }
    }
    expect(readIdNumber(420302198503121234)).toMatchObject({ params: { value: '4.20302E+17' } })
  })

  it('a 15-digit legacy number stored as a number is still exact', () => {
    expect(readIdNumber(420302850312123)).toEqual({ ok: true, value: '420302850312123' })
  })
})

describe('readEnum', () => {
  it.each([
    [SEX_WORDS, '男', 'male'], [SEX_WORDS, '女', 'female'],
    [MARITAL_WORDS, '已婚', 'married'], [MARITAL_WORDS, '初婚', 'married'], [MARITAL_WORDS, '再婚', 'remarried'],
    [MARITAL_WORDS, '离婚', 'divorced'], [MARITAL_WORDS, '丧偶', 'widowed'], [MARITAL_WORDS, '未婚', 'unmarried'],
    [CONTRACEPTION_WORDS, '上环', 'iud'], [CONTRACEPTION_WORDS, '宫内节育器', 'iud'], [CONTRACEPTION_WORDS, '皮埋', 'implant'],
    [CONTRACEPTION_WORDS, '避孕针', 'injectable'], [CONTRACEPTION_WORDS, '口服避孕药', 'oral'], [CONTRACEPTION_WORDS, '避孕套', 'condom'],
    [CONTRACEPTION_WORDS, '外用', 'external'], [CONTRACEPTION_WORDS, '女扎', 'female_sterilization'], [CONTRACEPTION_WORDS, '男扎', 'male_sterilization'],
    [CONTRACEPTION_WORDS, '未避孕', 'none'], [CONTRACEPTION_WORDS, '结扎（女）', 'female_sterilization'],
    [MIGRANT_WORDS, '流出', 'out'], [MIGRANT_WORDS, '流入', 'in'], [MIGRANT_WORDS, '常住', 'local'], [MIGRANT_WORDS, '本地', 'local']
  ] as [Record<string, string>, string, string][])('%#: %s', (words, raw, value) => {
    expect(readEnum(words, ` ${raw} `)).toEqual({ ok: true, value })
  })

  it('blank is null, an unknown word names the known ones', () => {
    expect(readEnum(SEX_WORDS, null)).toEqual({ ok: true, value: null })
    expect(readEnum(SEX_WORDS, 'constructor')).toMatchObject({ ok: false, code: 'enum_unknown' })
    expect(readEnum(SEX_WORDS, '男')).toEqual({ ok: true, value: 'male' }) // remembered spelling
    const r = readEnum(MARITAL_WORDS, '同居')
    expect(r).toMatchObject({ ok: false, code: 'enum_unknown', params: { value: '同居' } })
    if (!r.ok) expect(r.params.allowed).toContain('已婚')
  })
})

describe('readCount and readText', () => {
  it('whole numbers 0–20', () => {
    expect(readCount(2)).toEqual({ ok: true, value: 2 })
    expect(readCount('1个')).toEqual({ ok: true, value: 1 })
    expect(readCount('')).toEqual({ ok: true, value: null })
    expect(readCount(1.5)).toMatchObject({ ok: false, code: 'count_format' })
    expect(readCount('两个')).toMatchObject({ ok: false, code: 'count_format' })
    expect(readCount('21')).toMatchObject({ ok: false, code: 'count_format' })
  })
  it('a phone stored as a number is written out in full', () => {
    expect(readText(13800000001)).toBe('13800000001')
    expect(readText('  东沟村   3组 ')).toBe('东沟村 3组')
  })
})
