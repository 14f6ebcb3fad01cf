/**
 * What the campaign report prints: the campaign's facts and its dashboard (campaignDashboard,
 * the same numbers the campaign page shows), plus per village the abnormal and referred counts,
 * counted the way the dashboard counts screened (by the record's service point, on its covering
 * index). Records of people from outside the campaign's villages (recorded with the clinician's
 * confirmation) make an "other" row, so the village table adds up to the dashboard's totals.
 * Counts only: no person is named.
 */
import type { Campaign, CampaignDashboard } from '../../../api/campaigns'
import type { Ctx } from '../../context'
import { stmt } from '../../db/stmt'
import { localDate } from '../../clock'
import { readStation } from '../../station/profile'
import { campaignBase } from '../campaigns'
import { campaignDashboard } from '../dashboard'

export interface VillageLine {
  /** null: the "other" row */
  servicePointId: string | null
  name: string
  eligible: number
  screened: number
  /** records whose conclusion is not normal */
  abnormal: number
  /** records with a referral (follow-up state other than none) */
  referred: number
}

export interface ReportData {
  campaign: Omit<Campaign, 'screened' | 'eligible'>
  pointNames: string[]
  dashboard: CampaignDashboard
  villages: VillageLine[]
  totals: { eligible: number; screened: number; abnormal: number; referred: number }
  station: { name: string; code: string }
  printedOn: string
}

export function readReportData(ctx: Ctx, campaignId: string): ReportData {
  const campaign = campaignBase(ctx, campaignId)
  const dashboard = campaignDashboard(ctx, campaignId)
  const by = new Map(
    (
      stmt(
        ctx.sqlite,
        `SELECT service_point_id AS sp, sum(conclusion <> 'normal') AS abnormal, sum(follow_up_state <> 'none') AS referred
         FROM screening_records WHERE campaign_id = ? GROUP BY service_point_id`
      ).all(campaignId) as { sp: string | null; abnormal: number; referred: number }[]
    ).map((r) => [r.sp ?? '', r])
  )
  const villages: VillageLine[] = dashboard.byVillage.map((v) => ({
    servicePointId: v.servicePointId,
    name: v.name,
    eligible: v.eligible,
    screened: v.screened,
    abnormal: by.get(v.servicePointId)?.abnormal ?? 0,
    referred: by.get(v.servicePointId)?.referred ?? 0
  }))
  const sum = (xs: VillageLine[], k: 'screened' | 'abnormal' | 'referred') => xs.reduce((n, v) => n + v[k], 0)
  const abnormal = dashboard.conclusions.benign + dashboard.conclusions.abnormal_refer + dashboard.conclusions.suspected_malignancy
  const other = { screened: dashboard.screened - sum(villages, 'screened'), abnormal: abnormal - sum(villages, 'abnormal'), referred: dashboard.referrals.total - sum(villages, 'referred') }
  if (other.screened > 0) villages.push({ servicePointId: null, name: '', eligible: 0, ...other })
  const station = readStation(ctx)
  return {
    campaign,
    pointNames: dashboard.byVillage.map((v) => v.name),
    dashboard,
    villages,
    totals: { eligible: dashboard.eligible, screened: dashboard.screened, abnormal, referred: dashboard.referrals.total },
    station: { name: station.name, code: station.code },
    printedOn: localDate(ctx.clock)
  }
}
