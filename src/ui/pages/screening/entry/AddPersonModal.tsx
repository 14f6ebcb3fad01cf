/**
 * Adds a person to the register on the spot, from the entry page: the register's own fields
 * (FactItem, with the ID check of IdField) for what an exam needs: ID number (prefilled from the
 * lookup), name, phone, village (preset: the campaign's, when it covers one) and address. The
 * other facts of the information card can be completed later on the person's page. An ID already
 * in the register opens that person instead; the same name and birth date under another ID asks first.
 */
import { App as AntApp, Form, List, Typography } from 'antd'
import { useCallback, useEffect, useRef } from 'react'
import { checkIdNumber, type IdCheck } from '../../../../api/idNumber'
import type { PersonRow } from '../../../../api/persons'
import { call, callResult } from '../../../app/client'
import { useI18n } from '../../../app/i18n'
import { FormModal } from '../../../components/FormModal'
import { FactItem } from '../../persons/FactItem'
import { factValue, type FactValues, type FactsInput } from '../../persons/facts'
import { findById } from '../../persons/PersonNewPage'
import { useServicePoints } from '../../persons/useServicePoints'
import { applyPersonErrors, usePersonWords, type FactName } from '../../persons/words'

const FACTS: FactName[] = ['idNumber', 'name', 'phone', 'servicePointId', 'residenceAddress']

interface Props {
  /** the ID number to add; null: closed */
  idNumber: string | null
  servicePointIds: string[]
  today: string
  onCancel(): void
  /** the person added, or the one the register already had under that ID */
  onDone(personId: string): void
}

export function AddPersonModal({ idNumber, servicePointIds, today, onCancel, onDone }: Props) {
  const { t } = useI18n()
  const words = usePersonWords()
  const points = useServicePoints()
  const { message, modal } = AntApp.useApp()
  const [form] = Form.useForm<FactValues>()

  /** asks, when the register has people of the same name and birth date, whether to add her anyway */
  const noSimilarOrConfirmed = async (name: string, birthDate: string, idNumber: string): Promise<boolean> => {
    let rows: PersonRow[] = []
    try {
      rows = (await call('persons.similar', { name, birthDate, idNumber })).filter((r) => r.idNumber !== idNumber)
    } catch {
      return true // a help, not a gate: the core still refuses a second person with this ID
    }
    if (!rows.length) return true
    return new Promise<boolean>((resolve) =>
      modal.confirm({
        title: t('persons.similar.title'),
        content: (
          <div data-testid="entry-add-similar">
            <Typography.Paragraph>{t('persons.similar.body')}</Typography.Paragraph>
            <List size="small" bordered dataSource={rows} renderItem={(r) => <List.Item>{`${r.name}　${r.idNumber}　${r.servicePointName ?? ''}`}</List.Item>} />
          </div>
        ),
        okText: t('persons.similar.saveAnyway'),
        cancelText: t('persons.similar.back'),
        autoFocusButton: 'cancel',
        onOk: () => resolve(true),
        onCancel: () => resolve(false)
      })
    )
  }

  const existing = useCallback(
    (id: string, name: string) => {
      void message.info(t('screeningEntry.add.exists', { name }), 5)
      onDone(id)
    },
    [message, t, onDone]
  )
  const onIdValid = useCallback(
    (c: Extract<IdCheck, { valid: true }>) => {
      if (c.normalized === idNumber) return
      findById(c.normalized).then((hit) => hit && existing(hit.id, hit.name), () => undefined)
    },
    [idNumber, existing]
  )

  return (
    <FormModal<FactValues>
      open={idNumber !== null}
      title={t('screeningEntry.add.title')}
      intro={t('screeningEntry.add.intro')}
      form={form}
      width={520}
      initialValues={{ idNumber: idNumber ?? '', servicePointId: servicePointIds.length === 1 ? servicePointIds[0] : null }}
      okText={t('screeningEntry.add.save')}
      okTestId="entry-add-save"
      testId="entry-add-modal"
      onCancel={onCancel}
      onError={(e, f) => (applyPersonErrors(f, words, e) ? null : words.error(e))}
      onSubmit={async (v) => {
        const id = checkIdNumber(String(v.idNumber ?? ''), { today })
        if (!id.valid) return null
        const facts = Object.fromEntries(FACTS.map((f) => [f, factValue(f, v)])) as unknown as FactsInput
        facts.idNumber = id.normalized
        facts.sex = id.sex
        facts.birthDate = id.birth
        // the same name and birth date under another ID: perhaps a person already registered with a mistyped ID
        if (!(await noSimilarOrConfirmed(facts.name, id.birth, id.normalized))) return null
        const r = await callResult('persons.create', facts)
        if (r.ok) {
          void message.success(t('screeningEntry.add.saved', { name: r.data.name }))
          onDone(r.data.id)
          return null
        }
        const other = r.error.details?.existingId
        if (r.error.code === 'CONFLICT' && typeof other === 'string') {
          existing(other, facts.name)
          return null
        }
        return r.error
      }}
    >
      <FocusName />
      <FactItem name="idNumber" points={points} onIdValid={onIdValid} />
      <FactItem name="name" points={points} />
      <FactItem name="phone" points={points} />
      <FactItem name="servicePointId" points={points} />
      <FactItem name="residenceAddress" points={points} />
    </FormModal>
  )
}

/** the ID is prefilled: the name takes the focus (after the modal has focused its first field) */
function FocusName() {
  const done = useRef(false)
  useEffect(() => {
    const h = setTimeout(() => {
      if (done.current) return
      done.current = true
      document.querySelector<HTMLInputElement>('[data-testid="entry-add-modal"] [data-testid="person-name"]')?.focus()
    }, 150)
    return () => clearTimeout(h)
  }, [])
  return null
}
