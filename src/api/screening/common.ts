/**
 * What the screening kinds share: the kinds, the conclusions in order of severity, the sides,
 * and the small helpers the kinds' schemas and severity tables are written with.
 */
import { z } from 'zod'
import type { FieldIssue } from '../contract'
import { text } from '../common'

/** campaign kinds (乳腺 / 宫颈 / 男性生殖健康 / 妇科) */
export const SCREENING_KINDS = ['breast', 'cervical', 'male_reproductive', 'gynecological'] as const
export type ScreeningKind = (typeof SCREENING_KINDS)[number]

/** the conclusions of a record, mildest first: the order is the severity order */
export const CONCLUSIONS = ['normal', 'benign', 'abnormal_refer', 'suspected_malignancy'] as const
export type Conclusion = (typeof CONCLUSIONS)[number]

export const SIDES = ['left', 'right'] as const
export type Side = (typeof SIDES)[number]

export const conclusionRank = (c: Conclusion) => CONCLUSIONS.indexOf(c)
export const higher = (a: Conclusion, b: Conclusion): Conclusion => (conclusionRank(a) >= conclusionRank(b) ? a : b)

/**
 * One finding that sets a floor under the conclusion: `path` is relative to the findings
 * (e.g. "left.birads"), `minimum` the mildest conclusion the finding allows.
 */
export interface SeverityHit {
  path: string
  minimum: Conclusion
}

/** a finding's value -> the mildest conclusion it allows (absent or 'normal': no floor) */
export type SeverityTable<V extends string> = Partial<Record<V, Conclusion>>

/** the hit of one finding looked up in its table, or none when the table sets no floor */
export function lookup<V extends string>(table: SeverityTable<V>, value: V | undefined | null, path: string): SeverityHit[] {
  const minimum = value == null ? undefined : table[value]
  return minimum && minimum !== 'normal' ? [{ path, minimum }] : []
}

/** a rule of its own (two findings together, a measurement below a limit) */
export const when = (cond: boolean, path: string, minimum: Conclusion): SeverityHit[] => (cond ? [{ path, minimum }] : [])

/** FieldIssue with the parameters the UI fills its message with */
export interface ScreeningIssue extends FieldIssue {
  params?: Record<string, string | number | string[]>
}

/**
 * A superRefine issue: the rule is both the message (as persons.ts writes `{ message: 'required' }`)
 * and params.rule (as station.ts does), so zodToFields reads the same rule either way.
 */
export function flag(ctx: z.RefinementCtx, path: (string | number)[], rule: string): void {
  ctx.addIssue({ code: 'custom', path, message: rule, params: { rule } })
}

/** a free-text note beside a coded finding (required by a refine when the finding says so) */
export const note = text(200).optional()
/** true when a note is missing or blank */
export const blank = (s: string | undefined) => s == null || s.trim() === ''

/**
 * a number with at most one decimal (semen volume 2.5 ml, 38.5 %). No schema-level message: in
 * zod 4 it would replace the min/max issues' messages too, and zodToFields would read the
 * rule from it (too_small / too_big are the rules wanted here).
 */
export const oneDecimal = (min: number, max: number) =>
  z
    .number()
    .min(min)
    .max(max)
    .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, { message: 'one_decimal' })
