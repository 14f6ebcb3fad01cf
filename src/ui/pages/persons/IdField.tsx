/**
 * A resident ID number field (公民身份号码) checked as the clerk types, by the same pure rules the
 * core judges with (src/api/idNumber.ts). Reader-friendly: an ID-card reader in keyboard mode
 * types 18 characters and Enter; the check runs as soon as 18 characters are there, Enter moves
 * on (the form's enterToNext). A refusal names the rule that failed; a valid number shows what it
 * says (sex, birth date, age, region) and is normalised in place (full-width digits, spaces,
 * lowercase x; a 15-digit legacy number is upgraded to 18 when the field is left).
 */
import { Form, Input, Space, Typography } from 'antd'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { checkIdNumber, normalizeIdInput, type IdCheck, type IdIssue } from '../../../api/idNumber'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useCodeLookup } from '../../components/useCodeLookup'
import { ageOn, stationToday, usePersonWords } from './words'

export interface IdFieldProps {
  name: string
  label: ReactNode
  required?: boolean
  /** called once per valid number (after normalisation) */
  onValid?(check: Extract<IdCheck, { valid: true }>): void
  testId?: string
  /** show sex, birth date, age and region under a valid number */
  derived?: boolean
  autoFocus?: boolean
  extra?: ReactNode
}

export function IdField({ name, label, required, onValid, testId, derived = true, autoFocus, extra }: IdFieldProps) {
  const { t } = useI18n()
  const words = usePersonWords()
  const { info } = useApp()
  const today = stationToday(info.timeZone)
  const form = Form.useFormInstance()
  const value = (Form.useWatch(name, form) as string | undefined) ?? ''
  const [left, setLeft] = useState(false)
  /** what the number was before it was normalised in place, and what was done to it */
  const [notes, setNotes] = useState<{ result: string; warnings: IdIssue<string>[] } | null>(null)

  const raw = value.trim()
  const complete = normalizeIdInput(raw).length >= 18
  const check = useMemo(() => (raw && (complete || left) ? checkIdNumber(raw, { today }) : null), [raw, complete, left, today])
  const valid = check?.valid ? check : null

  // a complete number is judged at once (not only when the field is left); an incomplete one
  // being typed carries no error yet
  useEffect(() => {
    if (complete) void form.validateFields([name]).catch(() => undefined)
    else if (!left && form.getFieldError(name).length) form.setFields([{ name, errors: [] }])
  }, [raw, complete, left, form, name])

  // normalise in place, and remember what was done so the clerk sees it
  useEffect(() => {
    if (!valid || valid.normalized === raw) return
    setNotes({ result: valid.normalized, warnings: valid.warnings.filter((w) => w.code !== 'ID_REGION_NOT_CURRENT') })
    form.setFieldValue(name, valid.normalized)
  }, [valid, raw, form, name])
  useEffect(() => {
    if (notes && raw !== notes.result) setNotes(null)
  }, [raw, notes])

  const last = useRef<string | null>(null)
  useEffect(() => {
    if (!valid || valid.normalized !== raw || last.current === raw) return
    last.current = raw
    onValid?.(valid)
  }, [valid, raw, onValid])

  const permit = valid ? ['81', '82', '83'].includes(valid.region.slice(0, 2)) : false
  const lookup = useCodeLookup(valid && !permit ? valid.region : null, [6])

  let help: ReactNode = extra
  if (valid && valid.normalized === raw) {
    const parts = derived
      ? [t(`persons.sex.${valid.sex}`), valid.birth, t('persons.ageYears', { age: ageOn(valid.birth, today) }), lookup.status === 'known' ? lookup.name : null]
      : [lookup.status === 'known' ? lookup.name : null]
    const lines: ReactNode[] = []
    const said = parts.filter(Boolean).join(' · ')
    if (said)
      lines.push(
        <Typography.Text key="ok" type="success" data-testid={testId ? `${testId}-derived` : undefined}>
          {said}
        </Typography.Text>
      )
    for (const w of notes?.warnings ?? [])
      lines.push(
        <Typography.Text key={w.code} type="warning">
          {words.idIssue(w)}
        </Typography.Text>
      )
    if (lookup.status === 'unknown')
      lines.push(
        <Typography.Text key="region" type="warning" data-testid={testId ? `${testId}-warning` : undefined}>
          {words.idIssue({ code: 'ID_REGION_NOT_CURRENT', message: '', params: { region: valid.region } })}
        </Typography.Text>
      )
    if (lines.length)
      help = (
        <Space orientation="vertical" size={0}>
          {lines}
        </Space>
      )
  }

  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      extra={help}
      validateTrigger="onBlur"
      validateFirst
      rules={[
        {
          validator: async (_r, v: string | undefined) => {
            const s = (v ?? '').trim()
            if (!s) {
              if (required) throw new Error(words.rule('required'))
              return
            }
            const c = checkIdNumber(s, { today })
            if (!c.valid) throw new Error(words.idIssue(c.error))
          }
        }
      ]}
    >
      <Input
        maxLength={24}
        className="sd-num"
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        placeholder={t('persons.idPlaceholder')}
        style={{ maxWidth: 260 }}
        data-testid={testId}
        onFocus={() => setLeft(false)}
        onBlur={() => setLeft(true)}
      />
    </Form.Item>
  )
}
