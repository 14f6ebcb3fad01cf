/**
 * A screening campaign's printed documents: the result slip handed to the person (筛查结果告知单,
 * A5), the campaign's summary report (A4, PDF or xlsx, counts only) and the invitation list per
 * village (邀请名单, A4 PDF or xlsx, one section / sheet per village). Paper and offset are the
 * documents' print settings (print.ts: screeningSlip, screeningReport, invitationList).
 */
import { z } from 'zod'
import { method, type FileOut } from './contract'
import { LANGS } from './station'

const CLINICIANS = ['head', 'clinician'] as const

export const INVITATION_STATES = ['not_screened', 'all'] as const
export const REPORT_FORMATS = ['pdf', 'xlsx'] as const

export const screeningPrintApi = {
  /** the result slip of one record, printed right after saving it (audited: it names the person) */
  'screening.slip': method<FileOut>()({
    input: z.object({ recordId: z.string().min(1), lang: z.enum(LANGS).default('zh-CN') }),
    roles: CLINICIANS,
    kind: 'sensitive-read'
  }),
  /** the campaign's summary: coverage, villages, days, conclusions, findings, referrals (the dashboard's numbers) */
  'screening.report': method<FileOut>()({
    input: z.object({ campaignId: z.string().min(1), format: z.enum(REPORT_FORMATS), lang: z.enum(LANGS).default('zh-CN') }),
    roles: CLINICIANS,
    kind: 'read'
  }),
  /** the people to invite, of one village or of every village, with ID numbers and phones for the village doctor */
  'screening.invitations': method<FileOut>()({
    input: z.object({
      campaignId: z.string().min(1),
      servicePointId: z.string().min(1).optional(),
      state: z.enum(INVITATION_STATES).default('not_screened'),
      format: z.enum(REPORT_FORMATS),
      lang: z.enum(LANGS).default('zh-CN')
    }),
    roles: ['head', 'clinician', 'clerk'],
    kind: 'sensitive-read'
  })
}
