/**
 * Issue to a village (/stock/issue, 发放到村): service point, date, document number, note, and
 * lines (product, quantity, lot). The contract has no preview of the lots an issue would take,
 * so nothing is computed here: each line lists the product's lots on hand in FEFO order, and
 * after saving the lots the core took, and how many from each, are shown. Enter moves on,
 * Enter in the last field adds a line, Ctrl+S saves.
 */
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd'
import { PlusOutlined, SaveOutlined } from '@ant-design/icons'
import { useCallback, useRef, useState } from 'react'
import type { LOT_CHOICE_REASONS, Move } from '../../../api/inventory'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { enterToNext } from '../../components/enterNav'
import { useServicePoints } from '../persons/useServicePoints'
import { stationToday } from '../persons/words'
import { blankIssueLine, IssueLine, type IssueLineValues } from './IssueLine'
import { splitPath, useStockErrors } from './StockErrors'
import { dateItemProps, MoveDate, qtyBase } from './StockFields'
import { StockResult } from './StockResult'
import { useProducts } from './useProducts'
import { checkedDocument } from './documentLines'
import { StockDocFrame } from './StockDocFrame'

interface Values {
  servicePointId?: string
  date: string
  documentNo: string
  note: string
  lines: IssueLineValues[]
}

const blank = (l: IssueLineValues | undefined) => !l || (!l.productId && !l.qty?.n)

export function IssuePage() {
  const { t } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const products = useProducts()
  const points = useServicePoints()
  const errors = useStockErrors()
  const [form] = Form.useForm<Values>()
  const today = stationToday(info.timeZone)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<{ point: string; moves: Move[] } | null>(null)
  const [version, setVersion] = useState(0)
  const box = useRef<HTMLDivElement>(null)

  const focusLine = (i: number) => setTimeout(() => box.current?.querySelector<HTMLElement>(`[data-testid="issue-line-${i}"] input`)?.focus(), 30)
  const addLine = useCallback(() => {
    const lines = (form.getFieldValue('lines') as IssueLineValues[]) ?? []
    if (blank(lines[lines.length - 1])) return focusLine(lines.length - 1)
    form.setFieldValue('lines', [...lines, blankIssueLine()])
    focusLine(lines.length)
  }, [form])

  const save = async () => {
    setError(null)
    setDone(null)
    const checked = await checkedDocument<Values, IssueLineValues>(form, blank, (k) => setError(t(k)))
    if (!checked) return
    const { values: v, lines } = checked
    setBusy(true)
    try {
      const r = await callResult('inventory.issue', {
        servicePointId: v.servicePointId!,
        date: v.date,
        documentNo: v.documentNo ?? '',
        note: v.note ?? '',
        lines: lines.map((l) => ({
          productId: l.productId!,
          quantity: qtyBase(l.qty, products.byId(l.productId)) ?? 0,
          ...(l.lotId ? { lotId: l.lotId, ...(l.lotReason ? { lotReason: l.lotReason as (typeof LOT_CHOICE_REASONS)[number] } : {}) } : {})
        }))
      })
      if (r.ok) {
        ok(t('inventory.issue.saved'))
        setDone({ point: points.name(v.servicePointId!) ?? '', moves: r.data.moves })
        setVersion((x) => x + 1)
        form.setFieldsValue({ documentNo: '', note: '', lines: [blankIssueLine()] })
        return
      }
      if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') return fail(r.error)
      const lineOf = (p: string) => lines[Number(splitPath(p)[1])]
      const map = (p: string) => {
        const s = splitPath(p)
        if (s[0] === 'lines' && s[2] === 'quantity') return ['lines', s[1], 'qty']
        return s
      }
      const failing = r.error.details?.fields?.map((f) => f.path).find((p) => p.startsWith('lines.'))
      const product = products.byId(failing ? lineOf(failing)?.productId : lines.length === 1 ? lines[0].productId : undefined)
      errors.applyFields(form, r.error, map, (p) => products.byId(lineOf(p)?.productId))
      setError(await errors.describe(r.error, product && { ...product, name: products.name(product) }))
    } finally {
      setBusy(false)
    }
  }

  const required = { required: true, message: t('errors.rule.required') }
  return (
    <StockDocFrame ref={box} intro={t('inventory.issue.intro')} onSave={() => void save()} onKeyDownCapture={enterToNext(addLine)} maxWidth={1200} testId="issue-page">
      {done && <StockResult title={t('inventory.issue.done', { point: done.point })} moves={done.moves} pack={(id) => products.byId(id)} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="issue-error" />}
      <Form<Values> form={form} layout="vertical" colon={false} requiredMark initialValues={{ date: today, documentNo: '', note: '', lines: [blankIssueLine()] }}>
        <Card size="small" title={t('inventory.issue.document')} style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="servicePointId" label={t('inventory.field.servicePoint')} rules={[required]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={points.options} autoFocus data-testid="issue-point" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="date" label={t('inventory.field.date')} rules={[required]} {...dateItemProps}>
                <MoveDate today={today} testId="issue-date" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="documentNo" label={t('inventory.field.documentNo')}>
                <Input maxLength={40} autoComplete="off" data-testid="issue-doc" />
              </Form.Item>
            </Col>
            <Col span={9}>
              <Form.Item name="note" label={t('inventory.field.note')}>
                <Input maxLength={200} data-testid="issue-note" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('inventory.receive.lines')} style={{ marginBottom: 12 }}>
          <Form.List name="lines">
            {(fields, { remove }) =>
              fields.map((f, i) => <IssueLine key={f.key} index={i} name={f.name} products={products} version={version} onRemove={fields.length > 1 ? () => remove(f.name) : undefined} />)
            }
          </Form.List>
          <Button icon={<PlusOutlined />} onClick={addLine} style={{ marginTop: 8 }} data-testid="issue-add-line">
            {t('inventory.receive.addLine')}
          </Button>
        </Card>
        <Space>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="issue-save">
            {t('inventory.issue.save')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('inventory.receive.keyboardHint')}
          </Typography.Text>
        </Space>
      </Form>
    </StockDocFrame>
  )
}
