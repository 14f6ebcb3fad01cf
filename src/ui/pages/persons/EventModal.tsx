/**
 * Record a change of a person's facts as an event (marriage, divorce, birth, contraception,
 * migration out / in, correction, exit): a modal with ONLY the facts EVENT_FIELDS lets that
 * event change, prefilled with the current values (and the value the event naturally sets:
 * a marriage makes her married, an out-migration an out-migrant), the business date and a
 * required reason. Only the facts that differ from today's are sent; the core records each
 * with its before and after.
 */
import { Button, Col, Form, Input, Row, Space, Typography } from 'antd'
import { useEffect, useMemo, useRef } from 'react'
import type { ApiError } from '../../../api/contract'
import { EVENT_FIELDS, recordEventInput, type EventType, type Person } from '../../../api/persons'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { FormModal } from '../../components/FormModal'
import { useZodRule } from '../../components/rules'
import { DateItem, FactItem } from './FactItem'
import { currentValue, factValue, sameValue, type FactValues } from './facts'
import type { ServicePoints } from './useServicePoints'
import { applyPersonErrors, stationToday, usePersonWords, type FactName } from './words'

export type ChangeType = Exclude<EventType, 'registered'>

/** the events a clerk can record, in the order of the buttons */
export const CHANGE_TYPES: ChangeType[] = ['marriage', 'divorce', 'birth', 'contraception', 'migration_out', 'migration_in', 'correction', 'exit']

/** the fact an event's business date also sets (a marriage's date is the marriage date) */
const DATE_FACT: Partial<Record<ChangeType, FactName>> = {
  marriage: 'maritalDate',
  divorce: 'maritalDate',
  contraception: 'contraceptionSince',
  migration_out: 'migrantSince',
  migration_in: 'migrantSince',
  exit: 'exitDate'
}

/** the choices an event allows for the fact it is about */
const ALLOWED: Partial<Record<ChangeType, Partial<Record<FactName, readonly string[]>>>> = {
  marriage: { maritalStatus: ['married', 'remarried'] },
  divorce: { maritalStatus: ['divorced', 'widowed'] },
  migration_out: { migrantStatus: ['out'] },
  migration_in: { migrantStatus: ['in', 'local'] }
}

/** the values an event starts from: today's facts, with what the event itself sets */
function startValues(p: Person, type: ChangeType, fields: FactName[], today: string): FactValues & { date: string; reason: string } {
  const v: FactValues & { date: string; reason: string } = { date: today, reason: '' }
  for (const f of fields) v[f] = currentValue(p, f)
  if (type === 'marriage') v.maritalStatus = p.maritalStatus === 'divorced' || p.maritalStatus === 'widowed' || p.maritalStatus === 'remarried' ? 'remarried' : 'married'
  if (type === 'divorce') v.maritalStatus = 'divorced'
  if (type === 'migration_out') v.migrantStatus = 'out'
  if (type === 'migration_in') v.migrantStatus = p.migrantStatus === 'out' ? 'local' : 'in'
  if (type === 'exit') v.exitReason = undefined
  const dateFact = DATE_FACT[type]
  if (dateFact) v[dateFact] = today
  return v
}

export interface EventModalProps {
  person: Person
  type: ChangeType | null
  points: ServicePoints
  onCancel(): void
  onDone(p: Person): void
}

export function EventModal({ person, type, points, onCancel, onDone }: EventModalProps) {
  const { t, has } = useI18n()
  const words = usePersonWords()
  const zod = useZodRule()
  const { info } = useApp()
  const today = stationToday(info.timeZone)
  const [form] = Form.useForm<FactValues & { date: string; reason: string }>()
  const lastDate = useRef(today)

  const fields = useMemo(() => (type ? (EVENT_FIELDS[type].filter((f) => f !== 'state') as FactName[]) : []), [type])
  const initial = useMemo(() => (type ? startValues(person, type, fields, today) : {}), [person, type, fields, today])
  useEffect(() => {
    if (type) lastDate.current = today
  }, [type, today])

  const submit = async (values: FactValues & { date: string; reason: string }): Promise<ApiError | null> => {
    if (!type) return null
    const changes: Record<string, unknown> = {}
    for (const f of fields) {
      const v = factValue(f, values)
      if (!sameValue(v, currentValue(person, f))) changes[f] = v
    }
    if (type === 'exit') changes.state = 'exited'
    if (!Object.keys(changes).length) return { code: 'VALIDATION', message: 'nothing changed', details: { fields: [{ path: '', rule: 'no_change', message: '' }] } }
    const r = await callResult('persons.recordEvent', { personId: person.id, type, date: values.date, reason: values.reason.trim(), changes })
    if (!r.ok) return r.error
    onDone(r.data)
    return null
  }

  const wide = type === 'correction'
  const birthStep = (f: 'boys' | 'girls') => form.setFieldValue(f, Number(form.getFieldValue(f) ?? 0) + 1)

  return (
    <FormModal<FactValues & { date: string; reason: string }>
      open={type !== null}
      form={form}
      title={type ? t(`persons.event.${type}`) : ''}
      intro={type && <Typography.Text type="secondary">{t(`persons.eventIntro.${type}`, { name: person.name })}</Typography.Text>}
      initialValues={initial}
      onCancel={onCancel}
      onSubmit={submit}
      onError={(e, f) => {
        if (applyPersonErrors(f, words, e)) return null
        // the message shows at the top of the modal: bring it into view in a long form
        setTimeout(() => document.querySelector('[data-testid="modal-error"]')?.scrollIntoView({ block: 'nearest' }), 60)
        return words.error(e)
      }}
      onValuesChange={(changed) => {
        // the facts dated by the event follow its date while they still say the same
        const dateFact = type ? DATE_FACT[type] : undefined
        if (typeof changed.date === 'string') {
          if (dateFact && form.getFieldValue(dateFact) === lastDate.current) form.setFieldValue(dateFact, changed.date)
          lastDate.current = changed.date
        }
      }}
      okText={t('persons.event.save')}
      okTestId="event-save"
      testId={type ? `event-modal-${type}` : undefined}
      width={wide ? 900 : type?.startsWith('migration') ? 680 : 580}
      labelWidth={wide ? 116 : 124}
    >
      {wide ? (
        // a correction may touch every fact: two columns keep it on one screen
        <Row gutter={16}>
          <Col span={12}>
            <DateItem name="date" label={t('persons.event.date')} required />
          </Col>
          <Col span={12} />
          {fields.map((f) => (
            <FactItem key={f} name={f} points={points} col={12} />
          ))}
        </Row>
      ) : (
        <>
          <DateItem name="date" label={t('persons.event.date')} required />
          {fields.map((f) => (
            <FactItem
              key={f}
              name={f}
              points={points}
              allowed={type ? ALLOWED[type]?.[f] : undefined}
              label={type && has(`persons.eventField.${type}.${f}`) ? t(`persons.eventField.${type}.${f}`) : undefined}
            />
          ))}
        </>
      )}
      {type === 'birth' && (
        <Form.Item label=" ">
          <Space>
            <Button size="small" onClick={() => birthStep('boys')} data-testid="event-birth-boy">
              {t('persons.event.plusBoy')}
            </Button>
            <Button size="small" onClick={() => birthStep('girls')} data-testid="event-birth-girl">
              {t('persons.event.plusGirl')}
            </Button>
          </Space>
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('persons.event.reason')} required rules={[zod(recordEventInput.shape.reason, { required: true })]}>
        <Input maxLength={200} placeholder={t('persons.event.reasonPlaceholder')} autoComplete="off" data-testid="event-reason" />
      </Form.Item>
    </FormModal>
  )
}
