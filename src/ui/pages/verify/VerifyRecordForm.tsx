/**
 * Recording a QR verification: the result (the check's by default; 'facts differ' when the
 * certificate is good but its facts do not match her ID card), the holder's details to register
 * her as an in-migrant or update her, and a note. A text that could not be read is recorded
 * (as an invalid signature) only after the clerk confirms it. Enter moves from field to field
 * and saves at the end.
 */
import { Alert, App as AntApp, Button, Form, Input, Radio, Typography } from 'antd'
import { SaveOutlined } from '@ant-design/icons'
import { useEffect, useMemo, useState } from 'react'
import type { Person } from '../../../api/persons'
import type { CertificateCheck, Verification, VerificationResult } from '../../../api/verifications'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { enterToNext } from '../../components/enterNav'
import { HolderFields, holderFromPerson, holderInput, type HolderValues } from './HolderFields'
import { placeFieldErrors, RESULT_COLORS, useVerifyWords } from './words'

type Values = HolderValues & { result: VerificationResult; note: string }

/** what the check found → what is recorded by default, and what else the clerk may choose */
export function resultChoices(check: CertificateCheck): VerificationResult[] {
  switch (check.result) {
    case 'valid':
      return ['valid', 'facts_differ']
    case 'expired':
      return ['expired', 'facts_differ']
    case 'unknown_issuer':
      return ['unknown_issuer']
    case 'not_yet_valid':
    case 'invalid_signature':
    case 'malformed':
      return ['invalid_signature']
  }
}

interface Props {
  check: CertificateCheck
  qrText: string
  person: Person | null
  today: string
  onSaved(v: Verification): void
}

export function VerifyRecordForm({ check, qrText, person, today, onSaved }: Props) {
  const { t } = useI18n()
  const { modal } = AntApp.useApp()
  const words = useVerifyWords()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const choices = useMemo(() => resultChoices(check), [check])
  const signed = !!check.facts
  const result = Form.useWatch('result', form)
  /** this station's certificate, held by someone in its register: recorded, she stays as she is */
  const ownPerson = !!check.issuer?.own && !!person

  useEffect(() => {
    form.resetFields()
    form.setFieldsValue({ ...holderFromPerson(person, check.facts), result: choices[0], note: '' })
    setError(null)
  }, [form, check, person, choices])

  const save = async (confirmMalformed: boolean) => {
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    if (check.result === 'malformed' && !confirmMalformed) {
      modal.confirm({
        title: t('verify.record.malformedTitle'),
        content: t('verify.record.malformedBody'),
        okText: t('verify.record.malformedOk'),
        okButtonProps: { danger: true, 'data-testid': 'verify-confirm-malformed' },
        cancelText: t('common.cancel'),
        onOk: () => save(true)
      })
      return
    }
    setBusy(true)
    setError(null)
    const r = await callResult('certificates.verificationSave', {
      method: 'qr',
      qrText,
      result: v.result,
      confirmMalformed,
      note: (v.note ?? '').trim(),
      holder: holderInput(v)
    })
    setBusy(false)
    if (r.ok) onSaved(r.data)
    else if (!placeFieldErrors(form, words, r.error)) setError(words.error(r.error))
  }

  return (
    <div data-testid="verify-record" onKeyDownCapture={enterToNext(() => void save(false))}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('verify.record.title')}
      </Typography.Title>
      <Form form={form} layout="vertical">
        <Form.Item name="result" label={t('verify.field.result')}>
          <Radio.Group data-testid="verify-record-result">
            {choices.map((r) => (
              <Radio.Button key={r} value={r} data-testid={`verify-record-result-${r}`} style={{ color: RESULT_COLORS[r].fg }}>
                {words.result(r)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {check.result === 'malformed' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('verify.record.malformedHint')} data-testid="verify-record-malformed" />}
        {!signed && <Typography.Paragraph type="secondary">{t('verify.record.typeFromCard')}</Typography.Paragraph>}
        {ownPerson && <Typography.Paragraph type="secondary" data-testid="verify-record-own">{t('verify.record.ownPerson')}</Typography.Paragraph>}
        <HolderFields today={today} lockIdentity={signed && result !== 'facts_differ'} askMaritalDate={!person && !!check.facts && check.facts.maritalStatus !== 'unmarried'} requireFrom={!signed} ownPerson={ownPerson} />
        <Form.Item name="note" label={t('verify.field.note')}>
          <Input maxLength={200} data-testid="verify-record-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="verify-record-error" />}
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save(false)} data-testid="verify-record-save">
          {t('verify.record.save')}
        </Button>
      </Form>
    </div>
  )
}
