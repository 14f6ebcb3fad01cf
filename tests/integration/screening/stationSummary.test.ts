/**
 * The station home page's screening part (dashboard.summary → screening): the active campaigns
 * with screened / target and screened / eligible, the records examined this month and the open and
 * overdue referrals across campaigns — each equal to a direct count; null for admin; every
 * query on an index (EXPLAIN QUERY PLAN), so the home page stays fast on a large register.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input } from '../../../src/api'
import type { Role } from '../../../src/api/contract'
import { nextMonthStart, SUMMARY_SQL } from '../../../src/core/dashboard/screening'
import { eligibility } from '../../../src/core/screening/eligibility'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let v1: string
let v2: string
const women: Record<string, string> = {}
let breast: string
let cervical: string
let planned: string

const side = (o: object = {}) => ({ cbe: 'normal' as const, birads: '1' as const, ...o })
const breastFindings = (o: object = {}) => ({ kind: 'breast' as const, left: side(), right: side(), ultrasoundDone: true, ...o })
const cervicalFindings = { kind: 'cervical' as const, gynExam: 'normal' as const, viaVili: 'negative' as const, cytology: 'NILM' as const, hpv: 'negative' as const }
const referred = (examDate: string, dueDate: string) => ({ examDate, conclusion: 'abnormal_refer' as const, referral: { destination: '县妇幼保健院', dueDate } })

beforeEach(async () => {
  t = makeHost() // the station's today: 2026-11-20 (Asia/Shanghai)
  s = await setUpStation(t)
  v1 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  v2 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001202', name: '二村服务室' }, s.head)).id
  const add = async (key: string, birth: string, seq: number, sp: string, sex: 'female' | 'male' = 'female') =>
    (women[key] = (await t.call('persons.create', { idNumber: makeId('410102', birth, seq, sex), name: key, servicePointId: sp }, s.clerk)).id)
  await add('王秀英', '19800101', 1, v1)
  await add('李桂兰', '19700505', 2, v1)
  await add('赵敏', '19750303', 3, v1)
  await add('孙丽', '19850707', 4, v1)
  await add('周芳', '19780808', 5, v2)
  await add('年轻', '20000101', 6, v1) // 26: outside 35–64
  await add('张强', '19800202', 7, v1, 'male')

  const campaign = async (name: string, kind: 'breast' | 'cervical', startDate: string, endDate: string, points: string[], targetCount: number) =>
    (await t.call('screening.campaignSave', { name, kind, startDate, endDate, servicePointIds: points, targetCount }, s.head)).id
  breast = await campaign('乳腺筛查', 'breast', '2026-10-01', '2026-12-31', [v1, v2], 10)
  cervical = await campaign('宫颈筛查', 'cervical', '2026-09-01', '2026-11-30', [v1], 0)
  planned = await campaign('明年乳腺筛查', 'breast', '2027-03-01', '2027-03-31', [v1], 40)
  for (const id of [breast, cervical]) await t.call('screening.campaignStatus', { id, status: 'active' }, s.head)

  const b = (person: string, o: Record<string, unknown>) => t.call('screening.recordSave', { campaignId: breast, personId: women[person], findings: breastFindings(), conclusion: 'normal', ...o } as Input<'screening.recordSave'>, s.clinician)
  const c = (person: string, o: Record<string, unknown>) => t.call('screening.recordSave', { campaignId: cervical, personId: women[person], findings: cervicalFindings, conclusion: 'normal', ...o } as Input<'screening.recordSave'>, s.clinician)
  await b('王秀英', { examDate: '2026-10-15' }) // last month
  await b('李桂兰', { findings: breastFindings({ left: side({ birads: '4A' }) }), ...referred('2026-11-01', '2026-11-10') }) // first of the month; overdue
  await b('赵敏', { findings: breastFindings({ left: side({ birads: '4A' }) }), ...referred('2026-11-18', '2026-12-01') }) // open, not due yet
  await c('王秀英', { examDate: '2026-10-31' }) // last day of last month
  await c('孙丽', { findings: { ...cervicalFindings, cytology: 'HSIL' }, ...referred('2026-10-20', '2026-10-30') }) // overdue, of a campaign to be closed
  await c('赵敏', { examDate: '2026-11-20' }) // today
})
afterEach(() => t.close())

const sqlite = () => t.host.runtime.sqlite!
const direct = (sql: string, ...p: unknown[]) => (sqlite().prepare(sql).get(...p) as { n: number }).n

describe('dashboard.summary → screening', () => {
  it('counts what a direct count of the records gives, for head, clinician and clerk alike', async () => {
    const sum = (await t.call('dashboard.summary', undefined, s.head)).screening
    expect(sum).not.toBeNull()
    expect(sum!.month).toBe('2026-11')
    expect(sum!.recordsThisMonth).toBe(direct("SELECT count(*) AS n FROM screening_records WHERE substr(exam_date, 1, 7) = '2026-11'"))
    expect(sum!.recordsThisMonth).toBe(3)
    expect(sum!.referrals).toEqual({
      open: direct("SELECT count(*) AS n FROM screening_records WHERE follow_up_state = 'open'"),
      overdue: direct("SELECT count(*) AS n FROM screening_records WHERE follow_up_state = 'open' AND referral_due < '2026-11-20'")
    })
    expect(sum!.referrals).toEqual({ open: 3, overdue: 2 })
    // the planned campaign is not listed; the latest start first
    expect(sum!.active.map((c) => c.name)).toEqual(['乳腺筛查', '宫颈筛查'])
    for (const a of sum!.active) {
      const c = await t.call('screening.campaign', { id: a.id }, s.head)
      expect(a).toMatchObject({ kind: c.kind, startDate: c.startDate, endDate: c.endDate, target: c.targetCount, eligible: c.eligible, screened: c.screened })
      expect(a.ofTarget).toEqual({ num: c.screened, den: c.targetCount, rate: c.targetCount ? c.screened / c.targetCount : 0 })
      expect(a.ofEligible).toEqual({ num: c.screened, den: c.eligible, rate: c.screened / c.eligible })
    }
    expect(sum!.active[0]).toMatchObject({ id: breast, target: 10, eligible: 5, screened: 3, ofTarget: { rate: 0.3 } })
    expect(sum!.active[1]).toMatchObject({ id: cervical, target: 0, eligible: 4, screened: 3, ofTarget: { num: 3, den: 0, rate: 0 } })
    expect(sum!.active.some((c) => c.id === planned)).toBe(false)
    for (const role of ['clinician', 'clerk'] as const) expect((await t.call('dashboard.summary', undefined, s[role])).screening).toEqual(sum)
  })

  it('gives admin no screening part', async () => {
    const d = await t.call('dashboard.summary', undefined, s.admin)
    expect(d.screening).toBeNull()
    expect(d.station.code).toBe('410102001') // the rest is still there
  })

  it('keeps a closed campaign\'s referrals until their follow-up is recorded, and follows the month and the day', async () => {
    await t.call('screening.campaignStatus', { id: cervical, status: 'closed' }, s.head)
    let sum = (await t.call('dashboard.summary', undefined, s.clerk)).screening!
    expect(sum.active.map((c) => c.id)).toEqual([breast])
    expect(sum.referrals).toEqual({ open: 3, overdue: 2 })
    const lost = direct("SELECT count(*) AS n FROM screening_records WHERE campaign_id = ? AND follow_up_state = 'open'", cervical)
    expect(lost).toBe(1)
    const rec = await t.call('screening.record', { campaignId: cervical, personId: women['孙丽'] }, s.clerk)
    await t.call('screening.followUpSave', { recordId: rec.id, outcome: { outcome: 'lost', reason: 'moved' } }, s.clinician)
    sum = (await t.call('dashboard.summary', undefined, s.clerk)).screening!
    expect(sum.referrals).toEqual({ open: 2, overdue: 1 })

    // 2026-12-02 in Shanghai (18:00 UTC on the 1st): a new month, and the December 1st referral is overdue
    t.clock.set(new Date('2026-12-01T18:00:00Z'))
    sum = (await t.call('dashboard.summary', undefined, await t.login('clerk', 'clerk-pass-1'))).screening!
    expect(sum.month).toBe('2026-12')
    expect(sum.recordsThisMonth).toBe(0)
    expect(sum.referrals).toEqual({ open: 2, overdue: 2 })
  })

  it('runs every count on an index (EXPLAIN QUERY PLAN)', () => {
    const plan = (sql: string, ...p: unknown[]) => (sqlite().prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail)
    const counts = plan(SUMMARY_SQL.counts, '2026-11-01', '2026-12-01', '2026-11-20')
    const records = counts.filter((d) => /screening_records/.test(d))
    expect(records).toHaveLength(3)
    for (const d of records) expect(d).toMatch(/^SEARCH r USING COVERING INDEX/)
    expect(records[0]).toContain('screening_records_campaign_date (campaign_id=? AND exam_date>? AND exam_date<?)')
    expect(records.slice(1).every((d) => d.includes('screening_records_follow_up'))).toBe(true)
    // the campaign list scans the small campaigns table; its records are counted on an index
    const active = plan(SUMMARY_SQL.active)
    expect(active.filter((d) => /screening_records/.test(d)).every((d) => /^SEARCH r USING COVERING INDEX/.test(d))).toBe(true)
    expect(plan(SUMMARY_SQL.points, breast).join()).toBe('SEARCH screening_campaign_points USING COVERING INDEX screening_campaign_points_pk (campaign_id=?)')
    const el = eligibility({ sex: 'female', ageFrom: 35, ageTo: 64, startDate: '2026-10-01', servicePointIds: [v1, v2] })
    expect(plan(`SELECT count(*) AS n FROM persons p WHERE ${el.where}`, ...el.params).join()).toMatch(/^SEARCH p USING COVERING INDEX persons_eligibility/)
  })

  it('finds the next month across a year', () => {
    expect(nextMonthStart('2026-11')).toBe('2026-12-01')
    expect(nextMonthStart('2026-12')).toBe('2027-01-01')
  })
})
