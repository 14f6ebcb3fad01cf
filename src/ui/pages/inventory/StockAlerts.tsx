/**
 * The alerts above the stock list: lots expiring within the configured days, lots expired and
 * still on hand, products below their minimum or above their maximum months of stock. Each
 * figure opens the list behind it; a lot or product in a list opens its stock card.
 */
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { Alerts, ExpiryAlert, LevelAlert } from '../../../api/inventory'
import { useI18n } from '../../app/i18n'
import { cardPath, ExpiryText } from './StockWords'
import { useQty } from './quantity'

type Which = 'expiring' | 'expired' | 'below_min' | 'above_max'

/** `name` gives a product's name in the user's language (the alerts carry the Chinese one) */
export function StockAlerts({ alerts, name }: { alerts: Alerts; name(productId: string, fallback: string): string }) {
  const { t } = useI18n()
  const qty = useQty()
  const [open, setOpen] = useState<Which | null>(null)
  const expiring = alerts.expiring.filter((a) => !a.expired)
  const expired = alerts.expiring.filter((a) => a.expired)
  const below = alerts.levels.filter((l) => l.level === 'below_min')
  const above = alerts.levels.filter((l) => l.level === 'above_max')
  const tiles: { key: Which; title: string; n: number; color: string }[] = [
    { key: 'expiring', title: t('inventory.alerts.expiring', { days: alerts.expiryAlertDays }), n: expiring.length, color: '#d46b08' },
    { key: 'expired', title: t('inventory.alerts.expired'), n: expired.length, color: '#cf1322' },
    { key: 'below_min', title: t('inventory.alerts.belowMin'), n: below.length, color: '#cf1322' },
    { key: 'above_max', title: t('inventory.alerts.aboveMax'), n: above.length, color: '#1f6fb2' }
  ]

  const lotColumns = [
    { title: t('inventory.field.product'), key: 'p', render: (_: unknown, a: ExpiryAlert) => name(a.productId, a.productName) },
    { title: t('inventory.field.lotNumber'), key: 'l', render: (_: unknown, a: ExpiryAlert) => <a href={`#${cardPath({ lot: a.lotId })}`}>{a.lotNumber}</a> },
    { title: t('inventory.field.expiry'), key: 'e', render: (_: unknown, a: ExpiryAlert) => <ExpiryText expiry={a.expiry} days={a.daysToExpiry} /> },
    { title: t('inventory.field.balance'), key: 'b', align: 'right' as const, render: (_: unknown, a: ExpiryAlert) => <span className="sd-num">{qty(a.balance, a)}</span> }
  ]
  const levelColumns = [
    { title: t('inventory.field.product'), key: 'p', render: (_: unknown, a: LevelAlert) => <a href={`#${cardPath({ product: a.productId })}`}>{name(a.productId, a.productName)}</a> },
    { title: t('inventory.field.onHandGood'), key: 'o', align: 'right' as const, render: (_: unknown, a: LevelAlert) => <span className="sd-num">{qty(a.onHand, a)}</span> },
    { title: t('inventory.field.amc'), key: 'a', align: 'right' as const, render: (_: unknown, a: LevelAlert) => <span className="sd-num">{qty(a.amc, { ...a, packSize: 1 })}</span> },
    { title: t('inventory.field.months'), key: 'm', align: 'right' as const, render: (_: unknown, a: LevelAlert) => <span className="sd-num">{a.monthsOfStock}</span> },
    { title: t('inventory.field.minMax'), key: 'r', render: (_: unknown, a: LevelAlert) => t('inventory.stock.minMax', { min: a.minMonths, max: a.maxMonths }) }
  ]

  return (
    <div style={{ marginBottom: 12 }} data-testid="stock-alerts">
      <Row gutter={12}>
        {tiles.map((tile) => (
          <Col span={6} key={tile.key}>
            <Card
              size="small"
              hoverable={tile.n > 0}
              onClick={() => tile.n > 0 && setOpen(open === tile.key ? null : tile.key)}
              style={{ borderColor: open === tile.key ? tile.color : undefined, cursor: tile.n > 0 ? 'pointer' : 'default' }}
              data-testid={`stock-alert-${tile.key}`}
            >
              <Statistic title={tile.title} value={tile.n} styles={{ content: { color: tile.n > 0 ? tile.color : undefined } }} suffix={<span style={{ fontSize: 13 }}>{t(tile.key === 'expiring' || tile.key === 'expired' ? 'inventory.alerts.lots' : 'inventory.alerts.products')}</span>} />
            </Card>
          </Col>
        ))}
      </Row>
      {open && (
        <Card size="small" style={{ marginTop: 8 }} title={tiles.find((x) => x.key === open)?.title} extra={<a onClick={() => setOpen(null)}>{t('inventory.alerts.hide')}</a>} data-testid="stock-alert-list">
          {(open === 'expiring' || open === 'expired') && <Table<ExpiryAlert> size="small" rowKey="lotId" pagination={false} dataSource={open === 'expiring' ? expiring : expired} columns={lotColumns} />}
          {(open === 'below_min' || open === 'above_max') && (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('inventory.alerts.amcNote', { months: alerts.amcMonths.join('、') })}
              </Typography.Paragraph>
              <Table<LevelAlert> size="small" rowKey="productId" pagination={false} dataSource={open === 'below_min' ? below : above} columns={levelColumns} />
            </>
          )}
        </Card>
      )}
      {!open && (alerts.expiring.length > 0 || alerts.levels.length > 0) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('inventory.alerts.clickHint')}
        </Typography.Text>
      )}
      {tiles.every((x) => x.n === 0) && <Tag color="green">{t('inventory.alerts.none')}</Tag>}
    </div>
  )
}
