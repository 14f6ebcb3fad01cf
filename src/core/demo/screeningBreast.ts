/**
 * One demo breast exam (乳腺癌筛查: clinical breast exam of each side, then ultrasound with BI-RADS,
 * mammography when referred), with its conclusion and referral.
 *
 * Rates, per screened woman, after what China's national rural breast-cancer screening programme
 * (ultrasound first, since 2009) and screening audits in the ACR BI-RADS Atlas (5th ed.) report:
 * about 85% end normal (BI-RADS 1–2), BI-RADS 3 (probably benign, short-interval follow-up) about
 * 5–6%, BI-RADS 0 (needs mammography) about 1%, 4A–4C about 1%, 5 a few per 10,000 (the
 * programme finds roughly 50–70 cancers per 100,000 screened). Biopsy results after a referral
 * follow the BI-RADS positive predictive values (4A ≤10%, 4B 10–50%, 4C 50–95%, 5 ≥95%).
 */
import { FINDINGS_SCHEMAS, higher, minimumConclusion, REFERRAL_MAX_DAYS, type Birads, type Conclusion, type Side } from '../../api/screeningFindings'
import type { BREAST_QUADRANTS, CbeFinding } from '../../api/screeningFindings'
import { addDays, type DemoExam, type ExamContext, type Pick } from './screeningPick'

/** the worse side's ultrasound category, per 10,000 screened women ('none': ultrasound not done) */
const WORST: [Birads | 'none', number][] = [
  ['1', 6580], ['2', 2600], ['3', 560], ['0', 100], ['4A', 65], ['4B', 20], ['4C', 8], ['5', 4], ['none', 63]
]
/** the chance that a lesion of this category is also felt on examination */
const PALPABLE: Partial<Record<Birads, number>> = { '2': 0.05, '3': 0.3, '4A': 0.5, '4B': 0.6, '4C': 0.75, '5': 0.9 }
/** lump sizes (mm) by category */
const SIZE: Partial<Record<Birads, [number, number]>> = { '2': [6, 20], '3': [5, 18], '4A': [6, 22], '4B': [8, 25], '4C': [10, 30], '5': [15, 45] }
/** what a clinical exam finds on a side without a lesion */
const CBE_OTHER: [CbeFinding, number][] = [['normal', 9660], ['tenderness', 280], ['nipple_discharge', 40], ['skin_change', 8], ['other', 12]]
const QUADRANTS: [(typeof BREAST_QUADRANTS)[number], number][] = [['upper_outer', 50], ['upper_inner', 18], ['lower_outer', 12], ['lower_inner', 8], ['central', 12]]

/** biopsy results after a referral, by category */
const BIOPSY: Partial<Record<Birads, [string, number][]>> = {
  '4A': [['纤维腺瘤', 55], ['乳腺腺病', 25], ['导管内乳头状瘤', 12], ['浸润性导管癌', 8]],
  '4B': [['纤维腺瘤', 30], ['导管内乳头状瘤', 25], ['乳腺腺病', 15], ['导管原位癌', 10], ['浸润性导管癌', 20]],
  '4C': [['浸润性导管癌', 60], ['导管原位癌', 15], ['纤维腺瘤', 10], ['乳腺腺病', 15]],
  '5': [['浸润性导管癌', 90], ['浸润性小叶癌', 10]]
}
const TREATMENT: Record<string, string[]> = {
  纤维腺瘤: ['定期复查', '微创旋切术'],
  乳腺腺病: ['定期复查'],
  导管内乳头状瘤: ['手术切除'],
  导管原位癌: ['保乳手术，术后放疗'],
  浸润性导管癌: ['乳腺癌改良根治术，术后辅助化疗', '新辅助化疗后手术'],
  浸润性小叶癌: ['乳腺癌改良根治术，术后辅助治疗']
}

export function breastExam(c: ExamContext): DemoExam {
  const { pick } = c
  const worst = pick.weighted(WORST)
  const us = worst !== 'none'
  const lesion: Side = pick.chance(0.5) ? 'left' : 'right'
  const sideOf = (s: Side) => {
    const cat: Birads | undefined = !us ? undefined : s === lesion ? worst : worst === '1' || pick.chance(0.75) ? '1' : '2'
    let cbe: CbeFinding = pick.weighted(CBE_OTHER)
    let lump: { lumpSizeMm: number; lumpClock?: number; lumpQuadrant?: (typeof BREAST_QUADRANTS)[number] } | null = null
    if (s === lesion && cat && pick.chance(PALPABLE[cat] ?? 0)) {
      cbe = cat === '5' && pick.chance(0.2) ? pick.one(['skin_change', 'nipple_retraction'] as const) : 'lump'
      const [lo, hi] = SIZE[cat]!
      if (cbe === 'lump') lump = pick.chance(0.75) ? { lumpSizeMm: pick.int(lo, hi), lumpClock: pick.int(1, 12) } : { lumpSizeMm: pick.int(lo, hi), lumpQuadrant: pick.weighted(QUADRANTS) }
    }
    return { cbe, ...(lump ?? {}), ...(cbe === 'other' ? { note: pick.one(['副乳', '乳头内陷（自幼）', '术后瘢痕']) } : {}), ...(cat ? { birads: cat } : {}) }
  }
  const refer = worst === '0' || worst === '4A' || worst === '4B' || worst === '4C' || worst === '5'
  const findings = FINDINGS_SCHEMAS.breast.parse({
    kind: 'breast',
    left: sideOf('left'),
    right: sideOf('right'),
    ultrasoundDone: us,
    mammography: refer ? 'referred' : 'not_referred'
  })
  const { minimum } = minimumConclusion('breast', findings)
  // the clinician's own call above the minimum: a few BI-RADS 2 written up as benign, half the 4C as suspected malignancy
  let chosen: Conclusion = minimum
  if (worst === '2' && pick.chance(0.1)) chosen = 'benign'
  if (worst === '4C' && pick.chance(0.5)) chosen = 'suspected_malignancy'
  const conclusion = higher(minimum, chosen)
  const { county, city } = c.hospitals
  let referral: DemoExam['referral'] = null
  if (conclusion === 'suspected_malignancy')
    referral = { destination: `${city}中心医院乳腺外科`, dueDate: addDays(c.examDate, pick.int(3, REFERRAL_MAX_DAYS.suspected_malignancy - 4)), note: '请携带本次超声报告，尽快就诊' }
  else if (conclusion === 'abnormal_refer')
    referral = {
      destination: worst === '0' ? `${county}妇幼保健院放射科（乳腺X线摄影）` : `${county}妇幼保健院乳腺外科`,
      dueDate: addDays(c.examDate, pick.int(14, 42)),
      note: worst === '0' ? '超声未能评估，需乳腺X线摄影' : ''
    }
  return {
    findings,
    conclusion,
    referral,
    attended(p: Pick) {
      if (worst === '0') {
        const r = p.weighted([['BI-RADS 1，未见异常', 60], ['BI-RADS 2，良性钙化', 30], ['BI-RADS 3，建议6个月复查', 10]] as const)
        return { diagnosis: `乳腺X线摄影：${r}`, treatment: r.includes('6个月') ? '6个月后复查' : '' }
      }
      const table = BIOPSY[worst as Birads]
      if (!table) return { diagnosis: '超声复查：良性病变可能', treatment: '定期复查' }
      const d = p.weighted(table)
      return { diagnosis: `穿刺活检病理：${d}`, treatment: p.one(TREATMENT[d]) }
    }
  }
}
