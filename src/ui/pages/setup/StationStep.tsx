/**
 * Setup step 1: the station's mode and identity. The code is checked against GB/T 2260 as it
 * is left, its region shown below it, and a name suggested from the region while the user has
 * not typed their own.
 */
import { Form, Input, InputNumber, Radio, Typography } from 'antd'
import type { FormInstance } from 'antd'
import { useEffect, useRef } from 'react'
import { phone as phoneSchema } from '../../../api/common'
import type { StationLevel } from '../../../api/station'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import type { Region } from './useRegion'
import type { Rule, Values } from './wizard'

export function StationStep({ form, region, rule }: { form: FormInstance<Values>; region: Region | null; rule: Rule }) {
  const { t } = useI18n()
  const lastSuggestion = useRef<string | null>(null)
  const mode = Form.useWatch('mode', form) ?? 'station'
  const level = Form.useWatch(['station', 'level'], form) ?? 'township'
  const name = Form.useWatch(['station', 'name'], form)

  // a name from the code's region, filled in while the user has not typed their own
  const suggestion = region?.state === 'known' && region.code.length === 9 ? t('setup.name.pattern', { region: region.name }) : null
  useEffect(() => {
    if (!suggestion) return
    const current = (form.getFieldValue(['station', 'name']) as string | undefined)?.trim() ?? ''
    if (!current || current === lastSuggestion.current) form.setFieldValue(['station', 'name'], suggestion)
    lastSuggestion.current = suggestion
  }, [suggestion, form])

  const regionExtra = regionText(t, region)
  const required = { required: true, message: t('errors.rule.required') }

  return (
    <>
      <Form.Item name="mode" label={t('setup.mode.label')} extra={mode === 'district' ? t('setup.mode.districtHint') : undefined}>
        <Radio.Group
          name="mode"
          onChange={(e) => {
            if (e.target.value === 'district') form.setFieldValue(['station', 'level'], 'district')
            if ((form.getFieldValue(['station', 'code']) as string | undefined)?.trim()) void form.validateFields([['station', 'code']]).catch(() => undefined)
          }}
          options={[
            { value: 'station', label: t('setup.mode.station') },
            { value: 'district', label: t('setup.mode.district') }
          ]}
        />
      </Form.Item>
      <Form.Item name={['station', 'level']} label={t('setup.level.label')} rules={[required]}>
        <Radio.Group
          name="level"
          onChange={() => {
            if ((form.getFieldValue(['station', 'code']) as string | undefined)?.trim()) void form.validateFields([['station', 'code']]).catch(() => undefined)
          }}
          options={[
            { value: 'township', label: t('setup.level.township'), disabled: mode === 'district' },
            { value: 'district', label: t('setup.level.district') }
          ]}
        />
      </Form.Item>
      <Form.Item
        name={['station', 'code']}
        label={t('setup.code.label')}
        validateTrigger="onBlur"
        validateFirst
        extra={
          <div>
            {regionExtra && (
              <div data-testid="setup-region" style={{ color: region?.state === 'unknown' ? '#cf1322' : region?.state === 'known' ? '#237804' : undefined }}>
                {regionExtra}
              </div>
            )}
            <div>{t(level === 'district' ? 'setup.code.helpDistrict' : 'setup.code.helpTownship')}</div>
          </div>
        }
        rules={[
          required,
          {
            validator: async (_r, value: string | undefined) => {
              const c = (value ?? '').trim()
              if (!c) return
              if (!/^\d{9}$/.test(c)) throw new Error(rule('station_code_format'))
              const lvl = form.getFieldValue(['station', 'level']) as StationLevel
              if (lvl === 'district' && !c.endsWith('000')) throw new Error(rule('station_code_district'))
              if (lvl === 'township' && c.endsWith('000')) throw new Error(rule('station_code_township'))
              const r = await callResult('codes.lookup', { code: c.slice(0, 6) })
              if (r.ok && !r.data.known) throw new Error(rule('county_unknown', { county: c.slice(0, 6) }))
            }
          }
        ]}
      >
        <Input maxLength={9} inputMode="numeric" placeholder={t('setup.code.placeholder')} style={{ width: 200 }} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['station', 'name']}
        label={t('setup.name.label')}
        rules={[required, { max: 60, message: rule('too_big') }]}
        extra={
          suggestion && name?.trim() !== suggestion ? (
            <span>
              {t('setup.name.suggest', { name: suggestion })}{' '}
              <Typography.Link onClick={() => form.setFieldValue(['station', 'name'], suggestion)}>{t('setup.name.useSuggestion')}</Typography.Link>
            </span>
          ) : undefined
        }
      >
        <Input maxLength={60} autoComplete="off" />
      </Form.Item>
      <Form.Item name={['station', 'address']} label={t('setup.address.label')} rules={[{ max: 120, message: rule('too_big') }]}>
        <Input maxLength={120} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={['station', 'phone']}
        label={t('setup.phone.label')}
        validateTrigger="onBlur"
        rules={[
          {
            validator: async (_r, v: string | undefined) => {
              if (!phoneSchema.safeParse(v ?? '').success) throw new Error(rule('phone'))
            }
          }
        ]}
      >
        <Input placeholder={t('setup.phone.placeholder')} style={{ width: 260 }} autoComplete="off" />
      </Form.Item>
      <Form.Item name={['station', 'buildingArea']} label={t('setup.area.label')}>
        <InputNumber min={0} max={100000} precision={0} suffix={t('setup.area.unit')} style={{ width: 200 }} />
      </Form.Item>
    </>
  )
}

function regionText(t: (k: string, p?: Record<string, string | number>) => string, region: Region | null): string | null {
  if (!region) return null
  switch (region.state) {
    case 'looking':
      return t('setup.code.looking')
    case 'known':
      return region.name
    case 'county':
      return region.complete ? t('setup.code.countyOnly', { county: region.name }) : region.name
    case 'unknown':
      return t('setup.code.unknown', { code: region.code.length > 6 ? region.code.slice(0, 6) : region.code })
  }
}
