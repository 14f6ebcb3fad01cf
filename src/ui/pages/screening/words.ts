/**
 * The screening pages' words: kinds, statuses, conclusions and lost reasons in the user's
 * language, and the core's field rules (end_before_start, age_band, service_point_unknown …)
 * in the screening domain's words first, then the app's.
 */
import { App as AntApp, type FormInstance } from 'antd'
import { useCallback, useMemo } from 'react'
import type { ApiError } from '../../../api/contract'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'

export interface ScreeningWords {
  kind(k: string): string
  status(s: string): string
  conclusion(c: string | null): string
  lostReason(r: string): string
  followUpState(s: string): string
  rule(rule: string, params?: Record<string, string | number>): string
  /** one sentence for a toast or an alert */
  error(e: ApiError): string
}

function scalarParams(details: ApiError['details']): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

export function useScreeningWords(): ScreeningWords {
  const { t, has } = useI18n()
  return useMemo<ScreeningWords>(() => {
    const word = (group: string, v: string) => (has(`screening.${group}.${v}`) ? t(`screening.${group}.${v}`) : v)
    // the rules' texts are the app's (errors.json), so every form and the generic error path word them alike
    const rule = (r: string, params: Record<string, string | number> = {}) => ruleMessage(t, has, r, params)
    return {
      kind: (k) => word('kind', k),
      status: (s) => word('status', s),
      conclusion: (c) => (c ? word('conclusion', c) : t('screening.none')),
      lostReason: (r) => word('lostReason', r),
      followUpState: (s) => word('followUpState', s),
      rule,
      error(e) {
        const f = e.details?.fields?.[0]
        if (e.code === 'VALIDATION' && f) return rule(f.rule, scalarParams(e.details))
        return errorText(t, has, e)
      }
    }
  }, [t, has])
}

/**
 * Puts the core's field errors under the form's fields (paths mapped where the form's names
 * differ: "outcome.place" -> "place"). Returns true when at least one field took an error.
 */
export function applyScreeningErrors(form: FormInstance, words: ScreeningWords, e: ApiError, names: readonly string[], strip = ''): boolean {
  const fields = (e.details?.fields ?? []).filter((f) => f.path)
  if (!fields.length) return false
  const params = scalarParams(e.details)
  const known = new Set(names)
  const mine = fields.map((f) => ({ name: strip && f.path.startsWith(strip) ? f.path.slice(strip.length) : f.path, rule: f.rule })).filter((f) => known.has(f.name))
  if (!mine.length) return false
  form.setFields(mine.map((f) => ({ name: f.name, errors: [words.rule(f.rule, params)] })))
  return true
}

/** a toast for an API error: VALIDATION in the screening domain's words (status_step …), the rest as everywhere */
export function useScreeningFail(): (e: ApiError) => void {
  const words = useScreeningWords()
  const { fail } = useNotify()
  const { message } = AntApp.useApp()
  return useCallback((e: ApiError) => (e.code === 'VALIDATION' ? void message.error(words.error(e), 6) : fail(e)), [words, fail, message])
}
