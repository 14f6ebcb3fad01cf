/**
 * The campaign form (head only): name, kind (a new kind pre-fills sex and age band from the
 * kind's default eligibility), dates, the covered service points, eligibility, target, partner,
 * note. The core's field errors (end_before_start, age_band, service_point_unknown, required)
 * land under their fields.
 */
import { DatePicker, Form, Input, InputNumber, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { DEFAULT_ELIGIBILITY, type Campaign } from '../../../api/campaigns'
import { SCREENING_KINDS, type ScreeningKind } from '../../../api/screeningFindings'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'
import type { ServicePoints } from '../persons/useServicePoints'
import { applyScreeningErrors, useScreeningWords } from './words'

interface CampaignFormValues {
  name: string
  kind: ScreeningKind
  startDate: string
  endDate: string
  servicePointIds: string[]
  sex: 'male' | 'female'
  ageFrom: number
  ageTo: number
  targetCount: number | null
  partner: string
  note: string
}
const NAMES = ['name', 'kind', 'startDate', 'endDate', 'servicePointIds', 'sex', 'ageFrom', 'ageTo', 'targetCount', 'partner', 'note'] as const

const dateProps = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v, 'YYYY-MM-DD') : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')
}

export function CampaignForm({ editing, points, onClose, onSaved }: { editing: { row: Campaign | null } | null; points: ServicePoints; onClose(): void; onSaved(c: Campaign): void }) {
  const { t } = useI18n()
  const words = useScreeningWords()
  const { ok } = useNotify()
  const [form] = Form.useForm<CampaignFormValues>()
  const row = editing?.row ?? null
  const initial: Partial<CampaignFormValues> = row
    ? { ...row, targetCount: row.targetCount }
    : { kind: 'breast', ...DEFAULT_ELIGIBILITY.breast, servicePointIds: [], targetCount: 0, partner: '', note: '' }
  const required = { required: true, message: words.rule('required') }
  // a closed point of an existing campaign still shows by name
  const options = [...points.options, ...(row?.servicePointIds ?? []).filter((id) => !points.options.some((o) => o.value === id)).map((id) => ({ value: id, label: points.name(id) ?? id }))]

  return (
    <FormModal<CampaignFormValues>
      open={editing !== null}
      form={form}
      title={t(row ? 'screening.form.editTitle' : 'screening.form.addTitle')}
      initialValues={initial}
      width={640}
      labelWidth={120}
      testId="campaign-modal"
      okTestId="campaign-save"
      onCancel={onClose}
      onValuesChange={(changed) => {
        if (changed.kind) form.setFieldsValue({ ...DEFAULT_ELIGIBILITY[changed.kind] })
      }}
      onError={(e, f) => (applyScreeningErrors(f, words, e, NAMES) ? null : e.code === 'VALIDATION' ? words.error(e) : undefined)}
      onSubmit={async (v) => {
        const r = await callResult('screening.campaignSave', {
          ...(row ? { id: row.id } : {}),
          name: v.name,
          kind: v.kind,
          startDate: v.startDate,
          endDate: v.endDate,
          servicePointIds: v.servicePointIds ?? [],
          sex: v.sex,
          ageFrom: v.ageFrom,
          ageTo: v.ageTo,
          targetCount: v.targetCount ?? 0,
          partner: v.partner ?? '',
          note: v.note ?? ''
        })
        if (!r.ok) return r.error
        ok(t('common.saved'))
        onSaved(r.data)
        return null
      }}
    >
      <Form.Item name="name" label={t('screening.field.name')} rules={[required]}>
        <Input maxLength={60} placeholder={t('screening.form.namePlaceholder')} data-testid="campaign-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('screening.field.kind')} rules={[required]} extra={t('screening.form.kindHint')}>
        <Select options={SCREENING_KINDS.map((k) => ({ value: k, label: words.kind(k) }))} data-testid="campaign-kind" />
      </Form.Item>
      <Form.Item label={t('screening.field.dates')} required style={{ marginBottom: 0 }}>
        <Space.Compact block>
          <Form.Item name="startDate" rules={[required]} {...dateProps}>
            <DatePicker format="YYYY-MM-DD" placeholder={t('screening.field.startDate')} data-testid="campaign-start" />
          </Form.Item>
          <Form.Item name="endDate" rules={[required]} {...dateProps}>
            <DatePicker format="YYYY-MM-DD" placeholder={t('screening.field.endDate')} data-testid="campaign-end" />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="servicePointIds" label={t('screening.field.servicePoints')} rules={[required]}>
        <Select mode="multiple" options={options} optionFilterProp="label" placeholder={t('screening.form.pointsPlaceholder')} data-testid="campaign-points" />
      </Form.Item>
      <Form.Item label={t('screening.field.eligibility')} required style={{ marginBottom: 0 }}>
        <Space wrap>
          <Form.Item name="sex" rules={[required]}>
            <Select
              style={{ width: 90 }}
              aria-label={t('screening.field.sex')}
              options={(['female', 'male'] as const).map((s) => ({ value: s, label: t(`screening.sex.${s}`) }))}
              data-testid="campaign-sex"
            />
          </Form.Item>
          <Form.Item name="ageFrom" rules={[required]}>
            <InputNumber min={0} max={120} precision={0} style={{ width: 90 }} aria-label={t('screening.field.ageFrom')} data-testid="campaign-age-from" />
          </Form.Item>
          <span style={{ display: 'inline-block', marginBottom: 24 }}>–</span>
          <Form.Item name="ageTo" rules={[required]}>
            <InputNumber min={0} max={120} precision={0} style={{ width: 90 }} aria-label={t('screening.field.ageTo')} data-testid="campaign-age-to" />
          </Form.Item>
          <span style={{ display: 'inline-block', marginBottom: 24 }}>{t('screening.form.years')}</span>
        </Space>
      </Form.Item>
      <Form.Item name="targetCount" label={t('screening.field.targetCount')}>
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 140 }} data-testid="campaign-target" />
      </Form.Item>
      <Form.Item name="partner" label={t('screening.field.partner')}>
        <Input maxLength={120} placeholder={t('screening.form.partnerPlaceholder')} />
      </Form.Item>
      <Form.Item name="note" label={t('screening.field.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  )
}
