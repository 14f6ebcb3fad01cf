/**
 * Return (/stock/return, 退回): stock back from a village service room or from a person into
 * the lot it came from — at most what they received of that lot (the core checks and says how
 * much). From where, product, lot, quantity, date, reason and note; Enter moves on and saves at
 * the end, Ctrl+S saves; a refusal keeps every value.
 */
import { Alert, Button, Card, Form, Input, Radio, Select, Space } from 'antd'
import { SaveOutlined } from '@ant-design/icons'
import { useState } from 'react'
import { RETURN_REASONS, type Move } from '../../../api/inventory'
import type { Person } from '../../../api/persons'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { enterToNext } from '../../components/enterNav'
import { useServicePoints } from '../persons/useServicePoints'
import { stationToday } from '../persons/words'
import { DispensePerson } from './DispensePerson'
import { splitPath, useStockErrors } from './StockErrors'
import { dateItemProps, MoveDate, ProductSelect, QtyInput, qtyBase, useLots, type QtyValue } from './StockFields'
import { StockResult } from './StockResult'
import { useProducts } from './useProducts'
import { StockDocFrame } from './StockDocFrame'

interface Values {
  servicePointId?: string
  productId?: string
  lotId?: string
  qty: QtyValue
  date: string
  reason?: (typeof RETURN_REASONS)[number]
  note: string
}

export function ReturnPage() {
  const { t, num } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const products = useProducts()
  const points = useServicePoints()
  const errors = useStockErrors()
  const [form] = Form.useForm<Values>()
  const today = stationToday(info.timeZone)
  const [from, setFrom] = useState<'point' | 'person'>('point')
  const [person, setPerson] = useState<Person | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<{ from: string; moves: Move[] } | null>(null)
  const [version, setVersion] = useState(0)
  const productId = Form.useWatch('productId', form)
  const product = products.byId(productId)
  const lots = useLots(productId, true, version)

  const save = async () => {
    setError(null)
    setDone(null)
    if (from === 'person' && !person) return setError(t('inventory.dispense.noPerson'))
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return setError(t('inventory.error.checkRed'))
    }
    setBusy(true)
    try {
      const r = await callResult('inventory.return', {
        ...(from === 'point' ? { servicePointId: v.servicePointId } : { personId: person!.id }),
        lotId: v.lotId!,
        date: v.date,
        quantity: qtyBase(v.qty, product) ?? 0,
        reason: v.reason!,
        note: v.note ?? ''
      })
      if (r.ok) {
        const who = from === 'point' ? (points.name(v.servicePointId!) ?? '') : person!.name
        ok(t('inventory.return.saved', { from: who }))
        setDone({ from: who, moves: r.data.moves })
        setVersion((x) => x + 1)
        form.setFieldsValue({ qty: { n: null, per: v.qty.per }, note: '' })
        return
      }
      if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') return fail(r.error)
      errors.applyFields(form, r.error, (p) => (p === 'quantity' ? ['qty'] : p === 'personId' ? null : splitPath(p)), () => product)
      setError(await errors.describe(r.error, product && { ...product, name: products.name(product) }))
    } finally {
      setBusy(false)
    }
  }

  const required = { required: true, message: t('errors.rule.required') }
  return (
    <StockDocFrame intro={t('inventory.return.intro')} onSave={() => void save()} maxWidth={1000} testId="return-page">
      {done && <StockResult title={t('inventory.return.done', { from: done.from })} moves={done.moves} pack={(id) => products.byId(id)} />}
      <Card size="small" title={t('inventory.return.from')} style={{ marginBottom: 12 }}>
        <Radio.Group value={from} onChange={(e) => setFrom(e.target.value as 'point' | 'person')} style={{ marginBottom: 12 }} data-testid="return-from">
          <Radio value="point">{t('inventory.return.fromPoint')}</Radio>
          <Radio value="person">{t('inventory.return.fromPerson')}</Radio>
        </Radio.Group>
        {from === 'person' && <DispensePerson person={person} onChange={setPerson} today={today} />}
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="return-error" />}
      <Card size="small" title={t('inventory.return.what')}>
        <div onKeyDownCapture={enterToNext(() => void save())}>
          <Form<Values> form={form} layout="horizontal" labelCol={{ flex: '110px' }} colon={false} requiredMark initialValues={{ date: today, qty: { n: null, per: 'unit' }, note: '', reason: 'unused' }}>
            {from === 'point' && (
              <Form.Item name="servicePointId" label={t('inventory.field.servicePoint')} rules={[required]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={points.options} style={{ width: 300 }} autoFocus data-testid="return-point" />
              </Form.Item>
            )}
            <Form.Item name="productId" label={t('inventory.field.product')} rules={[required]} getValueFromEvent={(v: string) => (form.setFieldValue('lotId', undefined), v)}>
              <ProductSelect products={products} width={360} testId="return-product" />
            </Form.Item>
            <Form.Item name="lotId" label={t('inventory.field.lotNumber')} rules={[required]} extra={t('inventory.return.lotHint')}>
              <Select
                style={{ width: 360 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={lots.map((l) => ({ value: l.lotId, label: t('inventory.return.lotOption', { lotNumber: l.lotNumber, expiry: l.expiry, balance: product ? errors.qty(l.balance, product) : num(l.balance) }) }))}
                data-testid="return-lot"
              />
            </Form.Item>
            <Form.Item
              name="qty"
              label={t('inventory.field.quantity')}
              required
              rules={[{ validator: async (_r, v: QtyValue | undefined) => { if (!v?.n || v.n < 1) throw new Error(t('errors.rule.quantity_positive')) } }]}
            >
              <QtyInput product={product} testId="return-qty" />
            </Form.Item>
            <Form.Item name="date" label={t('inventory.field.date')} rules={[required]} {...dateItemProps}>
              <MoveDate today={today} testId="return-date" />
            </Form.Item>
            <Form.Item name="reason" label={t('inventory.field.reason')} rules={[required]}>
              <Select style={{ width: 240 }} options={RETURN_REASONS.map((r) => ({ value: r, label: t(`inventory.reason.${r}`) }))} data-testid="return-reason" />
            </Form.Item>
            <Form.Item name="note" label={t('inventory.field.note')}>
              <Input maxLength={200} style={{ width: 420 }} data-testid="return-note" />
            </Form.Item>
          </Form>
          <Space style={{ marginLeft: 110 }}>
            <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="return-save">
              {t('inventory.return.save')}
            </Button>
          </Space>
        </div>
      </Card>
    </StockDocFrame>
  )
}
