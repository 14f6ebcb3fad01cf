/**
 * Screening records and follow-up through the method table: a record per person per campaign,
 * findings that must agree with the conclusion, the referral and its follow-up worklist, and the
 * bad input the issue lists — each refused with the fields named, nothing written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { fieldsOf, makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let campaign: string
let wang: string
let li: string
let young: string
beforeEach(async () => {
  t = makeHost() // the station's today: 2026-11-20
  s = await setUpStation(t)
  const v1 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  const add = async (birth: string, seq: number, name: string) => (await t.call('persons.create', { idNumber: makeId('410102', birth, seq, 'female'), name, servicePointId: v1 }, s.clerk)).id
  wang = await add('19800101', 1, '王秀英')
  li = await add('19700505', 2, '李桂兰')
  young = await add('20000101', 3, '赵敏') // 26: outside 35–64
  campaign = (await t.call('screening.campaignSave', { name: '乳腺筛查', kind: 'breast', startDate: '2026-11-01', endDate: '2026-12-31', servicePointIds: [v1], targetCount: 50 }, s.head)).id
  await t.call('screening.campaignStatus', { id: campaign, status: 'active' }, s.head)
})
afterEach(() => t.close())

const side = (o: object = {}) => ({ cbe: 'normal' as const, birads: '1' as const, ...o })
const findings = (o: object = {}) => ({ kind: 'breast' as const, left: side(), right: side(), ultrasoundDone: true, ...o })
const record = (personId: string, o: Record<string, unknown> = {}) => ({ campaignId: campaign, personId, examDate: '2026-11-18', findings: findings(), conclusion: 'normal' as const, ...o })
const count = () => (t.host.runtime.sqlite!.prepare('SELECT count(*) AS n FROM screening_records').get() as { n: number }).n

describe('screening.recordSave', () => {
  it('saves a normal record by a clinician, once per person per campaign', async () => {
    const r = await t.call('screening.recordSave', record(wang), s.clinician)
    expect(r).toMatchObject({ name: '王秀英', age: 46, conclusion: 'normal', referral: null, followUp: { state: 'none' }, examiner: expect.any(String) })
    expect((await t.call('screening.campaign', { id: campaign }, s.clerk)).screened).toBe(1)
    const again = await t.fail('screening.recordSave', record(wang), s.clinician)
    expect(again.code).toBe('CONFLICT')
    expect(again.details?.existingId).toBe(r.id)
    expect((await t.call('screening.record', { campaignId: campaign, personId: wang }, s.clerk)).id).toBe(r.id)
    expect((await t.call('screening.roster', { campaignId: campaign, state: 'screened' }, s.clerk)).rows.map((x) => x.name)).toEqual(['王秀英'])
  })

  it('refuses BI-RADS 4A as normal and without a referral, naming the fields; with one it opens a follow-up', async () => {
    const f = findings({ right: side({ cbe: 'lump', lumpSizeMm: 12, lumpClock: 10, birads: '4A' }) })
    const e = await t.fail('screening.recordSave', record(wang, { findings: f }), s.clinician)
    expect(e.code).toBe('VALIDATION')
    expect(fieldsOf(e)).toEqual(expect.arrayContaining(['conclusion:conclusion_too_low', 'referral.destination:referral_required', 'referral.dueDate:referral_required']))
    expect(e.details?.minimum).toBe('abnormal_refer')
    expect(count()).toBe(0)
    const r = await t.call('screening.recordSave', record(wang, { findings: f, conclusion: 'abnormal_refer', referral: { destination: '县妇幼保健院乳腺科', dueDate: '2026-12-15' } }), s.clinician)
    expect(r.followUp.state).toBe('open')
    const list = await t.call('screening.followUps', undefined, s.clerk)
    expect(list.rows.map((x) => [x.name, x.destination, x.dueDate, x.daysOverdue])).toEqual([['王秀英', '县妇幼保健院乳腺科', '2026-12-15', -25]])
  })

  it('refuses the bad input the issue names', async () => {
    // exam date in the future, or outside the campaign
    expect(fieldsOf(await t.fail('screening.recordSave', record(wang, { examDate: '2026-11-21' }), s.clinician))).toEqual(['examDate:date_future'])
    expect(fieldsOf(await t.fail('screening.recordSave', record(wang, { examDate: '2026-10-31' }), s.clinician))).toEqual(['examDate:outside_campaign'])
    // outside the eligibility: a warning to confirm
    expect(fieldsOf(await t.fail('screening.recordSave', record(young), s.clinician))).toEqual(['confirmIneligible:not_eligible'])
    expect((await t.call('screening.recordSave', record(young, { confirmIneligible: true }), s.clinician)).age).toBe(26)
    // a clerk may read, not record
    expect((await t.fail('screening.recordSave', record(li), s.clerk)).code).toBe('FORBIDDEN')
    // findings of another kind
    const cervical = { kind: 'cervical', gynExam: 'normal', viaVili: 'negative', cytology: 'NILM', hpv: 'negative' }
    expect(fieldsOf(await t.fail('screening.recordSave', record(li, { findings: cervical }), s.clinician))).toContain('findings.kind:kind_mismatch')
    // a closed campaign takes no records
    await t.call('screening.campaignStatus', { id: campaign, status: 'closed' }, s.head)
    expect((await t.fail('screening.recordSave', record(li), s.clinician)).code).toBe('CONFLICT')
    expect(count()).toBe(1)
  })
})

describe('follow-up', () => {
  it('lists overdue referrals first and records outcomes, also after the campaign closed', async () => {
    const lump = findings({ left: side({ cbe: 'lump', lumpSizeMm: 20, lumpQuadrant: 'upper_outer', birads: '4B' }) })
    const a = await t.call('screening.recordSave', record(wang, { findings: lump, conclusion: 'abnormal_refer', referral: { destination: '市一院', dueDate: '2026-11-19' } }), s.clinician)
    const b = await t.call('screening.recordSave', record(li, { examDate: '2026-11-10', findings: findings({ left: side({ birads: '5' }) }), conclusion: 'suspected_malignancy', referral: { destination: '省肿瘤医院', dueDate: '2026-11-15' } }), s.head)
    const open = await t.call('screening.followUps', { state: 'open' }, s.clerk)
    expect(open.rows.map((r) => [r.name, r.daysOverdue])).toEqual([
      ['李桂兰', 5],
      ['王秀英', 1]
    ])
    expect((await t.call('screening.followUps', { overdueOnly: true, state: 'open' }, s.clerk)).total).toBe(2)

    await t.call('screening.campaignStatus', { id: campaign, status: 'closed' }, s.head)
    expect(fieldsOf(await t.fail('screening.followUpSave', { recordId: b.id, outcome: { outcome: 'attended', place: '省肿瘤医院', date: '2026-11-21', diagnosis: '乳腺癌' } }, s.clinician))).toEqual(['outcome.date:date_future'])
    const done = await t.call('screening.followUpSave', { recordId: b.id, outcome: { outcome: 'attended', place: '省肿瘤医院', date: '2026-11-16', diagnosis: '浸润性导管癌', treatment: '手术' } }, s.clinician)
    expect(done.followUp).toMatchObject({ state: 'attended', date: '2026-11-16', outcome: { diagnosis: '浸润性导管癌' } })
    await t.call('screening.followUpSave', { recordId: a.id, outcome: { outcome: 'lost', reason: 'moved', note: '外出务工' } }, s.head)
    expect((await t.call('screening.followUps', { state: 'open' }, s.clerk)).total).toBe(0)
    // the closed ones, the latest outcome first (lost: recorded today; attended: on the 16th)
    expect((await t.call('screening.followUps', { state: 'closed' }, s.clerk)).rows.map((r) => r.state)).toEqual(['lost', 'attended'])
    expect((await t.fail('screening.followUpSave', { recordId: a.id, outcome: { outcome: 'lost', reason: 'moved' } }, s.clerk)).code).toBe('FORBIDDEN')
  })
})

describe('screening.dashboard', () => {
  it('gives coverage of target and eligible, by village and day, conclusions, BI-RADS and referral completion', async () => {
    await t.call('screening.recordSave', record(wang, { examDate: '2026-11-17' }), s.clinician)
    const b = await t.call('screening.recordSave', record(li, { findings: findings({ left: side({ birads: '4A' }) }), conclusion: 'abnormal_refer', referral: { destination: '市一院', dueDate: '2026-11-19' } }), s.clinician)
    await t.call('screening.followUpSave', { recordId: b.id, outcome: { outcome: 'attended', place: '市一院', date: '2026-11-19', diagnosis: '纤维腺瘤' } }, s.clinician)
    const d = await t.call('screening.dashboard', { campaignId: campaign }, s.clerk)
    expect(d).toMatchObject({ target: 50, eligible: 2, screened: 2, ofTarget: { num: 2, den: 50, rate: 0.04 }, ofEligible: { num: 2, den: 2, rate: 1 } })
    expect(d.byVillage).toEqual([{ servicePointId: expect.any(String), name: '一村服务室', eligible: 2, screened: 2 }])
    expect(d.byDay).toEqual([{ date: '2026-11-17', screened: 1 }, { date: '2026-11-18', screened: 1 }])
    expect(d.conclusions).toEqual({ normal: 1, benign: 0, abnormal_refer: 1, suspected_malignancy: 0 })
    expect(d.findings.filter((f) => f.key.startsWith('birads.'))).toEqual([{ key: 'birads.1', count: 1 }, { key: 'birads.4A', count: 1 }])
    expect(d.referrals).toEqual({ total: 1, open: 0, overdue: 0, attended: 1, lost: 0, completion: { num: 1, den: 1, rate: 1 } })
  })
})
