/**
 * The head's corrections of stock, each a move in the ledger: an adjustment (up or down, a
 * reason from the contract's list and a note), wastage (a reason, a note) and the destruction
 * of expired stock (only expired lots with stock are offered; a witness is required; the
 * quantity defaults to all the lot holds). Errors go under their fields, refusals are worded
 * by the stock pages' helper, and nothing typed is lost on a refusal.
 */
import { Form, Input, Radio, Select, Typography, type FormInstance } from 'antd'
import { useMemo, useRef } from 'react'
import type { ApiError } from '../../../api/contract'
import { ADJUST_REASONS, WASTE_REASONS, type LotStock, type MovesResult, type PackDisplay } from '../../../api/inventory'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { FormModal } from '../../components/FormModal'
import { stationToday } from '../persons/words'
import { splitPath, useStockErrors } from './StockErrors'
import { dateItemProps, MoveDate, ProductSelect, QtyInput, qtyBase, useLots, type QtyValue } from './StockFields'
import { useQty } from './quantity'
import type { Products } from './useProducts'

export type HeadMoveKind = 'adjust' | 'waste' | 'destroy'

interface Values {
  productId?: string
  lotId?: string
  date: string
  direction: 'increase' | 'decrease'
  qty?: QtyValue
  reason?: string
  witness?: string
  note?: string
}

/** an expired lot with stock, with its product (destruction picks from every product) */
export interface ExpiredLot extends LotStock {
  productId: string
  productName: string
  pack: PackDisplay
}

const FIELD: Record<string, (string | number)[]> = { lotId: ['lotId'], quantity: ['qty'], date: ['date'], reason: ['reason'], note: ['note'], witness: ['witness'], direction: ['direction'] }

export function HeadMoveModal({ kind, products, expired, onClose, onDone }: { kind: HeadMoveKind | null; products: Products; expired: ExpiredLot[]; onClose(): void; onDone(r: MovesResult, kind: HeadMoveKind): void }) {
  const { t, num } = useI18n()
  const { info } = useApp()
  const qty = useQty()
  const errors = useStockErrors()
  const [form] = Form.useForm<Values>()
  const today = stationToday(info.timeZone)
  const productId = Form.useWatch('productId', form)
  const lotId = Form.useWatch('lotId', form)
  const lots = useLots(kind === 'destroy' ? undefined : productId, kind === 'adjust')
  const said = useRef<string | null>(null)

  const product = kind === 'destroy' ? expired.find((l) => l.lotId === lotId)?.pack : products.byId(productId)
  const offered = useMemo(() => (kind === 'waste' ? lots.filter((l) => l.balance > 0) : lots), [kind, lots])
  const lotLabel = (l: LotStock, p: PackDisplay | undefined, name?: string) =>
    t('stockReports.move.lotOption', { name: name ?? '', lotNumber: l.lotNumber, expiry: l.expiry, balance: p ? qty(l.balance, p) : num(l.balance) }).trim()

  const submit = async (v: Values): Promise<ApiError | null> => {
    said.current = null
    const quantity = qtyBase(v.qty, product)
    const base = { lotId: v.lotId ?? '', date: v.date, note: (v.note ?? '').trim() }
    const r =
      kind === 'adjust'
        ? await callResult('inventory.adjust', { ...base, direction: v.direction, quantity: quantity ?? 0, reason: v.reason as (typeof ADJUST_REASONS)[number] })
        : kind === 'waste'
          ? await callResult('inventory.waste', { ...base, quantity: quantity ?? 0, reason: v.reason as (typeof WASTE_REASONS)[number] })
          : await callResult('inventory.destroy', { ...base, witness: (v.witness ?? '').trim(), ...(quantity !== null ? { quantity } : {}) })
    if (r.ok) {
      onDone(r.data, kind!)
      return null
    }
    const p = products.byId(kind === 'destroy' ? expired.find((l) => l.lotId === v.lotId)?.productId : v.productId)
    said.current = await errors.describe(r.error, p ? { ...p, name: products.name(p) } : undefined)
    return r.error
  }
  const onError = (e: ApiError, f: FormInstance<Values>): string | null | undefined => {
    if (errors.applyFields(f, e, (path) => FIELD[path] ?? (path.includes('.') ? splitPath(path) : null), () => product)) return null
    return said.current ?? undefined
  }

  const reasons = kind === 'adjust' ? ADJUST_REASONS : WASTE_REASONS
  const required = [{ required: true, message: t('stockReports.move.required') }]
  return (
    <FormModal<Values>
      open={kind !== null}
      form={form}
      title={kind ? t(`stockReports.move.title.${kind}`) : ''}
      intro={<Typography.Text type="secondary">{kind ? t(`stockReports.move.intro.${kind}`) : ''}</Typography.Text>}
      initialValues={{ date: today, direction: 'decrease', qty: { n: null, per: 'unit' } }}
      onCancel={onClose}
      onSubmit={submit}
      onError={onError}
      okText={kind ? t(`stockReports.move.ok.${kind}`) : ''}
      okDanger={kind === 'destroy'}
      okTestId="head-move-ok"
      testId={`head-move-${kind ?? ''}`}
      width={660}
      labelWidth={104}
      onValuesChange={(changed) => {
        if ('productId' in changed) form.setFieldValue('lotId', undefined)
      }}
    >
      {kind !== 'destroy' ? (
        <>
          <Form.Item name="productId" label={t('stockReports.move.product')} rules={required}>
            <ProductSelect products={products} testId="head-move-product" width={420} />
          </Form.Item>
          <Form.Item name="lotId" label={t('stockReports.move.lot')} rules={required} extra={productId && !offered.length ? t('stockReports.move.noLots') : undefined}>
            <Select style={{ width: 420 }} options={offered.map((l) => ({ value: l.lotId, label: lotLabel(l, product) }))} disabled={!productId} data-testid="head-move-lot" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="lotId" label={t('stockReports.move.expiredLot')} rules={required} extra={!expired.length ? t('stockReports.move.noExpired') : undefined}>
          <Select style={{ width: 460 }} options={expired.map((l) => ({ value: l.lotId, label: lotLabel(l, l.pack, l.productName) }))} data-testid="head-move-lot" />
        </Form.Item>
      )}
      <Form.Item name="date" label={t('stockReports.move.date')} rules={required} {...dateItemProps}>
        <MoveDate today={today} testId="head-move-date" />
      </Form.Item>
      {kind === 'adjust' && (
        <Form.Item name="direction" label={t('stockReports.move.direction')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'increase', label: t('stockReports.move.increase') },
              { value: 'decrease', label: t('stockReports.move.decrease') }
            ]}
            data-testid="head-move-direction"
          />
        </Form.Item>
      )}
      <Form.Item
        name="qty"
        label={t('stockReports.move.quantity')}
        required={kind !== 'destroy'}
        rules={kind === 'destroy' ? [] : [{ validator: (_, v: QtyValue) => (qtyBase(v, product) !== null ? Promise.resolve() : Promise.reject(new Error(t('stockReports.move.quantityRequired')))) }]}
        extra={kind === 'destroy' ? t('stockReports.move.destroyAll') : undefined}
      >
        <QtyInput product={product} testId="head-move-qty" />
      </Form.Item>
      {kind !== 'destroy' && (
        <Form.Item name="reason" label={t('stockReports.move.reason')} rules={required}>
          <Select style={{ width: 260 }} options={reasons.map((r) => ({ value: r, label: t(`stockReports.reason.${kind}.${r}`) }))} data-testid="head-move-reason" />
        </Form.Item>
      )}
      {kind === 'destroy' && (
        <Form.Item name="witness" label={t('stockReports.move.witness')} rules={required} extra={t('stockReports.move.witnessHint')}>
          <Input maxLength={40} style={{ width: 260 }} data-testid="head-move-witness" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('stockReports.move.note')} rules={kind === 'adjust' ? required : []}>
        <Input maxLength={200} data-testid="head-move-note" />
      </Form.Item>
    </FormModal>
  )
}
