/**
 * The periods list's record counts (migration 0015): a closed month shows the count taken at its
 * close (its records cannot change while it is closed, so the list reads it instead of counting
 * every record again); an open month is counted now; reopening drops the stored count and the
 * next close takes it again. The earliest listed month is the first with a dated record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONDOM, periodStation, type PeriodStation } from './setup'

let st: PeriodStation
beforeEach(async () => {
  st = await periodStation()
})
afterEach(() => st.t.close())

const listed = async (period: string) => (await st.t.call('periods.list', {}, st.s.head)).rows.find((r) => r.period === period)

describe('periods.list counts', () => {
  it('a closed month keeps the count taken at its close; an open one is counted now', async () => {
    await st.t.call('inventory.issue', { servicePointId: st.village, date: '2026-10-05', lines: [{ productId: CONDOM, quantity: 20 }] }, st.s.clerk)
    expect((await listed('2026-10'))?.records).toBe(2)
    const closed = await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    expect(closed.records).toBe(2)
    expect(st.count("SELECT records AS n FROM periods WHERE period = '2026-10'")).toBe(2)

    // the list reads the stored count: nothing is counted again while the month is closed
    st.sqlite().prepare("UPDATE periods SET records = 7 WHERE period = '2026-10'").run()
    expect((await listed('2026-10'))?.records).toBe(7)

    await st.t.call('periods.reopen', { period: '2026-10', reason: '补录' }, st.s.head)
    expect(st.sqlite().prepare("SELECT records FROM periods WHERE period = '2026-10'").pluck().get()).toBeNull()
    expect((await listed('2026-10'))?.records).toBe(2)
    await st.t.call('inventory.issue', { servicePointId: st.village, date: '2026-10-07', lines: [{ productId: CONDOM, quantity: 5 }] }, st.s.clerk)
    expect((await listed('2026-10'))?.records).toBe(3)
    expect((await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)).records).toBe(3)
    expect((await listed('2026-10'))?.records).toBe(3)
  })

  it('lists from the first month with a dated record (here a receipt of September)', async () => {
    const before = (await st.t.call('periods.list', {}, st.s.head)).rows.map((r) => r.period)
    expect(before[before.length - 1]).toBe('2026-10')
    await st.t.call('inventory.receive', { documentNo: 'R-09', date: '2026-09-12', supplier: '县计生药具站', lines: [{ productId: CONDOM, lotNumber: 'C0', expiry: '2028-12-31', quantity: 100 }] }, st.s.clerk)
    const after = (await st.t.call('periods.list', {}, st.s.head)).rows
    expect(after.map((r) => r.period)).toEqual(['2026-11', '2026-10', '2026-09'])
    expect(after.find((r) => r.period === '2026-09')?.records).toBe(1)
  })
})
