/**
 * The register's words: field names, enum values, the rules the core may refuse a field with,
 * and the ID number checks, all in the user's language (locales/<lang>/persons.json). Every page
 * of the register speaks through these, so the list, the form, the person page and the history
 * name a fact the same way.
 */
import type { FormInstance } from 'antd'
import { useMemo } from 'react'
import type { ApiError } from '../../../api/contract'
import type { IdIssue } from '../../../api/idNumber'
import type { PersonFacts } from '../../../api/persons'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { fmtDate } from '../../components/format'

/** every fact an event may change, plus the register's own state */
export type FactName = keyof PersonFacts | 'state' | 'exitReason' | 'exitDate'

/** facts whose value is a word from a list: the locale group that names it */
const ENUMS: Partial<Record<FactName, string>> = {
  sex: 'sex',
  maritalStatus: 'marital',
  contraception: 'contraception',
  migrantStatus: 'migrant',
  state: 'state',
  exitReason: 'exitReason'
}

/** today in the station's time zone, YYYY-MM-DD */
export function stationToday(timeZone: string): string {
  return fmtDate(new Date().toISOString(), timeZone)
}

/** full years between a YYYY-MM-DD birth date and today */
export function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

/** looks like an ID number being typed or read (digits, X, full-width digits, spaces) */
export function looksLikeId(s: string): boolean {
  return /^[\d\uFF10-\uFF19xX\uFF38\uFF58\s\u3000-]+$/.test(s) && /\d/.test(s)
}

export interface PersonWords {
  /** the name of a fact ("婚姻状况") */
  field(f: string): string
  /** a fact's value as the user reads it: enums translated, service points named, empty as a dash */
  value(f: string, v: unknown, pointName?: (id: string) => string | null): string
  /** a field rule's message: the register's own words first, then the app's */
  rule(rule: string, params?: Record<string, string | number>): string
  /** an ID number check's error or warning, naming the rule */
  idIssue(issue: IdIssue<string>): string
  /** one sentence for a toast or an alert */
  error(e: ApiError): string
}

export function usePersonWords(): PersonWords {
  const { t, has, num } = useI18n()
  return useMemo<PersonWords>(() => {
    const field = (f: string) => (has(`persons.field.${f}`) ? t(`persons.field.${f}`) : f)
    const rule = (r: string, params: Record<string, string | number> = {}) => {
      // a rule with kinds (id_date: before_1900, not_a_date, future) names its kind in details.reason
      const kind = typeof params.reason === 'string' ? `persons.rule.${r}_${params.reason}` : ''
      if (kind && has(kind)) return t(kind, params)
      return has(`persons.rule.${r}`) ? t(`persons.rule.${r}`, params) : ruleMessage(t, has, r, params)
    }
    return {
      field,
      rule,
      value(f, v, pointName) {
        if (v === null || v === undefined || v === '') return t('persons.none')
        const group = ENUMS[f as FactName]
        if (group && typeof v === 'string') return has(`persons.${group}.${v}`) ? t(`persons.${group}.${v}`) : v
        if (f === 'servicePointId' && typeof v === 'string') return pointName?.(v) ?? v
        if (typeof v === 'number') return num(v)
        if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no')
        return String(v)
      },
      idIssue(issue) {
        // ID_DATE is three rules (before 1900, not a date, future): params.reason says which
        const reason = issue.params?.reason
        const key = reason && has(`persons.id.${issue.code}_${reason}`) ? `persons.id.${issue.code}_${reason}` : `persons.id.${issue.code}`
        return has(key) ? t(key, issue.params) : issue.message
      },
      error(e) {
        const f = e.details?.fields?.[0]
        if (e.code === 'VALIDATION' && f) {
          const name = f.path.replace(/^changes\./, '')
          const text = rule(f.rule, scalarParams(e.details))
          // a rule about the whole event (no_change, person_exited) names no field
          return has(`persons.field.${name}`) ? `${field(name)}: ${text}` : text
        }
        return errorText(t, has, e)
      }
    }
  }, [t, has, num])
}

function scalarParams(details: ApiError['details']): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

/**
 * Puts the core's field errors under the form's fields, in the register's words. Paths of an
 * event's changes ("changes.maritalDate") land on the field of the same name. Returns true when
 * at least one field took an error.
 */
export function applyPersonErrors(form: FormInstance, words: PersonWords, e: ApiError): boolean {
  const fields = (e.details?.fields ?? []).filter((f) => f.path)
  if (!fields.length) return false
  const params = scalarParams(e.details)
  const known = new Set(Object.keys(form.getFieldsValue(true) as object))
  const mine = fields.map((f) => ({ name: f.path.replace(/^changes\./, ''), rule: f.rule })).filter((f) => known.has(f.name))
  if (!mine.length) return false
  form.setFields(mine.map((f) => ({ name: f.name, errors: [words.rule(f.rule, params)] })))
  form.scrollToField(mine[0].name, { block: 'center' })
  return true
}
