/**
 * The district report's sections below the stations: screening by kind with its coverage, stock
 * by product (summed over the stations whose report has it), certificates and verifications, and
 * a rate said as "num / den" with its percent.
 */
import { Card, Descriptions, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { Rate } from '../../../api/campaigns'
import type { DistrictReport, DistrictStockRow } from '../../../api/district'
import { MOVE_KINDS } from '../../../api/inventory/common'
import { useI18n } from '../../app/i18n'
import { unitWord } from '../inventory/quantity'
import { productName } from '../inventory/useProducts'
import { percentOf } from './words'

/** "12 / 40 · 30.0%" (or "— " when nothing to divide by) */
export function RateCell({ rate, testId }: { rate: Rate; testId?: string }) {
  const { num, lang } = useI18n()
  const pct = percentOf(lang)
  return (
    <span className="sd-num" data-testid={testId} data-num={rate.num} data-den={rate.den} style={{ whiteSpace: 'nowrap' }}>
      {num(rate.num)} / {num(rate.den)}
      <Typography.Text strong style={{ marginLeft: 8 }}>
        {pct(rate)}
      </Typography.Text>
    </span>
  )
}

type KindRow = DistrictReport['screening'][number]

export function ScreeningSection({ report }: { report: DistrictReport }) {
  const { t, num } = useI18n()
  const n = (v: number) => <span className="sd-num">{num(v)}</span>
  const columns: ColumnsType<KindRow> = [
    { title: t('district.report.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => t(`screening.kind.${k}`) },
    { title: t('district.report.campaigns'), dataIndex: 'campaigns', key: 'campaigns', align: 'right', render: n },
    { title: t('district.report.target'), dataIndex: 'target', key: 'target', align: 'right', render: n },
    { title: t('district.report.screenedToDate'), dataIndex: 'screenedToDate', key: 'screenedToDate', align: 'right', render: n },
    { title: t('district.report.screenedInMonth'), dataIndex: 'screenedInMonth', key: 'screenedInMonth', align: 'right', render: (v: number, r) => <span className="sd-num" data-testid={`report-kind-screened-${r.kind}`}>{num(v)}</span> },
    { title: t('district.report.abnormal'), dataIndex: 'abnormalInMonth', key: 'abnormal', align: 'right', render: n },
    { title: t('district.report.referred'), dataIndex: 'referredInMonth', key: 'referred', align: 'right', render: n },
    { title: t('district.report.coverage'), key: 'coverage', render: (_, r) => <RateCell rate={r.coverage} testId={`report-coverage-${r.kind}`} /> }
  ]
  return (
    <Card size="small" title={t('district.report.screeningTitle')} style={{ marginBottom: 12 }}>
      <Table<KindRow> rowKey="kind" size="small" dataSource={report.screening} columns={columns} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('district.report.noScreening') }} data-testid="report-screening" />
    </Card>
  )
}

export function StockSection({ report }: { report: DistrictReport }) {
  const { t, num, lang } = useI18n()
  // products that held or moved nothing this month at any station are left out (counted below the table)
  const rows = report.stock.filter((r) => r.opening !== 0 || r.closing !== 0 || MOVE_KINDS.some((k) => r.columns[k] !== 0))
  const hidden = report.stock.length - rows.length
  const kinds = MOVE_KINDS.filter((k) => rows.some((r) => r.columns[k] !== 0))
  const n = (v: number) => <span className="sd-num">{num(v)}</span>
  const change = (v: number) => (v === 0 ? <Typography.Text type="secondary">·</Typography.Text> : <span className="sd-num" style={{ color: v < 0 ? '#a8071a' : '#237804' }}>{v > 0 ? `+${num(v)}` : `−${num(-v)}`}</span>)
  const columns: ColumnsType<DistrictStockRow> = [
    {
      title: t('district.report.product'),
      key: 'product',
      render: (_, r) => (
        <div>
          <div>{productName(lang, r)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code} · {unitWord(t, r.unit, 2)}
          </Typography.Text>
        </div>
      )
    },
    { title: t('district.report.stations'), dataIndex: 'stations', key: 'stations', align: 'right', render: n },
    { title: t('district.report.opening'), dataIndex: 'opening', key: 'opening', align: 'right', render: n },
    ...kinds.map((k) => ({ title: t(`inventory.kind.${k}`), key: k, align: 'right' as const, render: (_: unknown, r: DistrictStockRow) => change(r.columns[k]) })),
    { title: t('district.report.closing'), dataIndex: 'closing', key: 'closing', align: 'right', render: (v: number, r) => <strong className="sd-num" data-testid={`report-stock-closing-${r.code}`}>{num(v)}</strong> },
    { title: t('district.report.consumed'), dataIndex: 'consumed', key: 'consumed', align: 'right', render: n }
  ]
  return (
    <Card size="small" title={t('district.report.stockTitle')} style={{ marginBottom: 12 }}>
      <Table<DistrictStockRow> rowKey="code" size="small" dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('district.report.noStock') }} data-testid="report-stock" />
      {hidden > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('district.report.stockHidden', { n: hidden })}
        </Typography.Paragraph>
      )}
    </Card>
  )
}

export function CertificatesSection({ report }: { report: DistrictReport }) {
  const { t, num } = useI18n()
  const c = report.certificates
  const v = c.verifications
  const n = (x: number, testId?: string) => (
    <span className="sd-num" data-testid={testId}>
      {num(x)}
    </span>
  )
  const byResult = Object.entries(v.byResult)
    .filter(([, k]) => k > 0)
    .map(([r, k]) => `${t(`verify.result.${r}`)} ${num(k)}`)
    .join(t('district.sep'))
  return (
    <Card size="small" title={t('district.report.certificatesTitle')} style={{ marginBottom: 12 }} data-testid="report-certificates">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'issued', label: t('district.report.issued'), children: n(c.issued, 'report-cert-issued') },
          { key: 'renewed', label: t('district.report.renewed'), children: n(c.renewed) },
          { key: 'voided', label: t('district.report.voided'), children: n(c.voided) },
          { key: 'valid', label: t('district.report.validAtMonthEnd'), children: n(c.validAtMonthEnd) },
          { key: 'verifications', label: t('district.report.verificationsTotal'), children: n(v.total, 'report-cert-verifications') },
          { key: 'how', label: t('district.report.verificationsHow'), children: t('district.report.byQrHand', { qr: num(v.byQr), hand: num(v.byHand) }) },
          { key: 'results', label: t('district.report.verificationsResults'), span: 2, children: byResult || <Typography.Text type="secondary">—</Typography.Text> },
          { key: 'certRate', label: t('rates.kind.certificate'), children: <RateCell rate={report.rates.certificate} testId="report-rate-certificate" /> },
          { key: 'verRate', label: t('rates.kind.verification'), children: <RateCell rate={report.rates.verification} testId="report-rate-verification" /> }
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {t('district.report.ratesNote')}
      </Typography.Paragraph>
    </Card>
  )
}
