/**
 * Screening records (筛查记录) and follow-up (随访): the contract. One record per person per
 * campaign (a second attempt is CONFLICT with details.existingId: the UI opens the first); the
 * findings are the campaign kind's (screeningFindings.ts) and must agree with the conclusion; an
 * abnormal conclusion carries a referral, which is followed up until attended or lost.
 */
import { z } from 'zod'
import { method, type Page } from './contract'
import { isoDate, paging, text } from './common'
import { CONCLUSIONS, findingsInput, followUpOutcomeInput, referralInput, type Conclusion, type Findings, type FollowUpOutcome, type ScreeningKind } from './screeningFindings'

export const FOLLOW_UP_STATES = ['none', 'open', 'attended', 'lost'] as const
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number]

export interface ScreeningRecord {
  id: string
  campaignId: string
  campaignName: string
  kind: ScreeningKind
  personId: string
  name: string
  idNumber: string
  sex: 'male' | 'female'
  birthDate: string
  /** full years on the exam date */
  age: number
  servicePointName: string | null
  examDate: string
  examiner: string
  findings: Findings
  conclusion: Conclusion
  referral: { destination: string; dueDate: string; note: string } | null
  followUp: { state: FollowUpState; date: string | null; outcome: FollowUpOutcome | null }
  createdAt: string
  updatedAt: string
  updatedBy: string
}

export const recordSaveInput = z.object({
  /** given: a change of that record (while the campaign is not closed) */
  id: z.string().min(1).optional(),
  campaignId: z.string().min(1),
  personId: z.string().min(1),
  examDate: isoDate,
  /** the examining clinician; default: the user's display name */
  examiner: text(30).optional(),
  findings: findingsInput,
  conclusion: z.enum(CONCLUSIONS),
  referral: referralInput.nullable().optional(),
  /** the person is outside the campaign's eligibility (sex, age, village) and the clinician confirms */
  confirmIneligible: z.boolean().default(false)
})

export interface FollowUpRow {
  recordId: string
  campaignId: string
  campaignName: string
  kind: ScreeningKind
  personId: string
  name: string
  idNumber: string
  phone: string
  servicePointName: string | null
  examDate: string
  conclusion: Conclusion
  destination: string
  dueDate: string
  /** days past the due date (0 or less: not overdue) on the station's today */
  daysOverdue: number
  state: FollowUpState
  outcomeDate: string | null
}

const CLINIC = ['head', 'clinician', 'clerk'] as const
const CLINICIANS = ['head', 'clinician'] as const

export const recordsApi = {
  /** save a record (head, clinician); an abnormal one carries its referral */
  'screening.recordSave': method<ScreeningRecord>()({ input: recordSaveInput, roles: CLINICIANS, kind: 'write' }),
  /** a record by id, or the person's record in a campaign (opening it is audited) */
  'screening.record': method<ScreeningRecord>()({
    input: z.union([z.object({ id: z.string().min(1) }), z.object({ campaignId: z.string().min(1), personId: z.string().min(1) })]),
    roles: CLINIC,
    kind: 'sensitive-read'
  }),
  'screening.records': method<Page<ScreeningRecordRow>>()({
    input: z.object({ campaignId: z.string().min(1), conclusion: z.enum(CONCLUSIONS).optional(), ...paging }),
    roles: CLINIC,
    kind: 'read'
  }),
  /** the follow-up worklist: open referrals, overdue first (or every state) */
  'screening.followUps': method<Page<FollowUpRow>>()({
    input: z
      .object({ state: z.enum(['open', 'closed', 'all']).default('open'), campaignId: z.string().optional(), overdueOnly: z.boolean().default(false), ...paging })
      .optional()
      .default({ state: 'open', overdueOnly: false, page: 1, pageSize: 50 }),
    roles: CLINIC,
    kind: 'read'
  }),
  /** the outcome of a referral: attended (where, diagnosis, treatment, date) or lost (reason); also after the campaign closed */
  'screening.followUpSave': method<ScreeningRecord>()({
    input: z.object({ recordId: z.string().min(1), outcome: followUpOutcomeInput }),
    roles: CLINICIANS,
    kind: 'write'
  })
}

/** a row of a campaign's record list */
export interface ScreeningRecordRow {
  id: string
  personId: string
  name: string
  idNumber: string
  age: number
  servicePointName: string | null
  examDate: string
  examiner: string
  conclusion: Conclusion
  followUpState: FollowUpState
}
