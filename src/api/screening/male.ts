/**
 * Male reproductive health (男性生殖健康检查): genital exam per side, prostate, semen analysis.
 *
 * Field rules (superRefine, rule = message): penisUrethra `other` without penisUrethraNote ->
 * `required`; a testis position missing for a present testis -> `required`
 * (left.testisPosition), given for an absent one -> `not_applicable`.
 */
import { z } from 'zod'
import { SIDES, blank, flag, lookup, note, oneDecimal, when, type SeverityHit, type SeverityTable } from './common'

export const PENIS_URETHRA_FINDINGS = ['normal', 'phimosis', 'hypospadias', 'discharge', 'lesion', 'other'] as const
export type PenisUrethraFinding = (typeof PENIS_URETHRA_FINDINGS)[number]
export const TESTIS_SIZES = ['normal', 'small', 'absent'] as const
export type TestisSize = (typeof TESTIS_SIZES)[number]
export const TESTIS_POSITIONS = ['scrotal', 'retractile', 'undescended'] as const
export type TestisPosition = (typeof TESTIS_POSITIONS)[number]
export const EPIDIDYMIS_FINDINGS = ['normal', 'nodule', 'tenderness', 'cyst'] as const
export type EpididymisFinding = (typeof EPIDIDYMIS_FINDINGS)[number]
export const VAS_FINDINGS = ['present', 'absent', 'thickened'] as const
export type VasFinding = (typeof VAS_FINDINGS)[number]
export const VARICOCELE_GRADES = ['0', 'I', 'II', 'III'] as const
export type VaricoceleGrade = (typeof VARICOCELE_GRADES)[number]
export const PROSTATE_FINDINGS = ['not_examined', 'normal', 'enlarged', 'nodule', 'tender'] as const
export type ProstateFinding = (typeof PROSTATE_FINDINGS)[number]

/** WHO laboratory manual, 6th edition (2021): lower reference limits (5th centile) */
export const SEMEN_LOWER_LIMITS = { volumeMl: 1.4, concentrationMillionPerMl: 16, progressivePct: 30, normalFormsPct: 4 } as const

export const maleSideInput = z
  .object({
    testisSize: z.enum(TESTIS_SIZES),
    /** required unless the testis is absent */
    testisPosition: z.enum(TESTIS_POSITIONS).optional(),
    epididymis: z.enum(EPIDIDYMIS_FINDINGS),
    vas: z.enum(VAS_FINDINGS),
    varicocele: z.enum(VARICOCELE_GRADES),
    hydrocele: z.boolean()
  })
  .strict()
export type MaleSide = z.output<typeof maleSideInput>

export const semenAnalysisInput = z
  .object({
    volumeMl: oneDecimal(0, 20),
    concentrationMillionPerMl: oneDecimal(0, 1000),
    progressivePct: oneDecimal(0, 100),
    normalFormsPct: oneDecimal(0, 100)
  })
  .strict()
export type SemenAnalysis = z.output<typeof semenAnalysisInput>

export const maleFindingsInput = z
  .object({
    kind: z.literal('male_reproductive'),
    penisUrethra: z.enum(PENIS_URETHRA_FINDINGS),
    /** required when penisUrethra is `other` */
    penisUrethraNote: note,
    left: maleSideInput,
    right: maleSideInput,
    prostate: z.enum(PROSTATE_FINDINGS).default('not_examined'),
    semen: z.union([z.literal('not_done'), semenAnalysisInput], { message: 'invalid_value' }).default('not_done')
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.penisUrethra === 'other' && blank(f.penisUrethraNote)) flag(ctx, ['penisUrethraNote'], 'required')
    for (const s of SIDES) {
      const absent = f[s].testisSize === 'absent'
      if (!absent && f[s].testisPosition == null) flag(ctx, [s, 'testisPosition'], 'required')
      if (absent && f[s].testisPosition != null) flag(ctx, [s, 'testisPosition'], 'not_applicable')
    }
  })
export type MaleFindings = z.output<typeof maleFindingsInput>

/** varicocele grade -> the mildest conclusion allowed (II/III: palpable at rest, refer) */
export const VARICOCELE_SEVERITY: SeverityTable<VaricoceleGrade> = { I: 'benign', II: 'abnormal_refer', III: 'abnormal_refer' }
/** absent (impalpable) or undescended testis: refer; small: not `normal`; retractile: a variant */
export const TESTIS_SIZE_SEVERITY: SeverityTable<TestisSize> = { absent: 'abnormal_refer', small: 'benign' }
export const TESTIS_POSITION_SEVERITY: SeverityTable<TestisPosition> = { undescended: 'abnormal_refer' }
/** a nodule: refer; tenderness (epididymitis) or a cyst: not `normal` */
export const EPIDIDYMIS_SEVERITY: SeverityTable<EpididymisFinding> = { nodule: 'abnormal_refer', tenderness: 'benign', cyst: 'benign' }
/** an absent or thickened vas: not `normal` */
export const VAS_SEVERITY: SeverityTable<VasFinding> = { absent: 'benign', thickened: 'benign' }
/** a nodule: refer; enlarged or tender: not `normal` */
export const PROSTATE_SEVERITY: SeverityTable<ProstateFinding> = { nodule: 'abnormal_refer', enlarged: 'benign', tender: 'benign' }
/** anything but normal: not `normal` */
export const PENIS_URETHRA_SEVERITY: SeverityTable<PenisUrethraFinding> = {
  phimosis: 'benign',
  hypospadias: 'benign',
  discharge: 'benign',
  lesion: 'benign',
  other: 'benign'
}

export function maleSeverity(f: MaleFindings): SeverityHit[] {
  const semen = f.semen === 'not_done' ? null : f.semen
  const below = (k: keyof typeof SEMEN_LOWER_LIMITS) => semen != null && semen[k] < SEMEN_LOWER_LIMITS[k]
  return [
    ...lookup(PENIS_URETHRA_SEVERITY, f.penisUrethra, 'penisUrethra'),
    ...SIDES.flatMap((s) => [
      ...lookup(TESTIS_SIZE_SEVERITY, f[s].testisSize, `${s}.testisSize`),
      ...lookup(TESTIS_POSITION_SEVERITY, f[s].testisPosition, `${s}.testisPosition`),
      ...lookup(EPIDIDYMIS_SEVERITY, f[s].epididymis, `${s}.epididymis`),
      ...lookup(VAS_SEVERITY, f[s].vas, `${s}.vas`),
      ...lookup(VARICOCELE_SEVERITY, f[s].varicocele, `${s}.varicocele`),
      ...when(f[s].hydrocele, `${s}.hydrocele`, 'benign')
    ]),
    ...lookup(PROSTATE_SEVERITY, f.prostate, 'prostate'),
    // a semen value below the WHO 2021 lower reference limit: not `normal`
    ...(Object.keys(SEMEN_LOWER_LIMITS) as (keyof typeof SEMEN_LOWER_LIMITS)[]).flatMap((k) => when(below(k), `semen.${k}`, 'benign'))
  ]
}
