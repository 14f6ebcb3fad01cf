/**
 * Property test of the resident ID rules (issue 3, GB 11643-1999): generated valid numbers (real
 * county codes, real dates from 1900 to today, leap days included) are accepted with the right
 * sex and birth date, and every single-character change and every transposition of two adjacent
 * different digits is caught. A seeded PRNG keeps each run identical; a failure prints the seed
 * and the numbers involved.
 */
import { describe, expect, it } from 'vitest'
import regions from '../../resources/codes/regions.json'
import { checkIdNumber, upgradeLegacy } from '../../src/api/idNumber'
import { isKnownCounty } from '../../src/core/station/codes'
import { mulberry32 } from '../../src/core/demo/random'

const SEED = 0x5d_2026
const TODAY = '2026-11-20'
const OPTS = { today: TODAY, isCurrentRegion: isKnownCounty }
const COUNTIES = Object.keys((regions as { counties: Record<string, string> }).counties)
const CHARS = '0123456789X'


/**
 * ISO 7064 MOD 11-2 written from the standard, not from src/api/idNumber.ts: the weight of
 * position i (0-based, of 18) is 2^(17-i) mod 11, and the check value makes the weighted sum
 * of all 18 characters (X = 10, weight 1) ≡ 1 mod 11.
 */
function isoCheck(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11)
  const v = (12 - (sum % 11)) % 11
  return v === 10 ? 'X' : String(v)
}

interface Generated {
  id: string
  birth: string
  sex: 'male' | 'female'
}

const DAY = 86_400_000
const START = Date.UTC(1900, 0, 1)
const END = Date.parse(`${TODAY}T00:00:00Z`)
const LEAP_YEARS = Array.from({ length: 2026 - 1900 }, (_, i) => 1900 + i).filter((y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)

function generator(seed: number) {
  const rnd = mulberry32(seed)
  const int = (n: number) => Math.floor(rnd() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]
  return {
    rnd,
    int,
    pick,
    id(): Generated {
      const county = pick(COUNTIES)
      // one in ten on a leap day (1904 … 2024, 2000 included), the rest anywhere in [1900-01-01, today]
      const birth = int(10) === 0 ? `${pick(LEAP_YEARS)}-02-29` : new Date(START + int((END - START) / DAY + 1) * DAY).toISOString().slice(0, 10)
      const seq = String(int(1000)).padStart(3, '0')
      const first17 = county + birth.replaceAll('-', '') + seq
      return { id: first17 + isoCheck(first17), birth, sex: Number(seq[2]) % 2 === 1 ? 'male' : 'female' }
    }
  }
}

describe('resident ID rules: properties (seeded)', () => {
  it('the generator covers what it claims: leap days, 1900, recent years, X check digits, all provinces', () => {
    const g = generator(SEED)
    const ids = Array.from({ length: 3000 }, () => g.id())
    expect(ids.some((x) => x.birth === '2000-02-29')).toBe(true)
    expect(ids.some((x) => x.birth.startsWith('190'))).toBe(true)
    expect(ids.some((x) => x.birth >= '2020')).toBe(true)
    expect(ids.some((x) => x.id.endsWith('X'))).toBe(true)
    expect(new Set(ids.map((x) => x.id.slice(0, 2))).size).toBeGreaterThanOrEqual(30)
    expect(ids.every((x) => x.birth >= '1900-01-01' && x.birth <= TODAY)).toBe(true)
  })

  it('every generated valid number is accepted with its sex, birth date and region, and no warning', () => {
    const g = generator(SEED + 1)
    const bad: string[] = []
    for (let n = 0; n < 5000; n++) {
      const x = g.id()
      const r = checkIdNumber(x.id, OPTS)
      const want = { valid: true, normalized: x.id, sex: x.sex, birth: x.birth, region: x.id.slice(0, 6), warnings: [] }
      if (JSON.stringify(r) !== JSON.stringify(want)) bad.push(`seed ${SEED + 1}, #${n}: ${x.id} gave ${JSON.stringify(r)}`)
    }
    expect(bad.slice(0, 10)).toEqual([])
  })

  it('the same numbers written with spaces, full-width digits or a lowercase x are accepted and normalised', () => {
    const g = generator(SEED + 2)
    for (let n = 0; n < 1000; n++) {
      const x = g.id()
      const messy = [...x.id]
        .map((ch) => (ch === 'X' ? (g.int(2) ? 'x' : 'Ｘ') : g.int(3) === 0 ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch))
        .map((ch) => (g.int(5) === 0 ? `${ch} ` : ch))
        .join('')
      const r = checkIdNumber(messy, OPTS)
      const label = `seed ${SEED + 2}, #${n}: ${JSON.stringify(messy)}`
      expect(r.valid && r.normalized, label).toBe(x.id)
      if (messy.trim() !== x.id) expect(r.warnings.map((w) => w.code), label).toEqual(['ID_NORMALIZED'])
    }
  })

  it('15-digit legacy numbers (born 19xx) upgrade to the 18-digit number with the same birth date and sex', () => {
    const g = generator(SEED + 3)
    for (let n = 0; n < 1000; n++) {
      const x = g.id()
      if (!x.birth.startsWith('19')) continue
      const legacy = x.id.slice(0, 6) + x.id.slice(8, 17)
      expect(upgradeLegacy(legacy)).toBe(x.id)
      const r = checkIdNumber(legacy, OPTS)
      expect(r, `seed ${SEED + 3}, #${n}: ${legacy}`).toMatchObject({ valid: true, normalized: x.id, sex: x.sex, birth: x.birth })
      expect(r.warnings.map((w) => w.code)).toEqual(['ID_LEGACY_UPGRADED'])
    }
  })

  it('any single-character change (every position, every other digit or X) is caught, by the check digit alone', () => {
    const g = generator(SEED + 4)
    const bad: string[] = []
    const codes = new Map<string, number>()
    let mutants = 0
    for (let n = 0; n < 1000; n++) {
      const { id } = g.id()
      for (let i = 0; i < 18; i++) {
        for (const ch of CHARS) {
          if (ch === id[i]) continue
          const m = id.slice(0, i) + ch + id.slice(i + 1)
          mutants++
          const r = checkIdNumber(m, OPTS)
          const at = `seed ${SEED + 4}: ${m} (from ${id}, position ${i})`
          // never accepted, let alone as the original number
          if (r.valid) {
            bad.push(`${at} was accepted as ${r.normalized}`)
            continue
          }
          codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1)
          // the check digit catches it even where the date or region happen to stay valid
          if (/^\d{17}$/.test(m.slice(0, 17)) && isoCheck(m.slice(0, 17)) === m[17]) bad.push(`${at} passes the check digit`)
          if (i < 17 && ch === 'X' && r.error.code !== 'ID_FORMAT') bad.push(`${at}: ${r.error.code}, not ID_FORMAT`)
          if (i === 17 && (r.error.code !== 'ID_CHECKSUM' || r.error.params?.expected !== id[17] || r.error.params?.got !== ch)) bad.push(`${at}: ${JSON.stringify(r.error)}`)
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([])
    expect(mutants).toBe(1000 * 18 * 10)
    // each rule gets its share: province and region changes, impossible dates, the checksum
    for (const code of ['ID_FORMAT', 'ID_PROVINCE', 'ID_REGION', 'ID_DATE', 'ID_CHECKSUM']) expect(codes.get(code), code).toBeGreaterThan(0)
  })

  it('a transposition of two adjacent different characters is caught', () => {
    const g = generator(SEED + 5)
    const bad: string[] = []
    let swaps = 0
    for (let n = 0; n < 3000; n++) {
      const { id } = g.id()
      for (let i = 0; i < 17; i++) {
        if (id[i] === id[i + 1]) continue
        const m = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2)
        swaps++
        const r = checkIdNumber(m, OPTS)
        const at = `seed ${SEED + 5}: ${m} (from ${id}, positions ${i}/${i + 1} swapped)`
        if (r.valid) bad.push(`${at} was accepted`)
        else if (/^\d{17}$/.test(m.slice(0, 17)) && isoCheck(m.slice(0, 17)) === m[17]) bad.push(`${at} passes the check digit`)
      }
    }
    expect(bad.slice(0, 10)).toEqual([])
    expect(swaps).toBeGreaterThan(3000 * 10)
  })
})
