import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../src/api/contract'
import { verifyChain } from '../../src/core/audit/chain'
import { makeHost, setUpStation, type TestHost } from '../helpers/host'

let t: TestHost
let s: Record<Role, string>
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
})
afterEach(() => t.close())

describe('audit log', () => {
  it('is append-only: the database refuses UPDATE and DELETE', () => {
    const db = t.host.runtime.sqlite!
    expect(() => db.prepare(`UPDATE audit_log SET summary = 'x' WHERE seq = 1`).run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
  })

  it('verifies, and reports the first broken link after tampering', async () => {
    expect(await t.call('audit.verify', {}, s.admin)).toMatchObject({ ok: true, firstBroken: null })
    const db = t.host.runtime.sqlite!
    db.exec('DROP TRIGGER audit_log_no_update')
    db.prepare(`UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 3`).run()
    const r = await t.call('audit.verify', {}, s.admin)
    expect(r).toMatchObject({ ok: false, firstBroken: 3 })
    expect(verifyChain(db).reason).toMatch(/altered/)
  })

  it('finds a removed row', () => {
    const db = t.host.runtime.sqlite!
    db.exec('DROP TRIGGER audit_log_no_delete')
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run()
    expect(verifyChain(db)).toMatchObject({ ok: false, firstBroken: 2 })
  })

  it('writes nothing when a write fails: no half-written rows, no audit row', async () => {
    const before = (await t.call('audit.list', {}, s.admin)).total
    await t.fail('servicePoints.save', { kind: 'village_room', code: '410102002001', name: '外村' }, s.head)
    await t.fail('staff.save', { name: '', post: 'doctor' }, s.head)
    expect((await t.call('audit.list', {}, s.admin)).total).toBe(before)
    expect((await t.call('servicePoints.list', {}, s.admin)).total).toBe(0)
  })

  it('records who did what, and filters by date, actor, action and text', async () => {
    await t.call('staff.save', { name: '赵六', post: 'clerk' }, s.head)
    t.clock.advance(2 * 86_400_000)
    const head = await t.login('head', 'head-pass-1')
    await t.call('equipment.save', { name: '显微镜', count: 1, state: 'idle' }, head)
    const admin = await t.login('admin', 'admin-pass-1')
    const all = await t.call('audit.list', { actor: 'head' }, admin)
    expect(all.rows.map((r) => r.action)).toEqual(['equipment.save', 'auth.login', 'staff.save', 'auth.login'])
    expect((await t.call('audit.list', { from: '2026-11-22', to: '2026-11-22', actor: 'head' }, admin)).rows.map((r) => r.action)).toEqual(['equipment.save', 'auth.login'])
    expect((await t.call('audit.list', { to: '2026-11-21', actor: 'head' }, admin)).total).toBe(2)
    const found = await t.call('audit.list', { q: '赵六' }, admin)
    expect(found.total).toBe(1)
    expect(found.rows[0].message).toEqual(['record.added', { what: '赵六' }])
    const facets = await t.call('audit.facets', {}, admin)
    expect(facets.actions).toContain('staff.save')
    expect(facets.actors).toContain('head')
  })
})
