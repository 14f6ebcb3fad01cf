/**
 * Screening campaigns (/screening): the list with its progress (screened of the target, of the
 * eligible), filtered by status and kind. The head creates and edits campaigns and moves them
 * planned → active → closed (closing asks first: the findings freeze, follow-ups go on).
 */
import { App as AntApp, Button, Progress, Select, Space, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { CheckCircleOutlined, EditOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { useMemo, useState } from 'react'
import { CAMPAIGN_STATUSES, type Campaign, type CampaignStatus } from '../../../api/campaigns'
import { SCREENING_KINDS, type ScreeningKind } from '../../../api/screeningFindings'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { PagedTable } from '../../components/PagedTable'
import { usePagedList } from '../../components/usePagedList'
import { useServicePoints } from '../persons/useServicePoints'
import { CampaignForm } from './CampaignForm'
import { useScreeningFail, useScreeningWords } from './words'

interface Filter {
  status?: CampaignStatus
  kind?: ScreeningKind
}
const list = (q: Filter & { page: number; pageSize: number }) => call('screening.campaigns', q)

export const campaignPath = (id: string) => `/screening/view?id=${encodeURIComponent(id)}`
export const STATUS_COLOR: Record<CampaignStatus, string> = { planned: 'blue', active: 'green', closed: 'default' }

/** "12 / 100" with a small bar; no bar when there is nothing to measure against */
export function Ratio({ done, of, testId }: { done: number; of: number; testId?: string }) {
  const { num } = useI18n()
  return (
    <div style={{ minWidth: 110 }} data-testid={testId}>
      <span className="sd-num">
        {num(done)} / {num(of)}
      </span>
      {of > 0 && <Progress percent={Math.min(100, Math.round((done / of) * 100))} size="small" style={{ margin: 0 }} />}
    </div>
  )
}

export function CampaignsPage() {
  const { t } = useI18n()
  const words = useScreeningWords()
  const { can } = useApp()
  const { ok } = useNotify()
  const failApi = useScreeningFail()
  const { modal } = AntApp.useApp()
  const points = useServicePoints()
  const isHead = can('head')
  const [status, setStatus] = useState<CampaignStatus | undefined>()
  const [kind, setKind] = useState<ScreeningKind | undefined>()
  const [editing, setEditing] = useState<{ row: Campaign | null } | null>(null)
  const filter = useMemo<Filter>(() => ({ ...(status ? { status } : {}), ...(kind ? { kind } : {}) }), [status, kind])
  const paged = usePagedList(list, filter)
  const { reload } = paged

  const step = async (c: Campaign, to: CampaignStatus) => {
    const r = await callResult('screening.campaignStatus', { id: c.id, status: to })
    if (!r.ok) return failApi(r.error)
    ok(t(to === 'active' ? 'screening.list.started' : 'screening.list.closed', { name: c.name }))
    void reload()
  }
  const close = (c: Campaign) =>
    modal.confirm({
      title: t('screening.list.closeTitle', { name: c.name }),
      content: t('screening.list.closeBody'),
      okText: t('screening.list.close'),
      okButtonProps: { danger: true, 'data-testid': 'campaign-close-ok' },
      cancelText: t('common.cancel'),
      onOk: () => step(c, 'closed')
    })

  const columns: ColumnsType<Campaign> = [
    {
      key: 'name',
      title: t('screening.field.name'),
      render: (_: unknown, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => navigate(campaignPath(c.id))} data-testid="campaign-open">
            {c.name}
          </Typography.Link>
          {c.partner && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.partner}
            </Typography.Text>
          )}
        </Space>
      )
    },
    { key: 'kind', title: t('screening.field.kind'), dataIndex: 'kind', render: (k: string) => words.kind(k) },
    {
      key: 'dates',
      title: t('screening.field.dates'),
      render: (_: unknown, c) => (
        <span className="sd-num">
          {c.startDate} ~ {c.endDate}
        </span>
      )
    },
    {
      key: 'status',
      title: t('screening.field.status'),
      dataIndex: 'status',
      render: (s: CampaignStatus) => (
        <Tag color={STATUS_COLOR[s]} data-testid="campaign-status">
          {words.status(s)}
        </Tag>
      )
    },
    { key: 'target', title: t('screening.list.ofTarget'), render: (_: unknown, c) => <Ratio done={c.screened} of={c.targetCount} /> },
    { key: 'eligible', title: t('screening.list.ofEligible'), render: (_: unknown, c) => <Ratio done={c.screened} of={c.eligible} /> }
  ]
  if (isHead)
    columns.push({
      key: '_actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_: unknown, c) => (
        <Space size={0}>
          {c.status !== 'closed' && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ row: c })} data-testid="campaign-edit">
              {t('common.edit')}
            </Button>
          )}
          {c.status === 'planned' && (
            <Button type="link" size="small" icon={<PlayCircleOutlined />} onClick={() => void step(c, 'active')} data-testid="campaign-start-button">
              {t('screening.list.start')}
            </Button>
          )}
          {c.status === 'active' && (
            <Button type="link" size="small" danger icon={<CheckCircleOutlined />} onClick={() => close(c)} data-testid="campaign-close">
              {t('screening.list.close')}
            </Button>
          )}
        </Space>
      )
    })

  return (
    <div>
      <div className="sd-page-toolbar">
        <Select<CampaignStatus | undefined>
          allowClear
          style={{ width: 150 }}
          placeholder={t('screening.list.allStatuses')}
          value={status}
          onChange={setStatus}
          options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: words.status(s) }))}
          data-testid="campaigns-status"
        />
        <Select<ScreeningKind | undefined>
          allowClear
          style={{ width: 190 }}
          placeholder={t('screening.list.allKinds')}
          value={kind}
          onChange={setKind}
          options={SCREENING_KINDS.map((k) => ({ value: k, label: words.kind(k) }))}
          data-testid="campaigns-kind"
        />
        <span className="sd-grow" />
        <Button onClick={() => navigate('/screening/follow-ups')} data-testid="campaigns-follow-ups">
          {t('screening.nav.followUps')}
        </Button>
        {isHead && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })} data-testid="campaigns-add">
            {t('screening.list.add')}
          </Button>
        )}
      </div>
      <PagedTable<Campaign> list={paged} testId="campaigns-table" columns={columns} locale={{ emptyText: t('screening.list.empty') }} />
      {isHead && (
        <CampaignForm
          editing={editing}
          points={points}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            void reload()
          }}
        />
      )}
    </div>
  )
}
