/**
 * The home page's stock card (dashboard.summary → stock; head, clerk and clinician): expired lots
 * still on hand, lots expiring within the alert window, products below their minimum or above
 * their maximum months of stock — the stock alerts' own figures — and the moves of this month
 * by kind. The first lots and products are listed with their quantities in packs; each leads to
 * its stock card, the figures to the stock page.
 */
import { Card, Empty, Statistic, Tag, Typography } from 'antd'
import { RightOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { StockSummary } from '../../../api/dashboard'
import { MOVE_KINDS } from '../../../api/inventory'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useQty } from '../inventory/quantity'
import { productName } from '../inventory/useProducts'

const STOCK = '/stock'
const card = (k: 'lot' | 'product', id: string) => `/stock/card?${k}=${encodeURIComponent(id)}`

export function StockCard({ s }: { s: StockSummary }) {
  const { t, num, lang } = useI18n()
  const qty = useQty()
  const months = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 })
  const figure = (key: string, title: string, value: number, color?: string) => (
    <Statistic
      title={<Typography.Link onClick={() => navigate(STOCK)} style={{ color: 'inherit' }}>{title}</Typography.Link>}
      value={value}
      formatter={(v) => <span data-testid={`dashboard-stock-${key}`}>{num(Number(v))}</span>}
      styles={value > 0 && color ? { content: { color } } : undefined}
    />
  )
  const kinds = MOVE_KINDS.filter((k) => s.movesByKind[k])
  const more = (shown: number, total: number) =>
    total > shown ? (
      <Typography.Link onClick={() => navigate(STOCK)} style={{ fontSize: 12 }}>
        {t('dashboard.stock.more', { n: num(total - shown) })}
      </Typography.Link>
    ) : null

  return (
    <Card
      size="small"
      title={t('dashboard.stock.title')}
      style={{ height: '100%' }}
      data-testid="dashboard-stock"
      extra={
        <Typography.Link onClick={() => navigate(STOCK)} style={{ fontSize: 13 }} data-testid="dashboard-stock-open">
          {t('dashboard.stock.open')}
        </Typography.Link>
      }
    >
      <div style={{ display: 'flex', gap: 28, flexWrap: 'wrap', alignItems: 'flex-start', marginBottom: 12 }}>
        {figure('expired', t('dashboard.stock.expired'), s.expired, '#cf1322')}
        {figure('expiring', t('dashboard.stock.expiring', { days: num(s.expiryAlertDays) }), s.expiring, '#d48806')}
        {figure('below', t('dashboard.stock.belowMin'), s.belowMin, '#cf1322')}
        {figure('above', t('dashboard.stock.aboveMax'), s.aboveMax, '#d48806')}
        <div>
          {figure('moves', t('dashboard.stock.moves', { month: s.month }), s.movesThisMonth)}
          {kinds.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dashboard-stock-kinds">
              {kinds.map((k) => `${t(`inventory.kind.${k}`)} ${num(s.movesByKind[k]!)}`).join(' · ')}
            </Typography.Text>
          )}
        </div>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))', gap: 16 }}>
        <section>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('dashboard.stock.lotsTitle', { days: num(s.expiryAlertDays) })}
          </Typography.Text>
          {s.lots.length ? (
            s.lots.map((l) => (
              <Line
                key={l.lotId}
                testId="dashboard-stock-lot"
                onOpen={() => navigate(card('lot', l.lotId))}
                tag={
                  l.expired ? (
                    <Tag color="red">{t('dashboard.stock.expiredAgo', { n: num(-l.daysToExpiry) })}</Tag>
                  ) : (
                    <Tag color="orange">{t('dashboard.stock.daysLeft', { n: num(l.daysToExpiry) })}</Tag>
                  )
                }
                name={productName(lang, { name: l.productName, nameEn: l.productNameEn })}
                detail={
                  <>
                    <span className="sd-num">{l.lotNumber}</span> · {t('dashboard.stock.expiry', { date: l.expiry })}
                  </>
                }
                amount={qty(l.balance, l)}
              />
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '4px 0' }} description={t('dashboard.stock.noLots')} data-testid="dashboard-stock-no-lots" />
          )}
          {more(s.lots.length, s.expired + s.expiring)}
        </section>
        <section>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('dashboard.stock.levelsTitle', { from: s.amcMonths[0], to: s.amcMonths[s.amcMonths.length - 1] })}
          </Typography.Text>
          {s.levels.length ? (
            s.levels.map((l) => (
              <Line
                key={l.productId}
                testId="dashboard-stock-level"
                onOpen={() => navigate(card('product', l.productId))}
                tag={l.level === 'below_min' ? <Tag color="red">{t('dashboard.stock.below')}</Tag> : <Tag color="gold">{t('dashboard.stock.above')}</Tag>}
                name={productName(lang, { name: l.productName, nameEn: l.productNameEn })}
                detail={t('dashboard.stock.monthsOf', { months: months.format(l.monthsOfStock), min: months.format(l.minMonths), max: months.format(l.maxMonths) })}
                amount={qty(l.onHand, l)}
              />
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '4px 0' }} description={t('dashboard.stock.noLevels')} data-testid="dashboard-stock-no-levels" />
          )}
          {more(s.levels.length, s.belowMin + s.aboveMax)}
        </section>
      </div>
    </Card>
  )
}

function Line({ tag, name, detail, amount, onOpen, testId }: { tag: ReactNode; name: string; detail: ReactNode; amount: string; onOpen(): void; testId: string }) {
  return (
    <div
      role="link"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => e.key === 'Enter' && onOpen()}
      style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr) auto 14px', gap: 8, alignItems: 'center', padding: '5px 8px', border: '1px solid #f0f0f0', borderRadius: 6, marginBottom: 6, cursor: 'pointer' }}
      data-testid={testId}
    >
      {tag}
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong ellipsis style={{ display: 'block' }} title={name}>
          {name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {detail}
        </Typography.Text>
      </div>
      <span className="sd-num" style={{ whiteSpace: 'nowrap' }}>
        {amount}
      </span>
      <RightOutlined style={{ color: '#bfbfbf' }} />
    </div>
  )
}
