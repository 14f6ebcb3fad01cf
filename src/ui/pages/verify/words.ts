/**
 * The verification pages' words: what a check found and what the clerk records, each with its
 * colour, the reasons a text cannot be read, and the core's refusals in the user's language
 * (verify.rule.* first, then the app's errors).
 */
import type { FormInstance } from 'antd'
import { useMemo } from 'react'
import type { ApiError } from '../../../api/contract'
import type { CheckResult, VerificationResult } from '../../../api/verifications'
import { errorText } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { usePersonWords } from '../persons/words'

export const VERIFY_PATH = '/certificates/verify'
export const RATES_PATH = '/certificates/rates'

/** colours of a result: the banner's text, background and border, and the antd tag colour */
export const RESULT_COLORS: Record<CheckResult | VerificationResult, { fg: string; bg: string; border: string; tag: string }> = {
  valid: { fg: '#237804', bg: '#f6ffed', border: '#95de64', tag: 'green' },
  invalid_signature: { fg: '#a8071a', bg: '#fff1f0', border: '#ff7875', tag: 'red' },
  unknown_issuer: { fg: '#ad4e00', bg: '#fff7e6', border: '#ffa940', tag: 'orange' },
  expired: { fg: '#a8071a', bg: '#fff1f0', border: '#ff7875', tag: 'volcano' },
  not_yet_valid: { fg: '#ad4e00', bg: '#fff7e6', border: '#ffa940', tag: 'orange' },
  malformed: { fg: '#434343', bg: '#fafafa', border: '#bfbfbf', tag: 'default' },
  facts_differ: { fg: '#ad4e00', bg: '#fff7e6', border: '#ffa940', tag: 'gold' }
}

export interface VerifyWords {
  /** what a check found (有效, 签名无效 …) */
  check(r: CheckResult): string
  /** what the clerk records */
  result(r: VerificationResult): string
  method(m: 'qr' | 'manual'): string
  /** why a text could not be read */
  malformed(reason: string | undefined): string
  /** a refusal of the core, one sentence */
  error(e: ApiError): string
  /** a field's refusal, for under the field */
  rule(rule: string, params?: Record<string, string | number>): string
}

export function useVerifyWords(): VerifyWords {
  const { t, has } = useI18n()
  const person = usePersonWords()
  return useMemo<VerifyWords>(() => {
    // the holder's facts are refused by the register's own rules: its words, then the app's
    const rule = (r: string, params: Record<string, string | number> = {}) => (has(`verify.rule.${r}`) ? t(`verify.rule.${r}`, params) : person.rule(r, params))
    return {
      check: (r) => t(`verify.check.${r}`),
      result: (r) => t(`verify.result.${r}`),
      method: (m) => t(`verify.method.${m}`),
      malformed: (reason) => (reason && has(`verify.malformed.${reason}`) ? t(`verify.malformed.${reason}`) : t('verify.malformed.other')),
      rule,
      error(e) {
        const f = e.details?.fields?.[0]
        if (e.code === 'VALIDATION' && f) {
          const name = f.path.replace(/^holder\./, '')
          const label = has(`verify.field.${name}`) ? t('errors.fieldPrefix', { field: t(`verify.field.${name}`) }) : ''
          return label + rule(f.rule, scalar(e.details))
        }
        return errorText(t, has, e)
      }
    }
  }, [t, has, person])
}

export function scalar(details: ApiError['details']): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

/**
 * Puts the core's field refusals under the form's fields (holder.* paths on the holder's
 * fields); true when every refusal found its field, else the caller shows the sentence.
 */
export function placeFieldErrors(form: FormInstance, words: VerifyWords, e: ApiError): boolean {
  const fields = e.code === 'VALIDATION' ? (e.details?.fields ?? []) : []
  if (!fields.length) return false
  const known = new Set(Object.keys(form.getFieldsValue(true) as object))
  const params = scalar(e.details)
  const mine = fields.map((f) => ({ name: f.path.replace(/^holder\./, ''), rule: f.rule })).filter((f) => known.has(f.name))
  if (mine.length) form.setFields(mine.map((f) => ({ name: f.name, errors: [words.rule(f.rule, params)] })))
  return mine.length === fields.length
}
