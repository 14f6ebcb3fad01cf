import { method } from './contract'
import { empty } from './common'
import type { Rate } from './campaigns'
import type { ScreeningKind } from './screeningFindings'

/** a campaign under way, as the station's home page lists it */
export interface ActiveCampaign {
  id: string
  name: string
  kind: ScreeningKind
  startDate: string
  endDate: string
  target: number
  eligible: number
  screened: number
  /** screened / target and screened / eligible */
  ofTarget: Rate
  ofEligible: Rate
}

/** screening at a glance, for the roles that may see screening (head, clinician, clerk) */
export interface ScreeningSummary {
  /** active campaigns, the latest start first */
  active: ActiveCampaign[]
  /** the station's current month (YYYY-MM) and the records examined in it, across campaigns */
  month: string
  recordsThisMonth: number
  /** referrals still waiting for their follow-up, across campaigns (closed ones too); overdue: due before today */
  referrals: { open: number; overdue: number }
}

export interface DashboardSummary {
  station: { name: string; code: string; level: string; regionName: string }
  staff: { active: number; total: number; byPost: Record<string, number> }
  equipment: { items: number; units: number; byState: Record<string, number> }
  servicePoints: { villageRooms: number; mobileVans: number; inactive: number }
  users: { active: number; locked: number }
  audit: { today: number; lastBackupAt: string | null; chainOk: boolean }
  keyUnprotected: boolean
  /** null for a role that may not see screening (admin) */
  screening: ScreeningSummary | null
}

export const dashboardApi = {
  'dashboard.summary': method<DashboardSummary>()({ input: empty, roles: ['admin', 'head', 'clinician', 'clerk'], kind: 'read' })
}
