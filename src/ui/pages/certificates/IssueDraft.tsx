/**
 * The issue flow's confirmation for one woman (certificates.prepare, nothing written): every fact
 * that will be printed, in the certificate's layout. What stops it is said first and plainly: a
 * refusal (a man, outside childbearing age, left the register), a valid certificate she already
 * holds (renew it instead, with a reason), facts her record lacks (listed, with the way to her
 * page to complete them; issuing stays disabled). Not yet an out-migrant: where she is going and
 * since when, recorded with the certificate. Enter moves through those fields to 开具证明.
 */
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Skeleton, Space, Typography } from 'antd'
import { FileDoneOutlined, RetweetOutlined, UserOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Certificate, CertificateDraft } from '../../../api/certificates'
import type { ApiError, ApiResult } from '../../../api/contract'
import { call, callResult } from '../../app/client'
import { applyFieldErrors } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useNotify } from '../../app/useNotify'
import { enterToNext } from '../../components/enterNav'
import { personPath } from '../persons/PersonNewPage'
import { CertificateSheet } from './CertificateSheet'
import { useSigning } from './useSigning'
import { certPath, useCertWords } from './words'

interface MoveForm {
  destination?: string
  since?: Dayjs | null
}

export function IssueDraft({ personId, onOtherPerson }: { personId: string; onOtherPerson(): void }) {
  const { t, lang, has } = useI18n()
  const words = useCertWords()
  const { ok, fail } = useNotify()
  const { sign, modal } = useSigning()
  const [draft, setDraft] = useState<CertificateDraft | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [reason, setReason] = useState('')
  const [form] = Form.useForm<MoveForm>()
  const destination = Form.useWatch('destination', form)
  const issueButton = useRef<HTMLButtonElement>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setDraft(await call('certificates.prepare', { personId, lang }))
    } catch (e) {
      fail(e)
    }
  }, [personId, lang, fail])

  useEffect(() => {
    setDraft(null)
    void load()
  }, [load])

  // nothing to type: the keyboard is on 开具证明 at once
  useEffect(() => {
    if (draft && !draft.needsMigration && !draft.refusal && !draft.current && !draft.missing.length) issueButton.current?.focus()
  }, [draft])

  /** the signed write's answer: to the new certificate, or its refusal said on the page */
  const done = (r: ApiResult<Certificate> | null, renewed: boolean) => {
    if (!r) return
    if (r.ok) {
      ok(t(renewed ? 'certificates.issue.renewed' : 'certificates.issue.issued', { number: r.data.number }))
      navigate(certPath(r.data.id))
      return
    }
    const e: ApiError = r.error
    if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_LOCKED') return fail(e)
    applyFieldErrors(form, t, has, e, { 'migration.destination': ['destination'], 'migration.since': ['since'] })
    setError(words.error(e))
    // the register may have changed meanwhile (facts completed elsewhere, a certificate issued)
    void load()
  }

  const issue = async () => {
    if (!draft) return
    let migration: { destination: string; since: string } | undefined
    if (draft.needsMigration) {
      try {
        const v = await form.validateFields()
        migration = { destination: (v.destination ?? '').trim(), since: (v.since ?? dayjs()).format('YYYY-MM-DD') }
      } catch {
        return
      }
    }
    setBusy(true)
    setError(null)
    const r = await sign((passphrase) => callResult('certificates.issue', { personId, ...(migration ? { migration } : {}), ...(passphrase ? { passphrase } : {}) }))
    setBusy(false)
    done(r, false)
  }

  const renew = async () => {
    if (!draft?.current) return
    const id = draft.current.id
    setBusy(true)
    setError(null)
    const r = await sign((passphrase) => callResult('certificates.renew', { id, reason: reason.trim(), ...(passphrase ? { passphrase } : {}) }))
    setBusy(false)
    done(r, true)
  }

  if (!draft) return <Skeleton active />
  const f = draft.facts
  const missing = draft.missing.map((m) => words.fact(m))
  const blocked = draft.refusal !== null || draft.current !== null || draft.missing.length > 0

  return (
    <div data-testid="issue-draft">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={16}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="issue-person">
            <UserOutlined /> {f.name}
          </Typography.Text>
          <span className="sd-num">{f.idNumber}</span>
          <Button type="link" onClick={() => navigate(personPath(personId))} data-testid="issue-open-person">
            {t('certificates.issue.openPerson')}
          </Button>
          <Button onClick={onOtherPerson} data-testid="issue-other">
            {t('certificates.issue.otherPerson')}
          </Button>
        </Space>
      </Card>

      {draft.refusal && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="issue-refusal" title={t('certificates.issue.refusedTitle')} description={words.refusal(draft.refusal)} />
      )}
      {!draft.refusal && draft.current && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="issue-current"
          title={t('certificates.issue.currentTitle', { number: draft.current.number, validUntil: draft.current.validUntil })}
          description={
            <div>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{t('certificates.issue.currentBody')}</Typography.Paragraph>
              <Space wrap>
                <Input
                  style={{ width: 320 }}
                  maxLength={200}
                  placeholder={t('certificates.renew.reasonPlaceholder')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  onPressEnter={() => void renew()}
                  data-testid="issue-renew-reason"
                  aria-label={t('certificates.renew.reason')}
                />
                <Button type="primary" icon={<RetweetOutlined />} loading={busy} onClick={() => void renew()} data-testid="issue-renew">
                  {t('certificates.renew.button')}
                </Button>
                <Button onClick={() => navigate(certPath(draft.current!.id))} data-testid="issue-view-current">
                  {t('certificates.issue.viewCurrent')}
                </Button>
              </Space>
            </div>
          }
        />
      )}
      {!draft.refusal && missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="issue-missing"
          title={t('certificates.issue.missingTitle', { n: missing.length, items: missing.join(t('certificates.listSep')) })}
          description={t('certificates.issue.missingBody')}
          action={
            <Button onClick={() => navigate(personPath(personId))} data-testid="issue-complete">
              {t('certificates.issue.complete')}
            </Button>
          }
        />
      )}
      {error && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} title={error} data-testid="issue-error" onClose={() => setError(null)} />}

      {!draft.refusal && (
        <Row gutter={16} wrap={false} style={{ alignItems: 'flex-start' }}>
          <Col flex="1 1 0" style={{ minWidth: 0 }}>
            <CertificateSheet facts={{ ...f, destination: destination?.trim() || f.destination }} issuingAuthority={draft.issuingAuthority} issueDate={draft.issueDate} validUntil={draft.validUntil} number={null} missing={draft.missing} />
          </Col>
          <Col flex="260px">
            <Card size="small" title={t('certificates.issue.confirmTitle')} data-testid="issue-panel">
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t('certificates.issue.confirmHint')}
              </Typography.Paragraph>
              {draft.needsMigration && !draft.current && (
                <div onKeyDownCapture={enterToNext(() => issueButton.current?.focus())}>
                  <Typography.Paragraph style={{ fontSize: 13 }} data-testid="issue-needs-move">
                    {t('certificates.issue.moveHint')}
                  </Typography.Paragraph>
                  <Form<MoveForm> form={form} layout="vertical" initialValues={{ since: dayjs(draft.issueDate) }} requiredMark>
                    <Form.Item name="destination" label={t('certificates.issue.destination')} rules={[{ required: true, whitespace: true, message: t('errors.rule.required') }]}>
                      <Input maxLength={120} autoFocus placeholder={t('certificates.issue.destinationPlaceholder')} data-testid="issue-destination" />
                    </Form.Item>
                    <Form.Item name="since" label={t('certificates.issue.since')} rules={[{ required: true, message: t('errors.rule.required') }]}>
                      <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" allowClear={false} data-testid="issue-since" />
                    </Form.Item>
                  </Form>
                </div>
              )}
              <Button
                ref={issueButton}
                type="primary"
                block
                size="large"
                icon={<FileDoneOutlined />}
                disabled={blocked}
                loading={busy && !draft.current}
                onClick={() => void issue()}
                data-testid="issue-submit"
              >
                {t('certificates.issue.submit')}
              </Button>
              {draft.missing.length > 0 && (
                <Typography.Text type="warning" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
                  {t('certificates.issue.disabledMissing')}
                </Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      )}
      {modal}
    </div>
  )
}
