/**
 * The conclusion and, when it calls for one, the referral. The conclusions milder than the
 * findings allow (minimumConclusion, the contract's own rule) cannot be chosen, and the line
 * under them says which findings set the floor. The referral asks for a destination (preset:
 * the last one used this session, else the campaign's partner) and a due date (preset: 14 days
 * after the exam, never later than the conclusion allows: REFERRAL_MAX_DAYS).
 */
import { DatePicker, Form, Input, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { CONCLUSIONS, REFERRAL_MAX_DAYS, conclusionRank, type Conclusion, type MinimumConclusion } from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useEntryWords } from './entryWords'
import { WideRow } from './FindingRows'
import { KeyChoice } from './KeyChoice'

export const REFERRING: readonly Conclusion[] = ['abnormal_refer', 'suspected_malignancy']
export const refers = (c: Conclusion | undefined): boolean => c !== undefined && REFERRING.includes(c)

/** the preset due date: 14 days after the exam, or sooner when the conclusion allows fewer */
export function defaultDue(examDate: string, c: Conclusion): string {
  const max = c === 'abnormal_refer' || c === 'suspected_malignancy' ? REFERRAL_MAX_DAYS[c] : 14
  return dayjs(examDate, 'YYYY-MM-DD').add(Math.min(14, max), 'day').format('YYYY-MM-DD')
}

/** the latest due date the conclusion allows */
export function latestDue(examDate: string, c: Conclusion): string | null {
  if (c !== 'abnormal_refer' && c !== 'suspected_malignancy') return null
  return dayjs(examDate, 'YYYY-MM-DD').add(REFERRAL_MAX_DAYS[c], 'day').format('YYYY-MM-DD')
}

interface Props {
  minimum: MinimumConclusion
  /** the findings as the contract takes them (for naming the findings behind the floor) */
  findings: unknown
  examDate: string
  disabled?: boolean
}

export function ConclusionPart({ minimum, findings, examDate, disabled }: Props) {
  const { t } = useI18n()
  const words = useEntryWords()
  const floor = conclusionRank(minimum.minimum)
  const because = minimum.because.map((p) => words.finding(p, findings))
  const others = minimum.hits.filter((h) => h.minimum !== minimum.minimum).map((h) => t('screeningEntry.conclusion.hit', { finding: words.finding(h.path, findings), conclusion: words.conclusion(h.minimum) }))

  return (
    <div data-testid="entry-conclusion-part">
      <WideRow label={<Typography.Text strong>{t('screeningEntry.field.conclusion')}</Typography.Text>}>
        <Form.Item name="conclusion" style={{ marginBottom: 4 }}>
          <KeyChoice<Conclusion>
            disabled={disabled}
            showCodes
            testId="entry-conclusion"
            options={CONCLUSIONS.map((c) => ({ value: c, label: words.conclusion(c), disabled: conclusionRank(c) < floor }))}
          />
        </Form.Item>
        <div style={{ minHeight: 22, marginBottom: 10 }} data-testid="entry-conclusion-why">
          {minimum.minimum === 'normal' ? (
            <Typography.Text type="secondary">{t('screeningEntry.conclusion.noFloor')}</Typography.Text>
          ) : (
            <Typography.Text type={floor >= conclusionRank('abnormal_refer') ? 'danger' : 'warning'}>
              {t('screeningEntry.conclusion.floor', { minimum: words.conclusion(minimum.minimum), because: because.join(t('screeningEntry.listSep')) })}
              {others.length > 0 && <Typography.Text type="secondary">{t('screeningEntry.conclusion.others', { others: others.join(t('screeningEntry.listSep')) })}</Typography.Text>}
            </Typography.Text>
          )}
        </div>
      </WideRow>
      <Form.Item noStyle shouldUpdate>
        {(form) => {
          // read from the form, not a watcher: the fields are there before the next Enter moves on
          const c = form.getFieldValue('conclusion') as Conclusion | undefined
          return refers(c) && <Referral latest={latestDue(examDate, c!)} examDate={examDate} disabled={disabled} />
        }}
      </Form.Item>
    </div>
  )
}

/** where and by when the person is referred */
function Referral({ latest, examDate, disabled }: { latest: string | null; examDate: string; disabled?: boolean }) {
  const { t } = useI18n()
  return (
    <div data-testid="entry-referral">
      <WideRow label={t('screeningEntry.field.destination')}>
        <Form.Item name={['referral', 'destination']} required style={{ marginBottom: 10 }}>
          <Input maxLength={100} disabled={disabled} placeholder={t('screeningEntry.referral.destinationPlaceholder')} style={{ maxWidth: 360 }} data-testid="entry-referral-destination" />
        </Form.Item>
      </WideRow>
      <WideRow label={t('screeningEntry.field.dueDate')}>
        <Form.Item
          name={['referral', 'dueDate']}
          required
          extra={latest && t('screeningEntry.referral.latest', { latest })}
          getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null })}
          normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
          style={{ marginBottom: 10 }}
        >
          <DatePicker
            format={['YYYY-MM-DD', 'YYYYMMDD', 'YYYY.MM.DD', 'YYYY/MM/DD']}
            placeholder="YYYY-MM-DD"
            disabled={disabled}
            disabledDate={(d) => d.format('YYYY-MM-DD') < examDate || (latest !== null && d.format('YYYY-MM-DD') > latest)}
            data-testid="entry-referral-due"
          />
        </Form.Item>
      </WideRow>
      <WideRow label={t('screeningEntry.field.referralNote')}>
        <Form.Item name={['referral', 'note']} style={{ marginBottom: 10 }}>
          <Input maxLength={200} disabled={disabled} style={{ maxWidth: 480 }} data-testid="entry-referral-note" />
        </Form.Item>
      </WideRow>
    </div>
  )
}
