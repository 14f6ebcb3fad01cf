/** Staff register: the columns and the form fields; the rest is the shared RegisterPage. */
import { Form, Input, Select, Switch, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo } from 'react'
import { STAFF_POSTS, staffInput, type StaffRow } from '../../../api/station'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { RegisterPage, type RegisterQuery } from '../../components/RegisterPage'
import { useZodRule } from '../../components/rules'

interface StaffForm {
  name: string
  post: StaffRow['post']
  qualification: string
  licenceNo: string
  phone: string
  active: boolean
}

const shape = staffInput.shape
const list = (q: RegisterQuery) => call('staff.list', q)

export function StaffPage() {
  const { t } = useI18n()
  const zod = useZodRule()

  const columns = useMemo<ColumnsType<StaffRow>>(
    () => [
      { key: 'name', dataIndex: 'name', title: t('station.staff.name'), width: 120 },
      { key: 'post', dataIndex: 'post', title: t('station.staff.post'), width: 120, render: (p: StaffRow['post']) => t(`station.post.${p}`) },
      { key: 'qualification', dataIndex: 'qualification', title: t('station.staff.qualification') },
      { key: 'licenceNo', dataIndex: 'licenceNo', title: t('station.staff.licenceNo'), render: (v: string) => <span className="sd-num">{v}</span> },
      { key: 'phone', dataIndex: 'phone', title: t('station.staff.phone'), width: 150, render: (v: string) => <span className="sd-num">{v}</span> },
      {
        key: 'active',
        dataIndex: 'active',
        title: t('station.staff.active'),
        width: 90,
        render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'station.staff.activeYes' : 'station.staff.activeNo')}</Tag>
      }
    ],
    [t]
  )

  const fields = (
    <>
      <Form.Item name="name" label={t('station.staff.name')} rules={[zod(shape.name, { required: true })]}>
        <Input maxLength={40} autoFocus />
      </Form.Item>
      <Form.Item name="post" label={t('station.staff.post')} rules={[zod(shape.post, { required: true })]}>
        <Select options={STAFF_POSTS.map((p) => ({ value: p, label: t(`station.post.${p}`) }))} />
      </Form.Item>
      <Form.Item name="qualification" label={t('station.staff.qualification')} rules={[zod(shape.qualification)]}>
        <Input maxLength={60} placeholder={t('station.staff.qualificationPlaceholder')} />
      </Form.Item>
      <Form.Item name="licenceNo" label={t('station.staff.licenceNo')} rules={[zod(shape.licenceNo)]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="phone" label={t('station.staff.phone')} rules={[zod(shape.phone)]}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Form.Item name="active" label={t('station.staff.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  )

  return (
    <RegisterPage<StaffRow, StaffForm>
      what={t('station.staff.what')}
      searchPlaceholder={t('station.staff.search')}
      hasActive
      list={list}
      save={(v, row) => callResult('staff.save', { ...v, ...(row ? { id: row.id } : {}) })}
      exportFile={(f) => call('staff.export', f)}
      columns={columns}
      initialValues={(row) =>
        row
          ? { name: row.name, post: row.post, qualification: row.qualification, licenceNo: row.licenceNo, phone: row.phone, active: row.active }
          : { post: 'doctor', active: true, qualification: '', licenceNo: '', phone: '' }
      }
      fields={fields}
    />
  )
}
