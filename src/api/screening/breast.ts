/**
 * Breast screening (乳腺癌筛查): clinical breast exam per side, ultrasound BI-RADS per side,
 * mammography when referred. Field rules (superRefine, rule = message):
 *   lump without size -> `required` (left.lumpSizeMm); lump without clock position or quadrant
 *   -> `site_required` (left.lumpClock); lump size/clock/quadrant on a side without a lump
 *   -> `not_applicable`; `other` without a note -> `required` (left.note);
 *   BI-RADS missing when the ultrasound / mammography was done -> `required` (left.birads /
 *   left.mammographyBirads); given when not done -> `not_applicable`.
 */
import { z } from 'zod'
import { SIDES, blank, flag, lookup, note, type SeverityHit, type SeverityTable } from './common'

/** clinical breast exam (视触诊) of one side */
export const CBE_FINDINGS = ['normal', 'lump', 'nipple_discharge', 'skin_change', 'nipple_retraction', 'tenderness', 'other'] as const
export type CbeFinding = (typeof CBE_FINDINGS)[number]
export const BREAST_QUADRANTS = ['upper_outer', 'upper_inner', 'lower_outer', 'lower_inner', 'central'] as const
/** BI-RADS assessment categories, 4 split into 4A/4B/4C; strings, as the reports write them */
export const BIRADS = ['0', '1', '2', '3', '4A', '4B', '4C', '5', '6'] as const
export type Birads = (typeof BIRADS)[number]
export const MAMMOGRAPHY_STATES = ['not_referred', 'referred', 'done'] as const

const birads = z.enum(BIRADS)

export const breastSideInput = z
  .object({
    cbe: z.enum(CBE_FINDINGS),
    /** lump only: largest diameter, whole millimetres */
    lumpSizeMm: z.number().int({ message: 'integer' }).min(1).max(200).optional(),
    /** lump only: clock position as the examiner faces the woman, 1–12 */
    lumpClock: z.number().int({ message: 'integer' }).min(1).max(12).optional(),
    /** lump only: quadrant (clock and/or quadrant, at least one) */
    lumpQuadrant: z.enum(BREAST_QUADRANTS).optional(),
    /** required when cbe is `other` */
    note,
    /** ultrasound BI-RADS of this side, when the ultrasound was done */
    birads: birads.optional(),
    /** mammography BI-RADS of this side, when mammography was done */
    mammographyBirads: birads.optional()
  })
  .strict()
export type BreastSide = z.output<typeof breastSideInput>

export const breastFindingsInput = z
  .object({
    kind: z.literal('breast'),
    left: breastSideInput,
    right: breastSideInput,
    ultrasoundDone: z.boolean(),
    mammography: z.enum(MAMMOGRAPHY_STATES).default('not_referred')
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const s of SIDES) {
      const side = f[s]
      if (side.cbe === 'lump') {
        if (side.lumpSizeMm == null) flag(ctx, [s, 'lumpSizeMm'], 'required')
        if (side.lumpClock == null && side.lumpQuadrant == null) flag(ctx, [s, 'lumpClock'], 'site_required')
      } else {
        for (const k of ['lumpSizeMm', 'lumpClock', 'lumpQuadrant'] as const) if (side[k] != null) flag(ctx, [s, k], 'not_applicable')
      }
      if (side.cbe === 'other' && blank(side.note)) flag(ctx, [s, 'note'], 'required')
      if (f.ultrasoundDone && side.birads == null) flag(ctx, [s, 'birads'], 'required')
      if (!f.ultrasoundDone && side.birads != null) flag(ctx, [s, 'birads'], 'not_applicable')
      const mammoDone = f.mammography === 'done'
      if (mammoDone && side.mammographyBirads == null) flag(ctx, [s, 'mammographyBirads'], 'required')
      if (!mammoDone && side.mammographyBirads != null) flag(ctx, [s, 'mammographyBirads'], 'not_applicable')
    }
  })
export type BreastFindings = z.output<typeof breastFindingsInput>

/**
 * BI-RADS (ultrasound or mammography, either side) -> the mildest conclusion allowed.
 * 0: incomplete, needs more imaging · 3: probably benign, short-interval follow-up ·
 * 4A–4C: suspicious, biopsy · 5: highly suggestive of malignancy · 6: known malignancy.
 * 1 (negative) and 2 (benign finding) set no floor.
 */
export const BIRADS_SEVERITY: SeverityTable<Birads> = {
  '0': 'abnormal_refer',
  '3': 'benign',
  '4A': 'abnormal_refer',
  '4B': 'abnormal_refer',
  '4C': 'abnormal_refer',
  '5': 'suspected_malignancy',
  '6': 'suspected_malignancy'
}

/** clinical breast exam -> the mildest conclusion allowed (tenderness and other set no floor) */
export const CBE_SEVERITY: SeverityTable<CbeFinding> = {
  lump: 'benign',
  nipple_discharge: 'benign',
  skin_change: 'benign',
  nipple_retraction: 'benign'
}

export function breastSeverity(f: BreastFindings): SeverityHit[] {
  return SIDES.flatMap((s) => [
    ...lookup(CBE_SEVERITY, f[s].cbe, `${s}.cbe`),
    ...lookup(BIRADS_SEVERITY, f[s].birads, `${s}.birads`),
    ...lookup(BIRADS_SEVERITY, f[s].mammographyBirads, `${s}.mammographyBirads`)
  ])
}
