/**
 * Who is being examined: name, sex, age on the exam date, ID, village, and whether the campaign's
 * eligibility takes her in (the core's rule, eligibility.ts: active in the register, the
 * campaign's sex, age on its first day within its band, living in one of its villages), with the
 * reasons when not. A person with a record in this campaign already: said plainly, and that
 * record is what the form below shows and changes.
 */
import { Alert, Space, Tag, Typography } from 'antd'
import type { Campaign } from '../../../../api/campaigns'
import type { Person } from '../../../../api/persons'
import type { ScreeningRecord } from '../../../../api/screeningRecords'
import { useI18n } from '../../../app/i18n'
import { ageOn } from '../../persons/words'
import { useEntryWords } from './entryWords'

/** why the campaign's eligibility leaves this person out ([] when it takes her in) */
export function ineligibleReasons(p: Person, c: Campaign): ('state' | 'sex' | 'age' | 'village')[] {
  const out: ('state' | 'sex' | 'age' | 'village')[] = []
  if (p.state !== 'active') out.push('state')
  if (p.sex !== c.sex) out.push('sex')
  const age = ageOn(p.birthDate, c.startDate)
  if (age < c.ageFrom || age > c.ageTo) out.push('age')
  if (!p.servicePointId || !c.servicePointIds.includes(p.servicePointId)) out.push('village')
  return out
}

interface Props {
  person: Person
  campaign: Campaign
  record: ScreeningRecord | null
  /** the exam date the form holds */
  examDate: string
  /** why the record is open: found by the lookup, or a save found it there first */
  notice: 'existing' | 'conflict' | 'reopened' | null
}

export function PersonHeader({ person, campaign, record, examDate, notice }: Props) {
  const { t } = useI18n()
  const words = useEntryWords()
  const reasons = ineligibleReasons(person, campaign)
  const age = ageOn(person.birthDate, record?.examDate ?? examDate)
  const rule = { sex: t(`screening.sex.${campaign.sex}`), from: campaign.ageFrom, to: campaign.ageTo, start: campaign.startDate }
  return (
    <div data-testid="entry-person">
      <Space size={20} wrap align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="entry-person-name">
          {person.name}
        </Typography.Title>
        <span>{t(`screening.sex.${person.sex}`)}</span>
        <span data-testid="entry-person-age">{t('screeningEntry.person.ageOn', { age, date: record?.examDate ?? examDate })}</span>
        <span className="sd-num">{person.idNumber}</span>
        <span>{person.servicePointName ?? t('screeningEntry.person.noVillage')}</span>
        {person.phone && <span className="sd-num">{person.phone}</span>}
        {reasons.length === 0 ? (
          <Tag color="green" data-testid="entry-eligible">
            {t('screeningEntry.person.eligible')}
          </Tag>
        ) : (
          <Tag color="orange" data-testid="entry-ineligible">
            {t('screeningEntry.person.ineligible')}
          </Tag>
        )}
      </Space>
      {reasons.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('screeningEntry.person.ineligibleWhy', { reasons: reasons.map((r) => t(`screeningEntry.person.reason.${r}`, rule)).join(t('screeningEntry.listSep')) })}
          data-testid="entry-ineligible-why"
        />
      )}
      {record && (
        <Alert
          type={notice === 'conflict' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="entry-existing"
          title={t(notice === 'conflict' ? 'screeningEntry.person.conflict' : notice === 'reopened' ? 'screeningEntry.person.reopened' : 'screeningEntry.person.existing', {
            date: record.examDate,
            examiner: record.examiner,
            conclusion: words.conclusion(record.conclusion)
          })}
        />
      )}
    </div>
  )
}
