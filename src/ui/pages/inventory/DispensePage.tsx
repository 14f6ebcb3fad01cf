/**
 * Dispense to a person (/stock/dispense, 发放到人): find her in the register (ID card reader,
 * ID tail, name or pinyin), then product, quantity, date, lot (earliest expiry first unless
 * chosen with a reason), note. When her yearly limit would be passed the core says so: her
 * figures are shown and the clerk confirms (confirmLimit) or goes back. After a save the lots
 * taken and her year's total are shown and the lookup is ready for the next person; on a
 * refusal every value stays.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from 'antd'
import { SaveOutlined, WarningOutlined } from '@ant-design/icons'
import { useEffect, useRef, useState } from 'react'
import type { Move } from '../../../api/inventory'
import type { Person } from '../../../api/persons'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { enterToNext } from '../../components/enterNav'
import { stationToday } from '../persons/words'
import { DispensePerson } from './DispensePerson'
import { splitPath, useStockErrors } from './StockErrors'
import { dateItemProps, MoveDate, ProductSelect, QtyInput, qtyBase, useLots, type QtyValue } from './StockFields'
import { StockLotPick } from './StockLotPick'
import { StockResult } from './StockResult'
import { useProducts } from './useProducts'
import { LOT_CHOICE_REASONS } from '../../../api/inventory'
import { StockDocFrame } from './StockDocFrame'

interface Values {
  productId?: string
  qty: QtyValue
  date: string
  lotId: string
  lotReason?: (typeof LOT_CHOICE_REASONS)[number]
  note: string
}

interface Limit {
  limit: number
  already: number
  requested: number
  values: Values
}

export function DispensePage() {
  const { t, num } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const products = useProducts()
  const errors = useStockErrors()
  const [form] = Form.useForm<Values>()
  const today = stationToday(info.timeZone)
  const [person, setPerson] = useState<Person | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [limit, setLimit] = useState<Limit | null>(null)
  const [done, setDone] = useState<{ name: string; moves: Move[]; yearTotal: number; yearlyLimit: number | null; productId: string } | null>(null)
  const [version, setVersion] = useState(0)
  const productId = Form.useWatch('productId', form)
  const product = products.byId(productId)
  const lots = useLots(productId, false, version)
  const box = useRef<HTMLDivElement>(null)

  // a person chosen: the keyboard goes on to the product (the form was disabled until now)
  useEffect(() => {
    if (!person) return
    const h = setTimeout(() => {
      // unless the clerk is already in a field of the form
      const at = document.activeElement
      if (at && at !== document.body && box.current?.contains(at)) return
      box.current?.querySelector<HTMLElement>('[data-testid="dispense-product"] input')?.focus()
    }, 60)
    return () => clearTimeout(h)
  }, [person])

  const send = async (v: Values, confirmLimit: boolean) => {
    if (!person) return
    setError(null)
    setDone(null)
    setBusy(true)
    try {
      const p = products.byId(v.productId)
      const r = await callResult('inventory.dispense', {
        personId: person.id,
        date: v.date,
        productId: v.productId!,
        quantity: qtyBase(v.qty, p) ?? 0,
        ...(v.lotId ? { lotId: v.lotId, ...(v.lotReason ? { lotReason: v.lotReason } : {}) } : {}),
        note: v.note ?? '',
        confirmLimit
      })
      if (r.ok) {
        ok(t('inventory.dispense.saved', { name: person.name }))
        setDone({ name: person.name, moves: r.data.moves, yearTotal: r.data.yearTotal, yearlyLimit: r.data.yearlyLimit, productId: v.productId! })
        setVersion((x) => x + 1)
        form.setFieldsValue({ qty: { n: null, per: v.qty.per }, lotId: '', lotReason: undefined, note: '' })
        setPerson(null)
        return
      }
      const e = r.error
      if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_LOCKED') return fail(e)
      const d = e.details ?? {}
      if (e.code === 'VALIDATION' && d.fields?.some((f) => f.rule === 'yearly_limit'))
        return setLimit({ limit: Number(d.limit), already: Number(d.already), requested: Number(d.requested), values: v })
      errors.applyFields(form, e, (path) => (path === 'quantity' ? ['qty'] : path === 'personId' || path === 'confirmLimit' ? null : splitPath(path)), () => p)
      setError(await errors.describe(e, p && { ...p, name: products.name(p) }))
    } finally {
      setBusy(false)
    }
  }

  const save = async () => {
    if (!person) return setError(t('inventory.dispense.noPerson'))
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return setError(t('inventory.error.checkRed'))
    }
    await send(v, false)
  }

  const required = { required: true, message: t('errors.rule.required') }
  const limitProduct = products.byId(limit?.values.productId)
  const q = (n: number) => (limitProduct ? errors.qty(n, limitProduct) : num(n))

  return (
    <StockDocFrame ref={box} intro={t('inventory.dispense.intro')} onSave={() => void save()} maxWidth={1000} testId="dispense-page">
      {done && (
        <StockResult
          title={t('inventory.dispense.done', { name: done.name })}
          moves={done.moves}
          pack={(id) => products.byId(id)}
          extra={
            <Typography.Text data-testid="dispense-year">
              {done.yearlyLimit === null
                ? t('inventory.dispense.yearTotal', { total: errors.qty(done.yearTotal, products.byId(done.productId)!) })
                : t('inventory.dispense.yearTotalLimit', { total: errors.qty(done.yearTotal, products.byId(done.productId)!), limit: errors.qty(done.yearlyLimit, products.byId(done.productId)!) })}
            </Typography.Text>
          }
        />
      )}
      <Card size="small" title={t('inventory.dispense.who')} style={{ marginBottom: 12 }}>
        <DispensePerson person={person} onChange={(p) => (setPerson(p), setError(null))} today={today} />
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="dispense-error" />}
      <Card size="small" title={t('inventory.dispense.what')} style={{ opacity: person ? 1 : 0.6 }}>
        <div onKeyDownCapture={enterToNext(() => void save())}>
          <Form<Values> form={form} layout="horizontal" labelCol={{ flex: '110px' }} colon={false} requiredMark initialValues={{ date: today, qty: { n: null, per: 'unit' }, lotId: '', note: '' }} disabled={!person}>
            <Form.Item name="productId" label={t('inventory.field.product')} rules={[required]} getValueFromEvent={(v: string) => (form.setFieldValue('lotId', ''), v)}>
              <ProductSelect products={products} width={360} testId="dispense-product" />
            </Form.Item>
            <Form.Item
              name="qty"
              label={t('inventory.field.quantity')}
              required
              rules={[{ validator: async (_r, v: QtyValue | undefined) => { if (!v?.n || v.n < 1) throw new Error(t('errors.rule.quantity_positive')) } }]}
              extra={product?.yearlyLimit ? t('inventory.dispense.limitHint', { limit: errors.qty(product.yearlyLimit, product) }) : undefined}
            >
              <QtyInput product={product} testId="dispense-qty" />
            </Form.Item>
            <Form.Item name="date" label={t('inventory.field.date')} rules={[required]} {...dateItemProps}>
              <MoveDate today={today} testId="dispense-date" />
            </Form.Item>
            <StockLotPick lotName={['lotId']} reasonName={['lotReason']} lots={lots} pack={product} testId="dispense-lot" width={420} />
            <Form.Item name="note" label={t('inventory.field.note')}>
              <Input maxLength={200} style={{ width: 420 }} data-testid="dispense-note" />
            </Form.Item>
          </Form>
          <Space style={{ marginLeft: 110 }}>
            <Button type="primary" icon={<SaveOutlined />} loading={busy} disabled={!person} onClick={() => void save()} data-testid="dispense-save">
              {t('inventory.dispense.save')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inventory.dispense.keyboardHint')}
            </Typography.Text>
          </Space>
        </div>
      </Card>
      <Modal
        open={limit !== null}
        title={
          <Space>
            <WarningOutlined style={{ color: '#d46b08' }} />
            {t('inventory.dispense.limitTitle')}
          </Space>
        }
        okText={t('inventory.dispense.limitConfirm')}
        cancelText={t('inventory.dispense.limitBack')}
        okButtonProps={{ danger: true, 'data-testid': 'dispense-limit-ok' }}
        onCancel={() => setLimit(null)}
        onOk={() => {
          const v = limit!.values
          setLimit(null)
          void send(v, true)
        }}
        wrapProps={{ 'data-testid': 'dispense-limit' }}
      >
        {limit && (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} data-testid="dispense-limit-figures">
              <Descriptions.Item label={t('inventory.dispense.limitAlready')}>{q(limit.already)}</Descriptions.Item>
              <Descriptions.Item label={t('inventory.dispense.limitNow')}>{q(limit.requested)}</Descriptions.Item>
              <Descriptions.Item label={t('inventory.dispense.limitTotal')}>
                <strong>{q(limit.already + limit.requested)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('inventory.dispense.limitLimit')}>{q(limit.limit)}</Descriptions.Item>
              <Descriptions.Item label={t('inventory.dispense.limitOver')}>
                <Typography.Text type="danger">{q(limit.already + limit.requested - limit.limit)}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph>
              {t('inventory.dispense.limitBody', {
                name: person?.name ?? '',
                product: limitProduct ? products.name(limitProduct) : '',
                already: q(limit.already),
                limit: q(limit.limit),
                requested: q(limit.requested),
                total: q(limit.already + limit.requested),
                over: q(limit.already + limit.requested - limit.limit)
              })}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </StockDocFrame>
  )
}
