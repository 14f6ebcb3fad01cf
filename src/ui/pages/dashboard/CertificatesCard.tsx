/**
 * The home page's migrant certificates card (dashboard.summary → certificates; head and clerk):
 * 办证率 and 验证率 as of today (counted as the rates page counts them, a click away from it),
 * the certificates issued and the verifications recorded this month, and the valid certificates
 * whose last day is near (to renew), with the way to verify the next in-migrant.
 */
import { Button, Card, Progress, Statistic, Typography } from 'antd'
import { ScanOutlined } from '@ant-design/icons'
import type { Rate } from '../../../api/campaigns'
import type { CertificateSummary } from '../../../api/dashboard'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { RATE_COLORS, usePercent } from '../verify/RatesParts'
import { RATES_PATH, VERIFY_PATH } from '../verify/words'

function RateLine({ kind, rate }: { kind: 'certificate' | 'verification'; rate: Rate }) {
  const { t, num } = useI18n()
  const pct = usePercent()
  return (
    <div style={{ minWidth: 220, flex: 1 }} data-testid={`dashboard-certificates-${kind}`}>
      <Typography.Text type="secondary">{t(`rates.kind.${kind}`)}</Typography.Text>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 10 }}>
        <Typography.Link onClick={() => navigate(RATES_PATH)} style={{ fontSize: 28, fontWeight: 600, color: RATE_COLORS[kind] }} className="sd-num" data-testid={`dashboard-certificates-${kind}-percent`}>
          {pct(rate)}
        </Typography.Link>
        <Typography.Text type="secondary" className="sd-num" data-testid={`dashboard-certificates-${kind}-ratio`}>
          {num(rate.num)} / {num(rate.den)}
        </Typography.Text>
      </div>
      {rate.den > 0 && <Progress percent={Math.min(100, rate.rate * 100)} showInfo={false} size="small" strokeColor={RATE_COLORS[kind]} style={{ margin: 0 }} />}
    </div>
  )
}

export function CertificatesCard({ s }: { s: CertificateSummary }) {
  const { t, num } = useI18n()
  return (
    <Card
      size="small"
      title={t('rates.card.title')}
      style={{ height: '100%' }}
      data-testid="dashboard-certificates"
      extra={
        <Typography.Link onClick={() => navigate(RATES_PATH)} style={{ fontSize: 13 }} data-testid="dashboard-certificates-open">
          {t('rates.card.open')}
        </Typography.Link>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rates.asOf', { date: s.asOf })}
      </Typography.Text>
      <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', margin: '4px 0 16px' }}>
        <RateLine kind="certificate" rate={s.certificate} />
        <RateLine kind="verification" rate={s.verification} />
      </div>
      <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Statistic title={t('rates.card.issued', { month: s.month })} value={s.issuedThisMonth} formatter={(v) => <span data-testid="dashboard-certificates-issued">{num(Number(v))}</span>} />
        <Statistic title={t('rates.card.verified', { month: s.month })} value={s.verificationsThisMonth} formatter={(v) => <span data-testid="dashboard-certificates-verified">{num(Number(v))}</span>} />
        <Statistic
          title={t('rates.card.expiring', { days: s.expiringDays })}
          value={s.expiring}
          formatter={(v) => <span data-testid="dashboard-certificates-expiring">{num(Number(v))}</span>}
          styles={s.expiring > 0 ? { content: { color: '#d48806' } } : undefined}
        />
        <Button style={{ marginBottom: 6 }} icon={<ScanOutlined />} onClick={() => navigate(VERIFY_PATH)} data-testid="dashboard-certificates-verify">
          {t('rates.card.verify')}
        </Button>
      </div>
    </Card>
  )
}
