/**
 * Gynaecological exam (妇科检查): five organs normal or abnormal (with a note), and leucorrhoea.
 *
 * Field rules (superRefine, rule = message): an `abnormal` organ without its note
 * (vulvaNote, vaginaNote, cervixNote, uterusNote, adnexaNote) -> `required`; leucorrhea
 * `other` without leucorrheaNote -> `required`.
 */
import { z } from 'zod'
import { blank, flag, lookup, note, type SeverityHit, type SeverityTable } from './common'

export const GYN_ORGANS = ['vulva', 'vagina', 'cervix', 'uterus', 'adnexa'] as const
export type GynOrgan = (typeof GYN_ORGANS)[number]
export const ORGAN_FINDINGS = ['normal', 'abnormal'] as const
export type OrganFinding = (typeof ORGAN_FINDINGS)[number]
export const LEUCORRHEA_FINDINGS = ['normal', 'candida', 'trichomonas', 'bacterial_vaginosis', 'other'] as const
export type LeucorrheaFinding = (typeof LEUCORRHEA_FINDINGS)[number]

const organ = z.enum(ORGAN_FINDINGS)

export const gynecologicalFindingsInput = z
  .object({
    kind: z.literal('gynecological'),
    vulva: organ,
    vulvaNote: note,
    vagina: organ,
    vaginaNote: note,
    cervix: organ,
    cervixNote: note,
    uterus: organ,
    uterusNote: note,
    adnexa: organ,
    adnexaNote: note,
    /** 白带常规 */
    leucorrhea: z.enum(LEUCORRHEA_FINDINGS),
    leucorrheaNote: note
  })
  .strict()
  .superRefine((f, ctx) => {
    for (const o of GYN_ORGANS) if (f[o] === 'abnormal' && blank(f[`${o}Note`])) flag(ctx, [`${o}Note`], 'required')
    if (f.leucorrhea === 'other' && blank(f.leucorrheaNote)) flag(ctx, ['leucorrheaNote'], 'required')
  })
export type GynecologicalFindings = z.output<typeof gynecologicalFindingsInput>

/** an abnormal organ: not `normal` */
export const ORGAN_SEVERITY: SeverityTable<OrganFinding> = { abnormal: 'benign' }
/** a vaginal infection (or another abnormal discharge): treat, not `normal` */
export const LEUCORRHEA_SEVERITY: SeverityTable<LeucorrheaFinding> = {
  candida: 'benign',
  trichomonas: 'benign',
  bacterial_vaginosis: 'benign',
  other: 'benign'
}

export function gynecologicalSeverity(f: GynecologicalFindings): SeverityHit[] {
  return [...GYN_ORGANS.flatMap((o) => lookup(ORGAN_SEVERITY, f[o], o)), ...lookup(LEUCORRHEA_SEVERITY, f.leucorrhea, 'leucorrhea')]
}
