/**
 * Verifying a paper certificate without a QR code, by hand: its number, the issuing station's
 * name (and 9-digit code when printed), its dates, the holder as on her ID card, and the
 * clerk's conclusion (valid unless past its last day, or facts that differ). Recorded as a
 * manual verification; the holder is registered or updated as an in-migrant like a scanned one.
 */
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd'
import { SaveOutlined } from '@ant-design/icons'
import { useRef, useState } from 'react'
import type { Verification, VerificationResult } from '../../../api/verifications'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'
import { enterToNext, focusFirstField } from '../../components/enterNav'
import { DateItem, HolderFields, holderFromPerson, holderInput, type HolderValues } from './HolderFields'
import { placeFieldErrors, RESULT_COLORS, useVerifyWords } from './words'

const MANUAL_RESULTS: VerificationResult[] = ['valid', 'expired', 'facts_differ']

type Values = HolderValues & {
  certificateNumber: string
  issuerName: string
  issuerStationCode: string
  issueDate: string
  validUntil: string
  result: VerificationResult
  note: string
}

export function VerifyManualTab({ today, onSaved }: { today: string; onSaved(v: Verification): void }) {
  const { t } = useI18n()
  const { ok } = useNotify()
  const words = useVerifyWords()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const root = useRef<HTMLDivElement>(null)
  /** the clerk chose the result herself: the dates no longer set it */
  const chosen = useRef(false)
  /** the register's person with the ID number typed, whose details filled the empty fields */
  const [known, setKnown] = useState<string | null>(null)
  const lookup = useRef(0)

  /** an ID number typed in full that the register holds: her details fill what is still empty */
  const findHolder = async (raw: string) => {
    const id = raw.trim().toUpperCase()
    const mine = ++lookup.current
    setKnown(null)
    if (!/^\d{17}[\dX]$/.test(id)) return
    const hit = (await call('persons.search', { q: id, page: 1, pageSize: 2 }).catch(() => null))?.rows.find((r) => r.idNumber === id)
    const person = hit ? await call('persons.get', { id: hit.id }).catch(() => null) : null
    if (!person || mine !== lookup.current) return
    const now = form.getFieldsValue(true) as Values
    const fill = holderFromPerson(person)
    form.setFieldsValue(Object.fromEntries(Object.entries(fill).filter(([k, v]) => k !== 'idNumber' && v && !now[k as keyof Values])) as Partial<Values>)
    setKnown(person.name)
  }

  const initial: Partial<Values> = { ...holderFromPerson(null), result: 'valid', note: '', issuerStationCode: '' }

  const save = async () => {
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setError(null)
    const r = await callResult('certificates.verificationSave', {
      method: 'manual',
      result: v.result,
      certificateNumber: v.certificateNumber.trim(),
      issuerName: v.issuerName.trim(),
      issuerStationCode: (v.issuerStationCode ?? '').trim(),
      issueDate: v.issueDate,
      validUntil: v.validUntil,
      note: (v.note ?? '').trim(),
      holder: holderInput(v)
    })
    setBusy(false)
    if (!r.ok) {
      if (!placeFieldErrors(form, words, r.error)) setError(words.error(r.error))
      return
    }
    ok(t('verify.saved', { name: r.data.name }))
    onSaved(r.data)
    form.resetFields()
    chosen.current = false
    setKnown(null)
    focusFirstField(root.current)
  }

  const req = [{ required: true, message: t('errors.rule.required') }]
  return (
    <Card size="small">
      <div ref={root} data-testid="verify-manual" onKeyDownCapture={enterToNext(() => void save())}>
        <Typography.Paragraph type="secondary">{t('verify.manual.intro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
         
          initialValues={initial}
          onValuesChange={(changed: Partial<Values>, all: Values) => {
            if ('result' in changed) chosen.current = true
            if ('idNumber' in changed) void findHolder(all.idNumber ?? '')
            // past its last day: expired, unless the clerk chose otherwise
            if ('validUntil' in changed && !chosen.current && all.validUntil) form.setFieldValue('result', all.validUntil < today ? 'expired' : 'valid')
          }}
        >
          <Typography.Text strong>{t('verify.manual.certificate')}</Typography.Text>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16, marginTop: 8 }}>
            <Form.Item name="certificateNumber" label={t('verify.field.certificateNumber')} rules={req}>
              <Input maxLength={40} autoFocus className="sd-num" data-testid="verify-manual-number" />
            </Form.Item>
            <Form.Item name="issuerName" label={t('verify.field.issuerName')} rules={req}>
              <Input maxLength={60} data-testid="verify-manual-issuer" />
            </Form.Item>
            <Form.Item name="issuerStationCode" label={t('verify.field.issuerStationCode')} rules={[{ pattern: /^\d{9}$/, message: t('errors.rule.station_code_format') }]}>
              <Input maxLength={9} className="sd-num" placeholder={t('verify.manual.codePlaceholder')} data-testid="verify-manual-code" />
            </Form.Item>
            <DateItem name="issueDate" label={t('verify.field.issueDate')} testId="verify-manual-issue-date" max={today} required />
            <DateItem name="validUntil" label={t('verify.field.validUntil')} testId="verify-manual-valid-until" required />
          </div>
          <Typography.Text strong>{t('verify.manual.holder')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <HolderFields today={today} />
            {known && (
              <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="verify-manual-known">
                {t('verify.manual.known', { name: known })}
              </Typography.Paragraph>
            )}
          </div>
          <Form.Item name="result" label={t('verify.field.result')}>
            <Radio.Group data-testid="verify-manual-result">
              {MANUAL_RESULTS.map((r) => (
                <Radio.Button key={r} value={r} style={{ color: RESULT_COLORS[r].fg }} data-testid={`verify-manual-result-${r}`}>
                  {words.result(r)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('verify.field.note')}>
            <Input maxLength={200} data-testid="verify-manual-note" />
          </Form.Item>
          {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="verify-manual-error" />}
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="verify-manual-save">
            {t('verify.manual.save')}
          </Button>
        </Form>
      </div>
    </Card>
  )
}
