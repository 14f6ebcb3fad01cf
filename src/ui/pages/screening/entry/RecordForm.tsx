/**
 * The record form of one person: exam date (preset: the station's today) and examiner (preset:
 * the user), the campaign kind's findings (preset: a normal exam), the conclusion (preset: the
 * mildest the findings allow, raised live as findings change) and the referral when it needs
 * one. The first finding takes the focus; Enter walks the fields; Ctrl+S (or the button) saves.
 */
import { Alert, Button, DatePicker, Divider, Form, Input, Space, Typography } from 'antd'
import { SaveOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react'
import type { Campaign } from '../../../../api/campaigns'
import type { ScreeningRecord } from '../../../../api/screeningRecords'
import { FINDINGS_SCHEMAS, conclusionRank, minimumConclusion, type Conclusion, type Findings, type MinimumConclusion } from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useApp } from '../../../app/session'
import { ConclusionPart, defaultDue, refers } from './ConclusionPart'
import { useEntryWords } from './entryWords'
import { KIND_FORMS } from './kindForms'
import type { FindingsState } from './kinds'
import { enterNext, focusFirst } from './useEntryKeys'
import { useRecordSave, type EntryValues } from './useRecordSave'

export interface RecordFormHandle {
  save(): void
  /** true once the clinician changed a field */
  dirty(): boolean
}

interface Props {
  campaign: Campaign
  personId: string
  record: ScreeningRecord | null
  today: string
  /** the destination of the last referral saved this session (preset for the next) */
  lastDestination: string
  /** the campaign takes no record now (closed, not started) */
  readOnly: boolean
  handle: Ref<RecordFormHandle | null>
  onSaved(r: ScreeningRecord): void
  onExisting(recordId: string): void
  onModal(open: boolean): void
}

const NO_FLOOR: MinimumConclusion = { minimum: 'normal', because: [], hits: [] }

/** the mildest conclusion the findings allow (minimumConclusion), also while they are incomplete */
function floorOf(kind: Campaign['kind'], findings: unknown): MinimumConclusion {
  const parsed = FINDINGS_SCHEMAS[kind].safeParse(findings)
  try {
    return minimumConclusion(kind, (parsed.success ? parsed.data : findings) as Findings)
  } catch {
    return NO_FLOOR
  }
}

export function RecordForm({ campaign, personId, record, today, lastDestination, readOnly, handle, onSaved, onExisting, onModal }: Props) {
  const { t } = useI18n()
  const words = useEntryWords()
  const { session } = useApp()
  const kind = KIND_FORMS[campaign.kind]
  const [form] = Form.useForm<EntryValues>()
  const root = useRef<HTMLDivElement>(null)
  const saveButton = useRef<HTMLButtonElement>(null)
  const initial = useMemo<EntryValues>(
    () =>
      record
        ? {
            examDate: record.examDate,
            examiner: record.examiner,
            findings: kind.fromFindings(record.findings),
            conclusion: record.conclusion,
            referral: { destination: record.referral?.destination ?? '', dueDate: record.referral?.dueDate ?? '', note: record.referral?.note ?? '' }
          }
        : { examDate: today > campaign.endDate ? campaign.endDate : today, examiner: session.displayName, findings: kind.defaults(), conclusion: 'normal', referral: { destination: '', dueDate: '', note: '' } },
    [record, kind, today, campaign.endDate, session.displayName]
  )

  const state = (Form.useWatch('findings', { form, preserve: true }) ?? initial.findings) as FindingsState
  const conclusion = (Form.useWatch('conclusion', form) ?? initial.conclusion) as Conclusion
  const examDate = (Form.useWatch('examDate', form) as string | undefined) || initial.examDate
  const findings = useMemo(() => kind.toFindings(state), [kind, state])
  const minimum = useMemo(() => floorOf(campaign.kind, findings), [campaign.kind, findings])

  /**
   * The conclusion follows the findings' floor until the clinician chooses one herself; a
   * referring conclusion gets its referral preset, the due date following the exam date until
   * changed. Run as the form changes, and once more right before a save (the watchers above
   * tell a moment later, and Ctrl+S may come first).
   */
  const chosen = useRef(record !== null)
  const dueChosen = useRef(record?.referral != null)
  const settle = useCallback(() => {
    const v = form.getFieldsValue(true) as EntryValues
    const min = floorOf(campaign.kind, kind.toFindings(v.findings)).minimum
    let c = v.conclusion
    if (!c || conclusionRank(c) < conclusionRank(min) || (!chosen.current && c !== min)) {
      c = min
      form.setFieldValue('conclusion', c)
    }
    if (!refers(c)) return
    const date = v.examDate || initial.examDate
    const r = v.referral ?? {}
    if (!r.destination && (lastDestination || campaign.partner)) form.setFieldValue(['referral', 'destination'], lastDestination || campaign.partner)
    const due = defaultDue(date, c)
    if ((!r.dueDate || !dueChosen.current) && r.dueDate !== due) form.setFieldValue(['referral', 'dueDate'], due)
  }, [form, campaign.kind, campaign.partner, kind, initial.examDate, lastDestination])
  useEffect(settle, [settle, minimum.minimum, conclusion, examDate])

  const { save, busy, problems, clearProblems } = useRecordSave(
    form,
    { kind: campaign.kind, form: kind, campaignId: campaign.id, personId, recordId: record?.id },
    useMemo(() => ({ onSaved, onExisting, onModal, settle, root: () => root.current }), [onSaved, onExisting, onModal, settle])
  )
  useImperativeHandle(handle, () => ({ save: () => !readOnly && void save(), dirty: () => !readOnly && form.isFieldsTouched() }), [save, readOnly, form])

  useEffect(() => {
    const h = setTimeout(() => focusFirst(root.current), 30)
    return () => clearTimeout(h)
  }, [])

  return (
    <div ref={root} onKeyDownCapture={enterNext(() => saveButton.current?.focus())} data-testid="entry-form">
      <Form<EntryValues>
        form={form}
        initialValues={initial}
        colon={false}
        disabled={readOnly}
        onValuesChange={(changed: Partial<EntryValues>) => {
          if ('conclusion' in changed) chosen.current = true
          if (changed.referral && 'dueDate' in changed.referral) dueChosen.current = true
          if (!('referral' in changed)) settle()
          if (problems) clearProblems()
        }}
      >
        <Space size={16} wrap align="start">
          <Form.Item
            name="examDate"
            label={t('screeningEntry.field.examDate')}
            required
            getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null })}
            normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}
            style={{ marginBottom: 8 }}
          >
            <DatePicker
              allowClear={false}
              format={['YYYY-MM-DD', 'YYYYMMDD', 'YYYY.MM.DD', 'YYYY/MM/DD']}
              disabledDate={(d) => {
                const s = d.format('YYYY-MM-DD')
                return s > today || s < campaign.startDate || s > campaign.endDate
              }}
              data-testid="entry-exam-date"
            />
          </Form.Item>
          <Form.Item name="examiner" label={t('screeningEntry.field.examiner')} style={{ marginBottom: 8 }}>
            <Input maxLength={30} style={{ width: 160 }} data-testid="entry-examiner" />
          </Form.Item>
        </Space>
        <Divider titlePlacement="start" style={{ margin: '4px 0 12px' }}>
          {t('screeningEntry.form.findings')}
        </Divider>
        <kind.Fields disabled={readOnly} />
        <Divider style={{ margin: '8px 0 12px' }} />
        <ConclusionPart minimum={minimum} findings={findings} examDate={examDate} disabled={readOnly} />
        {problems && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('screeningEntry.form.problems', { n: problems.count })}
            description={problems.loose.length ? problems.loose.join(t('screeningEntry.sentenceSep')) : undefined}
            data-testid="entry-problems"
          />
        )}
        <Space>
          <Button ref={saveButton} type="primary" icon={<SaveOutlined />} loading={busy} disabled={readOnly} onClick={() => void save()} data-testid="entry-save">
            {record ? t('screeningEntry.form.saveChange') : t('screeningEntry.form.save')}
            <Typography.Text style={{ color: 'inherit', opacity: 0.7, marginLeft: 6, fontSize: 12 }}>Ctrl+S</Typography.Text>
          </Button>
        </Space>
      </Form>
    </div>
  )
}
