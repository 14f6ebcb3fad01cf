/**
 * One line of a receipt: product, lot number (the product's known lots offered; a known lot
 * fills its expiry), expiry, quantity in packs or base units. The core's errors sit under the
 * line's fields.
 */
import { AutoComplete, Button, Form, Tooltip, Typography } from 'antd'
import { DeleteOutlined } from '@ant-design/icons'
import { useMemo } from 'react'
import { useI18n } from '../../app/i18n'
import { ExpiryDate, ProductSelect, QtyInput, dateItemProps, useLots } from './StockFields'
import type { Products } from './useProducts'

export interface ReceiveLineValues {
  productId?: string
  lotNumber?: string
  expiry?: string
  maker?: string
  qty?: { n: number | null; per: 'unit' | 'pack' }
}

export const blankLine = (): ReceiveLineValues => ({ productId: undefined, lotNumber: '', expiry: '', qty: { n: null, per: 'pack' } })

export const isBlank = (l: ReceiveLineValues | undefined): boolean => !l || (!l.productId && !l.lotNumber?.trim() && !l.expiry && !l.qty?.n)

interface Props {
  index: number
  name: number
  products: Products
  onRemove?(): void
}

export function ReceiveLine({ index, name, products, onRemove }: Props) {
  const { t } = useI18n()
  const form = Form.useFormInstance()
  const productId = Form.useWatch(['lines', name, 'productId'], form) as string | undefined
  const lotNumber = Form.useWatch(['lines', name, 'lotNumber'], form) as string | undefined
  const product = products.byId(productId)
  const lots = useLots(productId, true)
  const known = useMemo(() => lots.find((l) => l.lotNumber === lotNumber?.trim()), [lots, lotNumber])
  const required = { required: true, message: t('errors.rule.required') }

  return (
    <tr data-testid={`receive-line-${index}`}>
      <td style={{ color: "#8c8c8c", textAlign: "right", paddingRight: 8 }}>{index + 1}</td>
      <td>
        <Form.Item name={[name, 'productId']} rules={[required]} style={{ marginBottom: 0 }}>
          <ProductSelect products={products} width={280} testId={`receive-product-${index}`} />
        </Form.Item>
      </td>
      <td>
        <Form.Item name={[name, 'lotNumber']} rules={[{ ...required, whitespace: true }]} style={{ marginBottom: 0 }} extra={known ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inventory.receive.knownLot')}</Typography.Text> : undefined}>
          <AutoComplete
            style={{ width: 160 }}
            options={lots.map((l) => ({ value: l.lotNumber, label: `${l.lotNumber} · ${l.expiry}` }))}
            filterOption={(input, o) => String(o?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            onChange={(v: string) => {
              const hit = lots.find((l) => l.lotNumber === v.trim())
              if (hit) form.setFieldValue(['lines', name, 'expiry'], hit.expiry)
            }}
            data-testid={`receive-lot-${index}`}
          />
        </Form.Item>
      </td>
      <td>
        <Form.Item name={[name, 'expiry']} rules={[required]} style={{ marginBottom: 0 }} {...dateItemProps}>
          <ExpiryDate testId={`receive-expiry-${index}`} />
        </Form.Item>
      </td>
      <td>
        <Form.Item
          name={[name, 'qty']}
          style={{ marginBottom: 0 }}
          rules={[{ validator: async (_r, v: ReceiveLineValues['qty']) => { if (!v?.n || v.n < 1) throw new Error(t('errors.rule.quantity_positive')) } }]}
        >
          <QtyInput product={product} testId={`receive-qty-${index}`} />
        </Form.Item>
      </td>
      <td>
        {onRemove && (
          <Tooltip title={t('inventory.receive.removeLine')}>
            <Button type="text" tabIndex={-1} icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('inventory.receive.removeLine')} />
          </Tooltip>
        )}
      </td>
    </tr>
  )
}
