/**
 * Crash safety of a stocktake's confirmation: a stocktake of 1,000 lots with every count entered
 * (two lots in three differ, by one), confirmed in a child process killed at random points. After
 * each kill the stocktake is confirmed with all its gain and loss moves and every lot's balance
 * at its count, or still open with no move and every balance as the ledger had it; confirming
 * again then completes, or is refused as closed while a new stocktake can start.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import { CATALOGUE } from '../../../src/core/inventory/products'
import { makeHost, setUpStation } from '../../helpers/host'
import { closeTemplate, runCrashTrials, type CrashCase, type Folder, type State } from './harness'

const LOTS = 1000

interface Prepared {
  dir: string
  id: string
  /** lot id -> [balance before, count] */
  lots: Map<string, [number, number]>
  differences: number
}

async function prepare(): Promise<Prepared> {
  const t = makeHost()
  const s: Record<Role, string> = await setUpStation(t)
  for (let b = 0; b < LOTS / 200; b++) {
    const lines = Array.from({ length: 200 }, (_, i) => ({ productId: CATALOGUE[(b * 200 + i) % CATALOGUE.length].id, lotNumber: `L${b}-${i}`, expiry: '2028-06-30', quantity: 20 + i }))
    await t.call('inventory.receive', { documentNo: `DOC-${b}`, date: '2026-10-01', supplier: '县计生药具站', lines }, s.clerk)
  }
  const sheet = await t.call('inventory.stocktakeStart', { date: '2026-11-20' }, s.clerk)
  const counts = sheet.lines.map((l, i) => {
    const d = (i % 3) - 1
    return { lotId: l.lotId, counted: l.expected + d, reason: d < 0 ? ('lost' as const) : d > 0 ? ('unrecorded_receipt' as const) : ('' as const) }
  })
  await t.call('inventory.stocktakeCounts', { id: sheet.id, counts }, s.clerk)
  closeTemplate(t)
  const lots = new Map(sheet.lines.map((l, i) => [l.lotId, [l.expected, counts[i].counted] as [number, number]]))
  return { dir: t.dir, id: sheet.id, lots, differences: counts.filter((c) => c.reason !== '').length }
}

function crashCase(p: Prepared): CrashCase {
  const n = (f: Folder, sql: string, ...params: unknown[]) => (f.t.host.runtime.sqlite!.prepare(sql).get(...params) as { n: number }).n
  const balances = (f: Folder) => new Map((f.t.host.runtime.sqlite!.prepare('SELECT id, balance FROM inv_lots').all() as { id: string; balance: number }[]).map((r) => [r.id, r.balance]))
  const expectBalances = (f: Folder, which: 0 | 1) => {
    const b = balances(f)
    for (const [lot, v] of p.lots) if (b.get(lot) !== v[which]) expect(`lot ${lot}: ${b.get(lot)}`).toBe(`lot ${lot}: ${v[which]}`)
  }
  const confirmations = (f: Folder) => n(f, "SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.stocktakeConfirm'")
  return {
    op: 'stocktake',
    trials: 12,
    template: p.dir,
    args: () => ({ id: p.id }),
    async check(f) {
      const status = (f.t.host.runtime.sqlite!.prepare('SELECT status FROM inv_stocktakes WHERE id = ?').get(p.id) as { status: string }).status
      const moves = n(f, 'SELECT count(*) AS n FROM inv_moves WHERE batch_id = ?', p.id)
      const ledger = await f.call('inventory.check', {})
      expect(ledger.problems).toEqual([])
      if (status === 'open') {
        expect([moves, confirmations(f)]).toEqual([0, 0])
        expectBalances(f, 0)
        return 'absent'
      }
      expect(status).toBe('confirmed')
      expect([moves, confirmations(f)]).toEqual([p.differences, 1])
      expectBalances(f, 1)
      return 'whole'
    },
    async again(f, state: State) {
      if (state === 'absent') {
        const done = await f.call('inventory.stocktakeConfirm', { id: p.id })
        expect(done).toMatchObject({ status: 'confirmed', differences: p.differences, counted: p.lots.size })
      } else {
        const r = await f.t.host.call('inventory.stocktakeConfirm', { id: p.id }, { sessionId: f.t.host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'head', roles: ['head'], actor: 'op' }), transport: 'test' })
        expect(r.result.ok ? 'confirmed twice' : [r.result.error.code, r.result.error.details?.rule]).toEqual(['CONFLICT', 'stocktake_closed'])
        // nothing stale: the next stocktake starts, on the counted balances
        const next = await f.call('inventory.stocktakeStart', { date: '2026-11-20' })
        expect(next.lines.length).toBe(p.lots.size)
        await f.call('inventory.stocktakeCancel', { id: next.id })
      }
      expect(n(f, 'SELECT count(*) AS n FROM inv_moves WHERE batch_id = ?', p.id)).toBe(p.differences)
      expectBalances(f, 1)
      expect(confirmations(f)).toBe(1)
    }
  }
}

describe('crash safety: stocktake confirmation', () => {
  let p: Prepared
  beforeAll(async () => {
    p = await prepare()
  }, 60_000)

  it('is confirmed whole or not at all, whenever the process is killed; confirming again completes', async () => {
    const r = await runCrashTrials(crashCase(p))
    expect(r.states.whole + r.states.absent).toBe(12)
    expect(r.count).toBeGreaterThan(p.differences)
  }, 180_000)
})
