/**
 * Gynecological exam findings (src/api/screening/gynecological.ts): five organs normal or
 * abnormal ("1" / "2"; abnormal asks for a note), and the leucorrhoea test. Preset: all normal.
 */
import { Input } from 'antd'
import { GYN_ORGANS, LEUCORRHEA_FINDINGS, ORGAN_FINDINGS, type Findings, type GynecologicalFindings } from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useEntryWords } from './entryWords'
import { FindingItem, WideRow, WithFindings } from './FindingRows'
import { KeyChoice } from './KeyChoice'
import { compact, wordOptions, type FindingsState, type KindForm } from './kinds'

type GynState = Omit<GynecologicalFindings, 'kind'>

export const gynecologicalForm: KindForm = {
  defaults: (): GynState => ({
    vulva: 'normal',
    vagina: 'normal',
    cervix: 'normal',
    uterus: 'normal',
    adnexa: 'normal',
    leucorrhea: 'normal',
    vulvaNote: '',
    vaginaNote: '',
    cervixNote: '',
    uterusNote: '',
    adnexaNote: '',
    leucorrheaNote: ''
  }),
  toFindings(raw: FindingsState) {
    const s = raw as unknown as GynState
    const notes = Object.fromEntries(GYN_ORGANS.map((o) => [`${o}Note`, s[o] === 'abnormal' ? s[`${o}Note`]?.trim() : null]))
    return {
      kind: 'gynecological',
      ...Object.fromEntries(GYN_ORGANS.map((o) => [o, s[o]])),
      leucorrhea: s.leucorrhea,
      ...compact({ ...notes, leucorrheaNote: s.leucorrhea !== 'normal' ? s.leucorrheaNote?.trim() : null })
    }
  },
  fromFindings(f: Findings) {
    const { kind: _kind, ...rest } = f as GynecologicalFindings
    return { ...gynecologicalForm.defaults(), ...rest }
  },
  Fields: GynecologicalFields
}

function GynecologicalFields({ disabled }: { disabled?: boolean }) {
  return <WithFindings<GynState>>{(s) => <GynecologicalBody s={s} disabled={disabled} />}</WithFindings>
}

function GynecologicalBody({ s, disabled }: { s: Partial<GynState>; disabled?: boolean }) {
  const { t } = useI18n()
  const words = useEntryWords()
  const organs = wordOptions(words, 'organ', ORGAN_FINDINGS)
  return (
    <div data-testid="entry-gynecological">
      {GYN_ORGANS.map((o, i) => (
        <div key={o} {...(i === 0 ? { 'data-entry-first': true } : {})}>
          <WideRow label={words.field(o)}>
            <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <FindingItem name={[o]}>
                <KeyChoice disabled={disabled} showCodes options={organs} testId={`entry-${o}`} ariaLabel={words.field(o)} />
              </FindingItem>
              {s[o] === 'abnormal' && (
                <FindingItem name={[`${o}Note`]} style={{ flex: 1, minWidth: 220, maxWidth: 420 }}>
                  <Input maxLength={200} disabled={disabled} placeholder={t('screeningEntry.noteRequired')} data-testid={`entry-${o}-note`} />
                </FindingItem>
              )}
            </div>
          </WideRow>
        </div>
      ))}
      <WideRow label={words.field('leucorrhea')}>
        <FindingItem name={['leucorrhea']}>
          <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'leucorrhea', LEUCORRHEA_FINDINGS)} testId="entry-leucorrhea" />
        </FindingItem>
      </WideRow>
      {s.leucorrhea && s.leucorrhea !== 'normal' && (
        <WideRow label={words.field('note')}>
          <FindingItem name={['leucorrheaNote']}>
            <Input maxLength={200} disabled={disabled} placeholder={s.leucorrhea === 'other' ? t('screeningEntry.noteRequired') : t('screeningEntry.noteOptional')} style={{ maxWidth: 420 }} data-testid="entry-leucorrhea-note" />
          </FindingItem>
        </WideRow>
      )}
    </div>
  )
}
