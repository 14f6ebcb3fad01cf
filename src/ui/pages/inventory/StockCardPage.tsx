/**
 * The stock card (/stock/card?lot=… or ?product=…): every move of a lot or a product, oldest
 * first, with the running balance, paged on the backend — date, kind in words, document number,
 * counterparty (supplier, village or person), in, out, balance, reason and note, who and when.
 * A reversal links to the move it undoes and a reversed move to its reversal; a stock keeper
 * reverses a move from here (with a reason), and a move that cannot be reversed says why.
 */
import { Button, Card, Descriptions, Space, Tag, Tooltip, Typography } from 'antd'
import { ArrowLeftOutlined, UndoOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { MoveKind, ProductStock, StockCard, StockCardRow } from '../../../api/inventory'
import { call } from '../../app/client'
import { fmtDateTime } from '../../components/format'
import { PagedTable } from '../../components/PagedTable'
import { usePagedList } from '../../components/usePagedList'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { ruleMessage } from '../../app/errors'
import { StockMoveModal } from './StockMoveModal'
import { StockReverseModal } from './StockReverseModal'
import { cardPath, counterparty, ExpiryText, KindTag, STOCK_PATH, useReasonText } from './StockWords'
import { unitWord, useQty } from './quantity'
import { productName } from './useProducts'

/** the kinds a clerk may reverse (the core's rule: the moves a clerk makes) */
const CLERK_REVERSIBLE: MoveKind[] = ['receipt', 'issue', 'dispense', 'return']

type Key = { lotId: string } | { productId: string }
const fetchCard = (q: Key & { page: number; pageSize: number }) => call('inventory.stockCard', q)

export function StockCardPage() {
  const { t, has, lang, num } = useI18n()
  const { info, can, session } = useApp()
  const { fail, ok } = useNotify()
  const qty = useQty()
  const reasonText = useReasonText()
  const { query } = useRoute()
  const lotId = query.get('lot')
  const productId = query.get('product')
  const key = useMemo<Key>(() => (lotId ? { lotId } : { productId: productId ?? '' }), [lotId, productId])
  const list = usePagedList(fetchCard, key)
  const [head, setHead] = useState<ProductStock | null>(null)
  const [reversing, setReversing] = useState<StockCardRow | null>(null)
  const [viewing, setViewing] = useState<string | null>(null)
  const keeper = can('head', 'clerk')

  const loadHead = useCallback(async () => {
    try {
      const s = await call('inventory.stock', lotId ? { lotId, includeEmpty: true } : { productId: productId ?? '', includeEmpty: true })
      setHead(s[0] ?? null)
    } catch (e) {
      fail(e)
    }
  }, [lotId, productId, fail])
  useEffect(() => {
    void loadHead()
  }, [loadHead])

  const lot = lotId ? head?.lots.find((l) => l.lotId === lotId) : undefined
  const pack = head ?? { unit: 'piece' as const, packUnit: 'box' as const, packSize: 1 }

  /** why a move cannot be reversed by this user, or null */
  const refusal = (m: StockCardRow): string | null => {
    if (m.kind === 'reversal') return ruleMessage(t, has, 'reverse_reversal')
    if (m.reversedById) return ruleMessage(t, has, 'already_reversed')
    if (session.role !== 'head' && !CLERK_REVERSIBLE.includes(m.kind)) return t('inventory.error.headOnly', { kind: t(`inventory.kind.${m.kind}`) })
    return null
  }

  const unitHead = (key: string) => t('inventory.card.unitHead', { label: t(key), unit: unitWord(t, pack.unit, 2) })
  const columns = [
    {
      title: t('inventory.field.dateBy'),
      key: 'date',
      width: 150,
      render: (_: unknown, m: StockCardRow) => (
        <div style={{ lineHeight: 1.35 }}>
          <span className="sd-num">{m.date}</span>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} title={t('inventory.card.enteredBy')}>
            {m.createdBy} · {fmtDateTime(m.createdAt, info.timeZone, false)}
          </Typography.Text>
        </div>
      )
    },
    {
      title: t('inventory.field.kind'),
      key: 'kind',
      width: 140,
      render: (_: unknown, m: StockCardRow) => (
        <Space size={4} wrap>
          <KindTag kind={m.kind} />
          {m.reversesId && (
            <a onClick={() => setViewing(m.reversesId)} data-testid="card-original-link">
              {t('inventory.card.original')}
            </a>
          )}
          {m.reversedById && (
            <Tag color="default" style={{ cursor: 'pointer' }} onClick={() => setViewing(m.reversedById)} data-testid="card-reversed-tag">
              {t('inventory.card.reversed')}
            </Tag>
          )}
          {!lotId && (
            <a href={`#${cardPath({ lot: m.lotId })}`} style={{ fontSize: 12 }} data-testid="card-lot-link">
              {t('inventory.card.lot', { lotNumber: m.lotNumber })}
            </a>
          )}
        </Space>
      )
    },
    {
      title: t('inventory.field.counterpartyDoc'),
      key: 'who',
      width: 160,
      render: (_: unknown, m: StockCardRow) => (
        <div style={{ lineHeight: 1.35 }}>
          <Typography.Text ellipsis={{ tooltip: counterparty(m) }} style={{ maxWidth: 144, color: 'inherit' }}>
            {counterparty(m)}
          </Typography.Text>
          {m.documentNo && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('inventory.card.doc', { documentNo: m.documentNo })}
            </Typography.Text>
          )}
        </div>
      )
    },
    { title: unitHead('inventory.field.in'), key: 'in', width: 90, align: 'right' as const, render: (_: unknown, m: StockCardRow) => (m.quantity > 0 ? <span className="sd-num">{num(m.quantity)}</span> : null) },
    { title: unitHead('inventory.field.out'), key: 'out', width: 90, align: 'right' as const, render: (_: unknown, m: StockCardRow) => (m.quantity < 0 ? <span className="sd-num">{num(-m.quantity)}</span> : null) },
    { title: t('inventory.field.balance'), key: 'bal', width: 130, align: 'right' as const, render: (_: unknown, m: StockCardRow) => <strong className="sd-num" style={{ whiteSpace: 'nowrap' }} data-testid="card-balance">{qty(m.balance, pack)}</strong> },
    {
      title: t('inventory.field.reasonNote'),
      key: 'note',
      ellipsis: { showTitle: true },
      render: (_: unknown, m: StockCardRow) => [reasonText(m), m.witness ? t('inventory.card.witness', { witness: m.witness }) : '', m.note].filter(Boolean).join('；')
    },
    ...(keeper
      ? [
          {
            title: '',
            key: 'act',
            width: 100,
            render: (_: unknown, m: StockCardRow) => {
              const why = refusal(m)
              return (
                <Tooltip title={why}>
                  <Button size="small" icon={<UndoOutlined />} disabled={why !== null} onClick={() => setReversing(m)} data-testid="card-reverse">
                    {t('inventory.card.reverse')}
                  </Button>
                </Tooltip>
              )
            }
          }
        ]
      : [])
  ]

  return (
    <div data-testid="stock-card-page">
      <div className="sd-page-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(STOCK_PATH)}>
          {t('inventory.card.back')}
        </Button>
        {lot && head && (
          <a href={`#${cardPath({ product: head.productId })}`} data-testid="card-product-link">
            {t('inventory.card.productCard')}
          </a>
        )}
      </div>
      {head && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Descriptions size="small" column={4} data-testid="card-head">
            <Descriptions.Item label={t('inventory.field.product')}>
              {productName(lang, head)}&nbsp;<Typography.Text type="secondary">({head.code})</Typography.Text>
            </Descriptions.Item>
            {lot && <Descriptions.Item label={t('inventory.field.lotNumber')}>{lot.lotNumber}</Descriptions.Item>}
            {lot && (
              <Descriptions.Item label={t('inventory.field.expiry')}>
                <ExpiryText expiry={lot.expiry} days={lot.daysToExpiry} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('inventory.card.balanceNow')}>
              <strong className="sd-num" data-testid="card-balance-now">
                {qty(lot ? lot.balance : head.onHand, head)}
              </strong>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {list.data && list.data.page > 1 && (
        <Typography.Paragraph type="secondary">{t('inventory.card.opening', { balance: qty((list.data as StockCard).opening, pack) })}</Typography.Paragraph>
      )}
      <PagedTable<StockCardRow>
        list={list}
        testId="stock-card-table"
        columns={columns}
        scroll={{ x: 1000 }}
        onRow={(m) => ({ style: m.reversedById || m.kind === 'reversal' ? { color: '#8c8c8c' } : undefined })}
      />
      <StockReverseModal
        move={reversing}
        pack={pack}
        onClose={() => setReversing(null)}
        onDone={() => {
          setReversing(null)
          ok(t('inventory.card.reversedOk'))
          void list.reload()
          void loadHead()
        }}
      />
      <StockMoveModal moveId={viewing} pack={pack} onClose={() => setViewing(null)} onOpen={(id) => setViewing(id)} />
    </div>
  )
}
