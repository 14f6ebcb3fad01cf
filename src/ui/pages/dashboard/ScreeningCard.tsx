/**
 * The home page's screening card (dashboard.summary → screening; head, clinician and clerk):
 * records examined this month, referrals waiting for follow-up and the overdue among them (with
 * the way to the follow-up worklist), and each active campaign with screened of target and of
 * eligible, a click away from its page.
 */
import { Button, Card, Empty, Progress, Statistic, Tag, Typography } from 'antd'
import { AlertOutlined, RightOutlined } from '@ant-design/icons'
import type { ActiveCampaign, ScreeningSummary } from '../../../api/dashboard'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { campaignPath } from '../screening/CampaignsPage'
import { useScreeningWords } from '../screening/words'

const FOLLOW_UPS = '/screening/follow-ups'

export function ScreeningCard({ s }: { s: ScreeningSummary }) {
  const { t, num } = useI18n()
  const overdue = s.referrals.overdue
  return (
    <Card
      size="small"
      title={t('dashboard.screening.title')}
      style={{ height: '100%' }}
      data-testid="dashboard-screening"
      extra={
        <Typography.Link onClick={() => navigate('/screening')} style={{ fontSize: 13 }} data-testid="dashboard-screening-campaigns">
          {t('dashboard.screening.allCampaigns')}
        </Typography.Link>
      }
    >
      <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', alignItems: 'flex-end', marginBottom: 16 }}>
        <Statistic title={t('dashboard.screening.thisMonth', { month: s.month })} value={s.recordsThisMonth} formatter={(v) => <span data-testid="dashboard-screening-month">{num(Number(v))}</span>} />
        <Statistic title={t('dashboard.screening.open')} value={s.referrals.open} formatter={(v) => <span data-testid="dashboard-screening-open">{num(Number(v))}</span>} />
        <Statistic
          title={t('dashboard.screening.overdue')}
          value={overdue}
          formatter={(v) => <span data-testid="dashboard-screening-overdue">{num(Number(v))}</span>}
          styles={overdue > 0 ? { content: { color: '#cf1322' } } : undefined}
        />
        <Button style={{ marginBottom: 6 }} icon={<AlertOutlined />} danger={overdue > 0} onClick={() => navigate(FOLLOW_UPS)} data-testid="dashboard-screening-follow-ups">
          {t('dashboard.screening.worklist')}
        </Button>
      </div>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
        {t('dashboard.screening.active')}
      </Typography.Text>
      {s.active.length ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {s.active.map((c) => (
            <CampaignLine key={c.id} c={c} />
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '4px 0' }} description={t('dashboard.screening.noActive')} data-testid="dashboard-screening-none" />
      )}
    </Card>
  )
}

function CampaignLine({ c }: { c: ActiveCampaign }) {
  const { t, num, lang } = useI18n()
  const words = useScreeningWords()
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 })
  const ratio = (label: string, done: number, of: number, rate: number, testId: string) => (
    <div style={{ minWidth: 0 }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}{' '}
      </Typography.Text>
      <span className="sd-num">
        {num(done)} / {num(of)}
      </span>
      {of > 0 && <Progress percent={Math.min(100, Math.round(rate * 100))} format={() => pct.format(rate)} size="small" style={{ margin: 0 }} />}
    </div>
  )
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1.3fr) minmax(0, 1fr) minmax(0, 1fr) 16px', gap: 16, alignItems: 'center', padding: '6px 8px', border: '1px solid #f0f0f0', borderRadius: 6 }}
      data-testid="dashboard-screening-campaign"
    >
      <div style={{ minWidth: 0 }}>
        <Typography.Link strong onClick={() => navigate(campaignPath(c.id))} ellipsis style={{ display: 'block' }} data-testid="dashboard-screening-campaign-open">
          {c.name}
        </Typography.Link>
        <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          <Tag style={{ marginTop: 2, marginInlineEnd: 8 }}>{words.kind(c.kind)}</Tag>
          <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>
            {c.startDate} ~ {c.endDate}
          </Typography.Text>
        </div>
      </div>
      {c.target > 0 ? ratio(t('dashboard.screening.ofTarget'), c.screened, c.target, c.ofTarget.rate, 'dashboard-screening-of-target') : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dashboard.screening.noTarget')}</Typography.Text>}
      {ratio(t('dashboard.screening.ofEligible'), c.screened, c.eligible, c.ofEligible.rate, 'dashboard-screening-of-eligible')}
      <RightOutlined style={{ color: '#bfbfbf', cursor: 'pointer' }} onClick={() => navigate(campaignPath(c.id))} aria-label={t('dashboard.open')} />
    </div>
  )
}
