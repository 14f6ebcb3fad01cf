/**
 * One fact of a person as a form field, the same in the add form and in every change event's
 * modal (which shows only the facts EVENT_FIELDS allows for its type). Fields that only mean
 * something with another's value hide without it: the marriage date and spouse while unmarried,
 * "since" while there is no contraception, place and since for a local resident.
 */
import { Col, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { ReactNode } from 'react'
import { CONTRACEPTIONS, EXIT_REASONS, MARITAL_STATUSES, MIGRANT_STATUSES, personFactsInput } from '../../../api/persons'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useZodRule } from '../../components/rules'
import { useCodeLookup } from '../../components/useCodeLookup'
import { IdField, type IdFieldProps } from './IdField'
import type { ServicePoints } from './useServicePoints'
import { SHOWN_WITH } from './facts'
import { stationToday, usePersonWords, type FactName } from './words'

const shape = personFactsInput.shape

/** typed dates as clerks write them in Excel: 1985-03-12, 19850312, 1985.03.12, 1985/03/12 */
export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY.MM.DD', 'YYYY/MM/DD', 'YYYY.M.D', 'YYYY/M/D']

export interface FactItemProps {
  name: FactName
  points: ServicePoints
  /** wrap in a grid column of this span */
  col?: number
  /** limit an enum's choices (a marriage is married or remarried) */
  allowed?: readonly string[]
  required?: boolean
  autoFocus?: boolean
  /** the label in this context, if not the fact's own name (a marriage's date is "结婚日期") */
  label?: string
  /** for the ID number: called with each valid number (sex, birth, region follow from it) */
  onIdValid?: IdFieldProps['onValid']
}

/** a date field kept as 'YYYY-MM-DD' (or '') in the form: typed in any of DATE_FORMATS, never after today */
export function DateItem({ name, label, required }: { name: string; label: ReactNode; required?: boolean }) {
  const zod = useZodRule()
  const words = usePersonWords()
  const { info } = useApp()
  const today = stationToday(info.timeZone)
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      rules={[
        {
          validator: async (_r: unknown, v: string | undefined) => {
            if (required && !v) throw new Error(words.rule('required'))
            if (v && v > today) throw new Error(words.rule('date_future', { today }))
          }
        },
        zod(shape.maritalDate)
      ]}
      getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null })}
      normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
    >
      <DatePicker format={DATE_FORMATS} placeholder="YYYY-MM-DD" disabledDate={(d) => d.format('YYYY-MM-DD') > today} style={{ width: '100%', maxWidth: 200 }} />
    </Form.Item>
  )
}

export function FactItem({ name, points, col, allowed, required, autoFocus, label: ownLabel, onIdValid }: FactItemProps) {
  const { t } = useI18n()
  const words = usePersonWords()
  const zod = useZodRule()
  const form = Form.useFormInstance()
  const dep = SHOWN_WITH[name]
  const depValue = Form.useWatch(dep ? dep[0] : '__none__', form) as string | undefined
  const migrant = Form.useWatch('migrantStatus', form) as string | undefined
  const region = Form.useWatch('hukouRegion', form) as string | undefined
  const lookup = useCodeLookup(name === 'hukouRegion' ? region : null, [6])

  if (dep && depValue !== undefined && dep[1].includes(depValue)) return null

  const label = ownLabel
    ? ownLabel
    : name === 'migrantPlace'
      ? t(migrant === 'in' ? 'persons.field.migrantFrom' : migrant === 'out' ? 'persons.field.migrantTo' : 'persons.field.migrantPlace') : words.field(name)
  const choices = (values: readonly string[], group: string) =>
    values.filter((v) => !allowed || allowed.includes(v)).map((v) => ({ value: v, label: t(`persons.${group}.${v}`) }))
  // the core wants a marital date once married, divorced or widowed, and a place for a migrant
  const needed = required || name === 'maritalDate' || name === 'migrantPlace'
  const rule = (key: keyof typeof shape) => [
    ...(needed ? [{ validator: async (_r: unknown, v: unknown) => { if (v === undefined || v === null || String(v).trim() === '') throw new Error(words.rule('required')) } }] : []),
    zod(shape[key], { required: needed })
  ]

  let item: ReactNode
  switch (name) {
    case 'idNumber':
      item = <IdField name="idNumber" label={label} required testId="person-id" autoFocus={autoFocus} onValid={onIdValid} />
      break
    case 'spouseIdNumber':
      item = <IdField name="spouseIdNumber" label={label} testId="person-spouse-id" autoFocus={autoFocus} />
      break
    case 'name':
    case 'spouseName':
      item = (
        <Form.Item name={name} label={label} rules={rule(name)} required={name === 'name' || required}>
          <Input maxLength={30} autoFocus={autoFocus} autoComplete="off" style={{ maxWidth: 240 }} data-testid={`person-${name}`} />
        </Form.Item>
      )
      break
    case 'phone':
      item = (
        <Form.Item name="phone" label={label} rules={rule('phone')}>
          <Input maxLength={20} inputMode="tel" className="sd-num" autoComplete="off" autoFocus={autoFocus} style={{ maxWidth: 240 }} />
        </Form.Item>
      )
      break
    case 'hukouRegion': {
      let extra: ReactNode = t('persons.hukouRegionHint')
      if (lookup.status === 'known') extra = <Typography.Text type="success" data-testid="person-hukou-name">{lookup.name}</Typography.Text>
      if (lookup.status === 'unknown') extra = <Typography.Text type="warning" data-testid="person-hukou-name">{t('persons.regionUnknown')}</Typography.Text>
      item = (
        <Form.Item name="hukouRegion" label={label} rules={rule('hukouRegion')} extra={extra}>
          <Input maxLength={6} inputMode="numeric" className="sd-num" autoComplete="off" autoFocus={autoFocus} style={{ maxWidth: 160 }} />
        </Form.Item>
      )
      break
    }
    case 'hukouAddress':
    case 'residenceAddress':
    case 'migrantPlace':
      item = (
        <Form.Item name={name} label={label} rules={rule(name)} required={needed}>
          <Input maxLength={120} autoComplete="off" autoFocus={autoFocus} data-testid={`person-${name}`} />
        </Form.Item>
      )
      break
    case 'servicePointId':
      item = (
        <Form.Item name="servicePointId" label={label}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={points.options}
            placeholder={t('persons.servicePointPlaceholder')}
            autoFocus={autoFocus}
            style={{ maxWidth: 240 }}
            data-testid="person-point"
          />
        </Form.Item>
      )
      break
    case 'maritalStatus':
    case 'contraception':
    case 'migrantStatus':
    case 'exitReason': {
      const [values, group] =
        name === 'maritalStatus' ? [MARITAL_STATUSES, 'marital'] : name === 'contraception' ? [CONTRACEPTIONS, 'contraception'] : name === 'migrantStatus' ? [MIGRANT_STATUSES, 'migrant'] : [EXIT_REASONS, 'exitReason']
      item = (
        <Form.Item
          name={name}
          label={label}
          required={required || name === 'exitReason'}
          rules={[{ validator: async (_r, v: unknown) => { if ((required || name === 'exitReason') && !v) throw new Error(words.rule('required')) } }]}
        >
          <Select options={choices(values, group)} autoFocus={autoFocus} style={{ maxWidth: 240 }} data-testid={`person-${name}`} />
        </Form.Item>
      )
      break
    }
    case 'maritalDate':
    case 'contraceptionSince':
    case 'migrantSince':
    case 'exitDate':
      item = <DateItem name={name} label={label} required={needed || name === 'exitDate'} />
      break
    case 'boys':
    case 'girls':
      item = (
        <Form.Item name={name} label={label} rules={rule(name)}>
          <InputNumber min={0} max={20} precision={0} autoFocus={autoFocus} style={{ width: 120 }} data-testid={`person-${name}`} />
        </Form.Item>
      )
      break
    default:
      // sex and birth date come from the ID number; state is set by the exit event itself
      return null
  }
  return col ? <Col span={col}>{item}</Col> : item
}
