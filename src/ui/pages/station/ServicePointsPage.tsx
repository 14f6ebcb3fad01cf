/**
 * Service points (village rooms with their 12-digit village codes, the mobile van): the
 * columns and the form fields; the rest is the shared RegisterPage. A village code must lie in
 * the station's township (township station) or county (district station), as the core checks.
 */
import { Form, Input, Select, Switch, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { SERVICE_POINT_KINDS, servicePointInput, type ServicePointRow, type StationProfile } from '../../../api/station'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { RegisterPage, type RegisterQuery } from '../../components/RegisterPage'
import { useRuleText, useZodRule } from '../../components/rules'
import { useCodeLookup } from '../../components/useCodeLookup'

interface PointForm {
  kind: ServicePointRow['kind']
  code?: string
  name: string
  address: string
  active: boolean
}

const shape = servicePointInput.shape
const list = (q: RegisterQuery) => call('servicePoints.list', q)

/** the code a village of this station starts with */
export function villagePrefix(s: Pick<StationProfile, 'level' | 'code'> | null): string {
  if (!s) return ''
  return s.level === 'township' ? s.code : s.code.slice(0, 6)
}

export function ServicePointsPage() {
  const { t } = useI18n()
  const [station, setStation] = useState<StationProfile | null>(null)

  useEffect(() => {
    // only for the hint and the prefix check; the core checks again on save
    call('station.get').then(setStation, () => undefined)
  }, [])

  const columns = useMemo<ColumnsType<ServicePointRow>>(
    () => [
      {
        key: 'kind',
        dataIndex: 'kind',
        title: t('station.servicePoints.kind'),
        width: 130,
        render: (k: ServicePointRow['kind']) => <Tag color={k === 'mobile_van' ? 'purple' : 'blue'}>{t(`station.kind.${k}`)}</Tag>
      },
      { key: 'code', dataIndex: 'code', title: t('station.servicePoints.code'), width: 150, render: (v: string) => <span className="sd-num">{v}</span> },
      { key: 'name', dataIndex: 'name', title: t('station.servicePoints.name') },
      { key: 'address', dataIndex: 'address', title: t('station.servicePoints.address') },
      {
        key: 'active',
        dataIndex: 'active',
        title: t('station.servicePoints.active'),
        width: 90,
        render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'common.active' : 'common.inactive')}</Tag>
      }
    ],
    [t]
  )

  return (
    <RegisterPage<ServicePointRow, PointForm>
      what={t('station.servicePoints.what')}
      searchPlaceholder={t('station.servicePoints.search')}
      hasActive
      list={list}
      save={(v, row) =>
        callResult('servicePoints.save', {
          kind: v.kind,
          // the van's code is not asked for; an existing one is kept
          code: v.kind === 'village_room' ? (v.code ?? '').trim() : row?.kind === 'mobile_van' ? row.code : '',
          name: v.name,
          address: v.address ?? '',
          active: v.active,
          ...(row ? { id: row.id } : {})
        })
      }
      exportFile={(f) => call('servicePoints.export', f)}
      columns={columns}
      initialValues={(row) =>
        row
          ? { kind: row.kind, code: row.code, name: row.name, address: row.address, active: row.active }
          : { kind: 'village_room', code: villagePrefix(station), name: '', address: '', active: true }
      }
      fields={<PointFields prefix={villagePrefix(station)} />}
      labelWidth={128}
    />
  )
}

function PointFields({ prefix }: { prefix: string }) {
  const { t } = useI18n()
  const zod = useZodRule()
  const ruleText = useRuleText()
  const form = Form.useFormInstance<PointForm>()
  const kind = Form.useWatch('kind', form)
  const code = Form.useWatch('code', form)
  const lookup = useCodeLookup(code, [12])

  const hint = prefix ? t('station.servicePoints.codeHint', { prefix }) : null
  let extra: ReactNode = hint
  if (lookup.status === 'known')
    extra = (
      <>
        <Typography.Text type="success" data-testid="point-region">
          {t('station.servicePoints.lookupKnown', { name: lookup.name })}
        </Typography.Text>
        {hint && <div>{hint}</div>}
      </>
    )
  if (lookup.status === 'unknown')
    extra = (
      <>
        <Typography.Text type="warning" data-testid="point-region">
          {t('station.servicePoints.lookupUnknown')}
        </Typography.Text>
        {hint && <div>{hint}</div>}
      </>
    )

  return (
    <>
      <Form.Item name="kind" label={t('station.servicePoints.kind')} rules={[zod(shape.kind, { required: true })]}>
        <Select autoFocus options={SERVICE_POINT_KINDS.map((k) => ({ value: k, label: t(`station.kind.${k}`) }))} />
      </Form.Item>
      {kind === 'village_room' && (
        <Form.Item
          name="code"
          label={t('station.servicePoints.code')}
          extra={extra}
          dependencies={['kind']}
          required
          rules={[
            {
              validator: async (_r, v: string | undefined) => {
                const c = (v ?? '').trim()
                if (!c) throw new Error(ruleText('required'))
                if (!/^\d{12}$/.test(c)) throw new Error(ruleText('village_code_format'))
                if (prefix && !c.startsWith(prefix)) throw new Error(ruleText('village_outside_station', { prefix }))
              }
            }
          ]}
        >
          <Input maxLength={12} inputMode="numeric" className="sd-num" style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('station.servicePoints.name')} rules={[zod(shape.name, { required: true })]}>
        <Input maxLength={60} placeholder={t('station.servicePoints.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="address" label={t('station.servicePoints.address')} rules={[zod(shape.address)]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="active" label={t('station.servicePoints.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  )
}
