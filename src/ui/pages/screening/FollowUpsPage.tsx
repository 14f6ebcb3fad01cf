/**
 * The follow-up worklist (/screening/follow-ups): referrals of abnormal screening results,
 * open ones overdue first (the days past the due date shown in red), or closed, or all; the
 * head and the clinicians record the outcome: seen (where, when, diagnosis, treatment) or lost
 * to follow-up (why; a note when the reason is "other"). Also after the campaign closed.
 */
import { DatePicker, Form, Input, Radio, Segmented, Select, Switch, Tag, Button, Typography, Space } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { EditOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import type { FollowUpRow } from '../../../api/screeningRecords'
import { LOST_REASONS, type LostReason } from '../../../api/screeningFindings'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'
import { PagedTable } from '../../components/PagedTable'
import { usePagedList } from '../../components/usePagedList'
import { stationToday } from '../persons/words'
import { campaignPath } from './CampaignsPage'
import { applyScreeningErrors, useScreeningWords } from './words'

type WorkState = 'open' | 'closed' | 'all'
interface Filter {
  state: WorkState
  overdueOnly: boolean
}
const list = (q: Filter & { page: number; pageSize: number }) => call('screening.followUps', q)

export function FollowUpsPage() {
  const { t } = useI18n()
  const words = useScreeningWords()
  const { can } = useApp()
  const [state, setState] = useState<WorkState>('open')
  const [overdueOnly, setOverdueOnly] = useState(false)
  const [recording, setRecording] = useState<FollowUpRow | null>(null)
  const filter = useMemo<Filter>(() => ({ state, overdueOnly }), [state, overdueOnly])
  const paged = usePagedList(list, filter)
  const canRecord = can('head', 'clinician')
  const dash = t('screening.none')

  const columns: ColumnsType<FollowUpRow> = [
    { key: 'name', dataIndex: 'name', title: t('screening.roster.name') },
    { key: 'idNumber', dataIndex: 'idNumber', title: t('screening.roster.idNumber'), render: (v: string) => <span className="sd-num">{v}</span> },
    { key: 'phone', dataIndex: 'phone', title: t('screening.roster.phone'), render: (v: string) => <span className="sd-num">{v || dash}</span> },
    { key: 'point', dataIndex: 'servicePointName', title: t('screening.roster.village'), render: (v: string | null) => v ?? dash },
    {
      key: 'campaign',
      title: t('screening.followUps.campaign'),
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => navigate(campaignPath(r.campaignId))}>{r.campaignName}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {words.kind(r.kind)} · {r.examDate}
          </Typography.Text>
        </Space>
      )
    },
    { key: 'conclusion', dataIndex: 'conclusion', title: t('screening.roster.result'), render: (c: string) => <Tag color={c === 'suspected_malignancy' ? 'red' : 'orange'}>{words.conclusion(c)}</Tag> },
    { key: 'destination', dataIndex: 'destination', title: t('screening.followUps.destination') },
    {
      key: 'due',
      dataIndex: 'dueDate',
      title: t('screening.followUps.dueDate'),
      render: (d: string, r) => (
        <Space direction="vertical" size={0}>
          <span className="sd-num">{d}</span>
          {r.state === 'open' && r.daysOverdue > 0 && (
            <Typography.Text type="danger" strong data-testid="follow-up-overdue">
              {t('screening.followUps.overdue', { n: r.daysOverdue })}
            </Typography.Text>
          )}
        </Space>
      )
    },
    {
      key: 'state',
      dataIndex: 'state',
      title: t('screening.followUps.state'),
      render: (s: string, r) => (
        <Space direction="vertical" size={0}>
          <Tag color={s === 'open' ? 'orange' : s === 'attended' ? 'green' : 'default'}>{words.followUpState(s)}</Tag>
          {r.outcomeDate && <span className="sd-num" style={{ fontSize: 12 }}>{r.outcomeDate}</span>}
        </Space>
      )
    }
  ]
  if (canRecord)
    columns.push({
      key: '_actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_: unknown, r) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setRecording(r)} data-testid="follow-up-record">
          {t('screening.followUps.record')}
        </Button>
      )
    })

  return (
    <div>
      <div className="sd-page-toolbar">
        <Segmented<WorkState>
          value={state}
          onChange={setState}
          options={(['open', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`screening.followUps.filter.${s}`) }))}
          data-testid="follow-ups-state"
        />
        <Space>
          <Switch checked={overdueOnly} onChange={setOverdueOnly} data-testid="follow-ups-overdue" aria-label={t('screening.followUps.overdueOnly')} />
          <span>{t('screening.followUps.overdueOnly')}</span>
        </Space>
      </div>
      <PagedTable<FollowUpRow>
        list={paged}
        testId="follow-ups-table"
        rowKey="recordId"
        columns={columns}
        onRow={(r) => (r.state === 'open' && r.daysOverdue > 0 ? { style: { background: '#fff1f0' } } : {})}
        locale={{ emptyText: t('screening.followUps.empty') }}
      />
      {canRecord && (
        <OutcomeModal
          row={recording}
          onClose={() => setRecording(null)}
          onSaved={() => {
            setRecording(null)
            void paged.reload()
          }}
        />
      )}
    </div>
  )
}

interface OutcomeValues {
  outcome: 'attended' | 'lost'
  place?: string
  date?: string
  diagnosis?: string
  treatment?: string
  reason?: LostReason
  note?: string
}
const OUTCOME_NAMES = ['outcome', 'place', 'date', 'diagnosis', 'treatment', 'reason', 'note'] as const

function OutcomeModal({ row, onClose, onSaved }: { row: FollowUpRow | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n()
  const words = useScreeningWords()
  const { ok } = useNotify()
  const { info } = useApp()
  const today = stationToday(info.timeZone)
  return (
    <FormModal<OutcomeValues>
      open={row !== null}
      title={t('screening.followUps.recordTitle', { name: row?.name ?? '' })}
      intro={row && <Typography.Text type="secondary">{t('screening.followUps.recordIntro', { destination: row.destination, due: row.dueDate })}</Typography.Text>}
      initialValues={{ outcome: 'attended', date: today, treatment: '', note: '' }}
      testId="outcome-modal"
      okTestId="outcome-save"
      onCancel={onClose}
      onError={(e, f) => (applyScreeningErrors(f, words, e, OUTCOME_NAMES, 'outcome.') ? null : e.code === 'VALIDATION' ? words.error(e) : undefined)}
      onSubmit={async (v) => {
        if (!row) return null
        const outcome =
          v.outcome === 'attended'
            ? { outcome: 'attended' as const, place: v.place ?? '', date: v.date ?? '', diagnosis: v.diagnosis ?? '', treatment: v.treatment ?? '' }
            : { outcome: 'lost' as const, reason: v.reason ?? 'other', note: v.note ?? '' }
        const r = await callResult('screening.followUpSave', { recordId: row.recordId, outcome })
        if (!r.ok) return r.error
        ok(t('common.saved'))
        onSaved()
        return null
      }}
    >
      <OutcomeFields today={today} />
    </FormModal>
  )
}

function OutcomeFields({ today }: { today: string }) {
  const { t } = useI18n()
  const words = useScreeningWords()
  const form = Form.useFormInstance<OutcomeValues>()
  const outcome = Form.useWatch('outcome', form)
  const reason = Form.useWatch('reason', form)
  const required = { required: true, message: words.rule('required') }
  return (
    <>
      <Form.Item name="outcome" label={t('screening.followUps.outcome')} rules={[required]}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'attended', label: t('screening.followUpState.attended') },
            { value: 'lost', label: t('screening.followUpState.lost') }
          ]}
          data-testid="outcome-kind"
        />
      </Form.Item>
      {outcome !== 'lost' ? (
        <>
          <Form.Item name="place" label={t('screening.followUps.place')} rules={[required]}>
            <Input maxLength={100} data-testid="outcome-place" />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('screening.followUps.date')}
            rules={[required]}
            getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null })}
            normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
          >
            <DatePicker format="YYYY-MM-DD" placeholder="YYYY-MM-DD" disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
          <Form.Item name="diagnosis" label={t('screening.followUps.diagnosis')} rules={[required]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="outcome-diagnosis" />
          </Form.Item>
          <Form.Item name="treatment" label={t('screening.followUps.treatment')}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="reason" label={t('screening.followUps.reason')} rules={[required]}>
            <Select options={LOST_REASONS.map((r) => ({ value: r, label: words.lostReason(r) }))} data-testid="outcome-reason" />
          </Form.Item>
          <Form.Item name="note" label={t('screening.followUps.note')} rules={reason === 'other' ? [{ required: true, whitespace: true, message: words.rule('required') }] : []}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="outcome-note" />
          </Form.Item>
        </>
      )}
    </>
  )
}
