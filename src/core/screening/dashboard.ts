/**
 * A campaign's dashboard: coverage (screened of target and of eligible, by village and by day),
 * the conclusions, the kind's main findings and the referrals' completion. Aggregates in SQL
 * over the campaign's records and their finding keys (index ranges; no JSON is read).
 */
import type { CampaignDashboard, Rate } from '../../api/campaigns'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { todayOf } from '../persons/record'
import { loadCampaign } from './campaigns'
import { eligibility } from './eligibility'

export const rate = (num: number, den: number): Rate => ({ num, den, rate: den > 0 ? num / den : 0 })

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
  // the kind's main findings, written as keys with each record (findingKeys.ts)
  const findings = stmt(ctx.sqlite, 'SELECT key, count(*) AS count FROM screening_finding_keys WHERE campaign_id = ? GROUP BY key ORDER BY key').all(c.id) as { key: string; count: number }[]
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
