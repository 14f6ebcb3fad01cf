/**
 * Cervical screening findings (src/api/screening/cervical.ts): exam of the cervix, VIA/VILI,
 * cytology (TBS, typed as written: "h" HSIL, "asc-h" ASC-H), HPV (not done, negative, or the
 * positive groups 16 / 18 / other high-risk). Preset: a normal cervix, the tests not done.
 */
import { Checkbox, Input } from 'antd'
import { CYTOLOGY_RESULTS, GYN_EXAM_FINDINGS, HPV_TYPES, VIA_VILI_RESULTS, type CervicalFindings, type Findings } from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useEntryWords } from './entryWords'
import { FindingItem, WideRow, WithFindings } from './FindingRows'
import { KeyChoice } from './KeyChoice'
import { codeOptions, compact, wordOptions, type FindingsState, type KindForm } from './kinds'

const HPV_STATES = ['not_done', 'negative', 'positive'] as const
interface CervicalState {
  gynExam: CervicalFindings['gynExam']
  gynExamNote?: string
  viaVili: CervicalFindings['viaVili']
  cytology: CervicalFindings['cytology']
  hpvState: (typeof HPV_STATES)[number]
  hpvTypes: string[]
}

export const cervicalForm: KindForm = {
  defaults: (): CervicalState => ({ gynExam: 'normal', gynExamNote: '', viaVili: 'not_done', cytology: 'not_done', hpvState: 'not_done', hpvTypes: [] }),
  toFindings(raw: FindingsState) {
    const s = raw as unknown as CervicalState
    return {
      kind: 'cervical',
      gynExam: s.gynExam,
      ...compact({ gynExamNote: s.gynExam !== 'normal' ? s.gynExamNote?.trim() : null }),
      viaVili: s.viaVili,
      cytology: s.cytology,
      hpv: s.hpvState === 'positive' ? (s.hpvTypes ?? []) : s.hpvState
    }
  },
  fromFindings(f: Findings) {
    const c = f as CervicalFindings
    const positive = Array.isArray(c.hpv)
    return { gynExam: c.gynExam, gynExamNote: c.gynExamNote ?? '', viaVili: c.viaVili, cytology: c.cytology, hpvState: positive ? 'positive' : c.hpv, hpvTypes: positive ? c.hpv : [] }
  },
  nameOf: (path) => (path === 'hpv' ? ['hpvTypes'] : undefined),
  Fields: CervicalFields
}

function CervicalFields({ disabled }: { disabled?: boolean }) {
  return <WithFindings<CervicalState>>{(s) => <CervicalBody s={s} disabled={disabled} />}</WithFindings>
}

function CervicalBody({ s, disabled }: { s: Partial<CervicalState>; disabled?: boolean }) {
  const { t } = useI18n()
  const words = useEntryWords()
  return (
    <div data-testid="entry-cervical">
      <div data-entry-first>
        <WideRow label={words.field('gynExam')}>
          <FindingItem name={['gynExam']}>
            <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'gynExam', GYN_EXAM_FINDINGS)} testId="entry-gyn-exam" />
          </FindingItem>
        </WideRow>
      </div>
      {s.gynExam && s.gynExam !== 'normal' && (
        <WideRow label={words.field('note')}>
          <FindingItem name={['gynExamNote']}>
            <Input maxLength={200} disabled={disabled} placeholder={s.gynExam === 'other' ? t('screeningEntry.noteRequired') : t('screeningEntry.noteOptional')} style={{ maxWidth: 420 }} data-testid="entry-gyn-exam-note" />
          </FindingItem>
        </WideRow>
      )}
      <WideRow label={words.field('viaVili')}>
        <FindingItem name={['viaVili']}>
          <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'viaVili', VIA_VILI_RESULTS)} testId="entry-via-vili" />
        </FindingItem>
      </WideRow>
      <WideRow label={words.field('cytology')}>
        <FindingItem name={['cytology']}>
          <KeyChoice disabled={disabled} options={codeOptions(words, 'cytology', CYTOLOGY_RESULTS, { not_done: '0' })} testId="entry-cytology" />
        </FindingItem>
      </WideRow>
      <WideRow label={words.field('hpv')}>
        <FindingItem name={['hpvState']} style={{ marginBottom: s.hpvState === 'positive' ? 4 : 10 }}>
          <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'hpvState', HPV_STATES)} testId="entry-hpv" />
        </FindingItem>
        {s.hpvState === 'positive' && (
          <FindingItem name={['hpvTypes']}>
            <Checkbox.Group disabled={disabled} options={HPV_TYPES.map((v) => ({ value: v, label: words.value('hpv', v) }))} data-testid="entry-hpv-types" />
          </FindingItem>
        )}
      </WideRow>
    </div>
  )
}
