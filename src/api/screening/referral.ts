/**
 * Referral (转诊) of a screening record, and the outcome of its follow-up (随访结果).
 * Whether a referral is required, and how soon it is due, depends on the conclusion: see
 * checkConclusion in ./conclusion.ts. Dates against the exam date and "today" are the core's.
 */
import { z } from 'zod'
import { isoDate, requiredText, text } from '../common'
import { blank, flag } from './common'

export const referralInput = z
  .object({
    /** where to: hospital / department, 1–100 characters */
    destination: requiredText(100),
    /** the date the woman or man should be seen by then, YYYY-MM-DD */
    dueDate: isoDate,
    note: text(200).optional()
  })
  .strict()
export type Referral = z.output<typeof referralInput>

export const LOST_REASONS = ['moved', 'refused', 'unreachable', 'died', 'other'] as const
export type LostReason = (typeof LOST_REASONS)[number]

export const followUpAttendedInput = z
  .object({
    outcome: z.literal('attended'),
    /** where the person was seen */
    place: requiredText(100),
    date: isoDate,
    /** the diagnosis there (pathology, colposcopy, …) */
    diagnosis: requiredText(200),
    /** treatment given or planned; '' when none */
    treatment: text(200).default('')
  })
  .strict()

export const followUpLostInput = z
  .object({
    outcome: z.literal('lost'),
    reason: z.enum(LOST_REASONS),
    /** required when the reason is `other` */
    note: text(200).default('')
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.reason === 'other' && blank(f.note)) flag(ctx, ['note'], 'required')
  })

/** attended (place, date, diagnosis, treatment) or lost to follow-up (reason, note) */
export const followUpOutcomeInput = z.discriminatedUnion('outcome', [followUpAttendedInput, followUpLostInput])
export type FollowUpOutcome = z.output<typeof followUpOutcomeInput>
