/**
 * The demo year's moves besides receipts, issues and dispenses, each through the inventory
 * core's handler: a village room returning unused pills, another returning condoms of a lot that
 * is about to expire, a man bringing back condoms of the wrong size (and getting the right ones),
 * condom boxes found while tidying the store (an adjustment), packs broken in transport and
 * pills spoilt by a leaking roof (wastage), the short-dated emergency-pill lot destroyed with a
 * witness after it expired, and the quarter's stocktake with two small differences.
 */
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { adjust, destroy, returnStock, waste } from '../inventory/corrections'
import { dispense } from '../inventory/moves'
import { confirmStocktake, saveCounts, startStocktake } from '../inventory/stocktake'
import { addDays, type Pick } from './screeningPick'
import { lastDayOf, workdayFrom, workdayUntil, type DemoYear, type Village } from './inventoryPlan'
import type { StoryLots } from './inventoryReceipts'

export interface DemoEvent {
  date: string
  /** order within a day */
  rank: number
  run(): void
}

export interface DemoStockKit {
  ctx: Ctx
  pick: Pick
  year: DemoYear
  villages: Village[]
  story: StoryLots
  idOf(code: string): string
  /** what of `want` can go out on the date (whole packs), counting a shortfall */
  available(code: string, date: string, want: number, pack: number): number
}

interface LotOnHand {
  id: string
  balance: number
}

/** the lot FEFO would take first on a date, holding at least `min` */
function firstLot(ctx: Ctx, productId: string, date: string, min: number): LotOnHand | undefined {
  return stmt(ctx.sqlite, 'SELECT id, balance FROM inv_lots WHERE product_id = ? AND expiry >= ? AND balance >= ? ORDER BY expiry, lot_number, id LIMIT 1').get(productId, date, min) as LotOnHand | undefined
}

const lotByNumber = (ctx: Ctx, productId: string, lotNumber: string) =>
  stmt(ctx.sqlite, 'SELECT id, balance FROM inv_lots WHERE product_id = ? AND lot_number = ?').get(productId, lotNumber) as LotOnHand | undefined

/** the latest issue of a product (or of one lot) to a village before a date */
function lastIssue(ctx: Ctx, pointId: string, productId: string, date: string, lotId?: string): { lotId: string; quantity: number } | undefined {
  return stmt(
    ctx.sqlite,
    `SELECT lot_id AS lotId, -quantity AS quantity FROM inv_moves WHERE kind = 'issue' AND service_point_id = ? AND product_id = ? AND date < ? AND (? IS NULL OR lot_id = ?)
     ORDER BY date DESC, seq DESC LIMIT 1`
  ).get(pointId, productId, date, lotId ?? null, lotId ?? null) as { lotId: string; quantity: number } | undefined
}

export function storyEvents(k: DemoStockKit): DemoEvent[] {
  const { ctx, pick, year, villages, story } = k
  const m = year.months
  const day = (i: number, d: number) => workdayFrom(`${m[i]}-${String(d).padStart(2, '0')}`)
  const events: DemoEvent[] = []
  const at = (date: string, rank: number, run: () => void) => events.push({ date, rank, run })

  // returns from village rooms: unused pills, and condoms of the lot that expires soon
  if (villages.length) {
    const v = villages[1 % villages.length]
    at(day(4, 22), 1, () => {
      const pill = k.idOf('OC_LNG_EE')
      const last = lastIssue(ctx, v.id, pill, day(4, 22))
      if (last) returnStock(ctx, { servicePointId: v.id, lotId: last.lotId, date: day(4, 22), quantity: Math.min(5, last.quantity), reason: 'unused', note: '服务室清点后退回' })
    })
    const nearCondom = story.nearExpiry.find((l) => l.code.startsWith('CONDOM'))
    const w = villages[5 % villages.length]
    const back = workdayUntil(addDays(year.today, -pick.int(3, 8)))
    if (nearCondom)
      at(back, 1, () => {
        const lot = lotByNumber(ctx, k.idOf(nearCondom.code), nearCondom.lotNumber)
        const last = lot && lastIssue(ctx, w.id, k.idOf(nearCondom.code), back, lot.id)
        if (last) returnStock(ctx, { servicePointId: w.id, lotId: last.lotId, date: back, quantity: Math.min(20, last.quantity), reason: 'near_expiry', note: '近效期，退回站里统一处理' })
      })
  }
  // a man brings back condoms of the wrong size two days later and takes the right ones
  const swap = day(6, 16)
  at(swap, 1, () => {
    const given = stmt(
      ctx.sqlite,
      `SELECT m.person_id AS personId, m.lot_id AS lotId, p.code FROM inv_moves m JOIN inv_products p ON p.id = m.product_id JOIN persons x ON x.id = m.person_id
       WHERE m.kind = 'dispense' AND p.code IN ('CONDOM_M_49', 'CONDOM_M_56') AND x.sex = 'male' AND m.quantity <= -10 AND m.date BETWEEN ? AND ? ORDER BY m.date, m.seq LIMIT 1`
    ).get(addDays(swap, -7), addDays(swap, -2)) as { personId: string; lotId: string; code: string } | undefined
    if (!given) return
    returnStock(ctx, { personId: given.personId, lotId: given.lotId, date: swap, quantity: 10, reason: 'wrong_item', note: '型号不合适，换 52 mm' })
    if (k.available('CONDOM_M_52', swap, 10, 10) === 10) dispense(ctx, { personId: given.personId, date: swap, productId: k.idOf('CONDOM_M_52'), quantity: 10, note: '调换型号', confirmLimit: false })
  })
  // one box found while tidying the store
  at(day(5, 15), 2, () => {
    const lot = firstLot(ctx, k.idOf('CONDOM_M_52'), day(5, 15), 1)
    if (lot) adjust(ctx, { lotId: lot.id, date: day(5, 15), direction: 'increase', quantity: 10, reason: 'found', note: '整理库房时发现 1 盒未入账' })
  })
  // wastage: boxes crushed in transport, pills spoilt by a leaking roof
  const wastage: [number, number, string, number, 'packaging_broken' | 'damaged', string][] = [
    [2, 20, 'CONDOM_M_52', 20, 'packaging_broken', '搬运中 2 盒外包装破损'],
    [8, 12, 'OC_LNG_EE', 3, 'damaged', '库房漏雨，3 板受潮']
  ]
  for (const [month, d, code, quantity, reason, note] of wastage)
    at(day(month, d), 5, () => {
      const lot = firstLot(ctx, k.idOf(code), day(month, d), quantity)
      if (lot) waste(ctx, { lotId: lot.id, date: day(month, d), quantity, reason, note })
    })
  // the short-dated emergency pills that expired on the shelf: destroyed with a witness
  const gone = story.destroyed
  if (gone.lotNumber)
    at(workdayFrom(gone.destroyOn), 6, () => {
      const lot = lotByNumber(ctx, k.idOf(gone.code), gone.lotNumber)
      if (lot && lot.balance > 0) destroy(ctx, { lotId: lot.id, date: workdayFrom(gone.destroyOn), witness: '孙芳（药师）', note: '过期药具，经站长同意集中销毁' })
    })
  // the quarter's stocktake: every lot counted, a condom box short by 2 and one cycle of pills more than the books
  const counted = workdayUntil(lastDayOf(m[8]))
  at(counted, 7, () => {
    const st = startStocktake(ctx, { date: counted, note: '季度盘点' })
    const loss = st.lines.find((l) => l.productCode.startsWith('CONDOM_M') && l.expected >= 50) ?? st.lines.find((l) => l.expected >= 5)
    const gain = st.lines.find((l) => l.productCode.startsWith('OC_') && l !== loss) ?? st.lines.find((l) => l !== loss)
    saveCounts(ctx, {
      id: st.id,
      counts: st.lines.map((l) =>
        l === loss
          ? { lotId: l.lotId, counted: l.expected - 2, reason: 'unrecorded_issue' as const, note: '村服务室临时领用未登记' }
          : l === gain
            ? { lotId: l.lotId, counted: l.expected + 1, reason: 'previous_count_error' as const, note: '上次盘点少记 1' }
            : { lotId: l.lotId, counted: l.expected, reason: '' as const, note: '' }
      )
    })
    confirmStocktake(ctx, st.id)
  })
  return events
}
