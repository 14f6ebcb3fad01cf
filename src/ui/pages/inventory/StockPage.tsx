/**
 * Stock on hand (/stock): the day's work in the toolbar (receive, issue to a village, dispense
 * to a person, return), the alerts above, then every product in catalogue order with its stock
 * in base units and packs, months of stock and status tags; a product opens to its lots (lot
 * number, expiry with the days left, balance). A product or a lot opens its stock card.
 */
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd'
import { ExportOutlined, ImportOutlined, ReloadOutlined, RollbackOutlined, UserOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react'
import type { Alerts, LotStock, ProductStock } from '../../../api/inventory'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { StockAlerts } from './StockAlerts'
import { cardPath, ExpiryText } from './StockWords'
import { useQty } from './quantity'
import { productName } from './useProducts'
import { HeadMoveButtons } from './HeadMoveButtons'

interface Row extends ProductStock {
  months: number | null
  amc: number | null
  level: 'below_min' | 'above_max' | null
  expiring: number
  expired: number
}

/** months of stock as the alerts count them: lots not expired ÷ the average monthly consumption of the last 3 full months */
function monthsOf(p: ProductStock, amc: number | undefined): number | null {
  if (!amc || amc <= 0) return null
  const good = p.lots.filter((l) => !l.expired).reduce((s, l) => s + l.balance, 0)
  return Math.round((good / amc) * 10) / 10
}

export function StockPage() {
  const { t, lang, num } = useI18n()
  const { can } = useApp()
  const { fail } = useNotify()
  const qty = useQty()
  const [stock, setStock] = useState<ProductStock[] | null>(null)
  const [alerts, setAlerts] = useState<Alerts | null>(null)
  const [amc, setAmc] = useState<Map<string, number>>(new Map())
  const [loading, setLoading] = useState(false)
  const keeper = can('head', 'clerk')

  const load = useCallback(async () => {
    setLoading(true)
    try {
      const [s, a] = await Promise.all([call('inventory.stock', {}), call('inventory.alerts', {})])
      setStock(s)
      setAlerts(a)
      // the AMC of every product (the alerts carry it only for those outside min/max): the
      // monthly report of the last of the 3 months averaged, which only stock keepers read
      if (keeper) {
        const r = await call('inventory.monthlyReport', { period: a.amcMonths[a.amcMonths.length - 1] })
        setAmc(new Map(r.rows.map((x) => [x.productId, x.amc])))
      }
    } catch (e) {
      fail(e)
    } finally {
      setLoading(false)
    }
  }, [fail, keeper])
  useEffect(() => {
    void load()
  }, [load])

  const rows = useMemo<Row[]>(() => {
    if (!stock || !alerts) return []
    const levels = new Map(alerts.levels.map((l) => [l.productId, l]))
    return stock.map((p) => {
      const l = levels.get(p.productId)
      const a = l?.amc ?? amc.get(p.productId) ?? null
      return {
        ...p,
        amc: a,
        months: l ? l.monthsOfStock : monthsOf(p, a ?? undefined),
        level: l?.level ?? null,
        expiring: p.lots.filter((x) => !x.expired && x.balance > 0 && x.daysToExpiry <= alerts.expiryAlertDays).length,
        expired: p.lots.filter((x) => x.expired && x.balance > 0).length
      }
    })
  }, [stock, alerts, amc])

  const nameOf = useCallback((id: string, fallback: string) => {
    const p = stock?.find((x) => x.productId === id)
    return p ? productName(lang, p) : fallback
  }, [stock, lang])

  const lotTable = (p: Row) => (
    <Table<LotStock>
      size="small"
      rowKey="lotId"
      pagination={false}
      style={{ margin: '4px 0 4px 24px', maxWidth: 820 }}
      dataSource={p.lots}
      locale={{ emptyText: t('inventory.stock.noLots') }}
      data-testid={`stock-lots-${p.code}`}
      columns={[
        { title: t('inventory.field.lotNumber'), key: 'n', render: (_, l) => <a href={`#${cardPath({ lot: l.lotId })}`} data-testid="stock-lot-link">{l.lotNumber}</a> },
        { title: t('inventory.field.expiry'), key: 'e', render: (_, l) => <ExpiryText expiry={l.expiry} days={l.daysToExpiry} warnDays={alerts?.expiryAlertDays} /> },
        { title: t('inventory.field.balance'), key: 'b', align: 'right', render: (_, l) => <span className="sd-num">{qty(l.balance, p)}</span> },
        { title: t('inventory.field.maker'), dataIndex: 'maker' }
      ]}
    />
  )

  return (
    <div data-testid="stock-page">
      <div className="sd-page-toolbar">
        {keeper && (
          <Space wrap>
            <Button type="primary" icon={<ImportOutlined />} onClick={() => navigate('/stock/receive')} data-testid="stock-receive">
              {t('inventory.nav.receive')}
            </Button>
            <Button icon={<ExportOutlined />} onClick={() => navigate('/stock/issue')} data-testid="stock-issue">
              {t('inventory.nav.issue')}
            </Button>
            <Button icon={<UserOutlined />} onClick={() => navigate('/stock/dispense')} data-testid="stock-dispense">
              {t('inventory.nav.dispense')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => navigate('/stock/return')} data-testid="stock-return">
              {t('inventory.nav.return')}
            </Button>
            {/* adjust, waste, destroy expired stock: the head's alone (renders nothing for others) */}
            <HeadMoveButtons onDone={() => void load()} />
          </Space>
        )}
        <span className="sd-grow" />
        {alerts && <Typography.Text type="secondary">{t('inventory.stock.asOf', { today: alerts.today })}</Typography.Text>}
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
          {t('inventory.stock.refresh')}
        </Button>
      </div>
      {alerts && <StockAlerts alerts={alerts} name={nameOf} />}
      <Table<Row>
        rowKey="productId"
        size="middle"
        loading={loading && !stock}
        dataSource={rows}
        pagination={false}
        data-testid="stock-table"
        expandable={{ expandedRowRender: lotTable, rowExpandable: (p) => p.lots.length > 0, expandRowByClick: true }}
        onRow={(p) => ({ 'data-testid': `stock-row-${p.code}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('inventory.field.product'),
            key: 'name',
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <span>{productName(lang, p)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.code} · {t('inventory.stock.lotsCount', { n: p.lots.length })}
                </Typography.Text>
              </Space>
            )
          },
          {
            title: t('inventory.field.onHand'),
            key: 'onHand',
            align: 'right',
            render: (_, p) => {
              const expired = p.lots.filter((l) => l.expired).reduce((s, l) => s + l.balance, 0)
              return (
                <>
                  <span className="sd-num" data-testid="stock-onhand">{qty(p.onHand, p)}</span>
                  {expired > 0 && (
                    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
                      {t('inventory.stock.ofWhichExpired', { quantity: qty(expired, p) })}
                    </Typography.Text>
                  )}
                </>
              )
            }
          },
          {
            title: <Tooltip title={t('inventory.stock.monthsHint')}>{t('inventory.field.months')}</Tooltip>,
            key: 'months',
            align: 'right',
            render: (_, p) =>
              p.months === null ? (
                <Tooltip title={t('inventory.stock.noConsumption')}>
                  <Typography.Text type="secondary">—</Typography.Text>
                </Tooltip>
              ) : (
                <Tooltip title={t('inventory.stock.amcTip', { amc: num(p.amc ?? 0) })}>
                  <span className="sd-num">{num(p.months)}</span>
                </Tooltip>
              )
          },
          {
            title: t('inventory.field.status'),
            key: 'status',
            render: (_, p) => (
              <Space size={4} wrap>
                {p.level === 'below_min' && <Tag color="red">{t('inventory.status.belowMin')}</Tag>}
                {p.level === 'above_max' && <Tag color="blue">{t('inventory.status.aboveMax')}</Tag>}
                {p.expiring > 0 && <Tag color="orange">{t('inventory.status.expiring', { n: p.expiring })}</Tag>}
                {p.expired > 0 && <Tag color="volcano">{t('inventory.status.expired', { n: p.expired })}</Tag>}
                {p.onHand === 0 && <Tag>{t('inventory.status.none')}</Tag>}
              </Space>
            )
          },
          {
            title: '',
            key: 'card',
            render: (_, p) => (
              <a href={`#${cardPath({ product: p.productId })}`} onClick={(e) => e.stopPropagation()} data-testid="stock-card-link">
                {t('inventory.stock.card')}
              </a>
            )
          }
        ]}
      />
    </div>
  )
}
