/**
 * The demo screening campaigns, on the demo register: a breast-cancer screening of women 35–64
 * that ran about half a year ago and is closed (4,000 records), and a men's reproductive-health
 * check of men 20–60 that is under way up to the station's today (2,000 records). Each covers
 * the station's villages; the people screened are drawn from the campaign's roster (villages
 * turn out unevenly, out-migrants seldom come); exams fall on workdays (the breast campaign visits
 * the villages in turn); referrals carry due dates and their follow-up is attended, lost or still
 * open — overdue where the due date has passed. Invitation and attendance marks go where the
 * roster keeps them (screening_invitations).
 *
 * A register too small for the planned numbers gets campaigns sized to it: at most a share of
 * the eligible people is screened (`cap`), and the result says so (`records` < `planned`).
 *
 * Written in one transaction with prepared statements; every record is what screening.recordSave
 * would accept (the kind's schema, checkConclusion) and its finding keys are the ones
 * findingKeys.ts gives, as saveRecord writes them. One audit row per campaign ('demo.screening'). Deterministic for a seed
 * and a station's today.
 */
import { DEFAULT_ELIGIBILITY } from '../../api/campaigns'
import { checkConclusion, followUpOutcomeInput, type ScreeningKind } from '../../api/screeningFindings'
import regions from '../../../resources/codes/regions.json'
import { appendAudit } from '../audit/chain'
import { localDate, type Clock } from '../clock'
import { withIndexesRebuilt } from '../db/bulk'
import type { Sqlite } from '../db/open'
import { newId } from '../ids'
import { ageOn } from '../persons/record'
import { eligibility } from '../screening/eligibility'
import { findingKeys } from '../screening/findingKeys'
import { mulberry32 } from './random'
import { breastExam } from './screeningBreast'
import { maleExam } from './screeningMale'
import { addDays, followUpOf, mondayOf, Pick, workdays, type DemoExam, type ExamContext, type Hospitals } from './screeningPick'

export interface DemoCampaignPlan {
  kind: ScreeningKind
  /** records wanted */
  records: number
  /** at most this share of the eligible people is screened */
  cap: number
  /** the target is the records times this (a closed campaign nearly reached it; an active one is under way) */
  targetFactor: number
  status: 'active' | 'closed'
  /** of referrals whose due date has passed, the share seen by then */
  attendRate: number
  /** of the eligible people not screened, the share invited */
  invited: number
  examiners: [string, number][]
}

export const DEMO_CAMPAIGNS: DemoCampaignPlan[] = [
  { kind: 'breast', records: 4000, cap: 0.8, targetFactor: 1.08, status: 'closed', attendRate: 0.74, invited: 0.6, examiners: [['陈秀英', 55], ['王丽', 45]] },
  { kind: 'male_reproductive', records: 2000, cap: 0.5, targetFactor: 1.5, status: 'active', attendRate: 0.6, invited: 0.35, examiners: [['刘建华', 70], ['周志强（县人民医院）', 30]] }
]

export interface DemoCampaignResult {
  id: string
  name: string
  kind: ScreeningKind
  status: 'active' | 'closed'
  startDate: string
  endDate: string
  eligible: number
  planned: number
  records: number
  referrals: number
  /** referrals still open whose due date has passed */
  overdue: number
}

export interface DemoScreeningOptions {
  seed: number
  /** who made them, in the audit and updated_by */
  actor: string
  plans?: DemoCampaignPlan[]
}

interface Candidate {
  id: string
  birthDate: string
  servicePointId: string
  migrantStatus: 'local' | 'out' | 'in'
  childlessCouple: number
}

const EXAMS: Partial<Record<ScreeningKind, (c: ExamContext) => DemoExam>> = { breast: breastExam, male_reproductive: maleExam }
const MIGRANT_WEIGHT = { local: 1, in: 0.7, out: 0.12 }

function hospitals(stationCode: string): Hospitals {
  const t = regions as { provinces: Record<string, string>; cities: Record<string, string>; counties: Record<string, string> }
  const city = t.cities[stationCode.slice(0, 4)]
  return {
    county: t.counties[stationCode.slice(0, 6)] ?? '县',
    city: city && city !== '市辖区' && city !== '县' ? city : (t.provinces[stationCode.slice(0, 2)] ?? '市')
  }
}

/** the campaign's dates by the station's today */
function datesOf(plan: DemoCampaignPlan, today: string): { startDate: string; endDate: string } {
  if (plan.status === 'closed') {
    // about half a year ago, nine weeks Monday to Friday
    const startDate = mondayOf(addDays(today, -190))
    return { startDate, endDate: addDays(startDate, 60) }
  }
  // started six or seven weeks ago, runs a few weeks more
  return { startDate: mondayOf(addDays(today, -45)), endDate: addDays(today, 25) }
}

/** n of the candidates, drawn without replacement with weights (Efraimidis–Spirakis keys) */
function draw(pick: Pick, people: Candidate[], n: number, villageWeight: Map<string, number>): Candidate[] {
  const keyed = people.map((p) => ({ p, k: -Math.log(1 - pick.r()) / ((villageWeight.get(p.servicePointId) ?? 1) * MIGRANT_WEIGHT[p.migrantStatus]) }))
  keyed.sort((a, b) => a.k - b.k)
  return keyed.slice(0, n).map((x) => x.p)
}

export function generateDemoScreening(sqlite: Sqlite, clock: Clock, opts: DemoScreeningOptions): { campaigns: DemoCampaignResult[]; ms: number } {
  const t0 = performance.now()
  const pick = new Pick(mulberry32(opts.seed))
  const today = localDate(clock)
  const at = clock.now().toISOString()
  const by = opts.actor
  const station = sqlite.prepare('SELECT code FROM station LIMIT 1').get() as { code: string } | undefined
  const villages = (sqlite.prepare("SELECT id FROM service_points WHERE kind = 'village_room' AND active = 1 ORDER BY code").all() as { id: string }[]).map((v) => v.id)
  if (!station || !villages.length) return { campaigns: [], ms: performance.now() - t0 }
  const where = hospitals(station.code)

  const insCampaign = sqlite.prepare(
    `INSERT INTO screening_campaigns (id, created_at, updated_at, updated_by, name, kind, start_date, end_date, sex, age_from, age_to, target_count, partner, note, status, closed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insPoint = sqlite.prepare('INSERT INTO screening_campaign_points (campaign_id, service_point_id) VALUES (?, ?)')
  const insRecord = sqlite.prepare(
    `INSERT INTO screening_records (id, created_at, updated_at, updated_by, campaign_id, person_id, exam_date, examiner, findings, conclusion,
      referral_destination, referral_due, referral_note, follow_up_state, follow_up_outcome, follow_up_date, service_point_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  // the dashboard's finding keys, the keys findingKeys.ts gives (what writeFindingKeys writes for a saved record)
  const insKey = sqlite.prepare('INSERT INTO screening_finding_keys (record_id, campaign_id, key) VALUES (?, ?, ?)')
  const insMark = sqlite.prepare(
    'INSERT INTO screening_invitations (id, created_at, updated_at, updated_by, campaign_id, person_id, invited_on, attended_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
  )

  function one(plan: DemoCampaignPlan): DemoCampaignResult | null {
    const exam = EXAMS[plan.kind]
    if (!exam) throw new Error(`no demo exams for ${plan.kind}`)
    const rule = DEFAULT_ELIGIBILITY[plan.kind]
    const { startDate, endDate } = datesOf(plan, today)
    const el = eligibility({ ...rule, startDate, servicePointIds: villages })
    const people = sqlite
      .prepare(
        `SELECT p.id, p.birth_date AS birthDate, p.service_point_id AS servicePointId, p.migrant_status AS migrantStatus,
          (p.marital_status IN ('married', 'remarried') AND p.boys + p.girls = 0) AS childlessCouple
         FROM persons p WHERE ${el.where} ORDER BY p.id_number`
      )
      .all(...el.params) as Candidate[]
    const records = Math.min(plan.records, Math.floor(people.length * plan.cap))
    if (records === 0) return null

    const year = startDate.slice(0, 4)
    const name = plan.kind === 'breast' ? `${year}年农村妇女乳腺癌筛查` : `${year}年男性生殖健康检查`
    const partner = plan.kind === 'breast' ? `${where.county}妇幼保健院` : `${where.county}人民医院泌尿外科`
    const target = Math.ceil((records * plan.targetFactor) / 10) * 10
    const id = newId()
    const closedAt = plan.status === 'closed' ? `${addDays(endDate, 6)}T01:30:00.000Z` : null
    insCampaign.run(id, at, at, by, name, plan.kind, startDate, endDate, rule.sex, rule.ageFrom, rule.ageTo, target, partner, '演示数据', plan.status, closedAt)
    for (const v of villages) insPoint.run(id, v)

    // villages turn out unevenly; the closed campaign visited them in turn, the open one takes all comers
    const villageWeight = new Map(villages.map((v) => [v, pick.decimal(0.55, 1)]))
    const chosen = draw(pick, people, records, villageWeight)
    const days = workdays(startDate, endDate < today ? endDate : today)
    const share = new Map(villages.map((v) => [v, chosen.filter((c) => c.servicePointId === v).length / chosen.length]))
    const block = new Map<string, [number, number]>()
    let acc = 0
    for (const v of villages) {
      const from = Math.floor(acc * days.length)
      acc += share.get(v)!
      block.set(v, [from, Math.max(from, Math.ceil(acc * days.length) - 1)])
    }
    const dayFor = (v: string) => {
      if (plan.status !== 'closed' || pick.chance(0.22)) return pick.one(days)
      const [a, b] = block.get(v)!
      return days[pick.int(a, Math.min(b, days.length - 1))]
    }

    let referrals = 0
    let overdue = 0
    const screened = new Set<string>()
    for (const p of chosen) {
      const examDate = dayFor(p.servicePointId)
      const e = exam({ pick, age: ageOn(p.birthDate, examDate), examDate, hospitals: where, childlessCouple: p.childlessCouple === 1 })
      const issues = checkConclusion(plan.kind, e.findings, e.conclusion, e.referral, examDate)
      if (issues.length) throw new Error(`demo ${plan.kind} exam refused by checkConclusion: ${issues.map((i) => i.rule).join(', ')}`)
      const f = e.referral ? followUpOf(pick, e, examDate, today, e.conclusion === 'suspected_malignancy' ? 0.9 : plan.attendRate) : null
      const outcome = f?.outcome ? followUpOutcomeInput.parse(f.outcome) : null
      const rid = newId()
      insRecord.run(
        rid, at, at, by, id, p.id, examDate, pick.weighted(plan.examiners), JSON.stringify(e.findings), e.conclusion,
        e.referral?.destination ?? null, e.referral?.dueDate ?? null, e.referral?.note ?? '', f?.state ?? 'none',
        outcome ? JSON.stringify(outcome) : null, f?.date ?? null, p.servicePointId
      )
      for (const k of findingKeys(e.findings)) insKey.run(rid, id, k)
      if (e.referral) referrals++
      if (f?.state === 'open' && e.referral!.dueDate < today) overdue++
      // most came after an invitation a few days before; some walked in
      const invited = pick.chance(0.9) ? addDays(examDate, -pick.int(2, 10)) : null
      insMark.run(newId(), at, at, by, id, p.id, invited && invited < addDays(startDate, -14) ? addDays(startDate, -14) : invited, examDate)
      screened.add(p.id)
    }
    // invitations of people not (yet) screened; in the open campaign a few came today and wait to be entered
    const lastInvite = addDays(endDate < today ? endDate : today, -3)
    const firstInvite = addDays(startDate, -14)
    const span = Math.max(0, Math.round((Date.parse(lastInvite) - Date.parse(firstInvite)) / 86_400_000))
    let waiting = plan.status === 'active' ? 8 : 0
    for (const p of people) {
      if (screened.has(p.id) || p.migrantStatus === 'out' || !pick.chance(plan.invited)) continue
      const came = waiting > 0 && pick.chance(0.05)
      if (came) waiting--
      insMark.run(newId(), at, at, by, id, p.id, addDays(firstInvite, pick.int(0, span)), came ? today : null)
    }
    appendAudit(sqlite, {
      at,
      userId: null,
      actor: by,
      action: 'demo.screening',
      entity: 'campaign',
      entityId: id,
      summary: `demo campaign ${name}: ${records} records of ${people.length} eligible, ${referrals} referrals`,
      message: ['demo.screening', { name, records }],
      details: { kind: plan.kind, records, eligible: people.length, referrals, seed: opts.seed }
    })
    return { id, name, kind: plan.kind, status: plan.status, startDate, endDate, eligible: people.length, planned: plan.records, records, referrals, overdue }
  }

  // into empty tables the indexes are built faster once at the end (db/bulk.ts)
  const empty = !sqlite.prepare('SELECT 1 FROM screening_records LIMIT 1').get()
  const all = () => (opts.plans ?? DEMO_CAMPAIGNS).map(one).filter((c): c is DemoCampaignResult => c !== null)
  const campaigns = sqlite.transaction(() => (empty ? withIndexesRebuilt(sqlite, ['screening_records', 'screening_finding_keys', 'screening_invitations'], all) : all())).immediate()
  return { campaigns, ms: performance.now() - t0 }
}
