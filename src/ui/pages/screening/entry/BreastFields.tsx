/**
 * Breast screening findings (src/api/screening/breast.ts): clinical breast exam per side (a lump
 * with its size and clock position or quadrant), ultrasound BI-RADS per side, mammography.
 * Preset: both sides normal, ultrasound done with BI-RADS 1, mammography not referred.
 */
import { Input, InputNumber, Select, Space } from 'antd'
import { BIRADS, BREAST_QUADRANTS, CBE_FINDINGS, MAMMOGRAPHY_STATES, type BreastFindings, type Birads, type CbeFinding, type Findings } from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useEntryWords } from './entryWords'
import { FindingItem, SideHead, SideRow, WideRow, WithFindings } from './FindingRows'
import { KeyChoice } from './KeyChoice'
import { codeOptions, compact, wordOptions, type FindingsState, type KindForm } from './kinds'

interface SideState {
  cbe: CbeFinding
  lumpSizeMm?: number | null
  lumpClock?: number | null
  lumpQuadrant?: string | null
  note?: string
  birads?: Birads | null
  mammographyBirads?: Birads | null
}
interface BreastState {
  left: SideState
  right: SideState
  ultrasoundDone: boolean
  mammography: (typeof MAMMOGRAPHY_STATES)[number]
}

const side = (): SideState => ({ cbe: 'normal', lumpSizeMm: null, lumpClock: null, lumpQuadrant: null, note: '', birads: '1', mammographyBirads: null })

function sideFindings(s: SideState, ultrasound: boolean, mammography: boolean) {
  const lump = s.cbe === 'lump'
  return {
    cbe: s.cbe,
    ...compact({
      lumpSizeMm: lump ? s.lumpSizeMm : null,
      lumpClock: lump ? s.lumpClock : null,
      lumpQuadrant: lump ? s.lumpQuadrant : null,
      note: s.cbe !== 'normal' ? s.note?.trim() : null,
      birads: ultrasound ? s.birads : null,
      mammographyBirads: mammography ? s.mammographyBirads : null
    })
  }
}

export const breastForm: KindForm = {
  defaults: (): BreastState => ({ left: side(), right: side(), ultrasoundDone: true, mammography: 'not_referred' }),
  toFindings(raw: FindingsState) {
    const s = raw as unknown as BreastState
    const mammo = s.mammography === 'done'
    return { kind: 'breast', left: sideFindings(s.left, s.ultrasoundDone, mammo), right: sideFindings(s.right, s.ultrasoundDone, mammo), ultrasoundDone: s.ultrasoundDone, mammography: s.mammography }
  },
  fromFindings(f: Findings) {
    const b = f as BreastFindings
    return { left: { ...side(), ...b.left, birads: b.left.birads ?? '1' }, right: { ...side(), ...b.right, birads: b.right.birads ?? '1' }, ultrasoundDone: b.ultrasoundDone, mammography: b.mammography }
  },
  Fields: BreastFields
}

function BreastFields({ disabled }: { disabled?: boolean }) {
  return <WithFindings<BreastState>>{(s) => <BreastBody s={s} disabled={disabled} />}</WithFindings>
}

function BreastBody({ s, disabled }: { s: Partial<BreastState>; disabled?: boolean }) {
  const { t } = useI18n()
  const words = useEntryWords()
  const sides = ['left', 'right'] as const
  const lump = sides.some((x) => s[x]?.cbe === 'lump')
  const noted = sides.some((x) => s[x]?.cbe && s[x]?.cbe !== 'normal')
  const cbeOptions = wordOptions(words, 'cbe', CBE_FINDINGS).map((o, i) => ({ value: o.value, label: `${i + 1} ${String(o.label)}` }))
  const birads = codeOptions(words, 'birads', BIRADS)

  return (
    <div data-testid="entry-breast">
      <SideHead left={t('screeningEntry.side.left')} right={t('screeningEntry.side.right')} />
      <div data-entry-first>
        <SideRow
          label={words.field('cbe')}
          testId="entry-cbe"
          cell={(x) => (
            <FindingItem name={[x, 'cbe']}>
              <Select
                options={cbeOptions}
                disabled={disabled}
                showSearch={{ filterOption: (input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
                style={{ width: 190 }}
                data-testid={`entry-${x}-cbe`}
                aria-label={`${t(`screeningEntry.side.${x}`)} ${words.field('cbe')}`}
              />
            </FindingItem>
          )}
        />
      </div>
      {lump && (
        <SideRow
          label={words.field('lump')}
          cell={(x) =>
            s[x]?.cbe === 'lump' && (
              <Space size={4} align="start">
                <FindingItem name={[x, 'lumpSizeMm']} style={{ width: 92 }}>
                  <InputNumber min={1} max={200} precision={0} disabled={disabled} placeholder={words.field('lumpSizeMm')} suffix="mm" style={{ width: 92 }} data-testid={`entry-${x}-lump-size`} />
                </FindingItem>
                <FindingItem name={[x, 'lumpClock']} style={{ width: 84 }}>
                  <InputNumber min={1} max={12} precision={0} disabled={disabled} placeholder={words.field('lumpClock')} suffix={t('screeningEntry.oclock')} style={{ width: 84 }} data-testid={`entry-${x}-lump-clock`} />
                </FindingItem>
                <FindingItem name={[x, 'lumpQuadrant']} style={{ width: 92 }}>
                  <Select allowClear disabled={disabled} placeholder={words.field('lumpQuadrant')} options={wordOptions(words, 'lumpQuadrant', BREAST_QUADRANTS)} style={{ width: 92 }} popupMatchSelectWidth={false} />
                </FindingItem>
              </Space>
            )
          }
        />
      )}
      {noted && (
        <SideRow
          label={words.field('note')}
          cell={(x) =>
            s[x]?.cbe &&
            s[x]?.cbe !== 'normal' && (
              <FindingItem name={[x, 'note']}>
                <Input maxLength={200} disabled={disabled} placeholder={s[x]?.cbe === 'other' ? t('screeningEntry.noteRequired') : t('screeningEntry.noteOptional')} data-testid={`entry-${x}-note`} />
              </FindingItem>
            )
          }
        />
      )}
      <WideRow label={words.field('ultrasoundDone')}>
        <FindingItem name={['ultrasoundDone']}>
          <KeyChoice<boolean>
            disabled={disabled}
            showCodes
            testId="entry-ultrasound"
            options={[
              { value: true, label: words.value('ultrasoundDone', true) },
              { value: false, label: words.value('ultrasoundDone', false) }
            ]}
          />
        </FindingItem>
      </WideRow>
      {s.ultrasoundDone !== false && (
        <SideRow
          label={words.field('birads')}
          testId="entry-birads"
          cell={(x) => (
            <FindingItem name={[x, 'birads']}>
              <KeyChoice<Birads> disabled={disabled} options={birads} size="small" testId={`entry-${x}-birads`} ariaLabel={`${t(`screeningEntry.side.${x}`)} ${words.field('birads')}`} />
            </FindingItem>
          )}
        />
      )}
      <WideRow label={words.field('mammography')}>
        <FindingItem name={['mammography']}>
          <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'mammography', MAMMOGRAPHY_STATES)} testId="entry-mammography" />
        </FindingItem>
      </WideRow>
      {s.mammography === 'done' && (
        <SideRow
          label={words.field('mammographyBirads')}
          cell={(x) => (
            <FindingItem name={[x, 'mammographyBirads']}>
              <KeyChoice<Birads> disabled={disabled} options={birads} size="small" testId={`entry-${x}-mammo-birads`} />
            </FindingItem>
          )}
        />
      )}
    </div>
  )
}
