/**
 * Cervical screening (宫颈癌筛查): gynaecological exam, VIA/VILI, cytology (TBS), HPV.
 *
 * HPV is a set, not one value: `'not_done'`, `'negative'`, or the non-empty list of the positive
 * groups found, from `16`, `18`, `other_high_risk` (so "16 and other high-risk" is
 * `['16', 'other_high_risk']`, and the "16_18" of a report is `['16', '18']`). The list is
 * stored in that canonical order, each group once.
 *
 * Field rules (superRefine, rule = message): gynExam `other` without gynExamNote -> `required`;
 * an empty HPV list -> `required` (hpv).
 */
import { z } from 'zod'
import { blank, flag, lookup, note, when, type SeverityHit, type SeverityTable } from './common'

export const GYN_EXAM_FINDINGS = ['normal', 'inflammation', 'erosion_like', 'polyp', 'mass', 'bleeding', 'other'] as const
export type GynExamFinding = (typeof GYN_EXAM_FINDINGS)[number]
export const VIA_VILI_RESULTS = ['not_done', 'negative', 'positive', 'suspicious_cancer'] as const
export type ViaViliResult = (typeof VIA_VILI_RESULTS)[number]
/** The Bethesda System (TBS) classes */
export const TBS_CLASSES = ['NILM', 'ASC-US', 'ASC-H', 'LSIL', 'HSIL', 'SCC', 'AGC', 'AIS', 'adenocarcinoma'] as const
export const CYTOLOGY_RESULTS = ['not_done', ...TBS_CLASSES] as const
export type CytologyResult = (typeof CYTOLOGY_RESULTS)[number]
/** the positive HPV groups a genotyping test reports */
export const HPV_TYPES = ['16', '18', 'other_high_risk'] as const
export type HpvType = (typeof HPV_TYPES)[number]
export const HPV_NEGATIVE_OR_NOT_DONE = ['not_done', 'negative'] as const

export const hpvInput = z.union([
  z.enum(HPV_NEGATIVE_OR_NOT_DONE),
  z.array(z.enum(HPV_TYPES)).transform((a) => HPV_TYPES.filter((t) => a.includes(t)))
], { message: 'invalid_value' })
export type HpvResult = z.output<typeof hpvInput>

export const cervicalFindingsInput = z
  .object({
    kind: z.literal('cervical'),
    /** 妇科检查 of the cervix */
    gynExam: z.enum(GYN_EXAM_FINDINGS),
    /** required when gynExam is `other` */
    gynExamNote: note,
    viaVili: z.enum(VIA_VILI_RESULTS).default('not_done'),
    cytology: z.enum(CYTOLOGY_RESULTS).default('not_done'),
    hpv: hpvInput.default('not_done')
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.gynExam === 'other' && blank(f.gynExamNote)) flag(ctx, ['gynExamNote'], 'required')
    if (Array.isArray(f.hpv) && f.hpv.length === 0) flag(ctx, ['hpv'], 'required')
  })
export type CervicalFindings = z.output<typeof cervicalFindingsInput>

/** true when HPV found any high-risk group (16, 18 or other) */
export const hpvPositive = (hpv: HpvResult) => Array.isArray(hpv) && hpv.length > 0

/**
 * Cytology (TBS) -> the mildest conclusion allowed. ASC-US / LSIL: low grade, repeat or triage;
 * ASC-H, HSIL, AGC, AIS: colposcopy; SCC, adenocarcinoma: cancer until proven otherwise.
 */
export const CYTOLOGY_SEVERITY: SeverityTable<CytologyResult> = {
  'ASC-US': 'benign',
  LSIL: 'benign',
  'ASC-H': 'abnormal_refer',
  HSIL: 'abnormal_refer',
  AGC: 'abnormal_refer',
  AIS: 'abnormal_refer',
  SCC: 'suspected_malignancy',
  adenocarcinoma: 'suspected_malignancy'
}

/** VIA/VILI -> the mildest conclusion allowed */
export const VIA_VILI_SEVERITY: SeverityTable<ViaViliResult> = {
  positive: 'abnormal_refer',
  suspicious_cancer: 'suspected_malignancy'
}

/**
 * HPV group -> the mildest conclusion allowed. 16/18: colposcopy whatever the cytology.
 * Other high-risk alone: a repeat test in a year, so not `normal` (a choice of this table).
 */
export const HPV_SEVERITY: SeverityTable<HpvType> = {
  '16': 'abnormal_refer',
  '18': 'abnormal_refer',
  other_high_risk: 'benign'
}

/**
 * Exam of the cervix -> the mildest conclusion allowed. A mass: refer. Inflammation, polyp,
 * contact bleeding, other: treat or watch, not `normal`. Erosion-like change (columnar
 * ectropion) is a physiological variant: no floor.
 */
export const GYN_EXAM_SEVERITY: SeverityTable<GynExamFinding> = {
  mass: 'abnormal_refer',
  inflammation: 'benign',
  polyp: 'benign',
  bleeding: 'benign',
  other: 'benign'
}

export function cervicalSeverity(f: CervicalFindings): SeverityHit[] {
  const hpv = Array.isArray(f.hpv) ? f.hpv : []
  return [
    ...lookup(GYN_EXAM_SEVERITY, f.gynExam, 'gynExam'),
    ...lookup(VIA_VILI_SEVERITY, f.viaVili, 'viaVili'),
    ...lookup(CYTOLOGY_SEVERITY, f.cytology, 'cytology'),
    ...hpv.flatMap((t) => lookup(HPV_SEVERITY, t, 'hpv')),
    // low-grade cytology with a high-risk HPV: colposcopy (HPV triage of ASC-US; LSIL likewise)
    ...when((f.cytology === 'ASC-US' || f.cytology === 'LSIL') && hpvPositive(f.hpv), 'cytology', 'abnormal_refer'),
    ...when((f.cytology === 'ASC-US' || f.cytology === 'LSIL') && hpvPositive(f.hpv), 'hpv', 'abnormal_refer')
  ]
}
