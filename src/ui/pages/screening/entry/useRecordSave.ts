/**
 * Saving a record from the entry form: the findings are checked first by the contract's own
 * rules (the kind's schema, then checkConclusion), so most mistakes show under their fields
 * before anything is sent; then screening.recordSave. Its answer: the saved record; CONFLICT with
 * details.existingId (someone saved this person meanwhile: that record opens); VALIDATION with
 * field paths, shown under the fields, except `not_eligible`, which the clinician confirms
 * (Enter) and the save goes again with confirmIneligible.
 */
import { App as AntApp, type FormInstance } from 'antd'
import { useCallback, useRef, useState } from 'react'
import type { ApiError, ApiResult } from '../../../../api/contract'
import type { ScreeningRecord } from '../../../../api/screeningRecords'
import { FINDINGS_SCHEMAS, checkConclusion, type Conclusion, type Findings, type ScreeningKind } from '../../../../api/screeningFindings'
import { callResult } from '../../../app/client'
import { useI18n } from '../../../app/i18n'
import { useNotify } from '../../../app/useNotify'
import { issueRule } from '../../../components/rules'
import { useEntryWords } from './entryWords'
import type { FindingsState, KindForm } from './kinds'
import { refers } from './ConclusionPart'

export interface EntryValues {
  examDate: string
  examiner: string
  findings: FindingsState
  conclusion: Conclusion
  referral?: { destination?: string; dueDate?: string; note?: string }
}

interface Issue {
  path: string
  rule: string
  params?: Record<string, unknown>
}

export interface SaveTarget {
  kind: ScreeningKind
  form: KindForm
  campaignId: string
  personId: string
  recordId?: string
}

function scalars(o: Record<string, unknown> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(o ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

/** the form name of an API path ("findings.left.birads" → findings/left/birads; the kind's own mappings) */
function formName(path: string, kindForm: KindForm): (string | number)[] {
  if (path.startsWith('findings.')) {
    const rest = path.slice('findings.'.length)
    return ['findings', ...(kindForm.nameOf?.(rest) ?? rest.split('.'))]
  }
  if (path === 'referral') return ['conclusion']
  return path.split('.')
}

export function useRecordSave(form: FormInstance<EntryValues>, target: SaveTarget, events: { onSaved(r: ScreeningRecord): void; onExisting(id: string): void; onModal(open: boolean): void; settle(): void; root(): HTMLElement | null }) {
  const { t } = useI18n()
  const words = useEntryWords()
  const { fail } = useNotify()
  const { modal } = AntApp.useApp()
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<{ count: number; loose: string[] } | null>(null)
  const confirmed = useRef(false)
  const running = useRef(false)

  const show = useCallback(
    (issues: Issue[], details?: Record<string, unknown>) => {
      const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')))
      const byName = new Map<string, { name: (string | number)[]; errors: string[] }>()
      const loose: string[] = []
      for (const i of issues) {
        const msg = words.rule(i.rule, { ...scalars(details), ...scalars(i.params) })
        const name = formName(i.path, target.form)
        const key = name.join('.')
        if (!registered.has(key)) loose.push(msg)
        else byName.set(key, { name, errors: [...(byName.get(key)?.errors ?? []), msg] })
      }
      form.setFields([...byName.values()] as never)
      setProblems({ count: issues.length, loose })
      // the first field at fault takes the focus
      setTimeout(() => {
        const bad = events.root()?.querySelector('.ant-form-item-has-error')
        const el = bad?.querySelector<HTMLElement>('input:checked, input:not([type=radio]):not([type=hidden]), textarea') ?? bad?.querySelector<HTMLElement>('input')
        el?.focus()
      }, 0)
    },
    [form, words, target.form, events]
  )

  const save = useCallback(
    async (confirm = confirmed.current): Promise<void> => {
      if (running.current) return
      setProblems(null)
      events.settle()
      const v = form.getFieldsValue(true) as EntryValues
      const findings = target.form.toFindings(v.findings)
      const referral = refers(v.conclusion) ? { destination: v.referral?.destination?.trim() ?? '', dueDate: v.referral?.dueDate ?? '', note: v.referral?.note?.trim() ?? '' } : null
      const parsed = FINDINGS_SCHEMAS[target.kind].safeParse(findings)
      // the kind's own words for what its schema says as a whole (a semen analysis missing a value)
      const own = (target.form.issues?.(v.findings) ?? []).map((i) => ({ ...i, path: `findings.${i.path}` }))
      const issues: Issue[] = !v.examDate
        ? [{ path: 'examDate', rule: 'required' }]
        : own.length
          ? own
          : parsed.success
            ? checkConclusion(target.kind, parsed.data as Findings, v.conclusion, referral, v.examDate)
            : parsed.error.issues.map((i) => ({ path: ['findings', ...i.path].join('.'), rule: issueRule(i as never, undefined), params: (i as { params?: Record<string, unknown> }).params }))
      if (issues.length) return show(issues)

      running.current = true
      setBusy(true)
      let r: ApiResult<ScreeningRecord>
      try {
        r = await callResult('screening.recordSave', {
          ...(target.recordId ? { id: target.recordId } : {}),
          campaignId: target.campaignId,
          personId: target.personId,
          examDate: v.examDate,
          examiner: v.examiner?.trim() || undefined,
          findings: findings as never,
          conclusion: v.conclusion,
          referral,
          confirmIneligible: confirm
        })
      } finally {
        running.current = false
        setBusy(false)
      }
      if (r.ok) return events.onSaved(r.data)
      const e: ApiError = r.error
      const existing = e.details?.existingId
      if (e.code === 'CONFLICT' && typeof existing === 'string') return events.onExisting(existing)
      const fields = (e.details?.fields ?? []).filter((f) => f.path)
      if (e.code !== 'VALIDATION' || !fields.length) return fail(e)
      const rest = fields.filter((f) => f.rule !== 'not_eligible')
      if (rest.length) return show(rest, e.details as Record<string, unknown>)
      // only the eligibility is in the way: the clinician confirms with Enter (or goes back with Esc)
      events.onModal(true)
      modal.confirm({
        title: t('screeningEntry.ineligible.title'),
        content: words.rule('not_eligible', scalars(e.details as Record<string, unknown>)),
        okText: t('screeningEntry.ineligible.confirm'),
        cancelText: t('screeningEntry.ineligible.back'),
        autoFocusButton: 'ok',
        okButtonProps: { 'data-testid': 'entry-confirm-ineligible' } as never,
        onOk: () => {
          events.onModal(false)
          confirmed.current = true
          void save(true)
        },
        onCancel: () => events.onModal(false)
      })
    },
    [form, target, show, events, fail, modal, t, words]
  )

  return { save, busy, problems, clearProblems: () => setProblems(null) }
}
