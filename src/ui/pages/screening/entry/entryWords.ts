/**
 * The entry page's words (locales/<lang>/screeningEntry.json): finding names and values, the
 * finding behind a conclusion's floor ("右侧 超声 BI-RADS 4A"), and the rules a field may be
 * refused with, in the entry page's words first, then the screening pages', then the app's.
 */
import { useMemo } from 'react'
import type { Conclusion } from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useScreeningWords } from '../words'

export interface EntryWords {
  /** a finding's name: "cbe" → 视触诊 */
  field(name: string): string
  /** a finding's value: ("cbe", "lump") → 肿块; codes (4A, HSIL) stay as they are */
  value(field: string, v: unknown): string
  /** a finding at a path of the findings ("left.birads"), with its value in `findings` */
  finding(path: string, findings: unknown): string
  conclusion(c: Conclusion | string | null): string
  /** a rule's message with its params (a conclusion named in the user's words) */
  rule(rule: string, params?: Record<string, string | number>): string
}

function at(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj)
}

export function useEntryWords(): EntryWords {
  const { t, has } = useI18n()
  const screening = useScreeningWords()
  return useMemo<EntryWords>(() => {
    const field = (name: string) => (has(`screeningEntry.field.${name}`) ? t(`screeningEntry.field.${name}`) : name)
    const value = (f: string, v: unknown): string => {
      if (Array.isArray(v)) return v.map((x) => value(f, x)).join(' + ')
      if (v === undefined || v === null || v === '') return t('screening.none')
      const key = `screeningEntry.value.${f}.${String(v)}`
      if (has(key)) return t(key)
      if (typeof v === 'boolean') return t(v ? 'screeningEntry.yes' : 'screeningEntry.no')
      return String(v)
    }
    const conclusion = (c: string | null) => screening.conclusion(c)
    return {
      field,
      value,
      conclusion,
      finding(path, findings) {
        const parts = path.replace(/^findings\./, '').split('.')
        const side = parts[0] === 'left' || parts[0] === 'right' ? t(`screeningEntry.side.${parts[0]}`) : ''
        const name = parts[parts.length - 1]
        const v = at(findings, parts)
        const label = field(name)
        return [side, label, value(name, v)].filter(Boolean).join(' ')
      },
      rule(rule, params = {}) {
        const p: Record<string, string | number> = { ...params }
        if (typeof p.minimum === 'string') p.minimum = conclusion(p.minimum)
        if (typeof p.conclusion === 'string') p.conclusion = conclusion(p.conclusion)
        if (typeof p.sex === 'string' && has(`screening.sex.${p.sex}`)) p.sex = t(`screening.sex.${p.sex}`)
        return has(`screeningEntry.rule.${rule}`) ? t(`screeningEntry.rule.${rule}`, p) : screening.rule(rule, p)
      }
    }
  }, [t, has, screening])
}
