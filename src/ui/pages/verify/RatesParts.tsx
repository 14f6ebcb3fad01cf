/**
 * Building blocks of the rates page: a rate as a big figure (percent, then numerator over
 * denominator, each a click away from the people behind it), a rate in a table cell, and the
 * 12-month trend chart of both rates.
 */
import { Card, Typography } from 'antd'
import { useMemo } from 'react'
import type { Rate } from '../../../api/campaigns'
import type { CertificateRates, RateKind } from '../../../api/certificateRates'
import { useI18n } from '../../app/i18n'
import { EChart, type ChartOption } from '../../components/EChart'
import type { Counted } from './RatePeopleModal'

export const RATE_COLORS: Record<RateKind, string> = { certificate: '#1f6fb2', verification: '#389e0d' }

export function usePercent(): (r: Rate) => string {
  const { lang } = useI18n()
  return useMemo(() => {
    const f = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 })
    return (r: Rate) => (r.den > 0 ? f.format(r.rate) : '—')
  }, [lang])
}

/** a link-looking number that opens the people behind it */
function Count({ n, onOpen, testId, title }: { n: number; onOpen(): void; testId: string; title: string }) {
  const { num } = useI18n()
  return (
    <Typography.Link onClick={onOpen} title={title} className="sd-num" data-testid={testId}>
      {num(n)}
    </Typography.Link>
  )
}

export function RateFigure({ kind, rate, onOpen }: { kind: RateKind; rate: Rate; onOpen(counted: Counted): void }) {
  const { t, num } = useI18n()
  const pct = usePercent()
  const missing = rate.den - rate.num
  return (
    <Card size="small" title={t(`rates.kind.${kind}`)} style={{ height: '100%' }} data-testid={`rates-${kind}`}>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t(`rates.what.${kind}`)}
      </Typography.Text>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 16, flexWrap: 'wrap', marginTop: 8 }}>
        <span style={{ fontSize: 44, fontWeight: 600, color: RATE_COLORS[kind], lineHeight: 1.1 }} className="sd-num" data-testid={`rates-${kind}-percent`}>
          {pct(rate)}
        </span>
        <span style={{ fontSize: 20 }}>
          <Count n={rate.num} onOpen={() => onOpen('counted')} testId={`rates-${kind}-num`} title={t(`rates.people.${kind}.counted`)} />
          <Typography.Text type="secondary"> / </Typography.Text>
          <Count n={rate.den} onOpen={() => onOpen('all')} testId={`rates-${kind}-den`} title={t(`rates.people.${kind}.all`)} />
        </span>
      </div>
      <div style={{ marginTop: 8 }}>
        {missing > 0 ? (
          <Typography.Link onClick={() => onOpen('not')} data-testid={`rates-${kind}-missing`}>
            {t(`rates.missing.${kind}`, { n: num(missing) })}
          </Typography.Link>
        ) : (
          <Typography.Text type="secondary">{rate.den > 0 ? t(`rates.complete.${kind}`) : t(`rates.none.${kind}`)}</Typography.Text>
        )}
      </div>
    </Card>
  )
}

/** "num / den (percent)" in a table cell; each number opens its people */
export function RateCell({ kind, rate, onOpen, testId }: { kind: RateKind; rate: Rate; onOpen(counted: Counted): void; testId: string }) {
  const { t } = useI18n()
  const pct = usePercent()
  if (rate.den === 0) return <Typography.Text type="secondary">—</Typography.Text>
  return (
    <span data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      <Count n={rate.num} onOpen={() => onOpen('counted')} testId={`${testId}-num`} title={t(`rates.people.${kind}.counted`)} />
      <Typography.Text type="secondary"> / </Typography.Text>
      <Count n={rate.den} onOpen={() => onOpen('all')} testId={`${testId}-den`} title={t(`rates.people.${kind}.all`)} />
      <span className="sd-num" style={{ marginLeft: 8, display: 'inline-block', minWidth: 64, textAlign: 'right' }}>
        {pct(rate)}
      </span>
    </span>
  )
}

export function RatesTrend({ trend }: { trend: CertificateRates['trend'] }) {
  const { t, num } = useI18n()
  const pct = usePercent()
  const option = useMemo<ChartOption>(() => {
    const series = (kind: RateKind) => ({
      type: 'line' as const,
      name: t(`rates.kind.${kind}`),
      smooth: false,
      symbolSize: 7,
      connectNulls: false,
      itemStyle: { color: RATE_COLORS[kind] },
      data: trend.map((m) => (m[kind].den > 0 ? Math.round(m[kind].rate * 10000) / 100 : null))
    })
    return {
      grid: { left: 48, right: 24, top: 36, bottom: 28 },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = params as { dataIndex: number }[]
          const m = trend[list[0]?.dataIndex ?? 0]
          if (!m) return ''
          const line = (k: RateKind) => `${t(`rates.kind.${k}`)}: ${pct(m[k])} (${num(m[k].num)} / ${num(m[k].den)})`
          return [m.month, line('certificate'), line('verification')].join('<br/>')
        }
      },
      xAxis: { type: 'category', data: trend.map((m) => m.month) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [series('certificate'), series('verification')]
    }
  }, [trend, t, num, pct])
  return <EChart option={option} height={260} testId="rates-trend" ariaLabel={t('rates.trend')} />
}
