/**
 * A product of the catalogue, new or changed (head): code, names, category, base unit, pack,
 * the yearly limit per person (empty: none), min/max months of stock, in use or not. The
 * core's field errors go under their fields (a unit that can no longer change once stock has
 * moved, a maximum below the minimum …).
 */
import { Form, Input, InputNumber, Select, Space, Switch } from 'antd'
import { BASE_UNITS, PACK_UNITS, PRODUCT_CATEGORIES, type Product } from '../../../api/inventory'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { FormModal } from '../../components/FormModal'
import { unitWord } from './quantity'

interface Values {
  code: string
  name: string
  nameEn: string
  category: Product['category']
  unit: Product['unit']
  packSize: number
  packUnit: Product['packUnit']
  yearlyLimit: number | null
  minMonths: number
  maxMonths: number
  active: boolean
}

export function ProductsForm({ product, open, onClose, onSaved }: { product: Product | null; open: boolean; onClose(): void; onSaved(p: Product): void }) {
  const { t } = useI18n()
  const [form] = Form.useForm<Values>()
  const unit = Form.useWatch('unit', form)
  const required = [{ required: true, message: t('stockReports.products.required') }]
  const initial: Partial<Values> = product
    ? { ...product, yearlyLimit: product.yearlyLimit }
    : { category: 'condom_male', unit: 'piece', packSize: 10, packUnit: 'box', yearlyLimit: null, minMonths: 2, maxMonths: 6, active: true, nameEn: '' }
  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={product ? t('stockReports.products.editTitle', { name: product.name }) : t('stockReports.products.newTitle')}
      initialValues={initial}
      onCancel={onClose}
      width={640}
      labelWidth={120}
      okTestId="product-ok"
      testId="product-form"
      onSubmit={async (v) => {
        const r = await callResult('inventory.productSave', { ...(product ? { id: product.id } : {}), ...v, code: v.code.trim().toUpperCase(), yearlyLimit: v.yearlyLimit ?? null })
        if (!r.ok) return r.error
        onSaved(r.data)
        return null
      }}
    >
      <Form.Item name="code" label={t('stockReports.products.col.code')} rules={required} extra={t('stockReports.products.codeHint')}>
        <Input maxLength={32} style={{ width: 240, textTransform: 'uppercase' }} data-testid="product-code" />
      </Form.Item>
      <Form.Item name="name" label={t('stockReports.products.col.name')} rules={required}>
        <Input maxLength={60} data-testid="product-name" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('stockReports.products.col.nameEn')}>
        <Input maxLength={80} data-testid="product-name-en" />
      </Form.Item>
      <Form.Item name="category" label={t('stockReports.products.col.category')} rules={required}>
        <Select style={{ width: 240 }} options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`stockReports.category.${c}`) }))} data-testid="product-category" />
      </Form.Item>
      <Form.Item label={t('stockReports.products.col.pack')} required>
        <Space wrap>
          <span>1</span>
          <Form.Item name="packUnit" noStyle>
            <Select style={{ width: 90 }} options={PACK_UNITS.map((u) => ({ value: u, label: unitWord(t, u, 1, true) }))} data-testid="product-pack-unit" />
          </Form.Item>
          <span>=</span>
          <Form.Item name="packSize" noStyle rules={required}>
            <InputNumber min={1} max={100000} precision={0} style={{ width: 100 }} data-testid="product-pack-size" />
          </Form.Item>
          <Form.Item name="unit" noStyle>
            <Select style={{ width: 110 }} options={BASE_UNITS.map((u) => ({ value: u, label: unitWord(t, u, 2) }))} data-testid="product-unit" />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item name="yearlyLimit" label={t('stockReports.products.col.yearlyLimit')} extra={t('stockReports.products.yearlyLimitHint')}>
        <InputNumber min={1} precision={0} style={{ width: 160 }} addonAfter={unit ? unitWord(t, unit, 2) : undefined} data-testid="product-limit" />
      </Form.Item>
      <Form.Item label={t('stockReports.products.col.months')} required extra={t('stockReports.products.monthsHint')}>
        <Space>
          <Form.Item name="minMonths" noStyle rules={required}>
            <InputNumber min={0} max={60} step={0.5} style={{ width: 90 }} data-testid="product-min" />
          </Form.Item>
          <span>–</span>
          <Form.Item name="maxMonths" noStyle rules={required}>
            <InputNumber min={0} max={120} step={0.5} style={{ width: 90 }} data-testid="product-max" />
          </Form.Item>
          <span>{t('stockReports.products.monthsUnit')}</span>
        </Space>
      </Form.Item>
      <Form.Item name="active" label={t('stockReports.products.col.active')} valuePropName="checked">
        <Switch data-testid="product-active" />
      </Form.Item>
    </FormModal>
  )
}
