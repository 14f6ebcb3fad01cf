/**
 * The findings of any kind, and the rules that tie them to the conclusion and the referral.
 *
 * minimumConclusion: each kind's severity table gives, per finding, the mildest conclusion it
 * allows; the record's minimum is the highest of them.
 *
 * checkConclusion rules (ScreeningIssue.rule):
 *   kind_mismatch (findings.kind)        the findings are of another kind than the campaign's
 *   conclusion_too_low (conclusion)      below the minimum; params { minimum, because: paths }
 *   referral_required (referral.destination / referral.dueDate)
 *                                        abnormal_refer or suspected_malignancy (the conclusion
 *                                        given or the minimum, whichever is higher) without it
 *   referral_due_before_exam (referral.dueDate)   params { examDate }
 *   referral_too_late (referral.dueDate) suspected_malignancy: more than 14 days after the exam;
 *                                        abnormal_refer: more than 90; params { maxDays, latest }
 *   referral_not_expected (referral)     a referral on a normal record
 * A referral whose destination and due date are both blank counts as no referral.
 */
import { z } from 'zod'
import { breastFindingsInput, breastSeverity } from './breast'
import { cervicalFindingsInput, cervicalSeverity } from './cervical'
import { CONCLUSIONS, blank, conclusionRank, higher, type Conclusion, type ScreeningIssue, type ScreeningKind, type SeverityHit } from './common'
import { gynecologicalFindingsInput, gynecologicalSeverity } from './gynecological'
import { maleFindingsInput, maleSeverity } from './male'

/** the findings of a record, by `kind` */
export const findingsInput = z.discriminatedUnion('kind', [breastFindingsInput, cervicalFindingsInput, maleFindingsInput, gynecologicalFindingsInput])
export type FindingsInput = z.input<typeof findingsInput>
export type Findings = z.output<typeof findingsInput>
export type FindingsOf<K extends ScreeningKind> = Extract<Findings, { kind: K }>

/** each kind's schema alone, for parsing a record's findings with its campaign's kind */
export const FINDINGS_SCHEMAS = {
  breast: breastFindingsInput,
  cervical: cervicalFindingsInput,
  male_reproductive: maleFindingsInput,
  gynecological: gynecologicalFindingsInput
} as const satisfies Record<ScreeningKind, z.ZodType>

export const conclusionInput = z.enum(CONCLUSIONS)

/** the longest a referral may wait after the exam, in days, by conclusion */
export const REFERRAL_MAX_DAYS = { abnormal_refer: 90, suspected_malignancy: 14 } as const satisfies Partial<Record<Conclusion, number>>

export interface MinimumConclusion {
  /** the mildest conclusion the findings allow */
  minimum: Conclusion
  /** the finding paths (findings.left.birads …) that set the minimum; [] when it is normal */
  because: string[]
  /** every finding that sets a floor, with its own minimum */
  hits: SeverityHit[]
}

function severityOf(f: Findings): SeverityHit[] {
  switch (f.kind) {
    case 'breast':
      return breastSeverity(f)
    case 'cervical':
      return cervicalSeverity(f)
    case 'male_reproductive':
      return maleSeverity(f)
    case 'gynecological':
      return gynecologicalSeverity(f)
  }
}

/** the mildest conclusion the (parsed) findings allow, and why; throws if the kinds differ */
export function minimumConclusion(kind: ScreeningKind, findings: Findings): MinimumConclusion {
  if (findings.kind !== kind) throw new Error(`findings of kind ${findings.kind} given for a ${kind} record`)
  const hits = severityOf(findings).map((h) => ({ path: `findings.${h.path}`, minimum: h.minimum }))
  const minimum = hits.reduce<Conclusion>((m, h) => higher(m, h.minimum), 'normal')
  const because = minimum === 'normal' ? [] : [...new Set(hits.filter((h) => h.minimum === minimum).map((h) => h.path))]
  return { minimum, because, hits }
}

/** a referral as the record holds it, possibly incomplete (the core may pass what it has) */
export type ReferralLike = { destination?: string | null; dueDate?: string | null; note?: string | null } | null | undefined

const DATE = /^\d{4}-\d{2}-\d{2}$/
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}
function validDate(s: string): boolean {
  return DATE.test(s) && addDays(s, 0) === s
}

/**
 * The conclusion and referral of a record against its findings. `findings` are the parsed
 * findings (their own field rules are the schema's); `examDate` is the exam's YYYY-MM-DD.
 * Returns [] when the record may be saved.
 */
export function checkConclusion(kind: ScreeningKind, findings: Findings, conclusion: Conclusion, referral: ReferralLike, examDate: string): ScreeningIssue[] {
  if (!validDate(examDate)) throw new Error(`exam date ${examDate} is not YYYY-MM-DD`)
  if (findings.kind !== kind)
    return [{ path: 'findings.kind', rule: 'kind_mismatch', message: `findings of a ${findings.kind} exam in a ${kind} campaign`, params: { expected: kind } }]
  const issues: ScreeningIssue[] = []
  const { minimum, because } = minimumConclusion(kind, findings)
  if (conclusionRank(conclusion) < conclusionRank(minimum))
    issues.push({ path: 'conclusion', rule: 'conclusion_too_low', message: `the findings (${because.join(', ')}) call for at least ${minimum}`, params: { minimum, because } })

  const effective = higher(conclusion, minimum)
  const destination = referral?.destination ?? ''
  const dueDate = referral?.dueDate ?? ''
  const hasReferral = !blank(destination) || !blank(dueDate)
  const dueValid = validDate(dueDate)

  if (effective === 'abnormal_refer' || effective === 'suspected_malignancy') {
    if (blank(destination)) issues.push({ path: 'referral.destination', rule: 'referral_required', message: `${effective} needs a referral destination`, params: { conclusion: effective } })
    if (blank(dueDate)) issues.push({ path: 'referral.dueDate', rule: 'referral_required', message: `${effective} needs a referral due date`, params: { conclusion: effective } })
  } else if (effective === 'normal' && hasReferral) {
    issues.push({ path: 'referral', rule: 'referral_not_expected', message: 'a normal record has no referral' })
  }
  if (dueValid && dueDate < examDate) {
    issues.push({ path: 'referral.dueDate', rule: 'referral_due_before_exam', message: `the referral is due before the exam (${examDate})`, params: { examDate } })
  } else if (dueValid && (effective === 'abnormal_refer' || effective === 'suspected_malignancy')) {
    const maxDays = REFERRAL_MAX_DAYS[effective]
    const latest = addDays(examDate, maxDays)
    if (dueDate > latest)
      issues.push({ path: 'referral.dueDate', rule: 'referral_too_late', message: `${effective} is referred within ${maxDays} days of the exam (by ${latest})`, params: { maxDays, latest, conclusion: effective } })
  }
  return issues
}
