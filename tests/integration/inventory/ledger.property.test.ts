/**
 * The ledger's invariants under thousands of seeded random sequences of moves — receipts,
 * FEFO and hand-picked issues, dispenses, returns, adjustments, wastage, destruction,
 * reversals (of reversals too, and twice), many of them backdated — run through the core's
 * handlers (with their zod schemas), each in its own transaction as the host runs a write:
 *  - no lot is ever below zero at any date (recomputed from the ledger in date, entry order);
 *  - a take is refused exactly when an independent model of the lot says it would go negative;
 *  - the stored balances and month totals always equal the ledger's sums (inventory.check);
 *  - every monthly report's columns add up and its closing is the next month's opening, and
 *    equals the ledger's sum up to the month's end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api } from '../../../src/api'
import { MOVE_KINDS } from '../../../src/api/inventory'
import type { MethodDef } from '../../../src/api/contract'
import type { Ctx } from '../../../src/core/context'
import { AppError } from '../../../src/core/errors'
import { inventoryHandlers } from '../../../src/core/inventory/handlers'
import { checkLedger } from '../../../src/core/inventory/verify'
import { monthlyReport } from '../../../src/core/inventory/report'
import { CONDOM, EC, inventoryStation, PILL, type Station } from './setup'
import { mulberry32 } from '../../../src/core/demo/random'

const SEQUENCES = Number(process.env.PROP_SEQUENCES ?? 2000)
const OPS = 14

let st: Station
let ctx: Ctx
beforeAll(async () => {
  st = await inventoryStation()
  const rt = st.t.host.runtime
  const session = { userId: 'x', username: 'head', displayName: 'head', role: 'head', roles: ['head'], actor: 'prop' }
  ctx = { db: rt.db, sqlite: rt.sqlite, session, clock: rt.clock, runtime: rt, method: 'test', transport: 'test', audit: () => {}, nowIso: () => rt.clock.now().toISOString(), user: () => session } as unknown as Ctx
})
afterAll(() => st.t.close())

/** the demo's seeded generator (mulberry32), so a failing sequence can be replayed by its seed */
const rng = mulberry32

type Name = keyof typeof inventoryHandlers
function run(method: Name, raw: unknown): { ok: true; data: { moves: { id: string; lotId: string; quantity: number }[] } } | { ok: false; code: string; details?: Record<string, unknown> } {
  const input = (api[method] as MethodDef).input.parse(raw)
  try {
    const data = ctx.sqlite.transaction(() => (inventoryHandlers[method] as (c: Ctx, i: unknown) => unknown)(ctx, input))() as { moves: { id: string; lotId: string; quantity: number }[] }
    return { ok: true, data }
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return { ok: false, code: e.code, details: e.details }
  }
}

/** the lot's moves in ledger order (date, then entry), from the database */
const ledgerOf = (lotId: string) => ctx.sqlite.prepare('SELECT date, quantity FROM inv_moves WHERE lot_id = ? ORDER BY date, seq').all(lotId) as { date: string; quantity: number }[]

/** the model: would taking q on date d (placed after every move dated ≤ d) dip the lot below zero anywhere? */
function modelRefuses(lotId: string, d: string, q: number): boolean {
  let running = 0
  let placed = false
  for (const m of ledgerOf(lotId)) {
    if (!placed && m.date > d) {
      running -= q
      placed = true
      if (running < 0) return true
    }
    running += m.quantity
    if (placed && running < 0) return true
  }
  if (!placed) running -= q
  return running < 0
}

const date = (r: () => number) => {
  const day = Math.floor(r() * 324) // 2026-01-01 .. 2026-11-20
  return new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10)
}

describe('ledger property', () => {
  it(`holds over ${SEQUENCES} random sequences of ${OPS} moves`, { timeout: 120_000 }, () => {
    const products = [CONDOM, PILL, EC]
    const refusedCodes = new Map<string, number>()
    let accepted = 0
    let written = 0
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const r = rng(seed)
      const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]
      const product = pick(products)
      // three lots per sequence; one expires mid-year
      const lots = [
        { number: `S${seed}-A`, expiry: '2026-06-30' },
        { number: `S${seed}-B`, expiry: '2027-12-31' },
        { number: `S${seed}-C`, expiry: '2028-12-31' }
      ]
      const lotIds = new Map<string, string>()
      const moves: string[] = []
      for (let i = 0; i < OPS; i++) {
        const d = date(r)
        const q = 1 + Math.floor(r() * 40)
        const known = [...lotIds.values()]
        const op = i < 2 ? 0 : Math.floor(r() * 8)
        let out: ReturnType<typeof run>
        let single: { lotId: string; negative: boolean } | null = null
        if (op === 0 || known.length === 0) {
          const lot = pick(lots)
          out = run('inventory.receive', { documentNo: `D${seed}-${i}`, date: d < '2026-06-30' || lot.expiry > d ? d : '2026-06-01', supplier: '县站', lines: [{ productId: product, lotNumber: lot.number, expiry: lot.expiry, quantity: q * 3 }] })
          if (out.ok) lotIds.set(lot.number, out.data.moves[0].lotId)
        } else if (op === 1) {
          out = run('inventory.issue', { servicePointId: st.village, date: d, lines: [{ productId: product, quantity: q }] })
        } else if (op === 2) {
          const lotId = pick(known)
          single = { lotId, negative: modelRefuses(lotId, d, q) }
          out = run('inventory.issue', { servicePointId: st.village, date: d, lines: [{ productId: product, quantity: q, lotId, lotReason: 'other' }] })
        } else if (op === 3) {
          out = run('inventory.dispense', { personId: pick([st.wang, st.li]), date: d, productId: product, quantity: 1 + (q % 5), confirmLimit: true })
        } else if (op === 4) {
          out = run('inventory.return', { servicePointId: st.village, lotId: pick(known), date: d, quantity: 1 + (q % 10), reason: 'unused' })
        } else if (op === 5) {
          const lotId = pick(known)
          const up = r() < 0.4
          if (!up) single = { lotId, negative: modelRefuses(lotId, d, q) }
          out = run('inventory.adjust', { lotId, date: d, direction: up ? 'increase' : 'decrease', quantity: q, reason: 'count_correction', note: 'prop' })
        } else if (op === 6) {
          const lotId = pick(known)
          out = run(r() < 0.5 ? 'inventory.waste' : 'inventory.destroy', { lotId, date: d, quantity: q, reason: 'damaged', witness: 'w' })
        } else {
          if (moves.length === 0) continue
          out = run('inventory.reverse', { moveId: pick(moves), date: d, note: 'prop' })
        }
        if (single && !(out.ok === false && out.code === 'LOT_EXPIRED')) {
          const expected = single.negative
          if (out.ok) expect(expected, `seed ${seed} op ${i}: accepted but the model goes negative`).toBe(false)
          else if (out.code === 'INSUFFICIENT_STOCK') expect(expected, `seed ${seed} op ${i}: refused but the model stays ≥ 0`).toBe(true)
        }
        if (out.ok) {
          accepted++
          written += out.data.moves.length
          moves.push(...out.data.moves.map((m) => m.id))
        } else {
          expect(['INSUFFICIENT_STOCK', 'LOT_EXPIRED', 'VALIDATION', 'CONFLICT'], `seed ${seed} op ${i}`).toContain(out.code)
          refusedCodes.set(out.code, (refusedCodes.get(out.code) ?? 0) + 1)
        }
      }
      // this sequence's lots: never negative at any date, stored = ledger
      for (const lotId of lotIds.values()) {
        let running = 0
        for (const m of ledgerOf(lotId)) {
          running += m.quantity
          expect(running, `seed ${seed}: lot below zero on ${m.date}`).toBeGreaterThanOrEqual(0)
        }
        expect((ctx.sqlite.prepare('SELECT balance FROM inv_lots WHERE id = ?').get(lotId) as { balance: number }).balance).toBe(running)
      }
      if (seed % 500 === 0) expect(checkLedger(ctx.sqlite).problems).toEqual([])
    }
    // the sequences exercised every outcome
    expect(accepted).toBeGreaterThan(SEQUENCES * 5)
    for (const code of ['INSUFFICIENT_STOCK', 'LOT_EXPIRED', 'VALIDATION', 'CONFLICT']) expect(refusedCodes.get(code) ?? 0, code).toBeGreaterThan(20)

    const check = checkLedger(ctx.sqlite)
    expect(check.problems).toEqual([])
    expect(check.moves).toBe(written)

    // report continuity, and each closing equals the ledger's sum to the month's end
    let prev: ReturnType<typeof monthlyReport> | null = null
    for (let m = 1; m <= 12; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`
      const rep = monthlyReport(ctx.sqlite, period)
      for (const row of rep.rows) {
        expect(row.opening + MOVE_KINDS.reduce((s, k) => s + row.columns[k], 0)).toBe(row.closing)
        if (prev) expect(row.opening).toBe(prev.rows.find((x) => x.productId === row.productId)!.closing)
        const ledger = (ctx.sqlite.prepare('SELECT coalesce(sum(quantity), 0) AS q FROM inv_moves WHERE product_id = ? AND date <= ?').get(row.productId, rep.to) as { q: number }).q
        expect(row.closing, `${period} ${row.code}`).toBe(ledger)
      }
      prev = rep
    }
  })
})
