/**
 * Stocktake round trip, the monthly report (columns add up, closing = next opening), alerts,
 * products and settings, through the method table.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MOVE_KINDS } from '../../../src/api/inventory'
import { CATALOGUE } from '../../../src/core/inventory/products'
import { fieldsOf } from '../../helpers/persons'
import { balanceOf, CONDOM, inventoryStation, moveCount, PILL, receiveLot, type Station } from './setup'

let st: Station
beforeEach(async () => {
  st = await inventoryStation()
})
afterEach(() => st.t.close())

describe('stocktake', () => {
  it('counts every lot, needs a reason per difference, and posts gains and losses in one go (head only)', async () => {
    const { t, s } = st
    const a = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    const b = await receiveLot(st, PILL, 'P1', '2028-01-01', 40)
    const c = await receiveLot(st, PILL, 'P2', '2028-06-01', 10)
    const sheet = await t.call('inventory.stocktakeStart', { date: '2026-11-20' }, s.clerk)
    expect(sheet.lines.map((l) => [l.lotNumber, l.expected, l.counted])).toEqual([['C1', 100, null], ['P1', 40, null], ['P2', 10, null]])
    expect((await t.fail('inventory.stocktakeStart', { date: '2026-11-20' }, s.clerk)).details?.rule).toBe('stocktake_open')
    await t.call('inventory.stocktakeCounts', { id: sheet.id, counts: [{ lotId: a, counted: 97 }, { lotId: b, counted: 40 }] }, s.clerk)
    const e1 = await t.fail('inventory.stocktakeConfirm', { id: sheet.id }, s.head)
    expect(fieldsOf(e1)).toEqual(['lines.0.reason:reason_required', 'lines.2.counted:uncounted'])
    const counted = await t.call('inventory.stocktakeCounts', { id: sheet.id, counts: [{ lotId: a, counted: 97, reason: 'lost' }, { lotId: c, counted: 12, reason: 'unrecorded_receipt', note: '上月漏记' }] }, s.clerk)
    expect(counted.lines.map((l) => l.variance)).toEqual([-3, 0, 2])
    expect((await t.fail('inventory.stocktakeConfirm', { id: sheet.id }, s.clerk)).code).toBe('FORBIDDEN')
    const n = moveCount(st)
    const done = await t.call('inventory.stocktakeConfirm', { id: sheet.id }, s.head)
    expect(done).toMatchObject({ status: 'confirmed', differences: 2, counted: 3 })
    expect(moveCount(st)).toBe(n + 2)
    expect([balanceOf(st, a), balanceOf(st, b), balanceOf(st, c)]).toEqual([97, 40, 12])
    const card = await t.call('inventory.stockCard', { lotId: a }, s.clerk)
    expect(card.rows.at(-1)).toMatchObject({ kind: 'stocktake_loss', quantity: -3, reason: 'lost', balance: 97 })
    expect((await t.fail('inventory.stocktakeCounts', { id: sheet.id, counts: [{ lotId: a, counted: 1 }] }, s.clerk)).details?.rule).toBe('stocktake_closed')
    expect((await t.call('inventory.check', {}, s.head)).ok).toBe(true)
  })

  it('refuses to confirm when the ledger moved on or before its date since the sheet was made', async () => {
    const { t, s, village } = st
    const a = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    const sheet = await t.call('inventory.stocktakeStart', { date: '2026-11-19' }, s.clerk)
    await t.call('inventory.stocktakeCounts', { id: sheet.id, counts: [{ lotId: a, counted: 100 }] }, s.clerk)
    await t.call('inventory.issue', { servicePointId: village, date: '2026-11-19', lines: [{ productId: CONDOM, quantity: 5 }] }, s.clerk)
    const e = await t.fail('inventory.stocktakeConfirm', { id: sheet.id }, s.head)
    expect([e.code, e.details?.rule, e.details?.lotNumbers]).toEqual(['CONFLICT', 'expected_changed', 'C1'])
    await t.call('inventory.stocktakeCancel', { id: sheet.id }, s.head)
    expect((await t.call('inventory.stocktakeStart', { date: '2026-11-20' }, s.clerk)).lines[0].expected).toBe(95)
  })
})

describe('monthly report', () => {
  it('has columns that add up to the closing, which is the next month’s opening', async () => {
    const { t, s, village, wang } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 500, '2026-08-03')
    await t.call('inventory.issue', { servicePointId: village, date: '2026-08-10', lines: [{ productId: CONDOM, quantity: 120 }] }, s.clerk)
    await t.call('inventory.dispense', { personId: wang, date: '2026-09-02', productId: CONDOM, quantity: 30 }, s.clerk)
    await t.call('inventory.return', { servicePointId: village, lotId: lot, date: '2026-09-15', quantity: 20, reason: 'unused' }, s.clerk)
    await t.call('inventory.waste', { lotId: lot, date: '2026-10-05', quantity: 10, reason: 'damaged' }, s.head)
    const issued = (await t.call('inventory.issue', { servicePointId: village, date: '2026-10-06', lines: [{ productId: CONDOM, quantity: 60 }] }, s.clerk)).moves[0]
    await t.call('inventory.reverse', { moveId: issued.id, date: '2026-11-02', note: '发错' }, s.clerk)
    const months = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']
    const reports = await Promise.all(months.map((period) => t.call('inventory.monthlyReport', { period }, s.clerk)))
    const row = (i: number) => reports[i].rows.find((r) => r.productId === CONDOM)!
    for (let i = 0; i < months.length; i++) {
      for (const r of reports[i].rows) expect(r.opening + MOVE_KINDS.reduce((sum, k) => sum + r.columns[k], 0)).toBe(r.closing)
      if (i > 0) for (const r of reports[i].rows) expect(r.opening).toBe(reports[i - 1].rows.find((x) => x.productId === r.productId)!.closing)
    }
    expect(row(1)).toMatchObject({ opening: 0, closing: 380, consumed: 120, columns: { receipt: 500, issue: -120 } })
    expect(row(2)).toMatchObject({ closing: 370, consumed: 10, columns: { dispense: -30, return: 20 } })
    expect(row(3)).toMatchObject({ closing: 300, consumed: 60, columns: { wastage: -10, issue: -60 } })
    // the reversal of October's issue lands in November's column and consumption
    expect(row(4)).toMatchObject({ closing: 360, consumed: -60, columns: { reversal: 60 }, amc: Math.round((10 + 60 - 60) / 3 * 10) / 10 })
    expect(row(3).amc).toBe(Math.round(((120 + 10 + 60) / 3) * 10) / 10)
    expect(row(3).monthsOfStock).toBe(Math.round((300 / row(3).amc) * 10) / 10)
    expect(reports[0].rows.length).toBe(CATALOGUE.length)
    expect((await t.fail('inventory.monthlyReport', { period: '2026-13' }, s.clerk)).code).toBe('VALIDATION')
  })
})

describe('alerts, products, settings', () => {
  it('flags lots expiring within the set days, and stock below or above its months', async () => {
    const { t, s, village } = st
    await receiveLot(st, PILL, 'P-SOON', '2027-01-31', 30, '2026-07-01')
    await receiveLot(st, CONDOM, 'C-LOTS', '2029-01-01', 5000, '2026-07-01')
    for (const d of ['2026-08-10', '2026-09-10', '2026-10-10']) {
      await t.call('inventory.issue', { servicePointId: village, date: d, lines: [{ productId: PILL, quantity: 5 }, { productId: CONDOM, quantity: 100 }] }, s.clerk)
    }
    const a = await t.call('inventory.alerts', {}, s.clerk)
    expect(a.expiryAlertDays).toBe(90)
    expect(a.amcMonths).toEqual(['2026-08', '2026-09', '2026-10'])
    expect(a.expiring.map((x) => [x.lotNumber, x.balance, x.daysToExpiry])).toEqual([['P-SOON', 15, 72]])
    // pills: 15 on hand ÷ 5 a month = 3 months (within 2–6); condoms: 4,700 ÷ 100 = 47 months, above 6
    expect(a.levels.map((l) => [l.productId, l.level, l.monthsOfStock])).toEqual([[CONDOM, 'above_max', 47]])
    await t.call('inventory.settingsSave', { expiryAlertDays: 30 }, s.head)
    expect((await t.call('inventory.alerts', {}, s.clerk)).expiring).toEqual([])
    const pill = (await t.call('inventory.products', {}, s.clerk)).find((p) => p.id === PILL)!
    await t.call('inventory.productSave', { ...pill, minMonths: 4, maxMonths: 8 }, s.head)
    expect((await t.call('inventory.alerts', {}, s.clerk)).levels.map((l) => [l.productId, l.level])).toEqual([[CONDOM, 'above_max'], [PILL, 'below_min']])
    expect((await t.fail('inventory.productSave', { ...pill, minMonths: 4, maxMonths: 8 }, s.clerk)).code).toBe('FORBIDDEN')
    expect(fieldsOf(await t.fail('inventory.productSave', { ...pill, maxMonths: 1 }, s.head))).toEqual(['maxMonths:max_below_min'])
  })

  it('seeds the national catalogue exactly as products.ts lists it', async () => {
    const list = await st.t.call('inventory.products', {}, st.s.clerk)
    expect(list.map(({ onHand: _o, active: _a, ...p }) => p)).toEqual(CATALOGUE)
    for (const code of ['IUD_TCU380A', 'IUD_TCU220C', 'IUD_MLCU375', 'EC_LNG_15', 'OC_LNG_EE', 'EXT_N9_FILM', 'EXT_N9_GEL', 'IMP_LNG_2', 'INJ_DMPA']) expect(list.some((p) => p.code === code)).toBe(true)
  })
})
