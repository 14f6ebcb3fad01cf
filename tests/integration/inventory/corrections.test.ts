/**
 * Reversals, adjustments, wastage and destruction through the method table; the roles of
 * DESIGN §2b; the ledger's append-only trigger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fieldsOf } from '../../helpers/persons'
import { balanceOf, CONDOM, inventoryStation, moveCount, PILL, receiveLot, type Station } from './setup'

let st: Station
beforeEach(async () => {
  st = await inventoryStation()
})
afterEach(() => st.t.close())

describe('inventory.reverse', () => {
  it('undoes a move once; a reversal of a reversal and a second reversal are refused', async () => {
    const { t, s, village } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    const issued = (await t.call('inventory.issue', { servicePointId: village, date: '2026-11-10', lines: [{ productId: CONDOM, quantity: 30 }] }, s.clerk)).moves[0]
    const rev = (await t.call('inventory.reverse', { moveId: issued.id, note: '发错村' }, s.clerk)).moves[0]
    expect(rev).toMatchObject({ kind: 'reversal', quantity: 30, reversesId: issued.id, date: '2026-11-20', servicePointId: village })
    expect(balanceOf(st, lot)).toBe(100)
    expect((await t.call('inventory.move', { id: issued.id }, s.clerk)).reversedById).toBe(rev.id)
    const twice = await t.fail('inventory.reverse', { moveId: issued.id, note: 'again' }, s.clerk)
    expect([twice.code, twice.details?.rule, twice.details?.reversalId]).toEqual(['CONFLICT', 'already_reversed', rev.id])
    const ofReversal = await t.fail('inventory.reverse', { moveId: rev.id, note: 'undo the undo' }, s.head)
    expect([ofReversal.code, ofReversal.details?.rule]).toEqual(['CONFLICT', 'reverse_reversal'])
    // not dated before the move it undoes
    const other = (await t.call('inventory.issue', { servicePointId: village, date: '2026-11-10', lines: [{ productId: CONDOM, quantity: 5 }] }, s.clerk)).moves[0]
    expect(fieldsOf(await t.fail('inventory.reverse', { moveId: other.id, date: '2026-11-09', note: 'x' }, s.clerk))).toEqual(['date:before_original'])
    expect((await t.call('inventory.check', {}, s.head)).ok).toBe(true)
  })

  it('refuses to reverse a receipt whose stock has been issued since (INSUFFICIENT_STOCK), nothing written', async () => {
    const { t, s, village } = st
    await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100, '2026-11-01')
    const receipt = (await t.call('inventory.stockCard', { productId: CONDOM }, s.clerk)).rows[0]
    await t.call('inventory.issue', { servicePointId: village, date: '2026-11-05', lines: [{ productId: CONDOM, quantity: 10 }] }, s.clerk)
    const n = moveCount(st)
    const e = await t.fail('inventory.reverse', { moveId: receipt.id, note: '错收', date: '2026-11-01' }, s.clerk)
    expect(e.code).toBe('INSUFFICIENT_STOCK')
    expect(e.details).toMatchObject({ date: '2026-11-05', available: 90, requested: 100 })
    expect(moveCount(st)).toBe(n)
  })

  it('lets a clerk reverse what a clerk records, and only a head an adjustment', async () => {
    const { t, s } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    const adj = (await t.call('inventory.adjust', { lotId: lot, date: '2026-11-20', direction: 'decrease', quantity: 4, reason: 'count_correction', note: '复核少 4 只' }, s.head)).moves[0]
    expect((await t.fail('inventory.reverse', { moveId: adj.id, note: 'x' }, s.clerk)).code).toBe('FORBIDDEN')
    await t.call('inventory.reverse', { moveId: adj.id, note: '调整有误' }, s.head)
    expect(balanceOf(st, lot)).toBe(100)
  })
})

describe('adjust, waste, destroy', () => {
  it('adjusts both ways with a reason and a note, wastes, and refuses a take below zero', async () => {
    const { t, s } = st
    const lot = await receiveLot(st, PILL, 'P1', '2028-01-01', 20)
    await t.call('inventory.adjust', { lotId: lot, date: '2026-11-20', direction: 'increase', quantity: 5, reason: 'found', note: '库房角落找到' }, s.head)
    expect(fieldsOf(await t.fail('inventory.adjust', { lotId: lot, date: '2026-11-20', direction: 'increase', quantity: 5, reason: 'found', note: '' }, s.head))).toEqual(['note:required'])
    expect(fieldsOf(await t.fail('inventory.adjust', { lotId: lot, date: '2026-11-20', direction: 'decrease', quantity: 1.5, reason: 'found', note: 'x' }, s.head))).toEqual(['quantity:integer'])
    await t.call('inventory.waste', { lotId: lot, date: '2026-11-20', quantity: 3, reason: 'packaging_broken' }, s.head)
    expect((await t.fail('inventory.waste', { lotId: lot, date: '2026-11-20', quantity: 23, reason: 'damaged' }, s.head)).code).toBe('INSUFFICIENT_STOCK')
    expect(balanceOf(st, lot)).toBe(22)
    expect((await t.fail('inventory.adjust', { lotId: lot, date: '2026-11-20', direction: 'increase', quantity: 1, reason: 'found', note: 'x' }, s.clerk)).code).toBe('FORBIDDEN')
  })

  it('destroys expired stock only, with a witness, by a head', async () => {
    const { t, s } = st
    const good = await receiveLot(st, PILL, 'P-GOOD', '2028-01-01', 10)
    const old = await receiveLot(st, PILL, 'P-OLD', '2026-10-31', 12, '2026-09-01')
    expect(fieldsOf(await t.fail('inventory.destroy', { lotId: good, date: '2026-11-20', witness: '李会计' }, s.head))).toEqual(['lotId:not_expired'])
    expect(fieldsOf(await t.fail('inventory.destroy', { lotId: old, date: '2026-11-20', witness: '' }, s.head))).toEqual(['witness:required'])
    expect((await t.fail('inventory.destroy', { lotId: old, date: '2026-11-20', witness: '李会计' }, s.clerk)).code).toBe('FORBIDDEN')
    const d = (await t.call('inventory.destroy', { lotId: old, date: '2026-11-20', witness: '李会计' }, s.head)).moves[0]
    expect(d).toMatchObject({ kind: 'destruction', quantity: -12, witness: '李会计' })
    expect(balanceOf(st, old)).toBe(0)
  })
})

describe('the ledger', () => {
  it('refuses UPDATE and DELETE of a move at the database', async () => {
    await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100)
    const db = st.sqlite()
    expect(() => db.prepare('UPDATE inv_moves SET quantity = 1').run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM inv_moves').run()).toThrow(/append-only/)
  })

  it('gives the stock card with a running balance, paged, and stock on hand with pack data', async () => {
    const { t, s, village } = st
    const lot = await receiveLot(st, CONDOM, 'C1', '2028-01-01', 100, '2026-11-01')
    for (let i = 1; i <= 5; i++) await t.call('inventory.issue', { servicePointId: village, date: `2026-11-0${i + 1}`, lines: [{ productId: CONDOM, quantity: 10 }] }, s.clerk)
    const p2 = await t.call('inventory.stockCard', { lotId: lot, page: 2, pageSize: 4 }, s.clerk)
    expect([p2.total, p2.opening, p2.rows.map((r) => r.balance)]).toEqual([6, 70, [60, 50]])
    const stock = await t.call('inventory.stock', { productId: CONDOM }, s.clinician)
    expect(stock[0]).toMatchObject({ onHand: 50, unit: 'piece', packSize: 10, packUnit: 'box', lots: [{ lotNumber: 'C1', balance: 50, expired: false }] })
  })
})
