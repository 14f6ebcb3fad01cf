import { method } from './contract'
import { empty } from './common'
import type { Rate } from './campaigns'
import type { ScreeningKind } from './screeningFindings'
import type { ExpiryAlert, LevelAlert, MoveKind } from './inventory'

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

/**
 * contraceptive stock at a glance, for the roles that read stock (head, clerk, clinician): the
 * figures of the stock alerts (inventory.alerts, counted the same way) and this month's moves
 */
export interface StockSummary {
  today: string
  /** the station's current month (YYYY-MM) */
  month: string
  expiryAlertDays: number
  /** the 3 full months the consumption is averaged over */
  amcMonths: string[]
  /** products whose months of stock are below their minimum / above their maximum */
  belowMin: number
  aboveMax: number
  /** lots on hand expiring within the alert window (not expired yet) */
  expiring: number
  /** expired lots still on hand (to be destroyed) */
  expired: number
  /** moves dated in the month, and per kind */
  movesThisMonth: number
  movesByKind: Partial<Record<MoveKind, number>>
  /** the first lots of the alerts (expired first, then by expiry) and the products out of their range, with the English name */
  lots: (ExpiryAlert & { productNameEn: string })[]
  levels: (LevelAlert & { productNameEn: string })[]
}

/**
 * migrant certificates at a glance, for the roles that may see certificates (head, clerk): the
 * two rates as certificates.rates counts them for the current month, and the month's work
 */
export interface CertificateSummary {
  /** the station's current month (YYYY-MM) and today, the day the rates are counted on */
  month: string
  asOf: string
  /** 办证率 and 验证率 on today */
  certificate: Rate
  verification: Rate
  /** certificates issued in the month (renewals included, voided ones too) */
  issuedThisMonth: number
  /** valid certificates of women still out-migrants whose last day is within the next expiringDays days (today included): to renew */
  expiring: number
  expiringDays: number
  /** verifications dated in the month, whatever their result */
  verificationsThisMonth: number
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
  /** null for a role that may not read stock (admin) */
  stock: StockSummary | null
  /** null for a role that may not see certificates (admin, clinician) */
  certificates: CertificateSummary | null
}

export const dashboardApi = {
  'dashboard.summary': method<DashboardSummary>()({ input: empty, roles: ['admin', 'head', 'clinician', 'clerk'], kind: 'read' })
}
