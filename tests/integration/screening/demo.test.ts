/**
 * The demo screening campaigns (src/core/demo/screening.ts) on the default demo register: the
 * counts the issue asks for, plausible finding rates, every record what screening.recordSave would
 * accept (the contract's input schema, then checkConclusion), finding keys as findingKeys gives
 * them, overdue referrals first in the worklist, dashboard numbers equal to direct counts, the
 * roster's marks, and the same data for the same seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ELIGIBILITY, type Campaign } from '../../../src/api/campaigns'
import { recordSaveInput } from '../../../src/api/screeningRecords'
import { checkConclusion, conclusionRank, followUpOutcomeInput, type Findings, type ScreeningKind } from '../../../src/api/screeningFindings'
import { ManualClock } from '../../../src/core/clock'
import { createDemoStation } from '../../../src/core/demo/demo'
import { DEFAULT_DEMO_PERSONS } from '../../../src/core/demo/persons'
import { DEMO_CAMPAIGNS } from '../../../src/core/demo/screening'
import { createHost, type Host } from '../../../src/core/host'
import { ageOn } from '../../../src/core/persons/record'
import { eligibility } from '../../../src/core/screening/eligibility'
import { findingKeys } from '../../../src/core/screening/findingKeys'
import { operatorCaller, T0, tmpDir } from '../../helpers/host'

const TODAY = '2026-11-20' // T0 in Asia/Shanghai

async function demoHost(persons: number, seed: number): Promise<Host> {
  const h = createHost({ dataDir: tmpDir('sd-demo-screening-'), clock: new ManualClock(T0) })
  await createDemoStation(h, 'cli:test', { persons, seed })
  return h
}

interface Row {
  id: string
  campaignId: string
  personId: string
  kind: ScreeningKind
  examDate: string
  examiner: string
  findings: string
  conclusion: string
  destination: string | null
  dueDate: string | null
  note: string
  state: string
  outcome: string | null
  outcomeDate: string | null
  servicePointId: string
  birthDate: string
  personPoint: string
}

let host: Host
let call: ReturnType<typeof operatorCaller>
let campaigns: Campaign[]
let rows: Row[]
const byKind = (k: ScreeningKind) => campaigns.find((c) => c.kind === k)!
const recordsOf = (k: ScreeningKind) => rows.filter((r) => r.kind === k)

beforeAll(async () => {
  const t0 = performance.now()
  host = await demoHost(DEFAULT_DEMO_PERSONS, 11)
  // the default demo (20,000 people and both campaigns) takes a few seconds, not more
  expect(performance.now() - t0).toBeLessThan(30_000)
  call = operatorCaller(host, ['admin', 'head'])
  campaigns = (await call('screening.campaigns', { pageSize: 50 })).rows
  rows = host.runtime
    .sqlite!.prepare(
      `SELECT r.id, r.campaign_id AS campaignId, r.person_id AS personId, c.kind, r.exam_date AS examDate, r.examiner, r.findings, r.conclusion,
        r.referral_destination AS destination, r.referral_due AS dueDate, r.referral_note AS note, r.follow_up_state AS state, r.follow_up_outcome AS outcome,
        r.follow_up_date AS outcomeDate, r.service_point_id AS servicePointId, p.birth_date AS birthDate, p.service_point_id AS personPoint
       FROM screening_records r JOIN screening_campaigns c ON c.id = r.campaign_id JOIN persons p ON p.id = r.person_id`
    )
    .all() as Row[]
})
afterAll(() => host.close())

describe('the demo screening campaigns', () => {
  it('adds a closed breast screening of half a year ago (4,000) and an active men’s check (2,000), within the eligible', () => {
    expect(campaigns.map((c) => [c.kind, c.status, c.screened])).toEqual([
      ['male_reproductive', 'active', 2000],
      ['breast', 'closed', 4000]
    ])
    const breast = byKind('breast')
    const men = byKind('male_reproductive')
    expect(breast.endDate < TODAY && breast.startDate > '2026-05-01' && breast.closedAt! > breast.endDate).toBe(true)
    expect(men.startDate < TODAY && men.endDate > TODAY && men.closedAt).toBe(null)
    for (const c of campaigns) {
      const plan = DEMO_CAMPAIGNS.find((p) => p.kind === c.kind)!
      expect([c.sex, c.ageFrom, c.ageTo]).toEqual([DEFAULT_ELIGIBILITY[c.kind].sex, DEFAULT_ELIGIBILITY[c.kind].ageFrom, DEFAULT_ELIGIBILITY[c.kind].ageTo])
      // the default register holds enough eligible people for the planned numbers
      expect(c.screened).toBeLessThanOrEqual(Math.floor(c.eligible * plan.cap))
      expect(c.targetCount).toBeGreaterThan(c.screened)
      expect(c.servicePointIds).toHaveLength(8)
    }
    const audit = host.runtime.sqlite!.prepare("SELECT entity_id AS id, message FROM audit_log WHERE action = 'demo.screening'").all() as { id: string; message: string }[]
    expect(audit.map((a) => a.id).sort()).toEqual(campaigns.map((c) => c.id).sort())
  })

  it('writes only records screening.recordSave would accept: the contract schema, then checkConclusion; eligible people, dates within the campaign', () => {
    const sqlite = host.runtime.sqlite!
    for (const c of campaigns) {
      const el = eligibility(c)
      const eligible = new Set((sqlite.prepare(`SELECT p.id FROM persons p WHERE ${el.where}`).all(...el.params) as { id: string }[]).map((p) => p.id))
      for (const r of recordsOf(c.kind)) {
        const referral = r.destination ? { destination: r.destination, dueDate: r.dueDate!, note: r.note } : null
        const input = recordSaveInput.parse({ campaignId: c.id, personId: r.personId, examDate: r.examDate, examiner: r.examiner, findings: JSON.parse(r.findings), conclusion: r.conclusion, referral })
        expect(checkConclusion(c.kind, input.findings, input.conclusion, input.referral, input.examDate), r.findings).toEqual([])
        // the stored findings are the parsed ones (defaults filled in), as saveRecord stores them
        expect(JSON.parse(r.findings)).toEqual(input.findings)
        expect(eligible.has(r.personId)).toBe(true)
        expect(r.examDate >= c.startDate && r.examDate <= c.endDate && r.examDate <= TODAY).toBe(true)
        expect(r.servicePointId).toBe(r.personPoint)
        const refers = conclusionRank(input.conclusion) >= conclusionRank('abnormal_refer')
        expect([Boolean(referral), r.state !== 'none']).toEqual([refers, refers])
        if (r.outcome) {
          const o = followUpOutcomeInput.parse(JSON.parse(r.outcome))
          expect(o.outcome).toBe(r.state)
          if (o.outcome === 'attended') expect(o.date === r.outcomeDate && o.date >= r.examDate && o.date <= TODAY).toBe(true)
        } else expect([r.state === 'open' || r.state === 'none', r.outcomeDate]).toEqual([true, null])
      }
    }
  })

  it('writes each record’s finding keys exactly as findingKeys gives them', () => {
    const keys = new Map<string, string[]>()
    for (const k of host.runtime.sqlite!.prepare('SELECT record_id AS id, key FROM screening_finding_keys').all() as { id: string; key: string }[])
      keys.set(k.id, [...(keys.get(k.id) ?? []), k.key])
    expect(keys.size).toBe(rows.length)
    for (const r of rows) expect((keys.get(r.id) ?? []).sort()).toEqual(findingKeys(JSON.parse(r.findings) as Findings).sort())
  })

  it('has plausible rates: breast mostly normal, BI-RADS 3 a few %, 4A+ about 1%; men with varicocele by grade, rare hydrocele, prostate findings in older men', () => {
    const share = (xs: Row[], f: (r: Row, x: Findings) => boolean) => xs.filter((r) => f(r, JSON.parse(r.findings))).length / xs.length
    const breast = recordsOf('breast')
    const sides = (x: Findings) => (x.kind === 'breast' ? [x.left.birads, x.right.birads] : [])
    expect(share(breast, (r) => r.conclusion === 'normal')).toBeGreaterThan(0.8)
    expect(share(breast, (r) => r.conclusion === 'normal')).toBeLessThan(0.92)
    const b3 = share(breast, (_, x) => sides(x).includes('3') && !sides(x).some((b) => b && ['0', '4A', '4B', '4C', '5', '6'].includes(b)))
    expect(b3).toBeGreaterThan(0.03)
    expect(b3).toBeLessThan(0.09)
    const b4 = share(breast, (_, x) => sides(x).some((b) => b && ['4A', '4B', '4C', '5', '6'].includes(b)))
    expect(b4).toBeGreaterThan(0.003)
    expect(b4).toBeLessThan(0.02)
    expect(share(breast, (r) => r.conclusion === 'suspected_malignancy')).toBeLessThan(0.005)

    const men = recordsOf('male_reproductive')
    const m = (x: Findings) => (x.kind === 'male_reproductive' ? x : null)!
    const vc = share(men, (_, x) => m(x).left.varicocele !== '0' || m(x).right.varicocele !== '0')
    expect(vc).toBeGreaterThan(0.08)
    expect(vc).toBeLessThan(0.18)
    for (const g of ['I', 'II', 'III']) expect(share(men, (_, x) => m(x).left.varicocele === g || m(x).right.varicocele === g)).toBeGreaterThan(0.005)
    const hydrocele = share(men, (_, x) => m(x).left.hydrocele || m(x).right.hydrocele)
    expect(hydrocele).toBeGreaterThan(0)
    expect(hydrocele).toBeLessThan(0.03)
    const age = (r: Row) => ageOn(r.birthDate, r.examDate)
    expect(share(men.filter((r) => age(r) < 40), (_, x) => m(x).prostate !== 'not_examined')).toBe(0)
    const enlarged = (xs: Row[]) => share(xs, (_, x) => m(x).prostate === 'enlarged')
    expect(enlarged(men.filter((r) => age(r) >= 50))).toBeGreaterThan(enlarged(men.filter((r) => age(r) >= 40 && age(r) < 50)) + 0.05)
  })

  it('has referrals with due dates: attended, lost, and open ones overdue first in the worklist', async () => {
    const breast = recordsOf('breast').filter((r) => r.state !== 'none')
    for (const s of ['attended', 'lost', 'open']) expect(breast.some((r) => r.state === s), s).toBe(true)
    // the breast campaign closed months ago: every open referral of it is overdue
    expect(breast.filter((r) => r.state === 'open').every((r) => r.dueDate! < TODAY)).toBe(true)
    const men = recordsOf('male_reproductive').filter((r) => r.state === 'open')
    expect(men.some((r) => r.dueDate! < TODAY) && men.some((r) => r.dueDate! >= TODAY)).toBe(true)

    const overdue = rows.filter((r) => r.state === 'open' && r.dueDate! < TODAY).length
    const list = await call('screening.followUps', { state: 'open', overdueOnly: true, pageSize: 500 })
    expect(list.total).toBe(overdue)
    expect(overdue).toBeGreaterThan(5)
    const open = await call('screening.followUps', { state: 'open', pageSize: 500 })
    const days = open.rows.map((r) => r.daysOverdue)
    expect(days).toEqual([...days].sort((a, b) => b - a))
    expect(open.rows.slice(0, overdue).every((r) => r.daysOverdue > 0)).toBe(true)
  })

  it('gives dashboards equal to direct counts', async () => {
    const sqlite = host.runtime.sqlite!
    for (const c of campaigns) {
      const d = await call('screening.dashboard', { campaignId: c.id })
      const mine = recordsOf(c.kind)
      const el = eligibility(c)
      expect(d.eligible).toBe((sqlite.prepare(`SELECT count(*) AS n FROM persons p WHERE ${el.where}`).get(...el.params) as { n: number }).n)
      expect([d.screened, d.ofTarget.num, d.ofTarget.den]).toEqual([mine.length, mine.length, c.targetCount])
      for (const v of d.byVillage) expect(v.screened).toBe(mine.filter((r) => r.servicePointId === v.servicePointId).length)
      expect(d.byDay.reduce((s, x) => s + x.screened, 0)).toBe(mine.length)
      for (const [k, n] of Object.entries(d.conclusions)) expect(n, k).toBe(mine.filter((r) => r.conclusion === k).length)
      const counted = new Map<string, number>()
      for (const r of mine) for (const k of findingKeys(JSON.parse(r.findings))) counted.set(k, (counted.get(k) ?? 0) + 1)
      expect(Object.fromEntries(d.findings.map((f) => [f.key, f.count]))).toEqual(Object.fromEntries(counted))
      const refs = mine.filter((r) => r.state !== 'none')
      expect(d.referrals).toEqual({
        total: refs.length,
        open: refs.filter((r) => r.state === 'open').length,
        overdue: refs.filter((r) => r.state === 'open' && r.dueDate! < TODAY).length,
        attended: refs.filter((r) => r.state === 'attended').length,
        lost: refs.filter((r) => r.state === 'lost').length,
        completion: { num: refs.filter((r) => r.state === 'attended').length, den: refs.length, rate: refs.filter((r) => r.state === 'attended').length / refs.length }
      })
    }
  })

  it('marks the screened invited and attended on the roster, with others invited and not yet come', async () => {
    for (const c of campaigns) {
      const n = async (state: 'screened' | 'attended' | 'invited' | 'not_invited') => (await call('screening.roster', { campaignId: c.id, state, pageSize: 1 })).total
      expect(await n('screened')).toBe(c.screened)
      expect(await n('attended')).toBeGreaterThanOrEqual(c.screened)
      expect(await n('invited')).toBeGreaterThan(c.screened * 0.9)
      expect(await n('not_invited')).toBeGreaterThan(0)
    }
    // in the men's check a few came today and wait for their record
    const men = byKind('male_reproductive')
    expect((await call('screening.roster', { campaignId: men.id, state: 'attended', pageSize: 1 })).total).toBeGreaterThan(men.screened)
  })
})

describe('the demo campaigns on other registers', () => {
  it('are the same for the same seed, differ for another, size themselves to a small register, and come only once', async () => {
    const facts = (h: Host) =>
      h.runtime
        .sqlite!.prepare(
          `SELECT c.name, p.id_number, r.exam_date, r.examiner, r.findings, r.conclusion, r.referral_destination, r.referral_due, r.follow_up_state, r.follow_up_date,
            i.invited_on, i.attended_on
           FROM screening_records r JOIN screening_campaigns c ON c.id = r.campaign_id JOIN persons p ON p.id = r.person_id
           LEFT JOIN screening_invitations i ON i.campaign_id = r.campaign_id AND i.person_id = r.person_id ORDER BY c.name, p.id_number`
        )
        .all()
    const a = await demoHost(3000, 5)
    const b = await demoHost(3000, 5)
    const other = await demoHost(3000, 6)
    expect(facts(a)).toEqual(facts(b))
    expect(facts(a).length).toBeGreaterThan(500)
    expect(facts(other)).not.toEqual(facts(a))

    const small = await operatorCaller(a, ['admin', 'head'])('screening.campaigns', { pageSize: 50 })
    for (const c of small.rows) {
      const plan = DEMO_CAMPAIGNS.find((p) => p.kind === c.kind)!
      expect(c.screened).toBe(Math.min(plan.records, Math.floor(c.eligible * plan.cap)))
      expect(c.screened).toBeLessThan(plan.records)
    }
    // more demo people later: no second set of campaigns
    await createDemoStation(a, 'cli:test', { persons: 500, seed: 9 })
    expect((await operatorCaller(a, ['admin', 'head'])('screening.campaigns', { pageSize: 50 })).total).toBe(2)
    for (const h of [a, b, other]) h.close()
  })
})
