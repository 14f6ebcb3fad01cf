/**
 * Turns an API error (stable code + details) into a message in the user's language, and puts
 * field errors on the form fields they name.
 */
import type { FormInstance } from 'antd'
import type { ApiError } from '../../api/contract'
import type { TFunc } from './i18n'

export function ruleMessage(t: TFunc, has: (k: string) => boolean, rule: string, params: Record<string, string | number> = {}): string {
  // a parameter that is a word of the contract (e.g. a conclusion) is said in the user's language
  const worded: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(params)) worded[k] = typeof v === 'string' && has(`errors.value.${v}`) ? t(`errors.value.${v}`) : v
  return has(`errors.rule.${rule}`) ? t(`errors.rule.${rule}`, worded) : t('errors.rule.invalid')
}

/** one sentence for a toast: what went wrong and what to do */
export function errorText(t: TFunc, has: (k: string) => boolean, e: ApiError): string {
  const fields = e.details?.fields
  if (e.code === 'VALIDATION' && fields?.length) {
    const f = fields[0]
    return t('errors.fieldPrefix', { field: f.path }) + ruleMessage(t, has, f.rule, e.details as Record<string, string>)
  }
  const params: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(e.details ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = v
  if (typeof params.lockedUntil === 'string') params.lockedUntil = new Date(params.lockedUntil).toLocaleString()
  return has(`errors.code.${e.code}`) ? t(`errors.code.${e.code}`, params) : `${t('errors.code.INTERNAL')} (${e.message})`
}

/**
 * Shows each field error under its field. `paths` maps API paths to form names where they
 * differ (e.g. 'station.code' -> ['code']). Returns true when at least one field matched.
 */
export function applyFieldErrors(
  form: FormInstance,
  t: TFunc,
  has: (k: string) => boolean,
  e: ApiError,
  paths: Record<string, (string | number)[]> = {}
): boolean {
  const fields = e.details?.fields ?? []
  const known = fields.filter((f) => f.path)
  if (!known.length) return false
  form.setFields(
    known.map((f) => ({
      name: paths[f.path] ?? f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [ruleMessage(t, has, f.rule, e.details as Record<string, string>)]
    }))
  )
  return true
}
