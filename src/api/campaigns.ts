/**
 * Health-screening campaigns (筛查活动): the contract. A campaign screens one kind (breast,
 * cervical, men's reproductive health, gynecological) for the eligible people of the service
 * points it covers, between two dates; planned → active → closed (closing freezes the findings;
 * follow-up outcomes can still be recorded). The roster is everyone eligible, from the register.
 */
import { z } from 'zod'
import { method, type Page } from './contract'
import { isoDate, paging, requiredText, text } from './common'
import { SEXES } from './persons'
import { SCREENING_KINDS, type ScreeningKind } from './screeningFindings'

export const CAMPAIGN_STATUSES = ['planned', 'active', 'closed'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/** who a kind screens unless the campaign says otherwise (full years on the exam date) */
export const DEFAULT_ELIGIBILITY: Record<ScreeningKind, { sex: (typeof SEXES)[number]; ageFrom: number; ageTo: number }> = {
  breast: { sex: 'female', ageFrom: 35, ageTo: 64 },
  cervical: { sex: 'female', ageFrom: 35, ageTo: 64 },
  gynecological: { sex: 'female', ageFrom: 20, ageTo: 64 },
  male_reproductive: { sex: 'male', ageFrom: 20, ageTo: 60 }
}

export interface Campaign {
  id: string
  name: string
  kind: ScreeningKind
  startDate: string
  endDate: string
  servicePointIds: string[]
  sex: (typeof SEXES)[number]
  ageFrom: number
  ageTo: number
  targetCount: number
  partner: string
  note: string
  status: CampaignStatus
  closedAt: string | null
  /** records saved so far */
  screened: number
  /** people in the register the eligibility takes in (active, in the covered service points) */
  eligible: number
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export const campaignInput = z
  .object({
    /** given: an update of that campaign (a closed one cannot change) */
    id: z.string().min(1).optional(),
    name: requiredText(60),
    kind: z.enum(SCREENING_KINDS),
    startDate: isoDate,
    endDate: isoDate,
    servicePointIds: z.array(z.string().min(1)).min(1, { message: 'required' }).max(500),
    /** default by kind (DEFAULT_ELIGIBILITY) */
    sex: z.enum(SEXES).optional(),
    ageFrom: z.number().int().min(0).max(120).optional(),
    ageTo: z.number().int().min(0).max(120).optional(),
    targetCount: z.number().int({ message: 'integer' }).min(0, { message: 'min0' }).max(1_000_000).default(0),
    /** partner experts or institution */
    partner: text(120).default(''),
    note: text(500).default('')
  })
  .superRefine((v, c) => {
    if (v.endDate < v.startDate) c.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' })
    if (v.ageFrom !== undefined && v.ageTo !== undefined && v.ageTo < v.ageFrom) c.addIssue({ code: 'custom', path: ['ageTo'], message: 'age_band' })
  })

export const ROSTER_STATES = ['all', 'not_invited', 'invited', 'attended', 'screened', 'not_screened'] as const

export interface RosterRow {
  personId: string
  name: string
  idNumber: string
  sex: (typeof SEXES)[number]
  birthDate: string
  /** full years on the campaign's start date */
  age: number
  phone: string
  servicePointName: string | null
  invitedOn: string | null
  attendedOn: string | null
  /** the record's id once screened */
  recordId: string | null
  conclusion: string | null
}

const CLINIC = ['head', 'clinician', 'clerk'] as const

export const campaignsApi = {
  'screening.campaigns': method<Page<Campaign>>()({
    input: z
      .object({ status: z.enum(CAMPAIGN_STATUSES).optional(), kind: z.enum(SCREENING_KINDS).optional(), ...paging })
      .optional()
      .default({ page: 1, pageSize: 50 }),
    roles: CLINIC,
    kind: 'read'
  }),
  'screening.campaign': method<Campaign>()({ input: z.object({ id: z.string().min(1) }), roles: CLINIC, kind: 'read' }),
  /** create or update (head only) */
  'screening.campaignSave': method<Campaign>()({ input: campaignInput, roles: ['head'], kind: 'write' }),
  /** planned → active → closed, one step at a time (head only) */
  'screening.campaignStatus': method<Campaign>()({
    input: z.object({ id: z.string().min(1), status: z.enum(CAMPAIGN_STATUSES) }),
    roles: ['head'],
    kind: 'write'
  }),
  /** everyone eligible, with invited / attended / screened; paged, by village then name */
  'screening.roster': method<Page<RosterRow>>()({
    input: z.object({
      campaignId: z.string().min(1),
      servicePointId: z.string().optional(),
      state: z.enum(ROSTER_STATES).default('all'),
      q: text(40).optional(),
      ...paging
    }),
    roles: CLINIC,
    kind: 'read'
  }),
  /** marks people invited (or attended) on a date */
  'screening.mark': method<{ marked: number }>()({
    input: z.object({
      campaignId: z.string().min(1),
      personIds: z.array(z.string().min(1)).min(1).max(5000),
      mark: z.enum(['invited', 'attended']),
      date: isoDate
    }),
    roles: ['head', 'clinician', 'clerk'],
    kind: 'write'
  })
}

/** a rate as the CLI and packets give it: num / den, rate a fraction 0–1 (0 when den is 0) */
export interface Rate {
  num: number
  den: number
  rate: number
}

export interface CampaignDashboard {
  campaignId: string
  kind: ScreeningKind
  target: number
  eligible: number
  screened: number
  /** screened / target and screened / eligible */
  ofTarget: Rate
  ofEligible: Rate
  byVillage: { servicePointId: string; name: string; eligible: number; screened: number }[]
  byDay: { date: string; screened: number }[]
  /** records per conclusion */
  conclusions: Record<'normal' | 'benign' | 'abnormal_refer' | 'suspected_malignancy', number>
  /** the kind's main findings: key (e.g. birads.4A, cytology.HSIL, hpv.16, varicocele.II) -> records */
  findings: { key: string; count: number }[]
  referrals: { total: number; open: number; overdue: number; attended: number; lost: number; completion: Rate }
}

export const campaignDashboardApi = {
  'screening.dashboard': method<CampaignDashboard>()({ input: z.object({ campaignId: z.string().min(1) }), roles: CLINIC, kind: 'read' })
}
