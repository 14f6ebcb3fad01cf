/**
 * The demo year of stock, planned before anything is written: the products a township station
 * keeps (with their makers and shelf lives), the register's users of each method per village,
 * and the year's issues to each village room (monthly, sized to the village's users) and
 * dispenses to people of the register at the station — pills and injectables on their schedule
 * (married women 20–49), IUDs and implants on the day the register says the method began,
 * condoms to men and women of couples using them, emergency pills to women 20–49. Every
 * person's yearly limit is kept per calendar year. Deterministic for a seed and a register.
 */
import type { Sqlite } from '../db/open'
import { ageOn } from '../persons/record'
import { addDays, isWorkday, workdays, type Pick } from './screeningPick'

export interface DemoStockProduct {
  code: string
  maker: string
  /** shelf life from manufacture */
  shelfYears: number
  /** lot numbers: a date of manufacture with a letter or digits, as the maker prints them */
  lotPrefix: string
  /** the district sends more than is used (above the maximum) or too little at the last delivery (below the minimum) */
  stance?: 'over' | 'short'
  /** only the lots planned for it (no regular deliveries) */
  specialOnly?: boolean
}

export const DEMO_STOCK_PRODUCTS: DemoStockProduct[] = [
  { code: 'CONDOM_M_49', maker: '青岛双蝶集团股份有限公司', shelfYears: 5, lotPrefix: '' },
  { code: 'CONDOM_M_52', maker: '青岛双蝶集团股份有限公司', shelfYears: 5, lotPrefix: '' },
  { code: 'CONDOM_M_56', maker: '广州双一乳胶制品有限公司', shelfYears: 5, lotPrefix: '' },
  { code: 'CONDOM_F', maker: '广州双一乳胶制品有限公司', shelfYears: 5, lotPrefix: 'F', stance: 'over' },
  { code: 'OC_LNG_EE', maker: '华润紫竹药业有限公司', shelfYears: 3, lotPrefix: 'H' },
  { code: 'OC_NET_EE', maker: '浙江仙琚制药股份有限公司', shelfYears: 3, lotPrefix: 'X' },
  { code: 'EC_LNG_15', maker: '华润紫竹药业有限公司', shelfYears: 3, lotPrefix: 'H' },
  { code: 'EC_LNG_075', maker: '华润紫竹药业有限公司', shelfYears: 3, lotPrefix: 'H', specialOnly: true },
  { code: 'IUD_TCU380A', maker: '烟台计生药械有限公司', shelfYears: 5, lotPrefix: 'Y' },
  { code: 'IUD_MLCU375', maker: '烟台计生药械有限公司', shelfYears: 5, lotPrefix: 'Y' },
  { code: 'IUD_TCU220C', maker: '烟台计生药械有限公司', shelfYears: 5, lotPrefix: 'Y' },
  { code: 'INJ_DMPA', maker: '浙江仙琚制药股份有限公司', shelfYears: 3, lotPrefix: 'X', stance: 'short' },
  { code: 'INJ_NET_EN', maker: '上海信谊药厂有限公司', shelfYears: 3, lotPrefix: 'S' },
  { code: 'IMP_LNG_2', maker: '上海达华药业有限公司', shelfYears: 5, lotPrefix: 'D' },
  { code: 'EXT_N9_FILM', maker: '湖北东信药业有限公司', shelfYears: 3, lotPrefix: 'M' }
]

/** the station's year: the first receipt opens it, one delivery a quarter */
export interface DemoYear {
  today: string
  /** the four quarterly receipt dates, the first the start of the year's stock */
  receipts: string[]
  /** YYYY-MM of the twelve months, the last today's */
  months: string[]
}

const monthAdd = (ym: string, n: number): string => {
  const i = Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1 + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}
/** the first workday on or after a day */
export const workdayFrom = (d: string): string => (isWorkday(d) ? d : workdayFrom(addDays(d, 1)))
/** the last workday on or before a day */
export const workdayUntil = (d: string): string => (isWorkday(d) ? d : workdayUntil(addDays(d, -1)))
export const lastDayOf = (ym: string): string => addDays(`${monthAdd(ym, 1)}-01`, -1)

export function demoYear(pick: Pick, today: string): DemoYear {
  const now = today.slice(0, 7)
  const months = Array.from({ length: 12 }, (_, i) => monthAdd(now, i - 11))
  // deliveries early in months −11, −8, −5 and −2
  const receipts = [0, 3, 6, 9].map((i) => workdayFrom(`${months[i]}-0${pick.int(3, 6)}`))
  return { today, receipts, months }
}

export interface DemoPerson {
  id: string
  sex: 'male' | 'female'
  birthDate: string
  married: boolean
  contraception: string
  since: string | null
  servicePointId: string | null
}

export interface Village {
  id: string
  code: string
  name: string
}

export interface IssueIntent {
  date: string
  village: Village
  lines: { code: string; quantity: number }[]
}

export interface DispenseIntent {
  date: string
  personId: string
  code: string
  quantity: number
}

export interface Plan {
  issues: IssueIntent[]
  dispenses: DispenseIntent[]
}

/** the register's people who may come for contraceptives: living here (out-migrants excluded), in the ID number's order */
export function demoPeople(sqlite: Sqlite): DemoPerson[] {
  return (
    sqlite
      .prepare(
        `SELECT id, sex, birth_date AS birthDate, marital_status IN ('married', 'remarried') AS married, contraception, contraception_since AS since, service_point_id AS servicePointId
         FROM persons WHERE state = 'active' AND migrant_status <> 'out' ORDER BY id_number`
      )
      .all() as (Omit<DemoPerson, 'married'> & { married: number })[]
  ).map((p) => ({ ...p, married: p.married === 1 }))
}

const CONDOM_SIZES: [string, number][] = [['CONDOM_M_52', 60], ['CONDOM_M_56', 25], ['CONDOM_M_49', 15]]
const IUDS: [string, number][] = [['IUD_TCU380A', 60], ['IUD_MLCU375', 30], ['IUD_TCU220C', 10]]

/**
 * The year's issues and dispenses. `limits` holds each product's yearly limit per person;
 * `ecUntil` is the last day the short-dated EC_LNG_075 lot is given out.
 */
export function planYear(pick: Pick, year: DemoYear, people: DemoPerson[], villages: Village[], limits: Map<string, number | null>, ecUntil: string): Plan {
  const start = year.receipts[0]
  const days = workdays(start, year.today)
  const inMonth = (ym: string) => days.filter((d) => d.startsWith(ym))
  const womanOfAge = (p: DemoPerson, d: string) => p.sex === 'female' && ageOn(p.birthDate, d) >= 20 && ageOn(p.birthDate, d) <= 49
  const fitsCouple = (p: DemoPerson, d: string) => p.married && (p.sex === 'female' ? womanOfAge(p, d) : ageOn(p.birthDate, d) >= 20 && ageOn(p.birthDate, d) <= 59)

  // what each person has had per product and calendar year: a dispense never passes the limit
  const had = new Map<string, number>()
  const dispenses: DispenseIntent[] = []
  const give = (p: DemoPerson, date: string, code: string, quantity: number) => {
    const key = `${p.id}|${code}|${date.slice(0, 4)}`
    const limit = limits.get(code) ?? null
    if (limit !== null && (had.get(key) ?? 0) + quantity > limit) return
    had.set(key, (had.get(key) ?? 0) + quantity)
    dispenses.push({ date, personId: p.id, code, quantity })
  }
  /** visits from a first day, every `every` days give or take a few, while they fall in the year */
  const schedule = (p: DemoPerson, every: number, code: string, quantity: number) => {
    for (let d = addDays(start, pick.int(0, every - 1)); d <= year.today; d = addDays(d, every + pick.int(-4, 4))) {
      const day = workdayFrom(d)
      if (day <= year.today && womanOfAge(p, day)) give(p, day, code, quantity)
    }
  }

  const users = (method: string) => people.filter((p) => p.contraception === method)
  // pills: four in ten of the women on the pill fetch three cycles a quarter at the station (the rest at the village room)
  for (const p of users('oral')) {
    const code = pick.chance(0.7) ? 'OC_LNG_EE' : 'OC_NET_EE'
    if (p.married && pick.chance(0.4)) schedule(p, 91, code, 3)
  }
  // injections are given at the station: the 3-monthly one or the monthly one
  for (const p of users('injectable')) {
    if (!p.married) continue
    if (pick.chance(0.7)) schedule(p, 88, 'INJ_DMPA', 1)
    else schedule(p, 30, 'INJ_NET_EN', 1)
  }
  // an IUD or an implant on the day the register says the method began
  for (const [method, models] of [['iud', IUDS], ['implant', [['IMP_LNG_2', 1]] as [string, number][]]] as const) {
    for (const p of users(method)) {
      if (!p.married || !p.since || p.since < start || p.since > year.today) continue
      const day = workdayFrom(p.since) <= year.today ? workdayFrom(p.since) : workdayUntil(p.since)
      if (day >= start && womanOfAge(p, day)) give(p, day, pick.weighted(models), 1)
    }
  }
  const ecWomen = people.filter((p) => p.sex === 'female' && (p.contraception === 'none' || p.contraception === 'condom' || p.contraception === 'external'))
  // condoms: each partner of a couple using them now and then at the station, one size per couple's man
  const condomUsers = users('condom')
  const size = new Map(condomUsers.map((p) => [p.id, pick.weighted(CONDOM_SIZES)]))
  for (const ym of year.months) {
    const open = inMonth(ym)
    if (!open.length) continue
    for (const p of condomUsers) {
      if (!pick.chance(0.085)) continue
      const day = pick.one(open)
      if (fitsCouple(p, day)) give(p, day, size.get(p.id)!, pick.weighted([[10, 40], [20, 40], [30, 20]]))
    }
    // emergency pills: a few women a month
    const n = Math.round(ecWomen.length * 0.004 * (open.length / 21))
    for (let i = 0; i < n; i++) {
      const p = pick.one(ecWomen)
      const day = pick.one(open)
      if (womanOfAge(p, day)) give(p, day, day <= ecUntil && pick.chance(0.3) ? 'EC_LNG_075' : 'EC_LNG_15', 1)
    }
  }
  dispenses.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))

  // each village room fetches its month's stock on its own day, sized to its users
  const count = (v: Village, f: (p: DemoPerson) => boolean) => people.filter((p) => p.servicePointId === v.id && f(p)).length
  const issues: IssueIntent[] = []
  villages.forEach((v, i) => {
    const couples = count(v, (p) => p.sex === 'female' && p.married && p.contraception === 'condom')
    const pill = count(v, (p) => p.sex === 'female' && p.contraception === 'oral')
    const ext = count(v, (p) => p.sex === 'female' && p.contraception === 'external')
    const women = count(v, (p) => p.sex === 'female' && p.contraception !== 'female_sterilization')
    for (const ym of year.months) {
      const date = workdayFrom(`${ym}-${String(8 + (i % 10)).padStart(2, '0')}`)
      if (date > year.today || date < start) continue
      const noise = () => pick.decimal(0.8, 1.2)
      const packs = (units: number, size: number) => Math.round(units / size) * size
      const lines = [
        ...CONDOM_SIZES.map(([code, share]) => ({ code, quantity: packs(couples * 10 * 0.75 * (share / 100) * noise(), 10) })),
        { code: 'OC_LNG_EE', quantity: Math.round(pill * 0.6 * 0.7 * noise()) },
        { code: 'OC_NET_EE', quantity: Math.round(pill * 0.6 * 0.3 * noise()) },
        { code: 'EC_LNG_15', quantity: Math.round(women * 0.0025 * noise()) },
        { code: 'EXT_N9_FILM', quantity: packs(ext * 10 * noise(), 12) },
        { code: 'CONDOM_F', quantity: pick.chance(0.4) ? 3 : 0 }
      ].filter((l) => l.quantity > 0)
      if (lines.length) issues.push({ date, village: v, lines })
    }
  })
  issues.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return { issues, dispenses }
}
