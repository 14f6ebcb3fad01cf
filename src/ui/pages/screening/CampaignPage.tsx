/**
 * A campaign's page (/screening/view?id=…): its facts and its roster (everyone eligible, by
 * village then name), filtered by village, state and a search box; selected people are marked
 * invited or attended today. A closed campaign takes no more marks.
 */
import { Alert, Button, Card, Descriptions, Input, Result, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ROSTER_STATES, type Campaign, type RosterRow } from '../../../api/campaigns'
import type { ApiError } from '../../../api/contract'
import { call, callResult, CallError } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { PagedTable } from '../../components/PagedTable'
import { useDebounced } from '../../components/useDebounced'
import { usePagedList } from '../../components/usePagedList'
import { useServicePoints } from '../persons/useServicePoints'
import { stationToday } from '../persons/words'
import { CampaignDashboardPanel } from './CampaignDashboardPanel'
import { CampaignPrintButtons } from './CampaignPrintButtons'
import { Ratio, STATUS_COLOR } from './CampaignsPage'
import { EntryButton } from './entry/EntryButton'
import { useScreeningFail, useScreeningWords } from './words'

type RosterState = (typeof ROSTER_STATES)[number]
interface RosterFilter {
  campaignId: string
  servicePointId?: string
  state: RosterState
  q?: string
}
const roster = (q: RosterFilter & { page: number; pageSize: number }) => call('screening.roster', q)

export function CampaignPage() {
  const { t, num } = useI18n()
  const words = useScreeningWords()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const { query } = useRoute()
  const id = query.get('id') ?? ''
  const points = useServicePoints()
  const [campaign, setCampaign] = useState<Campaign | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const load = useCallback(async () => {
    try {
      setCampaign(await call('screening.campaign', { id }))
    } catch (e) {
      if (e instanceof CallError) setError(e.error)
      else fail(e)
    }
  }, [id, fail])
  useEffect(() => {
    setCampaign(null)
    setError(null)
    if (id) void load()
  }, [id, load])

  if (error || !id)
    return (
      <Result
        status="warning"
        title={error ? words.error(error) : t('screening.campaign.notFound')}
        extra={<Button onClick={() => navigate('/screening')}>{t('screening.campaign.back')}</Button>}
      />
    )
  if (!campaign) return <Skeleton active />

  const pointNames = campaign.servicePointIds.map((p) => points.name(p) ?? p)
  return (
    <div data-testid="campaign-page">
      <div className="sd-page-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/screening')} data-testid="campaign-back">
          {t('screening.campaign.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaign-heading">
          {campaign.name}
        </Typography.Title>
        <Tag color={STATUS_COLOR[campaign.status]} data-testid="campaign-status">
          {words.status(campaign.status)}
        </Tag>
        <EntryButton campaign={campaign} />
        <CampaignPrintButtons campaign={campaign} />
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('screening.field.kind')}>{words.kind(campaign.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('screening.field.dates')}>
            <span className="sd-num">
              {campaign.startDate} ~ {campaign.endDate}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('screening.field.eligibility')}>
            {t('screening.campaign.eligibility', { sex: t(`screening.sex.${campaign.sex}`), from: campaign.ageFrom, to: campaign.ageTo })}
          </Descriptions.Item>
          <Descriptions.Item label={t('screening.field.servicePoints')} span={2}>
            {pointNames.join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('screening.field.partner')}>{campaign.partner || t('screening.none')}</Descriptions.Item>
          <Descriptions.Item label={t('screening.list.ofTarget')}>
            <Ratio done={campaign.screened} of={campaign.targetCount} testId="campaign-of-target" />
          </Descriptions.Item>
          <Descriptions.Item label={t('screening.list.ofEligible')}>
            <Ratio done={campaign.screened} of={campaign.eligible} testId="campaign-of-eligible" />
          </Descriptions.Item>
          <Descriptions.Item label={t('screening.field.eligibleCount')}>{num(campaign.eligible)}</Descriptions.Item>
          {campaign.note && (
            <Descriptions.Item label={t('screening.field.note')} span={3}>
              {campaign.note}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <CampaignDashboardPanel campaign={campaign} />
      <Roster campaign={campaign} pointOptions={campaign.servicePointIds.map((p, i) => ({ value: p, label: pointNames[i] }))} today={stationToday(info.timeZone)} onMarked={(n) => ok(t('screening.roster.marked', { n: num(n) }))} />
    </div>
  )
}

function Roster({ campaign, pointOptions, today, onMarked }: { campaign: Campaign; pointOptions: { value: string; label: string }[]; today: string; onMarked(n: number): void }) {
  const { t } = useI18n()
  const words = useScreeningWords()
  const failApi = useScreeningFail()
  const [point, setPoint] = useState<string | undefined>()
  const [state, setState] = useState<RosterState>('all')
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const [selected, setSelected] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const filter = useMemo<RosterFilter>(() => ({ campaignId: campaign.id, state, ...(point ? { servicePointId: point } : {}), ...(q ? { q } : {}) }), [campaign.id, state, point, q])
  const paged = usePagedList(roster, filter)
  const closed = campaign.status === 'closed'

  const mark = async (m: 'invited' | 'attended') => {
    setBusy(true)
    const r = await callResult('screening.mark', { campaignId: campaign.id, personIds: selected, mark: m, date: today })
    setBusy(false)
    if (!r.ok) return failApi(r.error)
    onMarked(r.data.marked)
    setSelected([])
    void paged.reload()
  }

  const dash = t('screening.none')
  const columns: ColumnsType<RosterRow> = [
    { key: 'name', dataIndex: 'name', title: t('screening.roster.name') },
    { key: 'idNumber', dataIndex: 'idNumber', title: t('screening.roster.idNumber'), render: (v: string) => <span className="sd-num">{v}</span> },
    { key: 'age', dataIndex: 'age', title: t('screening.roster.age'), align: 'right' },
    { key: 'phone', dataIndex: 'phone', title: t('screening.roster.phone'), render: (v: string) => <span className="sd-num">{v || dash}</span> },
    { key: 'point', dataIndex: 'servicePointName', title: t('screening.roster.village'), render: (v: string | null) => v ?? dash },
    { key: 'invited', dataIndex: 'invitedOn', title: t('screening.roster.invitedOn'), render: (v: string | null) => <span className="sd-num">{v ?? dash}</span> },
    { key: 'attended', dataIndex: 'attendedOn', title: t('screening.roster.attendedOn'), render: (v: string | null) => <span className="sd-num">{v ?? dash}</span> },
    {
      key: 'screened',
      dataIndex: 'conclusion',
      title: t('screening.roster.result'),
      render: (c: string | null, r) => (r.recordId ? <Tag color={c === 'normal' ? 'green' : c === 'benign' ? 'gold' : 'red'}>{words.conclusion(c)}</Tag> : <Typography.Text type="secondary">{t('screening.roster.notScreened')}</Typography.Text>)
    }
  ]

  return (
    <Card size="small" title={t('screening.roster.title')}>
      {closed && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('screening.roster.closedHint')} data-testid="roster-closed" />}
      <div className="sd-page-toolbar">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('screening.roster.search')}
          aria-label={t('common.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 240 }}
          data-testid="roster-search"
        />
        <Select<string | undefined> allowClear style={{ width: 170 }} placeholder={t('screening.roster.allVillages')} value={point} onChange={setPoint} options={pointOptions} data-testid="roster-village" />
        <Segmented<RosterState> value={state} onChange={setState} options={ROSTER_STATES.map((s) => ({ value: s, label: t(`screening.rosterState.${s}`) }))} data-testid="roster-state" />
        <span className="sd-grow" />
        <Space>
          <Button disabled={closed || !selected.length} loading={busy} onClick={() => void mark('invited')} data-testid="roster-mark-invited">
            {t('screening.roster.markInvited')}
          </Button>
          <Button disabled={closed || !selected.length} loading={busy} onClick={() => void mark('attended')} data-testid="roster-mark-attended">
            {t('screening.roster.markAttended')}
          </Button>
        </Space>
      </div>
      <PagedTable<RosterRow>
        list={paged}
        testId="roster-table"
        rowKey="personId"
        columns={columns}
        rowSelection={closed ? undefined : { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }}
        locale={{ emptyText: t('screening.roster.empty') }}
      />
    </Card>
  )
}
