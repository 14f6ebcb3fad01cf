/**
 * Screening records' findings per campaign kind, and the rules that tie the findings to the
 * conclusion and the referral. Pure (zod only): the contract and the core both use it.
 *
 *   findingsInput / FINDINGS_SCHEMAS   parse a record's findings (strict, per kind)
 *   minimumConclusion(kind, findings)   the mildest conclusion the findings allow, and why
 *   checkConclusion(kind, findings, conclusion, referral, examDate) -> ScreeningIssue[]
 *   referralInput, followUpOutcomeInput
 */
export * from './screening/common'
export * from './screening/breast'
export * from './screening/cervical'
export * from './screening/male'
export * from './screening/gynecological'
export * from './screening/referral'
export * from './screening/conclusion'
