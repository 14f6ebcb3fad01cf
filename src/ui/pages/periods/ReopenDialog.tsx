/**
 * Reopening a closed month (head, audited): a reason is required, and the dialog says what it
 * means — packets already exported stay as they are, changes made now reach the district in the
 * next packet as corrections, and the month is to be closed and exported again.
 */
import { Alert, Form, Input } from 'antd'
import type { PeriodRow } from '../../../api/periods'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { FormModal } from '../../components/FormModal'
import { refusalText } from '../packets/words'

export function ReopenDialog({ period, onCancel, onDone }: { period: string | null; onCancel(): void; onDone(row: PeriodRow): void }) {
  const { t, has } = useI18n()
  return (
    <FormModal<{ reason: string }>
      open={period !== null}
      title={period ? t('periods.reopen.title', { period }) : ''}
      intro={<Alert type="warning" showIcon title={t('periods.reopen.intro', { period: period ?? '' })} data-testid="reopen-intro" />}
      okText={t('periods.reopen.ok')}
      okTestId="reopen-ok"
      okDanger
      testId="reopen-modal"
      labelWidth={72}
      onCancel={onCancel}
      onError={(e) => (e.code === 'VALIDATION' && e.details?.fields?.some((f) => f.path === 'reason') ? undefined : refusalText(t, has, e, 'periods'))}
      onSubmit={async (v) => {
        if (!period) return null
        const r = await callResult('periods.reopen', { period, reason: v.reason.trim() })
        if (!r.ok) return r.error
        onDone(r.data)
        return null
      }}
    >
      <Form.Item name="reason" label={t('periods.reopen.reason')} rules={[{ required: true, whitespace: true, message: t('errors.rule.required') }]}>
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('periods.reopen.reasonHint')} data-testid="reopen-reason" />
      </Form.Item>
    </FormModal>
  )
}
