/**
 * The station's profile (station.get / station.update): everyone reads it, admin and head
 * change it. The 9-digit code shows its region name from the code tables as it is typed.
 */
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Skeleton, Space, Typography } from 'antd'
import { EditOutlined, IdcardOutlined, SaveOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { STATION_LEVELS, stationProfileInput, type StationProfile, type StationLevel } from '../../../api/station'
import { call, callResult } from '../../app/client'
import { applyFieldErrors } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { enterToNext, focusFirstField } from '../../components/enterNav'
import { fmtDateTime } from '../../components/format'
import { useRuleText, useZodRule } from '../../components/rules'
import { useCodeLookup } from '../../components/useCodeLookup'

/** the editable part of the profile: what station.update takes */
type ProfileForm = Pick<StationProfile, 'level' | 'code' | 'name' | 'address' | 'phone' | 'buildingArea'>

const shape = stationProfileInput.shape

export function ProfilePage() {
  const { t, num, has } = useI18n()
  const { fail, ok } = useNotify()
  const { can, refresh, info } = useApp()
  const canEdit = can('admin', 'head')
  const [profile, setProfile] = useState<StationProfile | null>(null)
  const [editing, setEditing] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    call('station.get').then(setProfile, fail)
  }, [fail])

  if (!profile) return <Skeleton active />

  const none = <Typography.Text type="secondary">{t('station.profile.none')}</Typography.Text>
  const view = (
    <Descriptions
      bordered
      column={1}
      size="middle"
      styles={{ label: { width: 180 } }}
      data-testid="profile-view"
      items={[
        { key: 'level', label: t('station.profile.level'), children: t(`station.level.${profile.level}`) },
        { key: 'code', label: t('station.profile.code'), children: <span className="sd-num">{profile.code}</span> },
        { key: 'region', label: t('station.profile.region'), children: profile.regionName || none },
        { key: 'name', label: t('station.profile.name'), children: profile.name },
        { key: 'address', label: t('station.profile.address'), children: profile.address || none },
        { key: 'phone', label: t('station.profile.phone'), children: profile.phone || none },
        {
          key: 'area',
          label: t('station.profile.buildingArea'),
          children: profile.buildingArea === null ? none : <span className="sd-num">{`${num(profile.buildingArea)} ${t('station.profile.areaUnit')}`}</span>
        },
        {
          key: 'keyId',
          label: t('station.profile.keyId'),
          children: (
            <Space orientation="vertical" size={0}>
              <Typography.Text code copyable data-testid="profile-key-id">
                {profile.keyId}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('station.profile.keyIdHint')}
              </Typography.Text>
            </Space>
          )
        },
        { key: 'updated', label: t('station.profile.updatedAt'), children: fmtDateTime(profile.updatedAt, info.timeZone) }
      ]}
    />
  )

  return (
    <Card
      style={{ maxWidth: 880 }}
      title={
        <Space>
          <IdcardOutlined />
          {profile.name}
        </Space>
      }
      extra={
        canEdit &&
        !editing && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="profile-edit">
            {t('station.profile.edit')}
          </Button>
        )
      }
    >
      {!canEdit && <Alert type="info" showIcon title={t('station.profile.readOnly')} style={{ marginBottom: 16 }} />}
      {editing ? (
        <ProfileEditor
          profile={profile}
          busy={busy}
          onCancel={() => setEditing(false)}
          onSave={async (values, form) => {
            setBusy(true)
            const r = await callResult('station.update', { ...values, buildingArea: values.buildingArea ?? null })
            setBusy(false)
            if (r.ok) {
              setProfile(r.data)
              setEditing(false)
              ok(t('station.profile.saved'))
              void refresh() // the station name in the header
            } else if (r.error.code === 'FORBIDDEN' || !applyFieldErrors(form, t, has, r.error)) fail(r.error)
          }}
        />
      ) : (
        view
      )}
    </Card>
  )
}

function ProfileEditor({
  profile,
  busy,
  onCancel,
  onSave
}: {
  profile: StationProfile
  busy: boolean
  onCancel(): void
  onSave(v: ProfileForm, form: ReturnType<typeof Form.useForm<ProfileForm>>[0]): Promise<void>
}) {
  const { t } = useI18n()
  const zod = useZodRule()
  const ruleText = useRuleText()
  const [form] = Form.useForm<ProfileForm>()
  const code = Form.useWatch('code', form)
  const lookup = useCodeLookup(code, [9])
  const box = useRef<HTMLDivElement>(null)
  const submit = useCallback(() => form.submit(), [form])

  useEffect(() => {
    focusFirstField(box.current)
  }, [])

  let codeExtra: ReactNode = t('station.profile.codeHint')
  if (lookup.status === 'loading') codeExtra = t('station.profile.lookupLoading')
  if (lookup.status === 'known')
    codeExtra = (
      <Typography.Text type="success" data-testid="profile-region">
        {t('station.profile.lookupKnown', { name: lookup.name })}
      </Typography.Text>
    )
  if (lookup.status === 'unknown')
    codeExtra = (
      <Typography.Text type="warning" data-testid="profile-region">
        {t('station.profile.lookupUnknown')}
      </Typography.Text>
    )

  return (
    <div ref={box} onKeyDownCapture={enterToNext(submit)}>
      <Form<ProfileForm>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '140px' }}
        labelWrap
        wrapperCol={{ flex: '1 1 0', style: { minWidth: 0 } }}
        colon={false}
        style={{ maxWidth: 640 }}
        initialValues={{
          level: profile.level,
          code: profile.code,
          name: profile.name,
          address: profile.address,
          phone: profile.phone,
          buildingArea: profile.buildingArea
        }}
        onFinish={(v) => void onSave(v, form)}
        data-testid="profile-form"
      >
        <Form.Item name="level" label={t('station.profile.level')} rules={[zod(shape.level, { required: true })]}>
          <Select options={STATION_LEVELS.map((l) => ({ value: l, label: t(`station.level.${l}`) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('station.profile.code')}
          dependencies={['level']}
          extra={codeExtra}
          rules={[
            zod(shape.code, { required: true }),
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (!v || !/^\d{9}$/.test(v)) return
                const level = getFieldValue('level') as StationLevel
                if (level === 'district' && !v.endsWith('000')) throw new Error(ruleText('station_code_district'))
                if (level === 'township' && v.endsWith('000')) throw new Error(ruleText('station_code_township'))
              }
            })
          ]}
        >
          <Input maxLength={9} inputMode="numeric" className="sd-num" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="name" label={t('station.profile.name')} rules={[zod(shape.name, { required: true })]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="address" label={t('station.profile.address')} rules={[zod(shape.address)]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="phone" label={t('station.profile.phone')} rules={[zod(shape.phone)]}>
          <Input maxLength={30} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="buildingArea" label={t('station.profile.buildingArea')} rules={[zod(shape.buildingArea)]}>
          <InputNumber min={0} max={100000} step={1} suffix={t('station.profile.areaUnit')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label=" ">
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="profile-save">
              {t('common.save')}
            </Button>
            <Button onClick={onCancel} data-testid="profile-cancel">
              {t('common.cancel')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </div>
  )
}
