/**
 * Form rules that mirror the contract: a field is checked in the form by the very zod schema
 * the core checks it with (src/api), and a failure shows the same translated rule message the
 * core's VALIDATION error would (errors.rule.<rule>).
 */
import type { Rule } from 'antd/es/form'
import { useCallback } from 'react'
import type { ZodType } from 'zod'
import { ruleMessage } from '../app/errors'
import { useI18n } from '../app/i18n'

interface Issue {
  code: string
  message: string
  params?: { rule?: string }
}

/** the rule name of a zod issue, as the core's host names it */
export function issueRule(issue: Issue, value: unknown): string {
  if (issue.params?.rule) return issue.params.rule
  const empty = value === undefined || value === null || value === ''
  if (empty && (issue.code === 'invalid_type' || issue.message === 'required')) return 'required'
  return /^[a-z0-9_]+$/.test(issue.message) ? issue.message : issue.code
}

/** `zod(schema)` gives an antd rule; `required` marks the label (the schema does the check) */
export function useZodRule(): (schema: ZodType, opts?: { required?: boolean }) => Rule {
  const { t, has } = useI18n()
  return useCallback(
    (schema: ZodType, opts?: { required?: boolean }): Rule => ({
      required: opts?.required,
      validator: async (_rule, raw: unknown) => {
        const value = raw === null ? undefined : raw
        const r = schema.safeParse(value)
        if (r.success) return
        throw new Error(ruleMessage(t, has, issueRule(r.error.issues[0] as Issue, value)))
      }
    }),
    [t, has]
  )
}

/** a rule with a translated message for a named rule (cross-field checks the page does itself) */
export function useRuleText(): (rule: string, params?: Record<string, string | number>) => string {
  const { t, has } = useI18n()
  return useCallback((rule: string, params?: Record<string, string | number>) => ruleMessage(t, has, rule, params), [t, has])
}
