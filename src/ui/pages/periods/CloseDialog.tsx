/**
 * Closing a month (关账): periods.preview says what is still open — blockers (the close is
 * disabled until they are dealt with, each linked to its page) and warnings (closed anyway once
 * the head ticks that she has seen them) — and the month's figures by business date. Confirm
 * calls periods.close; a refusal (something opened meanwhile) is said in the dialog and the
 * preview read again. Once closed, the dialog offers the month's packet.
 */
import { Alert, Button, Checkbox, Descriptions, Modal, Result, Skeleton, Typography } from 'antd'
import { LockOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import type { ClosePreview, MonthSummary, PeriodRow } from '../../../api/periods'
import { call, callResult, CallError } from '../../app/client'
import { errorText } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { refusalText } from '../packets/words'
import { OpenItems } from './OpenItems'

const FIGURES: (keyof MonthSummary)[] = ['personsAdded', 'personEvents', 'screeningRecords', 'referrals', 'stockMoves', 'stockOut', 'certificatesIssued', 'verifications']

export function CloseDialog({ period, onCancel, onClosed, onExport }: { period: string | null; onCancel(): void; onClosed(row: PeriodRow): void; onExport(period: string): void }) {
  const { t, has, num } = useI18n()
  const [preview, setPreview] = useState<ClosePreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [accepted, setAccepted] = useState(false)
  const [busy, setBusy] = useState(false)
  const [closed, setClosed] = useState<PeriodRow | null>(null)

  const read = (p: string) =>
    call('periods.preview', { period: p }).then(setPreview, (e: unknown) => setError(e instanceof CallError ? errorText(t, has, e.error) : t('errors.code.INTERNAL')))

  useEffect(() => {
    setPreview(null)
    setError(null)
    setAccepted(false)
    setClosed(null)
    if (period) void read(period)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [period])

  const confirm = async () => {
    if (!period || !preview) return
    setBusy(true)
    setError(null)
    const r = await callResult('periods.close', { period, acceptWarnings: accepted })
    setBusy(false)
    if (r.ok) {
      setClosed(r.data)
      onClosed(r.data)
      return
    }
    setError(refusalText(t, has, r.error, 'periods'))
    setAccepted(false)
    void read(period)
  }

  const blocked = !preview || !preview.ended || preview.status === 'closed' || preview.blockers.length > 0
  const needsAccept = !!preview && preview.warnings.length > 0 && !accepted

  if (closed && period)
    return (
      <Modal open title={t('periods.close.title', { period })} onCancel={onCancel} footer={null} destroyOnHidden wrapProps={{ 'data-testid': 'close-modal' }}>
        <Result
          status="success"
          title={t('periods.close.done', { period })}
          subTitle={t('periods.close.doneBody')}
          data-testid="close-done"
          extra={[
            <Button key="export" type="primary" onClick={() => onExport(period)} data-testid="close-done-export">
              {t('periods.close.export')}
            </Button>,
            <Button key="later" onClick={onCancel} data-testid="close-done-later">
              {t('periods.close.later')}
            </Button>
          ]}
        />
      </Modal>
    )

  return (
    <Modal
      open={period !== null}
      title={period ? t('periods.close.title', { period }) : ''}
      width={720}
      onCancel={onCancel}
      okText={t('periods.close.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ icon: <LockOutlined />, disabled: blocked || needsAccept, 'data-testid': 'close-ok' } as never}
      onOk={() => void confirm()}
      confirmLoading={busy}
      destroyOnHidden
      wrapProps={{ 'data-testid': 'close-modal' }}
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="close-error" />}
      {!preview && !error && <Skeleton active />}
      {preview && period && (
        <>
          {!preview.ended && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('periods.close.notEnded', { period })} data-testid="close-not-ended" />}
          {preview.status === 'closed' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('periods.close.already', { period })} />}
          {preview.ended && preview.status === 'open' && (
            <Typography.Paragraph data-testid="close-intro">{t('periods.close.intro', { period })}</Typography.Paragraph>
          )}
          <OpenItems items={preview.blockers} type="error" title={t('periods.close.blockersTitle')} onLeave={onCancel} />
          <OpenItems items={preview.warnings} type="warning" title={t('periods.close.warningsTitle')} onLeave={onCancel} />
          {preview.warnings.length > 0 && (
            <Checkbox checked={accepted} onChange={(e) => setAccepted(e.target.checked)} style={{ marginBottom: 12 }} data-testid="close-accept">
              {t('periods.close.accept')}
            </Checkbox>
          )}
          {!preview.blockers.length && !preview.warnings.length && preview.ended && preview.status === 'open' && (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('periods.close.nothingOpen')} data-testid="close-nothing-open" />
          )}
          <Descriptions
            size="small"
            bordered
            column={2}
            title={t('periods.close.summaryTitle', { period })}
            data-testid="close-summary"
            items={FIGURES.map((k) => ({ key: k, label: t(`periods.summary.${k}`), children: <span className="sd-num" data-testid={`summary-${k}`}>{num(preview.summary[k])}</span> }))}
          />
        </>
      )}
    </Modal>
  )
}
