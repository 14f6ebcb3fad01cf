/**
 * A campaign's dashboard: coverage (screened of target and of eligible, by village and by day),
 * the conclusions, the kind's main findings and the referrals' completion. Aggregates in SQL
 * over the campaign's records (one index range), the findings read with json_extract.
 */
import type { CampaignDashboard, Rate } from '../../api/campaigns'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { todayOf } from '../persons/record'
import { loadCampaign } from './campaigns'
import { eligibility } from './eligibility'

export const rate = (num: number, den: number): Rate => ({ num, den, rate: den > 0 ? num / den : 0 })

/** per kind: the findings counted, as SQL expressions over r.findings giving the value (NULL: none) */
const FINDING_KEYS: Record<CampaignDashboard['kind'], { key: string; sql: string }[]> = {
  breast: [
    // the higher BI-RADS of the two sides (ultrasound) in text order 0 < 1 < … < 4A < 4B < 4C < 5 < 6 (a 0, incomplete, shows only when both sides are 0)
    { key: 'birads', sql: `max(coalesce(json_extract(r.findings, '$.left.birads'), ''), coalesce(json_extract(r.findings, '$.right.birads'), ''))` },
    { key: 'cbe.left', sql: `json_extract(r.findings, '$.left.cbe')` },
    { key: 'cbe.right', sql: `json_extract(r.findings, '$.right.cbe')` }
  ],
  cervical: [
    { key: 'cytology', sql: `json_extract(r.findings, '$.cytology')` },
    { key: 'viaVili', sql: `json_extract(r.findings, '$.viaVili')` },
    { key: 'hpv', sql: `CASE json_type(r.findings, '$.hpv') WHEN 'array' THEN 'positive' ELSE json_extract(r.findings, '$.hpv') END` }
  ],
  male_reproductive: [
    { key: 'varicocele', sql: `max(json_extract(r.findings, '$.left.varicocele'), json_extract(r.findings, '$.right.varicocele'))` },
    { key: 'prostate', sql: `json_extract(r.findings, '$.prostate')` },
    { key: 'penisUrethra', sql: `json_extract(r.findings, '$.penisUrethra')` }
  ],
  gynecological: [
    { key: 'leucorrhea', sql: `json_extract(r.findings, '$.leucorrhea')` },
    { key: 'cervix', sql: `json_extract(r.findings, '$.cervix')` },
    { key: 'adnexa', sql: `json_extract(r.findings, '$.adnexa')` }
  ]
}

export function campaignDashboard(ctx: Ctx, campaignId: string): CampaignDashboard {
  const c = loadCampaign(ctx, campaignId)
  const today = todayOf(ctx)
  const el = eligibility(c)
  const eligibleBy = new Map(
    (ctx.sqlite.prepare(`SELECT p.service_point_id AS sp, count(*) AS n FROM persons p WHERE ${el.where} GROUP BY p.service_point_id`).all(...el.params) as { sp: string; n: number }[]).map((r) => [r.sp, r.n])
  )
  const screenedBy = new Map(
    (stmt(ctx.sqlite, 'SELECT service_point_id AS sp, count(*) AS n FROM screening_records WHERE campaign_id = ? GROUP BY service_point_id').all(c.id) as { sp: string | null; n: number }[]).map((r) => [r.sp ?? '', r.n])
  )
  const names = new Map((stmt(ctx.sqlite, 'SELECT id, name FROM service_points').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]))
  const byVillage = c.servicePointIds.map((id) => ({ servicePointId: id, name: names.get(id) ?? id, eligible: eligibleBy.get(id) ?? 0, screened: screenedBy.get(id) ?? 0 }))
  const byDay = stmt(ctx.sqlite, 'SELECT exam_date AS date, count(*) AS screened FROM screening_records WHERE campaign_id = ? GROUP BY exam_date ORDER BY exam_date').all(c.id) as { date: string; screened: number }[]
  const conclusions = { normal: 0, benign: 0, abnormal_refer: 0, suspected_malignancy: 0 }
  for (const r of stmt(ctx.sqlite, 'SELECT conclusion, count(*) AS n FROM screening_records WHERE campaign_id = ? GROUP BY conclusion').all(c.id) as { conclusion: keyof typeof conclusions; n: number }[])
    conclusions[r.conclusion] = r.n
  const findings: { key: string; count: number }[] = []
  for (const f of FINDING_KEYS[c.kind]) {
    const rows = ctx.sqlite.prepare(`SELECT ${f.sql} AS v, count(*) AS n FROM screening_records r WHERE r.campaign_id = ? GROUP BY v ORDER BY v`).all(c.id) as { v: string | null; n: number }[]
    for (const r of rows) if (r.v !== null && r.v !== '') findings.push({ key: `${f.key}.${r.v}`, count: r.n })
  }
  const ref = stmt(
    ctx.sqlite,
    `SELECT count(*) AS total, sum(follow_up_state = 'open') AS open, sum(follow_up_state = 'open' AND referral_due < ?) AS overdue,
      sum(follow_up_state = 'attended') AS attended, sum(follow_up_state = 'lost') AS lost
     FROM screening_records WHERE campaign_id = ? AND follow_up_state <> 'none'`
  ).get(today, c.id) as { total: number; open: number | null; overdue: number | null; attended: number | null; lost: number | null }
  const referrals = { total: ref.total, open: ref.open ?? 0, overdue: ref.overdue ?? 0, attended: ref.attended ?? 0, lost: ref.lost ?? 0, completion: rate(ref.attended ?? 0, ref.total) }
  return {
    campaignId: c.id,
    kind: c.kind,
    target: c.targetCount,
    eligible: c.eligible,
    screened: c.screened,
    ofTarget: rate(c.screened, c.targetCount),
    ofEligible: rate(c.screened, c.eligible),
    byVillage,
    byDay,
    conclusions,
    findings,
    referrals
  }
}
