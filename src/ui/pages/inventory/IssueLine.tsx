/**
 * One line of an issue to a village: product, quantity (packs or base units), and the lot —
 * earliest expiry first unless one is chosen with a reason. The product's lots on hand are
 * read when the product is chosen and again after each save.
 */
import { Button, Col, Form, Row, Tooltip } from 'antd'
import { DeleteOutlined } from '@ant-design/icons'
import { useI18n } from '../../app/i18n'
import { ProductSelect, QtyInput, useLots, type QtyValue } from './StockFields'
import { StockLotPick } from './StockLotPick'
import type { Products } from './useProducts'

export interface IssueLineValues {
  productId?: string
  qty?: QtyValue
  lotId?: string
  lotReason?: string
}

export const blankIssueLine = (): IssueLineValues => ({ productId: undefined, qty: { n: null, per: 'pack' }, lotId: '' })

export function IssueLine({ index, name, products, version, onRemove }: { index: number; name: number; products: Products; version: number; onRemove?(): void }) {
  const { t } = useI18n()
  const form = Form.useFormInstance()
  const productId = Form.useWatch(['lines', name, 'productId'], form) as string | undefined
  const product = products.byId(productId)
  const lots = useLots(productId, false, version)
  const required = { required: true, message: t('errors.rule.required') }
  return (
    <Row gutter={12} align="top" data-testid={`issue-line-${index}`} style={{ borderBottom: '1px dashed #f0f0f0', paddingTop: 8 }}>
      <Col flex="24px" style={{ color: '#8c8c8c', paddingTop: 36, textAlign: 'right' }}>
        {index + 1}
      </Col>
      <Col flex="270px">
        <Form.Item
          name={[name, 'productId']}
          label={t('inventory.field.product')}
          rules={[required]}
          getValueFromEvent={(v: string) => {
            form.setFieldValue(['lines', name, 'lotId'], '')
            return v
          }}
        >
          <ProductSelect products={products} width={260} testId={`issue-product-${index}`} />
        </Form.Item>
      </Col>
      <Col flex="230px">
        <Form.Item
          name={[name, 'qty']}
          label={t('inventory.field.quantity')}
          required
          rules={[{ validator: async (_r, v: QtyValue | undefined) => { if (!v?.n || v.n < 1) throw new Error(t('errors.rule.quantity_positive')) } }]}
        >
          <QtyInput product={product} testId={`issue-qty-${index}`} />
        </Form.Item>
      </Col>
      <Col flex="340px">
        <StockLotPick lotName={[name, 'lotId']} reasonName={[name, 'lotReason']} watchName={['lines', name, 'lotId']} lots={lots} pack={product} testId={`issue-lot-${index}`} width={330} />
      </Col>
      <Col flex="32px" style={{ paddingTop: 30 }}>
        {onRemove && (
          <Tooltip title={t('inventory.receive.removeLine')}>
            <Button type="text" tabIndex={-1} icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('inventory.receive.removeLine')} />
          </Tooltip>
        )}
      </Col>
    </Row>
  )
}
