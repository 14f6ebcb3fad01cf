/**
 * Screening campaigns through the method table: create with the kind's default eligibility, the
 * roster of eligible people from the register (sex, age band on the first day, covered
 * villages), invitation marks, the status steps, and who may do what.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { fieldsOf, makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let v1: string
let v2: string
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
  v1 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  v2 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001202', name: '二村服务室' }, s.head)).id
  const add = (birth: string, seq: number, sex: 'male' | 'female', name: string, sp: string) =>
    t.call('persons.create', { idNumber: makeId('410102', birth, seq, sex), name, servicePointId: sp }, s.clerk)
  await add('19800101', 1, 'female', '王秀英', v1) // 46 on 2026-12-01: eligible
  await add('19620101', 2, 'female', '李桂兰', v1) // 64: eligible
  await add('19611201', 3, 'female', '张玉兰', v1) // 65 on 2026-12-01 (birthday that day): not eligible
  await add('19911202', 4, 'female', '刘丽', v2) // 34 (35 the day after the start): not eligible
  await add('19850505', 5, 'male', '陈强', v1) // a man: not eligible for breast screening
  await add('19700303', 6, 'female', '赵敏', v2) // 56, village 2
})
afterEach(() => t.close())

const breast = (over: Record<string, unknown> = {}) => ({ name: '2026年冬季乳腺筛查', kind: 'breast' as const, startDate: '2026-12-01', endDate: '2026-12-31', servicePointIds: [v1], targetCount: 100, partner: '县妇幼保健院', ...over })

describe('campaigns', () => {
  it('are created by the head with the kind’s default eligibility, and count the eligible people', async () => {
    const c = await t.call('screening.campaignSave', breast(), s.head)
    expect(c).toMatchObject({ status: 'planned', sex: 'female', ageFrom: 35, ageTo: 64, eligible: 2, screened: 0, servicePointIds: [v1] })
    const both = await t.call('screening.campaignSave', { ...breast(), id: c.id, servicePointIds: [v1, v2] }, s.head)
    expect(both.eligible).toBe(3)
    const list = await t.call('screening.campaigns', { page: 1, pageSize: 10 }, s.clerk)
    expect(list.total).toBe(1)
    const audit = (await t.call('audit.list', { action: 'screening.campaignSave' }, s.head)).rows
    expect(audit.map((a) => a.message?.[0])).toEqual(['campaign.updated', 'campaign.created'])
  })

  it('refuse bad dates, an empty age band, unknown villages; only the head creates', async () => {
    expect(fieldsOf(await t.fail('screening.campaignSave', breast({ endDate: '2026-11-01' }), s.head))).toEqual(['endDate:end_before_start'])
    expect(fieldsOf(await t.fail('screening.campaignSave', breast({ ageFrom: 50, ageTo: 40 }), s.head))).toEqual(['ageTo:age_band'])
    expect(fieldsOf(await t.fail('screening.campaignSave', breast({ servicePointIds: ['nope'] }), s.head))).toEqual(['servicePointIds:service_point_unknown'])
    expect(fieldsOf(await t.fail('screening.campaignSave', breast({ servicePointIds: [] }), s.head))).toEqual(['servicePointIds:required'])
    for (const role of ['clinician', 'clerk', 'admin'] as const) expect((await t.fail('screening.campaignSave', breast(), s[role])).code).toBe('FORBIDDEN')
  })

  it('move planned → active → closed one step at a time; a closed campaign cannot change', async () => {
    const c = await t.call('screening.campaignSave', breast(), s.head)
    expect(fieldsOf(await t.fail('screening.campaignStatus', { id: c.id, status: 'closed' }, s.head))).toEqual(['status:status_step'])
    expect((await t.call('screening.campaignStatus', { id: c.id, status: 'active' }, s.head)).status).toBe('active')
    const closed = await t.call('screening.campaignStatus', { id: c.id, status: 'closed' }, s.head)
    expect(closed.closedAt).not.toBeNull()
    expect((await t.fail('screening.campaignSave', { ...breast(), id: c.id }, s.head)).code).toBe('CONFLICT')
    expect(fieldsOf(await t.fail('screening.campaignStatus', { id: c.id, status: 'active' }, s.head))).toEqual(['status:status_step'])
  })
})

describe('the roster', () => {
  it('lists the eligible people by village and name, with invitation marks and filters', async () => {
    const c = await t.call('screening.campaignSave', breast({ servicePointIds: [v1, v2] }), s.head)
    const all = await t.call('screening.roster', { campaignId: c.id }, s.clerk)
    expect(all.rows.map((r) => [r.name, r.age, r.servicePointName])).toEqual([
      ['李桂兰', 64, '一村服务室'],
      ['王秀英', 46, '一村服务室'],
      ['赵敏', 56, '二村服务室']
    ])
    const wang = all.rows[1].personId
    // pages run on across villages; the counts asked here are kept until the next write
    expect((await t.call('screening.roster', { campaignId: c.id, page: 3, pageSize: 1 }, s.clerk)).rows.map((r) => r.name)).toEqual(['赵敏'])
    expect((await t.call('screening.roster', { campaignId: c.id, state: 'not_invited' }, s.clerk)).total).toBe(3)
    expect(await t.call('screening.mark', { campaignId: c.id, personIds: [wang], mark: 'invited', date: '2026-11-25' }, s.clerk)).toEqual({ marked: 1 })
    const invited = await t.call('screening.roster', { campaignId: c.id, state: 'invited' }, s.clerk)
    expect(invited.rows.map((r) => [r.name, r.invitedOn])).toEqual([['王秀英', '2026-11-25']])
    expect((await t.call('screening.roster', { campaignId: c.id, state: 'not_invited' }, s.clerk)).total).toBe(2)
    expect((await t.call('screening.roster', { campaignId: c.id, q: 'zm' }, s.clerk)).rows.map((r) => r.name)).toEqual(['赵敏'])
    expect((await t.call('screening.roster', { campaignId: c.id, servicePointId: v2 }, s.clerk)).total).toBe(1)
    // someone not on the roster cannot be marked
    const man = (await t.call('persons.search', { q: '陈强' }, s.clerk)).rows[0].id
    expect(fieldsOf(await t.fail('screening.mark', { campaignId: c.id, personIds: [wang, man], mark: 'invited', date: '2026-11-25' }, s.clerk))).toEqual(['personIds.1:not_on_roster'])
    // nothing of the refused call was written
    expect((await t.call('screening.roster', { campaignId: c.id, state: 'invited' }, s.clerk)).total).toBe(1)
  })
})
