/** Equipment register: the columns and the form fields; the rest is the shared RegisterPage. */
import { DatePicker, Form, Input, InputNumber, Select, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo } from 'react'
import { EQUIPMENT_STATES, equipmentInput, type EquipmentRow } from '../../../api/station'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { RegisterPage, type RegisterQuery } from '../../components/RegisterPage'
import { useZodRule } from '../../components/rules'

interface EquipmentForm {
  name: string
  model: string
  count: number
  state: EquipmentRow['state']
  /** kept as 'YYYY-MM-DD' (or '') in the form; the picker shows it as a date */
  acquired: string
}

const shape = equipmentInput.shape
const list = (q: RegisterQuery) => call('equipment.list', q)
const STATE_COLORS: Record<EquipmentRow['state'], string> = { in_use: 'green', idle: 'default', repair: 'orange', scrapped: 'red' }

export function EquipmentPage() {
  const { t, num } = useI18n()
  const zod = useZodRule()

  const columns = useMemo<ColumnsType<EquipmentRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('station.equipment.name') },
      { key: 'model', dataIndex: 'model', title: t('station.equipment.model') },
      { key: 'count', dataIndex: 'count', title: t('station.equipment.count'), width: 90, align: 'right', render: (n: number) => <span className="sd-num">{num(n)}</span> },
      {
        key: 'state',
        dataIndex: 'state',
        title: t('station.equipment.state'),
        width: 110,
        render: (s: EquipmentRow['state']) => <Tag color={STATE_COLORS[s]}>{t(`station.state.${s}`)}</Tag>
      },
      { key: 'acquired', dataIndex: 'acquired', title: t('station.equipment.acquired'), width: 120, render: (d: string | null) => <span className="sd-num">{d ?? ''}</span> }
    ],
    [t, num]
  )

  const fields = (
    <>
      <Form.Item name="name" label={t('station.equipment.name')} rules={[zod(shape.name, { required: true })]}>
        <Input maxLength={60} autoFocus />
      </Form.Item>
      <Form.Item name="model" label={t('station.equipment.model')} rules={[zod(shape.model)]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="count" label={t('station.equipment.count')} rules={[zod(shape.count, { required: true })]}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="state" label={t('station.equipment.state')} rules={[zod(shape.state, { required: true })]}>
        <Select options={EQUIPMENT_STATES.map((s) => ({ value: s, label: t(`station.state.${s}`) }))} />
      </Form.Item>
      <Form.Item
        name="acquired"
        label={t('station.equipment.acquired')}
        rules={[zod(shape.acquired)]}
        getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null })}
        normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
      >
        <DatePicker format="YYYY-MM-DD" placeholder="YYYY-MM-DD" style={{ width: 180 }} />
      </Form.Item>
    </>
  )

  return (
    <RegisterPage<EquipmentRow, EquipmentForm>
      what={t('station.equipment.what')}
      searchPlaceholder={t('station.equipment.search')}
      list={list}
      save={(v, row) => callResult('equipment.save', { ...v, acquired: v.acquired || '', ...(row ? { id: row.id } : {}) })}
      exportFile={(f) => call('equipment.export', f)}
      columns={columns}
      initialValues={(row) =>
        row
          ? { name: row.name, model: row.model, count: row.count, state: row.state, acquired: row.acquired ?? '' }
          : { model: '', count: 1, state: 'in_use', acquired: '' }
      }
      fields={fields}
    />
  )
}
