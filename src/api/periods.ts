import { z } from 'zod'
import { method } from './contract'
import { requiredText } from './common'

/**
 * Closing a month (关账). A closed month is read-only: a write dated in it (an exam, a stock
 * move, a certificate, a verification, a person's change event…) is refused with PERIOD_CLOSED,
 * details { period, fields: [{ path, rule: 'period_closed' }] }. A head may reopen it with a
 * reason; what changes then travels in the next packet as corrections.
 */
export const periodMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period' })

export type PeriodStatus = 'open' | 'closed'

export interface PeriodRow {
  period: string
  status: PeriodStatus
  /** false for the current month and later: only a month that has ended may be closed */
  ended: boolean
  closedAt: string | null
  closedBy: string | null
  /** times closed so far (a reopened month closed again: 2, …) */
  closeCount: number
  reopenedAt: string | null
  reopenedBy: string | null
  reopenReason: string | null
  /** the packet built for this month's latest close, if any */
  packet: { seq: number; sha256: string; exportCount: number } | null
  /** records dated in the month (people's events, exams, stock moves, certificates, verifications) */
  records: number
}

export interface PeriodList {
  /** today's month in the station's time zone */
  current: string
  /** newest first: every month from the first with records (or the station's first) to the current one, closed months always */
  rows: PeriodRow[]
}

/** something still open in a month: blockers stop the close, warnings need acceptWarnings */
export interface PeriodOpenItem {
  kind: 'stocktake_open' | 'screening_draft' | 'follow_up_due' | 'campaign_active'
  count: number
  /** up to 10 of them, to name on screen */
  samples: { id: string; label: string; date: string | null }[]
}

/** the month's totals, by business date */
export interface MonthSummary {
  personsAdded: number
  personEvents: number
  screeningRecords: number
  referrals: number
  stockMoves: number
  /** base units dispensed to people and issued to service points */
  stockOut: number
  certificatesIssued: number
  verifications: number
}

export interface ClosePreview {
  period: string
  status: PeriodStatus
  ended: boolean
  blockers: PeriodOpenItem[]
  warnings: PeriodOpenItem[]
  summary: MonthSummary
}

export const periodsApi = {
  'periods.list': method<PeriodList>()({ input: z.object({}).optional().default({}), roles: ['head'], kind: 'read' }),
  'periods.preview': method<ClosePreview>()({ input: z.object({ period: periodMonth }), roles: ['head'], kind: 'read' }),
  /**
   * Refused: a month not yet ended (VALIDATION rule period_not_ended), already closed (CONFLICT
   * rule period_closed_already), with blockers (CONFLICT rule period_blocked, details.blockers),
   * with warnings and acceptWarnings false (CONFLICT rule period_warnings, details.warnings).
   */
  'periods.close': method<PeriodRow>()({
    input: z.object({ period: periodMonth, acceptWarnings: z.boolean().default(false) }),
    roles: ['head'],
    kind: 'write'
  }),
  'periods.reopen': method<PeriodRow>()({
    input: z.object({ period: periodMonth, reason: requiredText(200) }),
    roles: ['head'],
    kind: 'write'
  })
}
