/**
 * The station home page's stock part (dashboard.summary → stock): the same figures as the
 * inventory core's alerts (inventory.alerts) — products below their minimum / above their maximum
 * months of stock, lots expiring within the alert window, expired lots still on hand — and the
 * moves dated this month equal to a direct count; head, clerk and clinician alike, null for
 * admin; the month's count on the product index (EXPLAIN QUERY PLAN).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alerts } from '../../src/api/inventory'
import { STOCK_CARD_ROWS, STOCK_SQL } from '../../src/core/dashboard/stock'
import { CONDOM, EC, inventoryStation, PILL, receiveLot, type Station } from './inventory/setup'

let st: Station
let lots: Record<string, string>

beforeEach(async () => {
  st = await inventoryStation() // the station's today: 2026-11-20
  const { t, s, village } = st
  lots = {
    near: await receiveLot(st, CONDOM, 'C-NEAR', '2026-12-20', 1000, '2026-08-01'), // 30 days left
    condom: await receiveLot(st, CONDOM, 'C-LONG', '2030-06-30', 5000, '2026-08-01'),
    expired: await receiveLot(st, PILL, 'P-OLD', '2026-11-01', 30, '2026-08-01'), // expired on the shelf
    pill: await receiveLot(st, PILL, 'P-NEW', '2029-03-31', 200, '2026-08-02'),
    ec: await receiveLot(st, EC, 'E-1', '2029-01-31', 100, '2026-08-01')
  }
  // three full months of use: condoms 300, EC 30 a month, pills 1 (EC runs short, condoms and pills pile up)
  for (const m of ['08', '09', '10'])
    await t.call('inventory.issue', { servicePointId: village, date: `2026-${m}-12`, lines: [{ productId: CONDOM, quantity: 300 }, { productId: EC, quantity: 30 }] }, s.clerk)
  await t.call('inventory.dispense', { personId: st.wang, date: '2026-10-31', productId: PILL, quantity: 3 }, s.clerk) // last month
  // this month: an issue, two dispenses, a return
  await t.call('inventory.issue', { servicePointId: village, date: '2026-11-03', lines: [{ productId: CONDOM, quantity: 100 }] }, s.clerk)
  await t.call('inventory.dispense', { personId: st.wang, date: '2026-11-05', productId: CONDOM, quantity: 20 }, s.clerk)
  await t.call('inventory.dispense', { personId: st.li, date: '2026-11-18', productId: EC, quantity: 1 }, s.clerk)
  await t.call('inventory.return', { servicePointId: village, lotId: lots.near, date: '2026-11-19', quantity: 10, reason: 'unused' }, s.clerk)
})
afterEach(() => st.t.close())

const direct = (sql: string, ...p: unknown[]) => st.sqlite().prepare(sql).all(...p)

/** what the card must show, from the alerts */
function expected(a: Alerts) {
  const en = new Map((direct('SELECT id, name_en AS nameEn FROM inv_products') as { id: string; nameEn: string }[]).map((r) => [r.id, r.nameEn]))
  const below = a.levels.filter((l) => l.level === 'below_min')
  const above = a.levels.filter((l) => l.level === 'above_max')
  return {
    today: a.today,
    month: a.today.slice(0, 7),
    expiryAlertDays: a.expiryAlertDays,
    amcMonths: a.amcMonths,
    belowMin: below.length,
    aboveMax: above.length,
    expiring: a.expiring.filter((l) => !l.expired).length,
    expired: a.expiring.filter((l) => l.expired).length,
    lots: a.expiring.slice(0, STOCK_CARD_ROWS).map((l) => ({ ...l, productNameEn: en.get(l.productId) })),
    levels: [...below, ...above].slice(0, STOCK_CARD_ROWS).map((l) => ({ ...l, productNameEn: en.get(l.productId) }))
  }
}

describe('dashboard.summary → stock', () => {
  it('gives the alerts’ figures and this month’s moves, for head, clerk and clinician alike', async () => {
    const { t, s } = st
    const alerts = await t.call('inventory.alerts', {}, s.head)
    const byKind = direct("SELECT kind, count(*) AS n FROM inv_moves WHERE date BETWEEN '2026-11-01' AND '2026-11-30' GROUP BY kind") as { kind: string; n: number }[]
    for (const role of ['head', 'clerk', 'clinician'] as const) {
      const stock = (await t.call('dashboard.summary', undefined, s[role])).stock
      expect(stock, role).toMatchObject(expected(alerts))
      expect(stock!.movesByKind).toEqual(Object.fromEntries(byKind.map((k) => [k.kind, k.n])))
      expect(stock!.movesThisMonth).toBe(byKind.reduce((n, k) => n + k.n, 0))
    }
    // the figures themselves, as the story above makes them
    const stock = (await t.call('dashboard.summary', undefined, s.clerk)).stock!
    expect(stock).toMatchObject({ month: '2026-11', expiryAlertDays: 90, amcMonths: ['2026-08', '2026-09', '2026-10'], belowMin: 1, aboveMax: 2, expiring: 1, expired: 1, movesThisMonth: 4 })
    expect(stock.movesByKind).toEqual({ issue: 1, dispense: 2, return: 1 })
    expect(stock.lots.map((l) => [l.lotNumber, l.expired, l.daysToExpiry])).toEqual([['P-OLD', true, -19], ['C-NEAR', false, 30]])
    expect(stock.lots[0].productNameEn).toBe('Levonorgestrel and ethinylestradiol tablets')
    expect(stock.levels.map((l) => [l.productId, l.level])).toEqual([[EC, 'below_min'], [CONDOM, 'above_max'], [PILL, 'above_max']])
  })

  it('follows the alert window setting and the destroy flow', async () => {
    const { t, s } = st
    await t.call('inventory.settingsSave', { expiryAlertDays: 20 }, s.head)
    let stock = (await t.call('dashboard.summary', undefined, s.head)).stock!
    expect(stock).toMatchObject({ expiryAlertDays: 20, expiring: 0, expired: 1 })
    expect(stock).toMatchObject(expected(await t.call('inventory.alerts', {}, s.head)))
    await t.call('inventory.destroy', { lotId: lots.expired, date: '2026-11-20', witness: '孙芳' }, s.head)
    stock = (await t.call('dashboard.summary', undefined, s.head)).stock!
    expect(stock).toMatchObject({ expired: 0, lots: [], movesThisMonth: 5 })
  })

  it('is null for admin, who does not read stock', async () => {
    expect((await st.t.call('dashboard.summary', undefined, st.s.admin)).stock).toBeNull()
  })

  it('counts the month on the product index', () => {
    const plan = (direct(`EXPLAIN QUERY PLAN ${STOCK_SQL.moves}`, '2026-11-01', '2026-12-01') as { detail: string }[]).map((r) => r.detail).join('\n')
    expect(plan).toMatch(/SEARCH m USING (COVERING )?INDEX inv_moves_product \(product_id=\? AND date>\? AND date<\?\)/)
  })
})
