/**
 * Men's reproductive health findings (src/api/screening/male.ts): penis and urethra, per side
 * the testis (size, position), epididymis, vas, varicocele grade ("ii" types II) and hydrocele,
 * the prostate, and the semen analysis (four values, one decimal). Preset: all normal, testes
 * in the scrotum, prostate not examined, no semen analysis.
 */
import { Input, InputNumber, Space, Typography } from 'antd'
import {
  EPIDIDYMIS_FINDINGS,
  PENIS_URETHRA_FINDINGS,
  PROSTATE_FINDINGS,
  SEMEN_LOWER_LIMITS,
  TESTIS_POSITIONS,
  TESTIS_SIZES,
  VARICOCELE_GRADES,
  VAS_FINDINGS,
  type Findings,
  type MaleFindings,
  type MaleSide
} from '../../../../api/screeningFindings'
import { useI18n } from '../../../app/i18n'
import { useEntryWords } from './entryWords'
import { FindingItem, SideHead, SideRow, WideRow, WithFindings } from './FindingRows'
import { KeyChoice } from './KeyChoice'
import { codeOptions, compact, wordOptions, type FindingsState, type KindForm } from './kinds'

type Semen = Record<keyof typeof SEMEN_LOWER_LIMITS, number | null>
interface MaleState {
  penisUrethra: MaleFindings['penisUrethra']
  penisUrethraNote?: string
  left: MaleSide
  right: MaleSide
  prostate: MaleFindings['prostate']
  semenDone: boolean
  semen: Semen
}

const SEMEN_KEYS = Object.keys(SEMEN_LOWER_LIMITS) as (keyof typeof SEMEN_LOWER_LIMITS)[]
const SEMEN_MAX: Record<keyof typeof SEMEN_LOWER_LIMITS, number> = { volumeMl: 20, concentrationMillionPerMl: 1000, progressivePct: 100, normalFormsPct: 100 }
const side = (): MaleSide => ({ testisSize: 'normal', testisPosition: 'scrotal', epididymis: 'normal', vas: 'present', varicocele: '0', hydrocele: false })
const noSemen = (): Semen => ({ volumeMl: null, concentrationMillionPerMl: null, progressivePct: null, normalFormsPct: null })

function sideFindings(s: MaleSide) {
  const { testisPosition, ...rest } = s
  return { ...rest, ...(s.testisSize !== 'absent' && testisPosition ? { testisPosition } : {}) }
}

export const maleForm: KindForm = {
  defaults: (): MaleState => ({ penisUrethra: 'normal', penisUrethraNote: '', left: side(), right: side(), prostate: 'not_examined', semenDone: false, semen: noSemen() }),
  toFindings(raw: FindingsState) {
    const s = raw as unknown as MaleState
    return {
      kind: 'male_reproductive',
      penisUrethra: s.penisUrethra,
      ...compact({ penisUrethraNote: s.penisUrethra !== 'normal' ? s.penisUrethraNote?.trim() : null }),
      left: sideFindings(s.left),
      right: sideFindings(s.right),
      prostate: s.prostate,
      semen: s.semenDone ? compact(s.semen) : 'not_done'
    }
  },
  fromFindings(f: Findings) {
    const m = f as MaleFindings
    const semen = m.semen === 'not_done' ? null : m.semen
    return {
      penisUrethra: m.penisUrethra,
      penisUrethraNote: m.penisUrethraNote ?? '',
      left: { ...side(), ...m.left },
      right: { ...side(), ...m.right },
      prostate: m.prostate,
      semenDone: semen !== null,
      semen: semen ?? noSemen()
    }
  },
  nameOf: (path) => (path === 'semen' ? ['semenDone'] : undefined),
  // the semen analysis is one union in the schema: its missing values are named here, one by one
  issues: (s) => (s.semenDone ? SEMEN_KEYS.filter((k) => s.semen?.[k] == null).map((k) => ({ path: `semen.${k}`, rule: 'required' })) : []),
  Fields: MaleFields
}

function MaleFields({ disabled }: { disabled?: boolean }) {
  return <WithFindings<MaleState>>{(s) => <MaleBody s={s} disabled={disabled} />}</WithFindings>
}

function MaleBody({ s, disabled }: { s: Partial<MaleState>; disabled?: boolean }) {
  const { t } = useI18n()
  const words = useEntryWords()
  const perSide = (field: 'testisSize' | 'epididymis' | 'vas', values: readonly string[]) => (x: 'left' | 'right') => (
    <FindingItem name={[x, field]}>
      <KeyChoice disabled={disabled} showCodes size="small" options={wordOptions(words, field, values)} testId={`entry-${x}-${field}`} />
    </FindingItem>
  )
  return (
    <div data-testid="entry-male">
      <div data-entry-first>
        <WideRow label={words.field('penisUrethra')}>
          <FindingItem name={['penisUrethra']}>
            <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'penisUrethra', PENIS_URETHRA_FINDINGS)} testId="entry-penis" />
          </FindingItem>
        </WideRow>
      </div>
      {s.penisUrethra && s.penisUrethra !== 'normal' && (
        <WideRow label={words.field('note')}>
          <FindingItem name={['penisUrethraNote']}>
            <Input maxLength={200} disabled={disabled} placeholder={s.penisUrethra === 'other' ? t('screeningEntry.noteRequired') : t('screeningEntry.noteOptional')} style={{ maxWidth: 420 }} />
          </FindingItem>
        </WideRow>
      )}
      <SideHead left={t('screeningEntry.side.left')} right={t('screeningEntry.side.right')} />
      <SideRow label={words.field('testisSize')} cell={perSide('testisSize', TESTIS_SIZES)} />
      <SideRow
        label={words.field('testisPosition')}
        cell={(x) =>
          s[x]?.testisSize !== 'absent' && (
            <FindingItem name={[x, 'testisPosition']}>
              <KeyChoice disabled={disabled} showCodes size="small" options={wordOptions(words, 'testisPosition', TESTIS_POSITIONS)} testId={`entry-${x}-testisPosition`} />
            </FindingItem>
          )
        }
      />
      <SideRow label={words.field('epididymis')} cell={perSide('epididymis', EPIDIDYMIS_FINDINGS)} />
      <SideRow label={words.field('vas')} cell={perSide('vas', VAS_FINDINGS)} />
      <SideRow
        label={words.field('varicocele')}
        cell={(x) => (
          <FindingItem name={[x, 'varicocele']}>
            <KeyChoice disabled={disabled} size="small" options={codeOptions(words, 'varicocele', VARICOCELE_GRADES)} testId={`entry-${x}-varicocele`} />
          </FindingItem>
        )}
      />
      <SideRow
        label={words.field('hydrocele')}
        cell={(x) => (
          <FindingItem name={[x, 'hydrocele']}>
            <KeyChoice<boolean>
              disabled={disabled}
              showCodes
              size="small"
              options={[
                { value: false, label: words.value('hydrocele', false) },
                { value: true, label: words.value('hydrocele', true) }
              ]}
              testId={`entry-${x}-hydrocele`}
            />
          </FindingItem>
        )}
      />
      <WideRow label={words.field('prostate')}>
        <FindingItem name={['prostate']}>
          <KeyChoice disabled={disabled} showCodes options={wordOptions(words, 'prostate', PROSTATE_FINDINGS)} testId="entry-prostate" />
        </FindingItem>
      </WideRow>
      <WideRow label={words.field('semen')}>
        <FindingItem name={['semenDone']} style={{ marginBottom: s.semenDone ? 4 : 10 }}>
          <KeyChoice<boolean>
            disabled={disabled}
            showCodes
            options={[
              { value: false, label: words.value('semenDone', false) },
              { value: true, label: words.value('semenDone', true) }
            ]}
            testId="entry-semen"
          />
        </FindingItem>
        {s.semenDone && (
          <Space size={8} wrap align="start">
            {SEMEN_KEYS.map((k) => (
              <div key={k}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {words.field(k)}
                </Typography.Text>
                <FindingItem name={['semen', k]}>
                  <InputNumber min={0} max={SEMEN_MAX[k]} step={0.1} precision={1} disabled={disabled} aria-label={words.field(k)} style={{ width: 150 }} data-testid={`entry-semen-${k}`} />
                </FindingItem>
              </div>
            ))}
          </Space>
        )}
      </WideRow>
    </div>
  )
}
