/**
 * The holder's details on a verification form (QR and by hand): her ID number and name (from
 * the certificate, checked against her ID card), and what the register keeps of an in-migrant —
 * phone, the village (service point) she lives in, address, where she came from and since when.
 * The values are strings; dates as YYYY-MM-DD.
 */
import { DatePicker, Form, Input, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { Person } from '../../../api/persons'
import { useI18n } from '../../app/i18n'
import { useServicePoints } from '../persons/useServicePoints'

export interface HolderValues {
  idNumber: string
  name: string
  phone: string
  servicePointId: string | null
  residenceAddress: string
  from: string
  since: string
  /** only asked to register someone new whose certificate says married, divorced or widowed */
  maritalDate?: string
}

export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY.MM.DD', 'YYYY/MM/DD']

/** a DatePicker whose form value is a YYYY-MM-DD string ('' when empty) */
export function DateItem({ name, label, testId, max, required }: { name: string; label: string; testId: string; max?: string; required?: boolean }) {
  const { t } = useI18n()
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      rules={required ? [{ required: true, message: t('errors.rule.required') }] : undefined}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
    >
      <DatePicker format={DATE_FORMATS} placeholder="YYYY-MM-DD" style={{ width: '100%' }} disabledDate={max ? (d) => d.format('YYYY-MM-DD') > max : undefined} data-testid={testId} />
    </Form.Item>
  )
}

/** the register's person's details as starting values (the certificate's name and ID number win) */
export function holderFromPerson(p: Person | null, facts?: { name: string; idNumber: string }): HolderValues {
  return {
    idNumber: facts?.idNumber ?? p?.idNumber ?? '',
    name: facts?.name ?? p?.name ?? '',
    phone: p?.phone ?? '',
    servicePointId: p?.servicePointId ?? null,
    residenceAddress: p?.residenceAddress ?? '',
    from: p?.migrantStatus === 'in' ? p.migrantPlace : '',
    since: p?.migrantStatus === 'in' ? (p.migrantSince ?? '') : ''
  }
}

/** the holder part of certificates.verificationSave's input */
export function holderInput(v: HolderValues) {
  return {
    idNumber: v.idNumber.trim(),
    name: v.name.trim(),
    phone: (v.phone ?? '').trim(),
    servicePointId: v.servicePointId || null,
    residenceAddress: (v.residenceAddress ?? '').trim(),
    from: (v.from ?? '').trim(),
    since: v.since || '',
    maritalDate: v.maritalDate || ''
  }
}

/**
 * `requireFrom`: nothing in the certificate names where she came from (its text could not be
 * trusted), so the register needs it typed. `ownPerson`: this station's certificate held by
 * someone in its register (back home or passing through): she is not made an in-migrant, so
 * where from and since are not asked.
 */
export function HolderFields({ today, lockIdentity, askMaritalDate, requireFrom, ownPerson }: { today: string; lockIdentity?: boolean; askMaritalDate?: boolean; requireFrom?: boolean; ownPerson?: boolean }) {
  const { t } = useI18n()
  const points = useServicePoints()
  const req = [{ required: true, message: t('errors.rule.required') }]
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 16 }} data-testid="verify-holder">
      <Form.Item name="idNumber" label={t('verify.field.idNumber')} rules={req} required>
        <Input maxLength={40} readOnly={lockIdentity} className="sd-num" data-testid="verify-holder-id" />
      </Form.Item>
      <Form.Item name="name" label={t('verify.field.name')} rules={req} required>
        <Input maxLength={30} readOnly={lockIdentity} data-testid="verify-holder-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('verify.field.phone')}>
        <Input maxLength={20} data-testid="verify-holder-phone" />
      </Form.Item>
      <Form.Item name="servicePointId" label={t('verify.field.servicePoint')}>
        <Select allowClear showSearch optionFilterProp="label" options={points.options} placeholder={t('verify.servicePointNone')} data-testid="verify-holder-point" />
      </Form.Item>
      <Form.Item name="residenceAddress" label={t('verify.field.residenceAddress')}>
        <Input maxLength={120} data-testid="verify-holder-address" />
      </Form.Item>
      {!ownPerson && (
        <Form.Item name="from" label={t('verify.field.from')} tooltip={requireFrom ? undefined : t('verify.fromHint')} rules={requireFrom ? req : undefined} required={requireFrom}>
          <Input maxLength={120} data-testid="verify-holder-from" />
        </Form.Item>
      )}
      {!ownPerson && <DateItem name="since" label={t('verify.field.since')} testId="verify-holder-since" max={today} />}
      {askMaritalDate && <DateItem name="maritalDate" label={t('verify.field.maritalDate')} testId="verify-holder-marital-date" max={today} required />}
    </div>
  )
}
