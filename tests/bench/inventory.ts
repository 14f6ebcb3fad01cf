/**
 * Inventory (issue 5) at 1,000,000 moves: the ledger is loaded by direct SQL in one transaction
 * (20 products × 10 lots, three years of receipts, issues and dispenses; not measured), the stored
 * balances rebuilt from it by the same path the check uses, then through the method table:
 * stock on hand of a lot (goal ≤ 20 ms), the monthly report (≤ 300 ms), a dispense's save
 * (p95 of 500) and the full check (recompute everything from the ledger).
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ManualClock } from '../../src/core/clock'
import { createHost } from '../../src/core/host'
import { newId } from '../../src/core/ids'
import { CATALOGUE } from '../../src/core/inventory/products'
import { rebuildBalances } from '../../src/core/inventory/verify'
import { makeId } from '../helpers/persons'
import type { Sqlite } from '../../src/core/db/open'

type Add = (figure: string, value: string, goal: string, pass: boolean) => void
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]

export async function benchInventory(add: Add, base: string, N = 1_000_000): Promise<void> {
  const host = createHost({ dataDir: path.join(base, 'inventory'), clock: new ManualClock(new Date('2026-11-20T02:00:00Z')), idleMinutes: 24 * 60 })
  const call = async <T>(method: string, input: unknown, sid?: string): Promise<T> => {
    const r = await host.call(method, input, { sessionId: sid, transport: 'test' })
    if (!r.result.ok) throw new Error(`${method}: ${r.result.error.code} ${r.result.error.message}`)
    return r.result.data as T
  }
  await call('setup.init', { station: { level: 'township', code: '410102001', name: '药具测速站', address: '', phone: '', buildingArea: null }, admin: { username: 'admin', displayName: 'A', password: 'bench-pass-1' } })
  const admin = (await host.call('auth.login', { username: 'admin', password: 'bench-pass-1' }, { transport: 'test' })).session as string
  await call('users.create', { username: 'clerk', displayName: '王会计', role: 'clerk', password: 'bench-pass-2' }, admin)
  const clerk = (await host.call('auth.login', { username: 'clerk', password: 'bench-pass-2' }, { transport: 'test' })).session as string
  const points: string[] = []
  for (let v = 1; v <= 20; v++) points.push((await call<{ id: string }>('servicePoints.save', { kind: 'village_room', code: `410102001${String(200 + v)}`, name: `${v}村服务室` }, admin)).id)
  const people: string[] = []
  for (let i = 0; i < 200; i++) people.push((await call<{ id: string }>('persons.create', { idNumber: makeId('410102', `1990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`, i % 100, 'female'), name: `测试${i}`, servicePointId: points[i % 20] }, clerk)).id)

  const sqlite = host.runtime.sqlite!
  const products = CATALOGUE.slice(0, 20)
  const t0 = performance.now()
  const { lots } = loadLedger(sqlite, { moves: N, products, points, people })
  rebuildBalances(sqlite)
  sqlite.pragma('optimize')
  const moves = (sqlite.prepare('SELECT count(*) AS n FROM inv_moves').get() as { n: number }).n
  add(`inventory: ${moves.toLocaleString('en')} moves loaded by SQL + balances rebuilt (setup)`, `${((performance.now() - t0) / 1000).toFixed(1)} s`, '—', true)

  const lot = lots[137]
  for (let i = 0; i < 20; i++) await call('inventory.stock', { lotId: lots[i].id }, clerk)
  const onHand: number[] = []
  for (let i = 0; i < 200; i++) {
    const t = performance.now()
    await call('inventory.stock', { lotId: lots[(i * 7) % lots.length].id }, clerk)
    onHand.push(performance.now() - t)
  }
  add(`stock on hand of a lot at ${(moves / 1e6).toFixed(1)}M moves (inventory.stock, p95 of 200)`, ms(quantile(onHand, 0.95)), '≤ 20 ms', quantile(onHand, 0.95) <= 20)

  const report: number[] = []
  for (let i = 0; i < 12; i++) {
    const t = performance.now()
    await call('inventory.monthlyReport', { period: `2026-${String(1 + (i % 10)).padStart(2, '0')}` }, clerk)
    report.push(performance.now() - t)
  }
  add(`monthly report at ${(moves / 1e6).toFixed(1)}M moves (p95 of 12)`, ms(quantile(report, 0.95)), '≤ 300 ms', quantile(report, 0.95) <= 300)

  const saves: number[] = []
  for (let i = 0; i < 500; i++) {
    const t = performance.now()
    await call('inventory.dispense', { personId: people[i % 200], date: '2026-11-20', productId: products[1 + (i % 3)].id, quantity: 1, confirmLimit: true }, clerk)
    saves.push(performance.now() - t)
  }
  add('a dispense through the method table, FEFO over 10 lots (p95 of 500)', ms(quantile(saves, 0.95)), '≤ 50 ms', quantile(saves, 0.95) <= 50)
  const backdated: number[] = []
  for (let i = 0; i < 50; i++) {
    const t = performance.now()
    await call('inventory.issue', { servicePointId: points[i % 20], date: '2026-06-01', lines: [{ productId: lot.productId, quantity: 1, lotId: lot.id, lotReason: 'other' }] }, clerk)
    backdated.push(performance.now() - t)
  }
  add('an issue backdated 6 months (checks every later day of its lot; p95 of 50)', ms(quantile(backdated, 0.95)), '≤ 50 ms', quantile(backdated, 0.95) <= 50)

  const head = await headSession()
  const tc = performance.now()
  const check = await call<{ ok: boolean }>('inventory.check', {}, head)
  add(`inventory.check: every balance and month total recomputed from ${(moves / 1e6).toFixed(1)}M moves`, `${((performance.now() - tc) / 1000).toFixed(1)} s`, 'ok', check.ok)
  host.close()

  async function headSession(): Promise<string> {
    await call('users.create', { username: 'head', displayName: '站长', role: 'head', password: 'bench-pass-3' }, admin)
    return (await host.call('auth.login', { username: 'head', password: 'bench-pass-3' }, { transport: 'test' })).session as string
  }
}

export interface LedgerPlan {
  /** moves wanted (about: a lot's issue or dispense is left out when it would drive the lot below zero) */
  moves: number
  products: { id: string; code: string }[]
  /** service points issued to, in turn */
  points: string[]
  /** people dispensed to, in turn */
  people: string[]
  lotsPerProduct?: number
  /** the days the moves fall on, first and last (YYYY-MM-DD) */
  from?: string
  to?: string
}

/**
 * The ledger, written directly by SQL in one transaction (a savepoint inside the caller's):
 * per product new lots, each with a receipt every 20 moves and issues and dispenses between
 * that keep it above zero, spread evenly over the days; seq goes on from the ledger's highest.
 * The stored balances are left for rebuildBalances.
 */
export function loadLedger(sqlite: Sqlite, plan: LedgerPlan): { lots: { id: string; productId: string }[] } {
  const { moves: N, products, points, people } = plan
  const lots: { id: string; productId: string }[] = []
  const at = new Date().toISOString()
  const insLot = sqlite.prepare(`INSERT INTO inv_lots (id, created_at, updated_at, updated_by, product_id, lot_number, expiry, maker, balance) VALUES (?, ?, ?, 'bench', ?, ?, ?, '', 0)`)
  const insMove = sqlite.prepare(
    `INSERT INTO inv_moves (id, created_at, updated_at, updated_by, seq, kind, date, product_id, lot_id, quantity, batch_id, service_point_id, person_id, consumed)
     VALUES (?, ?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const days: string[] = []
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
  for (let d = day(plan.from ?? '2023-12-01'); d <= day(plan.to ?? '2026-11-19'); d += 86_400_000) days.push(new Date(d).toISOString().slice(0, 10))
  sqlite.transaction(() => {
    for (const p of products)
      for (let l = 0; l < (plan.lotsPerProduct ?? 10); l++) {
        const id = newId()
        insLot.run(id, at, at, p.id, `${p.code}-B${l}`, '2029-12-31')
        lots.push({ id, productId: p.id })
      }
    const perLot = Math.floor(N / lots.length)
    let seq = (sqlite.prepare('SELECT coalesce(max(seq), 0) AS n FROM inv_moves').get() as { n: number }).n
    for (const lot of lots) {
      let balance = 0
      for (let i = 0; i < perLot; i++) {
        const date = days[Math.floor((i * days.length) / perLot)]
        seq++
        if (i % 20 === 0) {
          balance += 400
          insMove.run(newId(), at, at, seq, 'receipt', date, lot.productId, lot.id, 400, newId(), null, null, 0)
        } else if (i % 2 === 0) {
          const q = Math.min(balance, 30)
          if (q === 0) continue
          balance -= q
          insMove.run(newId(), at, at, seq, 'issue', date, lot.productId, lot.id, -q, newId(), points[i % points.length], null, q)
        } else {
          const q = Math.min(balance, 2)
          if (q === 0) continue
          balance -= q
          insMove.run(newId(), at, at, seq, 'dispense', date, lot.productId, lot.id, -q, newId(), null, people[i % people.length], q)
        }
      }
    }
  })()
  return { lots }
}
