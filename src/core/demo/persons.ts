/**
 * The demo register: a realistic township population, made fast. Households of married couples
 * (sharing village and address, each the other's spouse, with their children counted) and
 * single people; ages mostly 15–70; valid ID numbers of the station's county (unique sequence
 * numbers, the sex digit, the check digit); about 12% out-migrants and 8% in-migrants (IDs of
 * real counties in other provinces); contraception of married women 15–49 in realistic
 * proportions; phones for most. Deterministic for a seed.
 *
 * Written in one transaction with prepared statements (not one method call per person), with
 * one audit row for the whole batch ('demo.persons').
 */
import { checkDigit } from '../../api/idNumber'
import type { PersonFacts } from '../../api/persons'
import { appendAudit } from '../audit/chain'
import { addYears, localDate, type Clock } from '../clock'
import type { Sqlite } from '../db/open'
import { newId } from '../ids'
import { nameKeys, type NameKeys } from '../persons/pinyin'
import { withIndexesRebuilt } from '../db/bulk'
import { FACT_KEYS, insertEvent, insertPerson, type PersonInsert } from '../persons/record'
import { countyName, townshipName } from '../station/codes'
import { DESTINATIONS, FEMALE_CHARS, MALE_CHARS, ORIGIN_COUNTIES, SURNAMES } from './names'
import { mulberry32 } from './random'

export const MAX_DEMO_PERSONS = 200_000
export const DEFAULT_DEMO_PERSONS = 20_000
export const DEFAULT_DEMO_SEED = 20261120

export interface DemoPersonsOptions {
  count: number
  seed?: number
  /** who made them, in the audit and updated_by */
  actor: string
}

export interface DemoPersonsResult {
  count: number
  ms: number
}


const DAY = 86_400_000
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const fromDate = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))

type Sex = PersonFacts['sex']
type Contraception = PersonFacts['contraception']

/** married women 15–49: the methods and their shares, roughly as township registers report them */
const METHODS: [Contraception, number][] = [
  ['iud', 44], ['female_sterilization', 14], ['condom', 20], ['oral', 4], ['implant', 3], ['injectable', 2], ['male_sterilization', 2], ['external', 1], ['none', 10]
]

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199']

class Picker {
  constructor(readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1))
  }
  chance(p: number): boolean {
    return this.r() < p
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]
  }
  weighted<T>(xs: readonly [T, number][], total = xs.reduce((s, [, w]) => s + w, 0)): T {
    let x = this.r() * total
    for (const [v, w] of xs) if ((x -= w) < 0) return v
    return xs[xs.length - 1][0]
  }
}

interface Home {
  servicePointId: string | null
  address: string
  village: string
}

export function generateDemoPersons(sqlite: Sqlite, clock: Clock, opts: DemoPersonsOptions): DemoPersonsResult {
  const t0 = performance.now()
  const count = Math.max(0, Math.min(MAX_DEMO_PERSONS, Math.floor(opts.count)))
  const seed = opts.seed ?? DEFAULT_DEMO_SEED
  const pick = new Picker(mulberry32(seed))
  const today = localDate(clock)
  const todayMs = fromDate(today)
  const at = clock.now().toISOString()
  const by = opts.actor

  const station = sqlite.prepare('SELECT code, name FROM station LIMIT 1').get() as { code: string; name: string }
  const county = station.code.slice(0, 6)
  const countyFull = countyName(county) ?? ''
  const town = townshipName(station.code.slice(0, 9)) ?? ''
  const points = sqlite.prepare("SELECT id, name, code FROM service_points WHERE kind = 'village_room' AND active = 1 ORDER BY code").all() as { id: string; name: string; code: string }[]
  const villages = points.length ? points.map((p) => ({ id: p.id as string | null, name: p.name.replace(/服务室$/, '') })) : [{ id: null, name: town || station.name }]
  const used = new Set((sqlite.prepare('SELECT id_number AS n FROM persons').all() as { n: string }[]).map((r) => r.n))

  const surnameTotal = SURNAMES.reduce((s, [, w]) => s + w, 0)
  const female = [...new Set(FEMALE_CHARS)]
  const male = [...new Set(MALE_CHARS)]
  const keyCache = new Map<string, NameKeys>()
  const keys = (part: string, mode: 'head' | 'off') => {
    const k = `${mode}:${part}`
    let v = keyCache.get(k)
    if (!v) keyCache.set(k, (v = nameKeys(part, mode)))
    return v
  }

  function name(sex: Sex): { name: string } & NameKeys {
    const surname = pick.weighted(SURNAMES, surnameTotal)
    const chars = sex === 'female' ? female : male
    const given = pick.chance(0.78) ? pick.one(chars) + pick.one(chars) : pick.one(chars)
    const s = keys(surname, 'head')
    const g = keys(given, 'off')
    return { name: surname + given, pinyin: s.pinyin + g.pinyin, initials: s.initials + g.initials }
  }

  /** a birth date `age` full years before today */
  const birthFor = (age: number) => toDate(fromDate(addYears(today, -age - 1)) + DAY * pick.int(1, 364))
  /** ages 15–70 mostly, a few older */
  const adultAge = () => (pick.chance(0.04) ? pick.int(71, 80) : pick.int(15, 70))
  /** a day from `from` to `to`, never after today */
  const between = (from: string, to: string) => {
    const a = Math.min(fromDate(from), todayMs)
    const b = Math.max(a, Math.min(fromDate(to), todayMs))
    return toDate(a + DAY * Math.floor(pick.r() * ((b - a) / DAY + 1)))
  }

  function idNumber(region: string, birth: string, sex: Sex): string {
    const head = region + birth.replace(/-/g, '')
    const parity = sex === 'male' ? 1 : 0
    let k = pick.int(0, 499)
    for (let tries = 0; tries < 500; tries++, k = (k + 1) % 500) {
      const first17 = head + String(k * 2 + parity).padStart(3, '0')
      const id = first17 + checkDigit(first17)
      if (!used.has(id)) {
        used.add(id)
        return id
      }
    }
    throw new Error(`no free sequence number for ${head}`)
  }

  const phone = () => (pick.chance(0.9) ? `${pick.one(MOBILE_PREFIXES)}${String(pick.int(0, 99_999_999)).padStart(8, '0')}` : '')

  let made = 0
  type Facts = Omit<PersonInsert, 'id' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'pinyin' | 'initials' | 'name'>
  /** one row, built as one literal of a fixed shape (spreads of 30 keys per row cost more than the insert) */
  const write = (n: { name: string } & NameKeys, f: Facts) => {
    const id = newId()
    const p: PersonInsert = {
      id, createdAt: at, updatedAt: at, updatedBy: by, idNumber: f.idNumber, name: n.name, pinyin: n.pinyin, initials: n.initials, sex: f.sex,
      birthDate: f.birthDate, phone: f.phone, hukouRegion: f.hukouRegion, hukouAddress: f.hukouAddress, servicePointId: f.servicePointId,
      residenceAddress: f.residenceAddress, maritalStatus: f.maritalStatus, maritalDate: f.maritalDate, spouseName: f.spouseName,
      spouseIdNumber: f.spouseIdNumber, boys: f.boys, girls: f.girls, contraception: f.contraception, contraceptionSince: f.contraceptionSince,
      migrantStatus: f.migrantStatus, migrantPlace: f.migrantPlace, migrantSince: f.migrantSince, state: f.state, exitReason: f.exitReason, exitDate: f.exitDate
    }
    insertPerson(sqlite, p)
    const changes: Record<string, { before: null; after: unknown }> = {}
    for (const k of FACT_KEYS) if (p[k] !== '' && p[k] !== null && p[k] !== 0) changes[k] = { before: null, after: p[k] }
    insertEvent(sqlite, { id: newId(), personId: id, type: 'registered', date: today, reason: '', changes, at, by })
    made++
  }

  function home(): Home {
    const v = pick.one(villages)
    return { servicePointId: v.id, village: v.name, address: `${v.name}${pick.int(1, 12)}组${pick.int(1, 80)}号` }
  }

  type Migration = { status: PersonFacts['migrantStatus']; place: string; region: string }
  function migration(): Migration {
    const x = pick.r()
    if (x < 0.08) {
      const origin = pick.one(ORIGIN_COUNTIES)
      return { status: 'in', place: countyName(origin) ?? origin, region: origin }
    }
    if (x < 0.2) return { status: 'out', place: pick.one(DESTINATIONS), region: county }
    return { status: 'local', place: '', region: county }
  }

  const hukouAddress = (h: Home, m: Migration) => (m.status === 'in' ? m.place : `${countyFull}${town}${h.address}`)
  /** since when a migrant lives away: after 16 (singles) or 18 (couples) */
  const migrantSince = (m: Migration, birth: string, from: number) => (m.status === 'local' ? null : between(addYears(birth, from), today))
  const split = (kids: number) => {
    let boys = 0
    for (let i = 0; i < kids; i++) if (pick.chance(0.52)) boys++
    return boys
  }

  function couple(): void {
    const h = home()
    const m = migration()
    const wifeAge = pick.int(21, 70)
    const husbandAge = Math.min(80, Math.max(22, wifeAge + pick.int(-2, 6)))
    const wBirth = birthFor(wifeAge)
    const hBirth = birthFor(husbandAge)
    const a = addYears(wBirth, 20)
    const b = addYears(hBirth, 22)
    const earliest = a > b ? a : b
    const maritalDate = between(earliest, addYears(earliest, 8))
    const maritalStatus: PersonFacts['maritalStatus'] = pick.chance(0.05) ? 'remarried' : 'married'
    const kids = wifeAge < 25 ? pick.int(0, 1) : wifeAge < 35 ? pick.int(0, 2) : pick.int(1, 3)
    const boys = split(kids)
    const method: Contraception = wifeAge <= 49 ? pick.weighted(METHODS) : pick.chance(0.3) ? 'female_sterilization' : 'none'
    const since = method === 'none' ? null : between(maritalDate, today)
    const w = name('female')
    const hn = name('male')
    const wId = idNumber(m.region, wBirth, 'female')
    const hId = idNumber(m.region, hBirth, 'male')
    const away = migrantSince(m, wBirth > hBirth ? wBirth : hBirth, 18)
    const hukou = hukouAddress(h, m)
    write(w, {
      idNumber: wId, sex: 'female', birthDate: wBirth, phone: phone(), hukouRegion: m.region, hukouAddress: hukou, servicePointId: h.servicePointId,
      residenceAddress: h.address, maritalStatus, maritalDate, spouseName: hn.name, spouseIdNumber: hId, boys, girls: kids - boys,
      contraception: method, contraceptionSince: since, migrantStatus: m.status, migrantPlace: m.place, migrantSince: away, state: 'active', exitReason: null, exitDate: null
    })
    if (made >= count) return
    const hMethod: Contraception = method === 'condom' || method === 'male_sterilization' ? method : 'none'
    write(hn, {
      idNumber: hId, sex: 'male', birthDate: hBirth, phone: phone(), hukouRegion: m.region, hukouAddress: hukou, servicePointId: h.servicePointId,
      residenceAddress: h.address, maritalStatus, maritalDate, spouseName: w.name, spouseIdNumber: wId, boys, girls: kids - boys,
      contraception: hMethod, contraceptionSince: hMethod === 'none' ? null : since, migrantStatus: m.status, migrantPlace: m.place, migrantSince: away,
      state: 'active', exitReason: null, exitDate: null
    })
  }

  function single(): void {
    const h = home()
    const m = migration()
    const sex: Sex = pick.chance(0.55) ? 'female' : 'male'
    const age = adultAge()
    const birth = birthFor(age)
    let maritalStatus: PersonFacts['maritalStatus'] = 'unmarried'
    let maritalDate: string | null = null
    if (age >= 30 && pick.chance(age >= 55 ? 0.8 : 0.35)) {
      maritalStatus = age >= 55 && pick.chance(0.6) ? 'widowed' : 'divorced'
      maritalDate = between(addYears(birth, 24), today)
    }
    const kids = maritalStatus === 'unmarried' ? 0 : pick.int(0, 2)
    const boys = split(kids)
    const exitDate = m.status === 'local' && pick.chance(0.01) ? between(addYears(today, -2), today) : null
    write(name(sex), {
      idNumber: idNumber(m.region, birth, sex), sex, birthDate: birth, phone: age >= 16 ? phone() : '', hukouRegion: m.region, hukouAddress: hukouAddress(h, m),
      servicePointId: h.servicePointId, residenceAddress: h.address, maritalStatus, maritalDate, spouseName: '', spouseIdNumber: '', boys, girls: kids - boys,
      contraception: 'none', contraceptionSince: null, migrantStatus: m.status, migrantPlace: m.place, migrantSince: migrantSince(m, birth, 16),
      state: exitDate ? 'exited' : 'active', exitReason: exitDate ? 'moved' : null, exitDate
    })
  }

  // a bulk load indexes faster once at the end than row by row (db/bulk.ts)
  const existing = used.size
  const rebuild = count >= 5000 && count >= existing
  const load = () => {
    while (made < count) {
      if (count - made >= 2 && pick.chance(0.5)) couple()
      else single()
    }
  }

  sqlite
    .transaction(() => {
      if (rebuild) withIndexesRebuilt(sqlite, ['persons', 'person_events'], load)
      else load()
      appendAudit(sqlite, {
        at,
        userId: null,
        actor: by,
        action: 'demo.persons',
        entity: 'person',
        summary: `demo register: ${made} persons`,
        message: ['demo.persons', { n: made }],
        details: { count: made, seed }
      })
    })
    .immediate()
  return { count: made, ms: performance.now() - t0 }
}
