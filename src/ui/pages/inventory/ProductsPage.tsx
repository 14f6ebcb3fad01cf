/**
 * The product catalogue (/stock/products, 药具目录): every product with its category, base unit
 * and pack, yearly limit per person, min/max months of stock, whether in use, and what is on
 * hand; a head adds and edits products and sets how many days before expiry a lot is flagged
 * (inventory.settings). Others read.
 */
import { Button, Card, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { EditOutlined, PlusOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import type { Product } from '../../../api/inventory'
import { call, callResult } from '../../app/client'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { ProductsForm } from './ProductsForm'
import { packIsUnit, unitWord, useQty } from './quantity'
import { useProducts } from './useProducts'

export function ProductsPage() {
  const { t, num } = useI18n()
  const { can } = useApp()
  const { ok } = useNotify()
  const qty = useQty()
  const head = can('head')
  const [showInactive, setShowInactive] = useState(false)
  const products = useProducts(true)
  const [editing, setEditing] = useState<Product | null>(null)
  const [adding, setAdding] = useState(false)
  const list = products.list.filter((p) => showInactive || p.active)
  const nowrap = { style: { whiteSpace: 'nowrap' as const } }

  const columns: ColumnsType<Product> = [
    {
      title: t('stockReports.products.col.name'),
      key: 'name',
      render: (_, p) => (
        <div>
          <div>{products.name(p)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span className="sd-num">{p.code}</span>
            {(products.name(p) === p.name ? p.nameEn : p.name) && ` · ${products.name(p) === p.name ? p.nameEn : p.name}`}
          </Typography.Text>
        </div>
      )
    },
    { title: t('stockReports.products.col.category'), dataIndex: 'category', key: 'category', onCell: () => nowrap, render: (c: string) => t(`stockReports.category.${c}`) },
    { title: t('stockReports.products.col.unit'), key: 'unit', onCell: () => nowrap, render: (_, p) => unitWord(t, p.unit, 2) },
    { title: t('stockReports.products.col.pack'), key: 'pack', onCell: () => nowrap, render: (_, p) => (packIsUnit(p) ? <Typography.Text type="secondary">{t('stockReports.products.single')}</Typography.Text> : t('inventory.qty.packRule', { pack: unitWord(t, p.packUnit, 1, true), size: num(p.packSize), unit: unitWord(t, p.unit, p.packSize) })) },
    { title: t('stockReports.products.col.yearlyLimit'), key: 'limit', onCell: () => nowrap, align: 'right', render: (_, p) => (p.yearlyLimit === null ? <Typography.Text type="secondary">{t('stockReports.products.noLimit')}</Typography.Text> : `${num(p.yearlyLimit)} ${unitWord(t, p.unit, p.yearlyLimit)}`) },
    { title: t('stockReports.products.col.months'), key: 'months', onCell: () => nowrap, align: 'right', render: (_, p) => t('stockReports.products.monthsRange', { min: num(p.minMonths), max: num(p.maxMonths) }) },
    { title: t('stockReports.products.col.onHand'), key: 'onHand', onCell: () => nowrap, align: 'right', render: (_, p) => <span className="sd-num">{qty(p.onHand, p)}</span> },
    { title: t('stockReports.products.col.active'), key: 'active', onCell: () => nowrap, render: (_, p) => (p.active ? <Tag color="green">{t('stockReports.products.inUse')}</Tag> : <Tag>{t('stockReports.products.notInUse')}</Tag>) },
    ...(head
      ? [
          {
            title: '',
            key: 'edit',
            render: (_: unknown, p: Product) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid={`product-edit-${p.code}`}>
                {t('stockReports.products.edit')}
              </Button>
            )
          }
        ]
      : [])
  ]

  return (
    <div data-testid="products-page">
      <div className="sd-page-toolbar">
        <span className="sd-grow" />
        <Space>
          <Switch checked={showInactive} onChange={setShowInactive} data-testid="products-inactive" />
          <span>{t('stockReports.products.showInactive')}</span>
        </Space>
        {head && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="product-add">
            {t('stockReports.products.add')}
          </Button>
        )}
      </div>
      <ExpirySetting head={head} />
      <div data-testid="products-table">
        <Table<Product> rowKey="id" size="middle" loading={products.loading} columns={columns} dataSource={list} pagination={false} />
      </div>
      <ProductsForm
        key={editing?.id ?? (adding ? 'new' : 'none')}
        product={editing}
        open={adding || editing !== null}
        onClose={() => {
          setEditing(null)
          setAdding(false)
        }}
        onSaved={(p) => {
          setEditing(null)
          setAdding(false)
          ok(t('stockReports.products.saved', { name: p.name }))
          void products.reload()
        }}
      />
    </div>
  )
}

/** days before expiry a lot is flagged on the stock page; the head changes it */
function ExpirySetting({ head }: { head: boolean }) {
  const { t, has } = useI18n()
  const { ok, fail } = useNotify()
  const [days, setDays] = useState<number | null>(null)
  const [saved, setSaved] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    call('inventory.settings', {}).then((s) => {
      setDays(s.expiryAlertDays)
      setSaved(s.expiryAlertDays)
    }, fail)
  }, [fail])
  const save = async () => {
    setError(null)
    if (days === null) return setError(t('stockReports.products.daysRequired'))
    setBusy(true)
    const r = await callResult('inventory.settingsSave', { expiryAlertDays: days })
    setBusy(false)
    if (!r.ok) {
      const f = r.error.details?.fields?.[0]
      return setError(f ? ruleMessage(t, has, f.rule) : errorText(t, has, r.error))
    }
    setSaved(r.data.expiryAlertDays)
    ok(t('stockReports.products.daysSaved', { n: r.data.expiryAlertDays }))
  }
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="expiry-setting">
      <Space wrap align="center">
        <span>{t('stockReports.products.expiryDays')}</span>
        <InputNumber min={1} max={730} precision={0} value={days} disabled={!head} onChange={(v) => setDays(typeof v === 'number' ? v : null)} onPressEnter={() => head && void save()} status={error ? 'error' : undefined} style={{ width: 110 }} addonAfter={t('stockReports.products.days')} data-testid="expiry-days" />
        {head && (
          <Button onClick={() => void save()} loading={busy} disabled={days === saved} data-testid="expiry-save">
            {t('common.save')}
          </Button>
        )}
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : <Typography.Text type="secondary">{t('stockReports.products.expiryHint')}</Typography.Text>}
      </Space>
    </Card>
  )
}
