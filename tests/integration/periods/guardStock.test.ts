/**
 * The closed-month guard on the stock ledger: every kind of move dated in a closed month is
 * refused (PERIOD_CLOSED on its date, nothing written), a stocktake cannot be dated there, and a
 * reversal is dated its own day — undoing an October move in November is a correction, allowed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input, MethodName } from '../../../src/api'
import { closedOn, CONDOM, periodStation, type PeriodStation } from './setup'

let st: PeriodStation
let issued: string
let dispensed: string
beforeEach(async () => {
  st = await periodStation()
  issued = (await st.t.call('inventory.issue', { servicePointId: st.village, date: '2026-10-05', lines: [{ productId: CONDOM, quantity: 100 }] }, st.s.clerk)).moves[0].id
  dispensed = (await st.t.call('inventory.dispense', { personId: st.wang, productId: CONDOM, quantity: 10, date: '2026-10-06' }, st.s.clerk)).moves[0].id
  await st.t.call('periods.close', { period: '2026-10' }, st.s.head)
})
afterEach(() => st.t.close())

const moves = () => st.count('SELECT count(*) AS n FROM inv_moves')

describe('stock moves in a closed month', () => {
  it('every kind of move dated in it is refused on its date, nothing written; dated in November they go through', async () => {
    const calls: { [M in MethodName]?: (date: string) => Input<M> } = {
      'inventory.receive': (date) => ({ documentNo: `R-${date}`, date, supplier: '县计生药具站', lines: [{ productId: CONDOM, lotNumber: 'C2', expiry: '2029-01-31', quantity: 50 }] }),
      'inventory.issue': (date) => ({ servicePointId: st.village, date, lines: [{ productId: CONDOM, quantity: 5 }] }),
      'inventory.dispense': (date) => ({ personId: st.li, productId: CONDOM, quantity: 5, date }),
      'inventory.return': (date) => ({ servicePointId: st.village, lotId: st.lot, date, quantity: 5, reason: 'unused' }),
      'inventory.adjust': (date) => ({ lotId: st.lot, date, direction: 'decrease', quantity: 1, reason: 'count_correction', note: '复核' }),
      'inventory.waste': (date) => ({ lotId: st.lot, date, quantity: 1, reason: 'damaged' }),
      'inventory.destroy': (date) => ({ lotId: st.lot, date, quantity: 1, witness: '李会计' })
    }
    const before = moves()
    for (const [method, input] of Object.entries(calls) as [MethodName, (date: string) => never][]) {
      const e = await st.t.fail(method, input('2026-10-28'), st.s.head)
      expect(closedOn(e), method).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'date:period_closed' })
    }
    expect(moves()).toBe(before)
    for (const [method, input] of Object.entries(calls) as [MethodName, (date: string) => never][]) {
      if (method === 'inventory.destroy') continue // the lot has not expired: its own rule
      await st.t.call(method, input('2026-11-05'), st.s.head)
    }
    expect(moves()).toBe(before + 6)
  })

  it('a reversal is dated its own day: in November it undoes an October move; dated October it is refused', async () => {
    const e = await st.t.fail('inventory.reverse', { moveId: dispensed, date: '2026-10-20', note: '登记错人' }, st.s.clerk)
    expect(closedOn(e)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'date:period_closed' })
    const r = await st.t.call('inventory.reverse', { moveId: dispensed, date: '2026-11-02', note: '登记错人' }, st.s.clerk)
    expect(r.moves[0]).toMatchObject({ kind: 'reversal', date: '2026-11-02', quantity: 10, reversesId: dispensed })
    // without a date: today
    expect((await st.t.call('inventory.reverse', { moveId: issued, note: '发错服务点' }, st.s.clerk)).moves[0].date).toBe('2026-11-20')
    // the closed month's figures stay as closed
    expect((await st.t.call('periods.preview', { period: '2026-10' }, st.s.head)).summary).toMatchObject({ stockMoves: 3, stockOut: 110 })
  })

  it('a stocktake cannot be dated in it; reopened, the month takes moves again', async () => {
    const e = await st.t.fail('inventory.stocktakeStart', { date: '2026-10-31', note: '' }, st.s.head)
    expect(closedOn(e)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'date:period_closed' })
    expect(st.count('SELECT count(*) AS n FROM inv_stocktakes')).toBe(0)
    await st.t.call('periods.reopen', { period: '2026-10', reason: '月末盘点漏记' }, st.s.head)
    const stocktake = await st.t.call('inventory.stocktakeStart', { date: '2026-10-31', note: '' }, st.s.head)
    await st.t.call('inventory.stocktakeCounts', { id: stocktake.id, counts: stocktake.lines.map((l) => ({ lotId: l.lotId, counted: l.expected - 2, reason: 'damaged', note: '' })) }, st.s.head)
    // closing with the stocktake open is refused; confirmed, the month closes again with its loss in it
    expect((await st.t.fail('periods.close', { period: '2026-10' }, st.s.head)).details?.rule).toBe('period_blocked')
    await st.t.call('inventory.stocktakeConfirm', { id: stocktake.id }, st.s.head)
    const closed = await st.t.call('periods.close', { period: '2026-10' }, st.s.head)
    expect([closed.closeCount, closed.records]).toEqual([2, 4])
  })
})
