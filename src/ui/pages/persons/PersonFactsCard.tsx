/**
 * A person's facts (the information card) on her page: every fact in FACT_ORDER that means
 * something for her, the missing items (Person.missing) marked, her register state and who last
 * changed her.
 */
import { Card, Descriptions, Space, Tag, Typography } from 'antd'
import { WarningOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { Person } from '../../../api/persons'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { fmtDateTime } from '../../components/format'
import { useCodeLookup } from '../../components/useCodeLookup'
import { FACT_ORDER, factShown } from './facts'
import { ageOn, usePersonWords } from './words'

/** the wide facts take two columns */
const WIDE = new Set(['hukouAddress', 'residenceAddress', 'migrantPlace'])

export function PersonFactsCard({ person, today, pointName }: { person: Person; today: string; pointName: (id: string) => string | null }) {
  const { t } = useI18n()
  const words = usePersonWords()
  const { info } = useApp()
  const hukou = useCodeLookup(person.hukouRegion, [6])

  const missing = new Set(person.missing)
  const exited = person.state === 'exited'

  const factContent = (f: string): ReactNode => {
    const v = (person as unknown as Record<string, unknown>)[f]
    if (missing.has(f) && (v === '' || v === null || v === undefined))
      return (
        <Tag color="warning" icon={<WarningOutlined />}>
          {t('persons.view.missingValue')}
        </Tag>
      )
    if (v === '' || v === null || v === undefined) return <Typography.Text type="secondary">{t('persons.none')}</Typography.Text>
    if (f === 'hukouRegion')
      return (
        <span>
          <span className="sd-num">{person.hukouRegion}</span>
          {hukou.status === 'known' && <Typography.Text type="secondary"> {hukou.name}</Typography.Text>}
        </span>
      )
    if (f === 'servicePointId') return person.servicePointName ?? pointName(String(v)) ?? String(v)
    if (f === 'birthDate') return <span className="sd-num">{t('persons.view.birthWithAge', { birth: person.birthDate, age: ageOn(person.birthDate, today) })}</span>
    const text = words.value(f, v, pointName)
    return /Date|Since|idNumber|IdNumber|phone|boys|girls/.test(f) ? (
      <span className="sd-num" style={/IdNumber|idNumber/.test(f) ? { whiteSpace: 'nowrap' } : undefined}>
        {text}
      </span>
    ) : (
      text
    )
  }

  // an out-migrant's place is where she went, an in-migrant's where she came from
  const fieldName = (f: string) =>
    f === 'migrantPlace' && person.migrantStatus !== 'local' ? t(person.migrantStatus === 'out' ? 'persons.field.migrantTo' : 'persons.field.migrantFrom') : words.field(f)
  const label = (f: string) =>
    missing.has(f) ? (
      <Typography.Text type="warning" strong data-testid={`person-missing-${f}`}>
        {fieldName(f)}
      </Typography.Text>
    ) : (
      fieldName(f)
    )

  const facts = [
    // facts that mean nothing with another's value (a spouse while unmarried …) are left out
    ...FACT_ORDER.filter((f) => factShown(f, person as unknown as Record<string, unknown>) || missing.has(f)).map((f) => ({
      key: f,
      label: label(f),
      children: factContent(f),
      span: WIDE.has(f) ? 2 : 1
    })),
    {
      key: 'state',
      label: words.field('state'),
      children: exited ? (
        <Space wrap>
          <Tag>{words.value('state', 'exited')}</Tag>
          {person.exitReason && words.value('exitReason', person.exitReason)}
          <span className="sd-num">{person.exitDate ?? ''}</span>
        </Space>
      ) : (
        <Tag color="green">{words.value('state', 'active')}</Tag>
      )
    },
    { key: 'updated', label: t('persons.view.updated'), children: <span className="sd-num">{t('persons.view.updatedBy', { at: fmtDateTime(person.updatedAt, info.timeZone, false), who: person.updatedBy })}</span> }
  ]

  return (
    <Card size="small" title={t('persons.view.facts')} style={{ marginBottom: 12 }}>
      <Descriptions bordered size="small" column={2} styles={{ label: { width: 128 } }} items={facts} data-testid="person-facts" />
    </Card>
  )
}
