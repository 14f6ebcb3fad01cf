/**
 * The demo year of contraceptive stock (issue 5): quarterly receipts from the county's depot,
 * monthly issues to each village room, dispenses to people of the register within their yearly
 * limits, a few returns, one adjustment, some wastage, a destruction of an expired lot with a
 * witness, one confirmed stocktake with a small variance — and, today, two lots expiring within
 * 60–90 days and one expired lot still on the shelf, so the alerts and the destroy flow have
 * something to show. Planned by ./inventoryPlan.ts and ./inventoryReceipts.ts.
 *
 * Every move is written by the inventory core's own handlers (receive, issue, dispense, return,
 * adjust, waste, destroy, the stocktake's start/counts/confirm), in date order, inside one
 * transaction: the ledger's checks (never below zero at any date, FEFO, expired lots refused,
 * yearly limits) hold for the demo as for a clerk, and the lot balances and month totals are
 * the ones the ledger keeps. The handlers' own audit notes are folded into one audit row
 * ('demo.inventory'), as the demo register and campaigns are. A station that has stock moves
 * already gets nothing. Deterministic for a seed, a register and the station's today.
 */
import regions from '../../../resources/codes/regions.json'
import { appendAudit } from '../audit/chain'
import type { Session } from '../auth/sessions'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { directJob } from '../jobs/control'
import type { Runtime } from '../runtime'
import { dispense, issue, receive } from '../inventory/moves'
import { mulberry32 } from './random'
import { Pick } from './screeningPick'
import { DEMO_STOCK_PRODUCTS, demoPeople, demoYear, planYear, type Village } from './inventoryPlan'
import { ecLastDay, planReceipts } from './inventoryReceipts'
import { storyEvents, type DemoEvent, type DemoStockKit } from './inventoryStory'

export interface DemoStockOptions {
  seed: number
  /** who made them, in the audit and updated_by */
  actor: string
}

export interface DemoStockResult {
  from: string
  to: string
  receipts: number
  lots: number
  products: number
  issues: number
  villages: number
  dispenses: number
  people: number
  returns: number
  adjustments: number
  wastage: number
  destructions: number
  stocktakes: number
  moves: number
  /** planned issue lines and dispenses cut or left out for want of good stock (the plan keeps this at 0) */
  short: number
  nearExpiry: { code: string; lotNumber: string; expiry: string }[]
  expiredOnHand: { code: string; lotNumber: string; expiry: string } | null
  ms: number
}

/** the county's depot and its document word: 新县计生药具站, 信计药 (the city's first character) */
function depotOf(stationCode: string): { supplier: string; docPrefix: string } {
  const t = regions as { cities: Record<string, string>; counties: Record<string, string> }
  const county = t.counties[stationCode.slice(0, 6)] ?? '县'
  const city = t.cities[stationCode.slice(0, 4)]
  const word = city && city !== '市辖区' && city !== '县' ? city[0] : county[0]
  return { supplier: `${county}计生药具站`, docPrefix: `${word}计药` }
}

/** the handlers' context for the demo's operator (head rights), inside the caller's transaction */
function demoCtx(rt: Runtime, actor: string, notes: { n: number }): Ctx {
  const session: Session = { id: 'demo-inventory', userId: null, username: actor, displayName: actor, role: 'head', roles: ['admin', 'head'], actor, lastActivity: 0, locked: false }
  const ctx: Ctx = {
    db: rt.db!,
    sqlite: rt.sqlite!,
    session,
    clock: rt.clock,
    runtime: rt,
    method: 'demo.inventory',
    transport: 'cli',
    audit: () => void notes.n++,
    setSession: () => {},
    failAfterCommit: (e) => {
      throw e
    },
    nowIso: () => rt.clock.now().toISOString(),
    user: () => session,
    job: directJob,
    commit: (fn) => fn()
  }
  return ctx
}

export function generateDemoInventory(rt: Runtime, opts: DemoStockOptions): DemoStockResult | null {
  const t0 = performance.now()
  const sqlite = rt.sqlite!
  if (sqlite.prepare('SELECT 1 FROM inv_moves LIMIT 1').get()) return null
  const station = sqlite.prepare('SELECT code FROM station LIMIT 1').get() as { code: string } | undefined
  if (!station) return null
  const products = new Map(
    (sqlite.prepare('SELECT id, code, pack_size AS packSize, yearly_limit AS yearlyLimit FROM inv_products WHERE active = 1').all() as { id: string; code: string; packSize: number; yearlyLimit: number | null }[])
      .filter((p) => DEMO_STOCK_PRODUCTS.some((d) => d.code === p.code))
      .map((p) => [p.code, p])
  )
  if (!products.size) return null
  const villages = sqlite.prepare("SELECT id, code, name FROM service_points WHERE kind = 'village_room' AND active = 1 ORDER BY code").all() as Village[]

  const pick = new Pick(mulberry32(opts.seed))
  const today = localDate(rt.clock)
  const year = demoYear(pick, today)
  const ecUntil = ecLastDay(pick, year)
  const people = demoPeople(sqlite)
  const plan = planYear(pick, year, people, villages, new Map([...products.values()].map((p) => [p.code, p.yearlyLimit])), ecUntil)
  // a product no longer in the catalogue is left out of the plan
  plan.issues.forEach((i) => (i.lines = i.lines.filter((l) => products.has(l.code))))
  plan.dispenses = plan.dispenses.filter((d) => products.has(d.code))
  const depot = depotOf(station.code)
  const { receipts, story } = planReceipts(pick, year, plan, products, depot.docPrefix, ecUntil)

  const notes = { n: 0 }
  const ctx = demoCtx(rt, opts.actor, notes)
  const idOf = (code: string) => products.get(code)!.id
  const goodStock = sqlite.prepare('SELECT coalesce(sum(balance), 0) AS n FROM inv_lots WHERE product_id = ? AND expiry >= ? AND balance > 0')
  let short = 0
  /** what can go out on a date: moves are written in date order, so the lots' balances are that date's */
  const available = (code: string, date: string, want: number, pack: number): number => {
    const have = (goodStock.get(idOf(code), date) as { n: number }).n
    if (have >= want) return want
    short++
    return Math.floor(have / pack) * pack
  }
  const kit: DemoStockKit = { ctx, pick, year, villages, story, idOf, available }

  // receipts first on a day, then returns and adjustments, issues, dispenses, wastage, destruction, the stocktake last
  const events: DemoEvent[] = [
    ...receipts.map((r) => ({
      date: r.date,
      rank: 0,
      run: () =>
        receive(ctx, {
          documentNo: r.documentNo,
          date: r.date,
          supplier: depot.supplier,
          note: '',
          lines: r.lines.map((l) => ({ productId: idOf(l.code), lotNumber: l.lotNumber, expiry: l.expiry, maker: l.maker, quantity: l.quantity }))
        })
    })),
    ...plan.issues.map((i, n) => ({
      date: i.date,
      rank: 3,
      run: () => {
        const lines = i.lines
          .map((l) => ({ productId: idOf(l.code), quantity: available(l.code, i.date, l.quantity, products.get(l.code)!.packSize) }))
          .filter((l) => l.quantity > 0)
        if (lines.length) issue(ctx, { servicePointId: i.village.id, date: i.date, documentNo: `CK${i.date.replace(/-/g, '')}${String((n % 90) + 10)}`, note: '', lines })
      }
    })),
    ...plan.dispenses.map((d) => ({
      date: d.date,
      rank: 4,
      run: () => {
        if (available(d.code, d.date, d.quantity, 1) === d.quantity) dispense(ctx, { personId: d.personId, date: d.date, productId: idOf(d.code), quantity: d.quantity, note: '', confirmLimit: false })
      }
    })),
    ...storyEvents(kit)
  ]
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank))

  return sqlite
    .transaction((): DemoStockResult => {
      for (const e of events) if (e.date <= today) e.run()
      const r = summarize(rt, year.receipts[0], today, short)
      const result: DemoStockResult = {
        ...r,
        nearExpiry: story.nearExpiry.filter((l) => l.lotNumber),
        expiredOnHand: story.expiredOnHand.lotNumber ? story.expiredOnHand : null,
        ms: 0
      }
      appendAudit(sqlite, {
        at: ctx.nowIso(),
        userId: null,
        actor: opts.actor,
        action: 'demo.inventory',
        entity: 'stock',
        summary: describeDemoStock(result),
        message: ['demo.inventory', { moves: result.moves, from: result.from, to: result.to }],
        details: { ...result, ms: undefined, seed: opts.seed, handlerNotes: notes.n }
      })
      result.ms = performance.now() - t0
      return result
    })
    .immediate()
}

type Counts = Omit<DemoStockResult, 'nearExpiry' | 'expiredOnHand' | 'ms'>

function summarize(rt: Runtime, from: string, to: string, short: number): Counts {
  const q = rt.sqlite!
  const one = (sql: string) => (q.prepare(sql).get() as { n: number }).n
  const batches = (kind: string) => one(`SELECT count(DISTINCT batch_id) AS n FROM inv_moves WHERE kind = '${kind}'`)
  return {
    from,
    to,
    receipts: batches('receipt'),
    lots: one('SELECT count(*) AS n FROM inv_lots'),
    products: one('SELECT count(DISTINCT product_id) AS n FROM inv_lots'),
    issues: batches('issue'),
    villages: one(`SELECT count(DISTINCT service_point_id) AS n FROM inv_moves WHERE kind = 'issue'`),
    dispenses: batches('dispense'),
    people: one(`SELECT count(DISTINCT person_id) AS n FROM inv_moves WHERE kind = 'dispense'`),
    returns: batches('return'),
    adjustments: batches('adjustment'),
    wastage: batches('wastage'),
    destructions: batches('destruction'),
    stocktakes: one(`SELECT count(*) AS n FROM inv_stocktakes WHERE status = 'confirmed'`),
    moves: one('SELECT count(*) AS n FROM inv_moves'),
    short
  }
}

const num = (n: number) => n.toLocaleString('en')

/** one line for the audit log and the command line */
export function describeDemoStock(r: DemoStockResult): string {
  const story = [
    r.nearExpiry.length ? `${r.nearExpiry.length} lots expire within 90 days (${r.nearExpiry.map((l) => `${l.code} ${l.lotNumber} on ${l.expiry}`).join(', ')})` : '',
    r.expiredOnHand ? `expired lot ${r.expiredOnHand.code} ${r.expiredOnHand.lotNumber} (${r.expiredOnHand.expiry}) still on hand` : ''
  ].filter(Boolean)
  return (
    `a year of stock from ${r.from} to ${r.to}: ${num(r.moves)} moves — ${r.receipts} receipts (${r.lots} lots of ${r.products} products), ` +
    `${num(r.issues)} issues to ${r.villages} village rooms, ${num(r.dispenses)} dispenses to ${num(r.people)} people, ${r.returns} returns, ` +
    `${r.adjustments} adjustment, ${r.wastage} wastage, ${r.destructions} destruction, ${r.stocktakes} confirmed stocktake` +
    (story.length ? `; ${story.join('; ')}` : '')
  )
}
