/**
 * Fields the stock forms share: a quantity typed in packs or base units with its conversion
 * shown ("= 1,240 只（124 盒）"), the move's date (typed as in Excel, never after today), a
 * product select searched by name or code, and the product's lots from the stock.
 */
import { DatePicker, InputNumber, Radio, Select, Space, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import type { LotStock, PackDisplay } from '../../../api/inventory'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { DATE_FORMATS } from '../persons/FactItem'
import { packIsUnit, toBase, unitWord, useQty, type QtyPer } from './quantity'
import type { Products } from './useProducts'

export interface QtyValue {
  n: number | null
  per: QtyPer
}

/** the value in base units, null while not a whole number ≥ 1 */
export const qtyBase = (v: QtyValue | undefined, p: PackDisplay | undefined): number | null => (v && p ? toBase(v.n, packIsUnit(p) ? 'unit' : v.per, p) : null)

interface QtyProps {
  value?: QtyValue
  onChange?(v: QtyValue): void
  product: PackDisplay | undefined
  testId?: string
  width?: number
}

/** a quantity and its unit (packs or base units); the radio stays out of Enter's way */
export function QtyInput({ value = { n: null, per: 'unit' }, onChange, product, testId, width = 120 }: QtyProps) {
  const { t } = useI18n()
  const qty = useQty()
  const base = qtyBase(value, product)
  const showPer = product && !packIsUnit(product)
  return (
    <div>
      <Space.Compact>
        <InputNumber
          min={1}
          precision={0}
          style={{ width }}
          value={value.n}
          onChange={(n) => onChange?.({ ...value, n: typeof n === 'number' ? n : null })}
          data-testid={testId}
        />
        {product && !showPer && <span className="ant-input-group-addon" style={{ display: 'flex', alignItems: 'center', padding: '0 11px' }}>{unitWord(t, product.unit, 2)}</span>}
      </Space.Compact>
      {showPer && (
        <Radio.Group
          size="small"
          optionType="button"
          style={{ marginLeft: 6 }}
          value={value.per}
          onChange={(e) => onChange?.({ ...value, per: e.target.value as QtyPer })}
          options={[
            { value: 'pack', label: unitWord(t, product.packUnit, 2, true) },
            { value: 'unit', label: unitWord(t, product.unit, 2) }
          ]}
          data-testid={testId ? `${testId}-per` : undefined}
        />
      )}
      {product && showPer && base !== null && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={testId ? `${testId}-base` : undefined}>
          = {qty(base, product)}
        </Typography.Text>
      )}
    </div>
  )
}

/** Form.Item props for a date kept as 'YYYY-MM-DD' */
export const dateItemProps = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')
}

export function MoveDate({ today, testId, ...rest }: { today: string; testId?: string; value?: Dayjs | null; onChange?(d: Dayjs | null): void }) {
  return (
    <DatePicker
      {...rest}
      format={DATE_FORMATS}
      placeholder="YYYY-MM-DD"
      allowClear={false}
      disabledDate={(d) => d.format('YYYY-MM-DD') > today}
      style={{ width: 150 }}
      data-testid={testId}
    />
  )
}

/** a date that may lie in the future (an expiry) */
export function ExpiryDate({ testId, ...rest }: { testId?: string; value?: Dayjs | null; onChange?(d: Dayjs | null): void }) {
  return <DatePicker {...rest} format={DATE_FORMATS} placeholder="YYYY-MM-DD" style={{ width: 150 }} data-testid={testId} />
}

export function ProductSelect({ products, testId, width = 300, ...rest }: { products: Products; testId?: string; width?: number; value?: string; onChange?(v: string): void }) {
  const { t } = useI18n()
  return (
    <Select
      {...rest}
      showSearch={{ filterOption: (input, o) => (o as { search?: string } | undefined)?.search?.includes(input.toLowerCase()) ?? false }}
      options={products.options}
      placeholder={t('inventory.field.productHint')}
      style={{ width }}
      loading={products.loading}
      data-testid={testId}
    />
  )
}

/** a product's lots from the stock (with empty ones when asked), re-read when `version` changes */
export function useLots(productId: string | undefined, includeEmpty = false, version = 0): LotStock[] {
  const [lots, setLots] = useState<LotStock[]>([])
  useEffect(() => {
    let live = true
    if (!productId) {
      setLots([])
      return
    }
    call('inventory.stock', { productId, includeEmpty }).then(
      (s) => live && setLots(s[0]?.lots ?? []),
      () => live && setLots([])
    )
    return () => {
      live = false
    }
  }, [productId, includeEmpty, version])
  return lots
}
