/**
 * The station home page's screening part: the active campaigns with their coverage, the records
 * examined this month and the referrals waiting for follow-up, across campaigns. Kept cheap for a
 * register of 200,000 people and 40,000 records: every count is an index range (EXPLAIN QUERY
 * PLAN checked in tests/integration/screening/stationSummary.test.ts), the campaigns table is
 * small (a scan of its rows is all the campaign list costs), and no record's JSON is read.
 */
import { campaignsApi } from '../../api/campaigns'
import type { ActiveCampaign, ScreeningSummary } from '../../api/dashboard'
import type { Role } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { todayOf } from '../persons/record'
import { rate } from '../screening/dashboard'
import { eligibleCount } from '../screening/eligibility'

/** who may see screening: the roles of the campaign list */
const SCREENING_ROLES = campaignsApi['screening.campaigns'].roles as readonly Role[]

/** the first day of the month after `month` (YYYY-MM), as YYYY-MM-DD */
export function nextMonthStart(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/** the SQL the summary runs, named so the test can EXPLAIN each one */
export const SUMMARY_SQL = {
  /** active campaigns, each with its records counted on screening_records_person (campaign_id, …) */
  active: `SELECT c.id, c.name, c.kind, c.start_date AS startDate, c.end_date AS endDate, c.target_count AS target, c.sex, c.age_from AS ageFrom, c.age_to AS ageTo,
      (SELECT count(*) FROM screening_records r WHERE r.campaign_id = c.id) AS screened
    FROM screening_campaigns c WHERE c.status = 'active' ORDER BY c.start_date DESC, c.id DESC`,
  points: 'SELECT service_point_id AS id FROM screening_campaign_points WHERE campaign_id = ?',
  /**
   * records examined in the month (by exam date, on screening_records_campaign_date, one range per
   * campaign) and the open referrals with the overdue among them (on screening_records_follow_up)
   */
  counts: `SELECT
      (SELECT count(*) FROM screening_records r WHERE r.campaign_id IN (SELECT id FROM screening_campaigns) AND r.exam_date >= ? AND r.exam_date < ?) AS month,
      (SELECT count(*) FROM screening_records r WHERE r.follow_up_state = 'open') AS open,
      (SELECT count(*) FROM screening_records r WHERE r.follow_up_state = 'open' AND r.referral_due < ?) AS overdue`
}

type ActiveRow = Omit<ActiveCampaign, 'eligible' | 'ofTarget' | 'ofEligible'> & { sex: 'female' | 'male'; ageFrom: number; ageTo: number }

export function screeningSummary(ctx: Ctx): ScreeningSummary | null {
  const roles = ctx.user().roles
  if (!roles.some((r) => SCREENING_ROLES.includes(r))) return null
  const today = todayOf(ctx)
  const month = today.slice(0, 7)
  const active = (stmt(ctx.sqlite, SUMMARY_SQL.active).all() as ActiveRow[]).map((c): ActiveCampaign => {
    const servicePointIds = (stmt(ctx.sqlite, SUMMARY_SQL.points).all(c.id) as { id: string }[]).map((p) => p.id)
    // one range of persons_eligibility per service point (covering: no table rows read), kept until the next write
    const eligible = eligibleCount(ctx.sqlite, { ...c, servicePointIds })
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      startDate: c.startDate,
      endDate: c.endDate,
      target: c.target,
      eligible,
      screened: c.screened,
      ofTarget: rate(c.screened, c.target),
      ofEligible: rate(c.screened, eligible)
    }
  })
  const n = stmt(ctx.sqlite, SUMMARY_SQL.counts).get(`${month}-01`, nextMonthStart(month), today) as { month: number; open: number; overdue: number }
  return { active, month, recordsThisMonth: n.month, referrals: { open: n.open, overdue: n.overdue } }
}
