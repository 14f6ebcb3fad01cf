/**
 * The campaign page's dashboard (screening.dashboard): what a station head wants on opening a
 * campaign — how far it has come (screened of the target and of the eligible, referrals followed
 * up), then the charts: progress by village (slowest first), people screened per day, the
 * conclusions in their fixed colours, the kind's main positive findings and the referrals'
 * follow-up. A campaign without records shows its headline and a plain empty state instead of
 * empty charts. The charts fold away (remembered) for the desk that works the roster.
 */
import { Alert, Button, Card, Col, Empty, Progress, Row, Skeleton, Space, Typography } from 'antd'
import { DownOutlined, ReloadOutlined, UpOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { Campaign, CampaignDashboard } from '../../../api/campaigns'
import { CallError, call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { EChart } from '../../components/EChart'
import { stationToday } from '../persons/words'
import { conclusionOption, dayOption, findingsOption, referralOption, villageOption, type Fmt } from './dashboardCharts'
import { findingLabel, mainFindings } from './dashboardFindings'
import { useScreeningWords } from './words'

const OPEN_KEY = 'stationdesk.campaignDashboard.open'

export function CampaignDashboardPanel({ campaign }: { campaign: Campaign }) {
  const { t, has, num, lang } = useI18n()
  const words = useScreeningWords()
  const { info } = useApp()
  const [data, setData] = useState<CampaignDashboard | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) !== '0')

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setData(await call('screening.dashboard', { campaignId: campaign.id }))
    } catch (e) {
      setError(e instanceof CallError ? words.error(e.error) : t('errors.code.INTERNAL'))
    } finally {
      setLoading(false)
    }
  }, [campaign.id, words, t])
  useEffect(() => {
    // again when the campaign's figures change (a record saved, the campaign edited), not on a language switch
    void load()
  }, [campaign.id, campaign.updatedAt, campaign.screened]) // eslint-disable-line react-hooks/exhaustive-deps

  const toggle = () => {
    localStorage.setItem(OPEN_KEY, open ? '0' : '1')
    setOpen(!open)
  }
  const fmt = useMemo<Fmt>(() => {
    const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 })
    return { num: (n) => num(n), pct: (r) => pct.format(r) }
  }, [lang, num])

  return (
    <Card
      size="small"
      title={t('screeningCharts.title')}
      style={{ marginBottom: 16 }}
      data-testid="campaign-dashboard"
      extra={
        <Space size={4}>
          <Button type="text" size="small" icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('screeningCharts.refresh')} title={t('screeningCharts.refresh')} data-testid="dash-refresh" />
          <Button type="text" size="small" icon={open ? <UpOutlined /> : <DownOutlined />} onClick={toggle} data-testid="dash-toggle">
            {open ? t('screeningCharts.collapse') : t('screeningCharts.expand')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="warning" showIcon title={t('screeningCharts.loadFailed')} description={error} style={{ marginBottom: 12 }} />}
      {!data ? (
        !error && <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          <Headline d={data} fmt={fmt} />
          {open && (data.screened === 0 ? <EmptyState d={data} /> : <Charts d={data} campaign={campaign} fmt={fmt} today={stationToday(info.timeZone)} wordConclusion={words.conclusion} has={has} />)}
        </>
      )}
    </Card>
  )
}

function Figure({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  )
}

function Headline({ d, fmt }: { d: CampaignDashboard; fmt: Fmt }) {
  const { t } = useI18n()
  const big = (a: number, b: number | null) => (
    <div className="sd-num" style={{ fontSize: 22, lineHeight: '32px', fontWeight: 500 }}>
      {fmt.num(a)} {b !== null && <span style={{ fontSize: 15, color: '#8c8c8c' }}>/ {fmt.num(b)}</span>}
    </div>
  )
  const bar = (rate: number, color?: string) => <Progress percent={Math.min(100, Math.round(rate * 1000) / 10)} format={() => fmt.pct(rate)} size="small" strokeColor={color} style={{ margin: 0 }} />
  const r = d.referrals
  return (
    <Row gutter={[24, 12]} style={{ marginBottom: 4 }}>
      <Col xs={24} md={8}>
        <Figure label={t('screeningCharts.ofTarget')} testId="dash-of-target">
          {big(d.screened, d.target > 0 ? d.target : null)}
          {d.target > 0 ? bar(d.ofTarget.rate) : <Typography.Text type="secondary">{t('screeningCharts.noTarget')}</Typography.Text>}
        </Figure>
      </Col>
      <Col xs={24} md={8}>
        <Figure label={t('screeningCharts.ofEligible')} testId="dash-of-eligible">
          {big(d.screened, d.eligible)}
          {d.eligible > 0 && bar(d.ofEligible.rate)}
        </Figure>
      </Col>
      <Col xs={24} md={8}>
        <Figure label={t('screeningCharts.referralCompletion')} testId="dash-referral-completion">
          {r.total > 0 ? (
            <>
              {big(r.attended, r.total)}
              {bar(r.completion.rate, '#52c41a')}
            </>
          ) : (
            <div style={{ lineHeight: '32px' }}>
              <Typography.Text type="secondary">{t('screeningCharts.noReferrals')}</Typography.Text>
            </div>
          )}
        </Figure>
      </Col>
    </Row>
  )
}

function EmptyState({ d }: { d: CampaignDashboard }) {
  const { t, num } = useI18n()
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      style={{ margin: '16px 0 8px' }}
      data-testid="dash-empty"
      description={
        <Space orientation="vertical" size={2}>
          <span>{t('screeningCharts.empty')}</span>
          {d.eligible > 0 && <Typography.Text type="secondary">{t('screeningCharts.emptyEligible', { n: num(d.eligible), villages: num(d.byVillage.filter((v) => v.eligible > 0).length) })}</Typography.Text>}
        </Space>
      }
    />
  )
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ marginBottom: 6 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {hint}
          </Typography.Text>
        )}
      </div>
      {children}
    </div>
  )
}

interface ChartsProps {
  d: CampaignDashboard
  campaign: Campaign
  fmt: Fmt
  today: string
  wordConclusion(k: string): string
  has(key: string): boolean
}

function Charts({ d, campaign, fmt, today, wordConclusion, has }: ChartsProps) {
  const { t } = useI18n()
  const findings = useMemo(() => mainFindings(d.kind, d.findings).map((f) => ({ label: findingLabel(f.key, { t, has }), count: f.count })), [d, t, has])
  const options = useMemo(
    () => ({
      village: villageOption(d.byVillage, { eligible: t('screeningCharts.byVillage.eligible'), screened: t('screeningCharts.byVillage.screened') }, fmt),
      day: dayOption(d.byDay, { start: campaign.startDate, end: campaign.endDate, today }, t('screeningCharts.byDay.screened'), fmt),
      conclusions: conclusionOption(d.conclusions, wordConclusion, fmt),
      findings: findingsOption(findings, t('screeningCharts.findings.records'), fmt),
      referrals: referralOption(d.referrals, (k) => t(`screeningCharts.referrals.${k}`), fmt)
    }),
    [d, campaign.startDate, campaign.endDate, today, t, fmt, wordConclusion, findings]
  )
  const villageHeight = Math.max(150, d.byVillage.length * 30 + 44)
  const r = d.referrals
  return (
    <Row gutter={[24, 20]} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <Section title={t('screeningCharts.byVillage.title')} hint={t('screeningCharts.byVillage.hint')}>
          <EChart option={options.village} height={villageHeight} testId="dash-chart-village" ariaLabel={t('screeningCharts.byVillage.title')} />
        </Section>
      </Col>
      <Col xs={24} xl={12}>
        <Section title={t('screeningCharts.byDay.title')}>
          <EChart option={options.day} height={Math.max(200, villageHeight)} testId="dash-chart-day" ariaLabel={t('screeningCharts.byDay.title')} />
        </Section>
      </Col>
      <Col xs={24} lg={12} xl={8}>
        <Section title={t('screeningCharts.conclusions.title')}>
          <EChart option={options.conclusions} height={190} testId="dash-chart-conclusions" ariaLabel={t('screeningCharts.conclusions.title')} />
        </Section>
      </Col>
      <Col xs={24} lg={12} xl={9}>
        <Section title={t('screeningCharts.findings.title')} hint={t('screeningCharts.findings.hint')}>
          {findings.length ? (
            <EChart option={options.findings} height={Math.max(120, findings.length * 28 + 24)} testId="dash-chart-findings" ariaLabel={t('screeningCharts.findings.title')} />
          ) : (
            <Typography.Paragraph type="secondary" data-testid="dash-findings-none">
              {t('screeningCharts.findings.none')}
            </Typography.Paragraph>
          )}
        </Section>
      </Col>
      <Col xs={24} lg={12} xl={7}>
        <Section title={t('screeningCharts.referrals.title')}>
          {r.total ? (
            <>
              <EChart option={options.referrals} height={64} testId="dash-chart-referrals" ariaLabel={t('screeningCharts.referrals.title')} />
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 4px' }}>
                {t('screeningCharts.referrals.summary', { total: fmt.num(r.total), attended: fmt.num(r.attended) })}
              </Typography.Paragraph>
            </>
          ) : (
            <Typography.Paragraph type="secondary">{t('screeningCharts.noReferrals')}</Typography.Paragraph>
          )}
          <Typography.Link onClick={() => navigate('/screening/follow-ups')} data-testid="dash-worklist">
            {t('screeningCharts.referrals.worklist')}
          </Typography.Link>
        </Section>
      </Col>
    </Row>
  )
}
