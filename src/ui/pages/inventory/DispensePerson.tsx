/**
 * Who receives (or returns): the register's lookup box of the screening entry page (full ID or
 * card reader, ID tail, name, pinyin; ↑/↓/Enter), the chosen person shown with her facts, and
 * a valid ID not in the register added on the spot. "Change" brings the lookup back.
 */
import { Button, Card, Space, Tag, Typography, type InputRef } from 'antd'
import { SwapOutlined } from '@ant-design/icons'
import { useEffect, useRef, useState } from 'react'
import type { Person } from '../../../api/persons'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'
import { ageOn, usePersonWords } from '../persons/words'
import { AddPersonModal } from '../screening/entry/AddPersonModal'
import { Lookup } from '../screening/entry/Lookup'

interface Props {
  person: Person | null
  onChange(p: Person | null): void
  today: string
  /** the lookup takes the focus when the page opens and after each clear */
  autoFocus?: boolean
}

export function DispensePerson({ person, onChange, today, autoFocus = true }: Props) {
  const { t } = useI18n()
  const words = usePersonWords()
  const { fail } = useNotify()
  const [adding, setAdding] = useState<string | null>(null)
  const lookup = useRef<InputRef>(null)

  const open = async (id: string) => {
    try {
      onChange(await call('persons.get', { id }))
    } catch (e) {
      fail(e)
    }
  }

  useEffect(() => {
    if (!person && autoFocus) setTimeout(() => lookup.current?.focus(), 30)
  }, [person, autoFocus])

  if (!person)
    return (
      <div data-testid="dispense-lookup">
        <Lookup inputRef={lookup} today={today} onPick={(id) => void open(id)} onAdd={(id) => setAdding(id)} />
        <AddPersonModal
          idNumber={adding}
          servicePointIds={[]}
          today={today}
          onCancel={() => setAdding(null)}
          onDone={(id) => {
            setAdding(null)
            void open(id)
          }}
        />
      </div>
    )

  return (
    <Card size="small" data-testid="dispense-person">
      <Space size={16} wrap>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="dispense-person-name">
          {person.name}
        </Typography.Text>
        <span>{t(`screening.sex.${person.sex}`)}</span>
        <span>{t('screeningEntry.person.age', { age: ageOn(person.birthDate, today) })}</span>
        <span className="sd-num">{person.idNumber}</span>
        <span>{person.servicePointName ?? t('screening.none')}</span>
        {person.contraception && person.contraception !== 'none' && <Tag>{words.value('contraception', person.contraception)}</Tag>}
        {person.state !== 'active' && <Tag color="red">{words.value('state', person.state)}</Tag>}
        <Button size="small" icon={<SwapOutlined />} onClick={() => onChange(null)} data-testid="dispense-person-change">
          {t('inventory.dispense.changePerson')}
        </Button>
      </Space>
    </Card>
  )
}
