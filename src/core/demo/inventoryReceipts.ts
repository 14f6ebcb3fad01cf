/**
 * The demo year's quarterly receipts from the county's contraceptive depot (计生药具站), sized
 * the way a district tops a station up: each delivery brings the next quarter's planned use plus
 * a buffer of about two and a half months, less what the station still holds that will be good
 * by then (found by playing the plan's issues and dispenses earliest-expiry-first, as the ledger
 * will). Lots carry the maker's date of manufacture; the expiry is that date plus the product's
 * shelf life. A few lots are planned to tell a story: a short-dated film lot that expires on the
 * shelf (still on hand today), a short-dated emergency-pill lot that expired mid-year and was
 * destroyed, and two lots delivered last quarter that expire 60–90 days from today.
 */
import { addYears } from '../clock'
import { addDays, daysFrom, type Pick } from './screeningPick'
import { DEMO_STOCK_PRODUCTS, type DemoYear, type Plan } from './inventoryPlan'

export interface ReceiptLine {
  code: string
  lotNumber: string
  expiry: string
  maker: string
  quantity: number
}

export interface PlannedReceipt {
  date: string
  documentNo: string
  lines: ReceiptLine[]
}

export interface StoryLots {
  /** delivered last quarter, expiring 60–90 days from today */
  nearExpiry: { code: string; lotNumber: string; expiry: string }[]
  /** expired a few weeks ago, still on the shelf */
  expiredOnHand: { code: string; lotNumber: string; expiry: string }
  /** expired mid-year and destroyed (with a witness) on `destroyOn` */
  destroyed: { code: string; lotNumber: string; expiry: string; destroyOn: string }
}

export interface ProductFacts {
  packSize: number
}

/** the day the short-dated emergency-pill lot is last given out, fixed before the plan is made */
export const ecLastDay = (pick: Pick, year: DemoYear): string => addDays(year.receipts[0], pick.int(150, 170))

interface SimLot {
  lotNumber: string
  expiry: string
  qty: number
}

/**
 * `docPrefix` is the county's document word (信计药), `ecUntil` from ecLastDay; products whose
 * code is not in `facts` (not in the catalogue any more) get nothing.
 */
export function planReceipts(pick: Pick, year: DemoYear, plan: Plan, facts: Map<string, ProductFacts>, docPrefix: string, ecUntil: string): { receipts: PlannedReceipt[]; story: StoryLots } {
  const { receipts: dates, today } = year
  const use = new Map<string, { date: string; qty: number }[]>()
  const used = (code: string) => use.get(code) ?? (use.set(code, []), use.get(code)!)
  for (const i of plan.issues) for (const l of i.lines) used(l.code).push({ date: i.date, qty: l.quantity })
  for (const d of plan.dispenses) used(d.code).push({ date: d.date, qty: d.quantity })
  for (const list of use.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  /** planned use of a product from `from` (included) to `to` (excluded) */
  const between = (code: string, from: string, to: string) => (use.get(code) ?? []).reduce((s, u) => (u.date >= from && u.date < to ? s + u.qty : s), 0)

  const near = (code: string) => ({ code, expiry: addDays(today, pick.int(60, 90)) })
  const story = {
    expiredOnHand: { code: 'EXT_N9_FILM', expiry: addDays(today, -pick.int(15, 40)) },
    destroyed: { code: 'EC_LNG_075', expiry: addDays(ecUntil, pick.int(5, 12)) },
    nearExpiry: [near('CONDOM_M_56'), near('OC_NET_EE')]
  }
  const lines: ReceiptLine[][] = dates.map(() => [])
  const made = new Map<string, Set<string>>()
  /** a lot made some time before it arrives (or dated back from a planned expiry), numbered by its day of manufacture */
  const lot = (code: string, arrives: string, expiry?: string): { lotNumber: string; expiry: string; maker: string } => {
    const p = DEMO_STOCK_PRODUCTS.find((x) => x.code === code)!
    const seen = made.get(code) ?? (made.set(code, new Set()), made.get(code)!)
    let day = expiry ? addDays(addYears(expiry, -p.shelfYears), 1) : addDays(arrives, -pick.int(30, 300))
    for (;;) {
      const d = day.replace(/-/g, '')
      const lotNumber = p.lotPrefix ? `${p.lotPrefix}${d.slice(2)}${pick.int(1, 9)}` : d
      if (!seen.has(lotNumber)) {
        seen.add(lotNumber)
        return { lotNumber, expiry: expiry ?? addDays(addYears(day, p.shelfYears), -1), maker: p.maker }
      }
      day = addDays(day, -1)
    }
  }
  /** deliveries come in tens of packs; devices and doses one by one where few are used, else in fives */
  const deliveryUnit = (code: string) => {
    const size = facts.get(code)!.packSize
    const monthly = between(code, dates[0], addDays(today, 1)) / 12
    return size > 1 ? size * 10 : monthly >= 10 ? 5 : 1
  }
  const roundUp = (q: number, unit: number) => Math.ceil(q / unit) * unit

  const named: StoryLots = { nearExpiry: [], expiredOnHand: { ...story.expiredOnHand, lotNumber: '' }, destroyed: { ...story.destroyed, lotNumber: '', destroyOn: '' } }
  for (const p of DEMO_STOCK_PRODUCTS) {
    if (!facts.has(p.code)) continue
    const unit = deliveryUnit(p.code)
    const stock: SimLot[] = []
    const list = use.get(p.code) ?? []
    let next = 0
    /** plays the planned use up to a day, earliest expiry first, as the ledger's FEFO will */
    const playUntil = (day: string) => {
      for (; next < list.length && list[next].date < day; next++) {
        let left = list[next].qty
        for (const l of stock) {
          if (left === 0) break
          if (l.expiry < list[next].date || l.qty === 0) continue
          const q = Math.min(left, l.qty)
          l.qty -= q
          left -= q
        }
      }
    }
    const add = (k: number, l: ReturnType<typeof lot>, quantity: number) => {
      lines[k].push({ code: p.code, ...l, quantity })
      stock.push({ lotNumber: l.lotNumber, expiry: l.expiry, qty: quantity })
      stock.sort((a, b) => (a.expiry < b.expiry ? -1 : a.expiry > b.expiry ? 1 : a.lotNumber < b.lotNumber ? -1 : 1))
      return l
    }
    dates.forEach((date, k) => {
      playUntil(date)
      const end = dates[k + 1] ?? addDays(today, 1)
      if (k === 0 && p.code === story.expiredOnHand.code) {
        const l = add(k, lot(p.code, date, story.expiredOnHand.expiry), roundUp(between(p.code, date, story.expiredOnHand.expiry) * 1.1, unit) + unit)
        named.expiredOnHand.lotNumber = l.lotNumber
      }
      if (k === 0 && p.code === story.destroyed.code) {
        const l = add(k, lot(p.code, date, story.destroyed.expiry), roundUp(between(p.code, date, story.destroyed.expiry) * 1.6, 5) + 5)
        named.destroyed.lotNumber = l.lotNumber
      }
      const nearOne = story.nearExpiry.find((n) => n.code === p.code)
      if (k === dates.length - 1 && nearOne) {
        const l = add(k, lot(p.code, date, nearOne.expiry), roundUp(between(p.code, date, addDays(today, 1)) * 1.35, unit) + unit)
        named.nearExpiry.push({ code: p.code, lotNumber: l.lotNumber, expiry: l.expiry })
      }
      if (p.specialOnly) return
      const want = between(p.code, date, end)
      const months = Math.max(1, daysFrom(date, end) / 30.4)
      const buffer = p.stance === 'over' ? 9 : p.stance === 'short' && k === dates.length - 1 ? 0.3 : 2.5
      const usable = stock.reduce((s, l) => s + (l.expiry >= end ? l.qty : Math.min(l.qty, between(p.code, date, addDays(l.expiry, 1)))), 0)
      const q = roundUp(Math.max(0, want + buffer * (want / months) - usable), unit)
      if (q === 0) return
      // a large delivery comes in two lots now and then
      if (q >= 4 * unit && pick.chance(0.4)) {
        const first = roundUp(q * 0.6, unit)
        add(k, lot(p.code, date), first)
        add(k, lot(p.code, date), q - first)
      } else add(k, lot(p.code, date), q)
    })
  }
  named.destroyed.destroyOn = addDays(named.destroyed.expiry, pick.int(10, 20))
  // document numbers of the county's year, rising through it (信计药〔2026〕12号)
  const receipts = dates.map((date, k) => ({ date, documentNo: `${docPrefix}〔${date.slice(0, 4)}〕${Number(date.slice(5, 7)) * 3 + pick.int(0, 2)}号`, lines: lines[k] }))
  return { receipts: receipts.filter((r) => r.lines.length), story: named }
}
