/**
 * Receive stock (/stock/receive, 入库): a document from the district — number, date (today by
 * default, never in the future), supplier (the last one used, else the county's contraceptive
 * store), note — and its lines. Enter moves from field to field; Enter in the last line's
 * quantity adds a line; Ctrl+S saves the whole document in one inventory.receive. A refusal
 * puts each line's error under its field and keeps every value typed.
 */
import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd'
import { PlusOutlined, SaveOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Move } from '../../../api/inventory'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { enterToNext, formFields } from '../../components/enterNav'
import { stationToday } from '../persons/words'
import { blankLine, isBlank, ReceiveLine, type ReceiveLineValues } from './ReceiveLine'
import { splitPath, useStockErrors } from './StockErrors'
import { dateItemProps, MoveDate, qtyBase } from './StockFields'
import { StockResult } from './StockResult'
import { useProducts } from './useProducts'
import { checkedDocument } from './documentLines'
import { StockDocFrame } from './StockDocFrame'

interface Values {
  documentNo: string
  date: string
  supplier: string
  note: string
  lines: ReceiveLineValues[]
}

const SUPPLIER_KEY = 'stationdesk.stock.supplier'

export function ReceivePage() {
  const { t } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const products = useProducts()
  const errors = useStockErrors()
  const [form] = Form.useForm<Values>()
  const today = stationToday(info.timeZone)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<{ documentNo: string; moves: Move[] } | null>(null)
  const box = useRef<HTMLDivElement>(null)

  // the supplier: the last one this machine received from, else the county's store
  useEffect(() => {
    if (form.getFieldValue('supplier')) return
    const last = localStorage.getItem(SUPPLIER_KEY)
    if (last) return form.setFieldValue('supplier', last)
    call('station.get')
      .then((s) => call('codes.lookup', { code: s.code.slice(0, 6) }))
      .then((c) => c.name && !form.getFieldValue('supplier') && form.setFieldValue('supplier', t('inventory.receive.countyStore', { county: c.name })))
      .catch(() => undefined)
  }, [form, t])

  const focusLine = (i: number) =>
    setTimeout(() => {
      const el = box.current?.querySelector<HTMLElement>(`[data-testid="receive-line-${i}"] input`)
      el?.focus()
    }, 30)

  const addLine = useCallback(() => {
    const lines = (form.getFieldValue('lines') as ReceiveLineValues[]) ?? []
    const last = lines[lines.length - 1]
    // a blank last line takes the focus rather than another blank line below it
    if (isBlank(last)) return focusLine(lines.length - 1)
    form.setFieldValue('lines', [...lines, { ...blankLine(), qty: { n: null, per: last?.qty?.per ?? 'pack' } }])
    focusLine(lines.length)
  }, [form])

  const save = async () => {
    setError(null)
    setDone(null)
    const checked = await checkedDocument<Values, ReceiveLineValues>(form, isBlank, (k) => setError(t(k)))
    if (!checked) return
    const { values: v, lines } = checked
    setBusy(true)
    try {
      const r = await callResult('inventory.receive', {
        documentNo: v.documentNo,
        date: v.date,
        supplier: v.supplier,
        note: v.note ?? '',
        lines: lines.map((l) => ({ productId: l.productId!, lotNumber: l.lotNumber!.trim(), expiry: l.expiry!, maker: l.maker ?? '', quantity: qtyBase(l.qty, products.byId(l.productId)) ?? 0 }))
      })
      if (r.ok) {
        localStorage.setItem(SUPPLIER_KEY, v.supplier)
        ok(t('inventory.receive.saved', { documentNo: v.documentNo }))
        setDone({ documentNo: v.documentNo, moves: r.data.moves })
        form.setFieldsValue({ documentNo: '', note: '', lines: [blankLine()] })
        setTimeout(() => box.current && formFields(box.current)[0]?.focus(), 30)
        return
      }
      if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') return fail(r.error)
      const map = (p: string) => {
        const s = splitPath(p)
        if (s[0] === 'lines' && s[2] === 'quantity') return ['lines', s[1], 'qty']
        return s
      }
      errors.applyFields(form, r.error, map, (p) => products.byId(lines[Number(splitPath(p)[1])]?.productId))
      setError(await errors.describe(r.error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <StockDocFrame ref={box} intro={t('inventory.receive.intro')} onSave={() => void save()} onKeyDownCapture={enterToNext(addLine)} maxWidth={1100} testId="receive-page">
      {done && <StockResult title={t('inventory.receive.done', { documentNo: done.documentNo, n: done.moves.length })} moves={done.moves} pack={(id) => products.byId(id)} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="receive-error" />}
      <Form<Values> form={form} layout="vertical" colon={false} requiredMark initialValues={{ date: today, documentNo: '', supplier: '', note: '', lines: [blankLine()] }} onFinish={() => void save()}>
        <Card size="small" title={t('inventory.receive.document')} style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
          <Row gutter={16}>
            <Col span={5}>
              <Form.Item name="documentNo" label={t('inventory.field.documentNo')} rules={[{ required: true, whitespace: true, message: t('errors.rule.required') }]}>
                <Input maxLength={40} autoFocus autoComplete="off" data-testid="receive-doc" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="date" label={t('inventory.receive.date')} rules={[{ required: true, message: t('errors.rule.required') }]} {...dateItemProps}>
                <MoveDate today={today} testId="receive-date" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="supplier" label={t('inventory.field.supplier')} rules={[{ required: true, whitespace: true, message: t('errors.rule.required') }]}>
                <Input maxLength={60} data-testid="receive-supplier" />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item name="note" label={t('inventory.field.note')}>
                <Input maxLength={200} data-testid="receive-note" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('inventory.receive.lines')} style={{ marginBottom: 12 }}>
          <Form.List name="lines">
            {(fields, { remove }) => (
              <table style={{ borderCollapse: 'separate', borderSpacing: '8px 6px' }} data-testid="receive-lines">
                <thead>
                  <tr style={{ textAlign: 'left', color: '#595959', fontWeight: 500 }}>
                    <th />
                    <th>{t('inventory.field.product')}</th>
                    <th>{t('inventory.field.lotNumber')}</th>
                    <th>{t('inventory.field.expiry')}</th>
                    <th>{t('inventory.field.quantity')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f, i) => (
                    <ReceiveLine key={f.key} index={i} name={f.name} products={products} onRemove={fields.length > 1 ? () => remove(f.name) : undefined} />
                  ))}
                </tbody>
              </table>
            )}
          </Form.List>
          <Button icon={<PlusOutlined />} onClick={addLine} style={{ marginTop: 4 }} data-testid="receive-add-line">
            {t('inventory.receive.addLine')}
          </Button>
        </Card>
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="receive-save">
            {t('inventory.receive.save')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inventory.receive.keyboardHint')}
          </Typography.Text>
        </Space>
      </Form>
    </StockDocFrame>
  )
}
