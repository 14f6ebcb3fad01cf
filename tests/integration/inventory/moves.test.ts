/**
 * Stock moves through the method table: receipt (lot created or matched), issue by FEFO,
 * dispense with the yearly limit, return, and each bad input the issue names — refused with
 * its code, nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fieldsOf } from '../../helpers/persons'
import { balanceOf, CONDOM, EC, inventoryStation, moveCount, PILL, receiveLot, type Station } from './setup'

let st: Station
beforeEach(async () => {
  st = await inventoryStation()
})
afterEach(() => st.t.close())

describe('inventory.receive', () => {
  it('creates a lot, matches it on the next receipt, and refuses the same lot number with another expiry', async () => {
    const { t, s } = st
    const a = await receiveLot(st, CONDOM, 'C2401', '2028-06-30', 1440)
    const again = await t.call('inventory.receive', { documentNo: 'R-2', date: '2026-11-02', supplier: '县计生药具站', lines: [{ productId: CONDOM, lotNumber: 'C2401', expiry: '2028-06-30', quantity: 60 }] }, s.clerk)
    expect(again.moves[0]).toMatchObject({ lotId: a, kind: 'receipt', quantity: 60, documentNo: 'R-2' })
    expect(balanceOf(st, a)).toBe(1500)
    const e = await t.fail('inventory.receive', { documentNo: 'R-3', date: '2026-11-02', supplier: '县计生药具站', lines: [{ productId: PILL, lotNumber: 'P1', expiry: '2028-01-31', quantity: 10 }, { productId: CONDOM, lotNumber: 'C2401', expiry: '2028-07-31', quantity: 60 }] }, s.clerk)
    expect(fieldsOf(e)).toEqual(['lines.1.expiry:lot_expiry_mismatch'])
    expect(e.details?.existingExpiry).toBe('2028-06-30')
    expect(moveCount(st)).toBe(2)
    // the same document twice
    expect((await t.fail('inventory.receive', { documentNo: 'R-2', date: '2026-11-02', supplier: 'x', lines: [{ productId: PILL, lotNumber: 'P1', expiry: '2028-01-31', quantity: 1 }] }, s.clerk)).code).toBe('CONFLICT')
  })

  it('refuses negative, zero and fractional quantities, a future date and an expired lot with VALIDATION', async () => {
    const { t, s } = st
    const line = (o: object) => ({ documentNo: 'R-1', date: '2026-11-01', supplier: '县站', lines: [{ productId: CONDOM, lotNumber: 'C1', expiry: '2028-01-01', quantity: 10, ...o }] })
    for (const [q, rule] of [[-5, 'quantity_positive'], [0, 'quantity_positive'], [2.5, 'integer']] as const) {
      const e = await t.fail('inventory.receive', line({ quantity: q }), s.clerk)
      expect(e.code).toBe('VALIDATION')
      expect(fieldsOf(e)).toEqual([`lines.0.quantity:${rule}`])
    }
    expect(fieldsOf(await t.fail('inventory.receive', { ...line({}), date: '2026-11-21' }, s.clerk))).toEqual(['date:date_future'])
    expect(fieldsOf(await t.fail('inventory.receive', line({ expiry: '2026-10-31' }), s.clerk))).toEqual(['lines.0.expiry:expired_on_receipt'])
    expect(moveCount(st)).toBe(0)
  })
})

describe('inventory.issue', () => {
  it('takes the earliest-expiring lot first and splits over lots; expired lots are skipped', async () => {
    const { t, s, village } = st
    const late = await receiveLot(st, PILL, 'P-LATE', '2028-12-31', 100)
    const early = await receiveLot(st, PILL, 'P-EARLY', '2027-03-31', 30)
    const expired = await receiveLot(st, PILL, 'P-OLD', '2026-10-31', 50, '2026-09-01')
    const r = await t.call('inventory.issue', { servicePointId: village, date: '2026-11-20', lines: [{ productId: PILL, quantity: 50 }] }, s.clerk)
    expect(r.moves.map((m) => [m.lotNumber, m.quantity, m.servicePointName])).toEqual([['P-EARLY', -30, '一村服务室'], ['P-LATE', -20, '一村服务室']])
    expect([balanceOf(st, early), balanceOf(st, late), balanceOf(st, expired)]).toEqual([0, 80, 50])
  })

  it('needs a reason for a lot other than FEFO’s, and refuses an expired lot with LOT_EXPIRED', async () => {
    const { t, s, village } = st
    const late = await receiveLot(st, PILL, 'P-LATE', '2028-12-31', 100)
    await receiveLot(st, PILL, 'P-EARLY', '2027-03-31', 30)
    const expired = await receiveLot(st, PILL, 'P-OLD', '2026-10-31', 50, '2026-09-01')
    const issue = (o: object) => ({ servicePointId: village, date: '2026-11-20', lines: [{ productId: PILL, quantity: 10, ...o }] })
    const e = await t.fail('inventory.issue', issue({ lotId: late }), s.clerk)
    expect(fieldsOf(e)).toEqual(['lines.0.lotReason:lot_reason_required'])
    expect(e.details?.fefoLot).toBe('P-EARLY')
    const ok = await t.call('inventory.issue', issue({ lotId: late, lotReason: 'requested_by_point' }), s.clerk)
    expect(ok.moves.map((m) => [m.lotNumber, m.reason])).toEqual([['P-LATE', 'requested_by_point']])
    const x = await t.fail('inventory.issue', issue({ lotId: expired, lotReason: 'other' }), s.clerk)
    expect(x.code).toBe('LOT_EXPIRED')
    expect(x.details).toMatchObject({ lotNumber: 'P-OLD', expiry: '2026-10-31' })
    // the same lot was good on a date before its expiry
    expect((await t.call('inventory.issue', { ...issue({ lotId: expired, lotReason: 'other' }), date: '2026-10-15' }, s.clerk)).moves[0].lotNumber).toBe('P-OLD')
  })

  it('refuses more than on hand with INSUFFICIENT_STOCK and writes nothing', async () => {
    const { t, s, village } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    const before = moveCount(st)
    const e = await t.fail('inventory.issue', { servicePointId: village, date: '2026-11-20', lines: [{ productId: CONDOM, quantity: 60 }, { productId: CONDOM, quantity: 60 }] }, s.clerk)
    expect(e.code).toBe('INSUFFICIENT_STOCK')
    expect(e.details).toMatchObject({ available: 40, requested: 60, date: '2026-11-20' })
    expect(moveCount(st)).toBe(before)
    expect(balanceOf(st, lot)).toBe(100)
    expect((await t.call('inventory.check', {}, s.head)).ok).toBe(true)
  })

  it('refuses a backdated issue that would take the lot below zero on an earlier day, naming that day', async () => {
    const { t, s, village } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100, '2026-10-01')
    await t.call('inventory.issue', { servicePointId: village, date: '2026-10-10', lines: [{ productId: CONDOM, quantity: 80 }] }, s.clerk)
    await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100, '2026-10-20', 'DOC-2')
    // on hand today: 120; but on 10-10 .. 10-19 only 20 were there
    expect(balanceOf(st, lot)).toBe(120)
    const e = await t.fail('inventory.issue', { servicePointId: village, date: '2026-10-05', lines: [{ productId: CONDOM, quantity: 50, lotId: lot }] }, s.clerk)
    expect(e.code).toBe('INSUFFICIENT_STOCK')
    expect(e.details).toMatchObject({ date: '2026-10-10', available: 20, requested: 50 })
    // FEFO on that date offers only what keeps every later day non-negative
    const f = await t.fail('inventory.issue', { servicePointId: village, date: '2026-10-05', lines: [{ productId: CONDOM, quantity: 21 }] }, s.clerk)
    expect(f.details).toMatchObject({ available: 20 })
    await t.call('inventory.issue', { servicePointId: village, date: '2026-10-05', lines: [{ productId: CONDOM, quantity: 20 }] }, s.clerk)
    expect((await t.call('inventory.check', {}, s.head)).ok).toBe(true)
  })
})

describe('inventory.dispense', () => {
  it('dispenses to a person, warns past the yearly limit and writes only when confirmed', async () => {
    const { t, s, wang } = st
    await receiveLot(st, EC, 'E1', '2028-01-01', 20)
    const d = (o: object = {}) => ({ personId: wang, date: '2026-11-20', productId: EC, quantity: 4, ...o })
    expect(await t.call('inventory.dispense', d(), s.clerk)).toMatchObject({ yearTotal: 4, yearlyLimit: 6 })
    const e = await t.fail('inventory.dispense', d({ quantity: 3 }), s.clerk)
    expect(fieldsOf(e)).toEqual(['confirmLimit:yearly_limit'])
    expect(e.details).toMatchObject({ limit: 6, already: 4, requested: 3 })
    expect(moveCount(st)).toBe(2)
    const ok = await t.call('inventory.dispense', d({ quantity: 3, confirmLimit: true }), s.clerk)
    expect(ok).toMatchObject({ yearTotal: 7 })
    expect(ok.moves[0]).toMatchObject({ kind: 'dispense', quantity: -3, personName: '王秀英' })
    // a return from the person counts back
    await t.call('inventory.return', { personId: wang, lotId: ok.moves[0].lotId, date: '2026-11-20', quantity: 2, reason: 'unused' }, s.clerk)
    expect((await t.call('inventory.dispense', d({ quantity: 1 }), s.clerk)).yearTotal).toBe(6)
  })

  it('lets a clerk dispense and issue, and refuses a clinician', async () => {
    const { t, s, wang, village } = st
    await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    await t.call('inventory.dispense', { personId: wang, date: '2026-11-20', productId: CONDOM, quantity: 10 }, s.clerk)
    await t.call('inventory.issue', { servicePointId: village, date: '2026-11-20', lines: [{ productId: CONDOM, quantity: 10 }] }, s.clerk)
    expect((await t.fail('inventory.dispense', { personId: wang, date: '2026-11-20', productId: CONDOM, quantity: 1 }, s.clinician)).code).toBe('FORBIDDEN')
  })
})

describe('inventory.return', () => {
  it('takes back at most what the service point received of the lot', async () => {
    const { t, s, village } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    await t.call('inventory.issue', { servicePointId: village, date: '2026-11-10', lines: [{ productId: CONDOM, quantity: 30 }] }, s.clerk)
    const e = await t.fail('inventory.return', { servicePointId: village, lotId: lot, date: '2026-11-20', quantity: 31, reason: 'unused' }, s.clerk)
    expect(fieldsOf(e)).toEqual(['quantity:more_than_received'])
    await t.call('inventory.return', { servicePointId: village, lotId: lot, date: '2026-11-20', quantity: 30, reason: 'unused' }, s.clerk)
    expect(balanceOf(st, lot)).toBe(100)
  })
})
