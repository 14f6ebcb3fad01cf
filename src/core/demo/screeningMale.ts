/**
 * One demo men's reproductive-health check (男性生殖健康检查: genital exam of each side, the
 * prostate by rectal exam for older men, a semen analysis for couples trying for a child), with
 * its conclusion and referral.
 *
 * Rates, per man examined, after the EAU guidelines on male infertility and the urology
 * literature they cite: varicocele in 10–15% of adult men (left alone in ~85–90%, bilateral
 * ~10%; of those found, grade I about half, II about a third, III the rest), hydrocele about 1% (more with age),
 * epididymal cysts a few %, undescended or absent testis a few per 1,000, phimosis a few % of
 * adults; prostate enlargement on rectal exam rising with age (BPH: a few % in the forties, about a
 * quarter of men in their fifties), a nodule in 1–2% of men over 50. A semen value below the WHO
 * 2021 lower reference limits in about a third of the analyses done for a couple's subfertility.
 */
import { FINDINGS_SCHEMAS, higher, minimumConclusion, REFERRAL_MAX_DAYS, SIDES, type Conclusion, type MaleSide, type Side } from '../../api/screeningFindings'
import type { PenisUrethraFinding, ProstateFinding, SemenAnalysis, VaricoceleGrade } from '../../api/screeningFindings'
import { SEMEN_LOWER_LIMITS } from '../../api/screeningFindings'
import { addDays, type DemoExam, type ExamContext, type Pick } from './screeningPick'

const PENIS: [PenisUrethraFinding, number][] = [['normal', 9440], ['phimosis', 300], ['hypospadias', 30], ['discharge', 50], ['lesion', 30], ['other', 150]]
const GRADE: [VaricoceleGrade, number][] = [['I', 50], ['II', 35], ['III', 15]]

/** why a man is referred, the first that applies, with where to and what was found there */
type Reason = 'prostate_nodule' | 'testis' | 'varicocele' | 'hydrocele' | 'epididymis' | 'semen' | 'prostate' | 'penis'
const SEEN: Record<Reason, [string, string][]> = {
  prostate_nodule: [['PSA 2.1 ng/ml，MRI 未见明显异常', '6个月后复查 PSA'], ['前列腺穿刺活检：良性前列腺增生伴炎症', '定期复查'], ['前列腺穿刺活检：前列腺腺癌', '根治性前列腺切除术']],
  testis: [['彩超：腹股沟隐睾', '睾丸下降固定术'], ['彩超：睾丸体积偏小，性激素检查正常', '定期复查']],
  varicocele: [['彩超：精索静脉曲张，反流阳性', '显微镜下精索静脉结扎术'], ['彩超：精索静脉曲张，精液参数正常', '暂予观察，6个月后复查']],
  hydrocele: [['彩超：睾丸鞘膜积液', '睾丸鞘膜翻转术'], ['彩超：少量鞘膜积液', '观察']],
  epididymis: [['彩超：附睾结节，考虑慢性附睾炎', '抗炎治疗后复查'], ['彩超：附睾囊肿', '观察']],
  semen: [['复查精液：少弱精子症', '药物治疗，3个月后复查精液'], ['复查精液：参数正常', '指导备孕']],
  prostate: [['良性前列腺增生', '坦索罗辛口服，定期复查'], ['慢性前列腺炎', '药物治疗']],
  penis: [['包茎', '包皮环切术'], ['尿道炎（淋球菌阴性）', '抗感染治疗']]
}

function sideOf(pick: Pick, age: number): MaleSide {
  const testisSize = pick.weighted([['normal', 9920], ['small', 70], ['absent', 10]] as const)
  return {
    testisSize,
    ...(testisSize === 'absent' ? {} : { testisPosition: pick.weighted([['scrotal', 9920], ['retractile', age < 30 ? 60 : 20], ['undescended', 20]] as const) }),
    epididymis: pick.weighted([['normal', 9810 - age * 2], ['cyst', 60 + age * 2], ['tenderness', 100], ['nodule', 30]] as const),
    vas: pick.weighted([['present', 9960], ['thickened', 30], ['absent', 10]] as const),
    varicocele: '0',
    hydrocele: pick.chance(age >= 40 ? 0.008 : 0.004)
  }
}

function semen(pick: Pick): SemenAnalysis {
  const low = pick.chance(0.35)
  const L = SEMEN_LOWER_LIMITS
  return {
    volumeMl: low && pick.chance(0.3) ? pick.decimal(0.5, L.volumeMl - 0.1) : pick.decimal(1.5, 5.5),
    concentrationMillionPerMl: low && pick.chance(0.6) ? pick.decimal(2, L.concentrationMillionPerMl - 1) : pick.decimal(18, 120),
    progressivePct: low && pick.chance(0.6) ? pick.decimal(8, L.progressivePct - 1) : pick.decimal(32, 65),
    normalFormsPct: low && pick.chance(0.3) ? pick.decimal(1, L.normalFormsPct - 0.5) : pick.decimal(4.5, 14)
  }
}

export function maleExam(c: ExamContext): DemoExam {
  const { pick, age } = c
  const sides: Record<Side, MaleSide> = { left: sideOf(pick, age), right: sideOf(pick, age) }
  if (pick.chance(0.12)) {
    const g = pick.weighted(GRADE)
    const where = pick.weighted([['left', 86], ['both', 11], ['right', 3]] as const)
    if (where !== 'right') sides.left.varicocele = g
    if (where === 'right') sides.right.varicocele = g
    if (where === 'both') sides.right.varicocele = pick.one((['I', 'II', 'III'] as const).filter((x) => x <= g))
  }
  const penisUrethra = pick.weighted(PENIS)
  const examined = age >= 50 ? pick.chance(0.85) : age >= 40 ? pick.chance(0.5) : false
  const prostate: ProstateFinding = !examined
    ? 'not_examined'
    : pick.weighted<ProstateFinding>(age >= 50 ? [['normal', 715], ['enlarged', 250], ['nodule', 15], ['tender', 20]] : [['normal', 920], ['enlarged', 50], ['nodule', 5], ['tender', 25]])
  const findings = FINDINGS_SCHEMAS.male_reproductive.parse({
    kind: 'male_reproductive',
    penisUrethra,
    ...(penisUrethra === 'other' ? { penisUrethraNote: pick.one(['包皮过长', '包皮过长，龟头炎', '尿道口狭窄']) } : {}),
    left: sides.left,
    right: sides.right,
    prostate,
    semen: pick.chance(c.childlessCouple && age <= 45 ? 0.35 : 0.01) ? semen(pick) : 'not_done'
  })
  const { minimum, hits } = minimumConclusion('male_reproductive', findings)
  const has = (re: RegExp) => hits.some((h) => re.test(h.path))
  const reasons: Reason[] = []
  if (prostate === 'nodule') reasons.push('prostate_nodule')
  if (SIDES.some((s) => findings[s].testisSize !== 'normal' || findings[s].testisPosition === 'undescended')) reasons.push('testis')
  if (has(/varicocele/)) reasons.push('varicocele')
  if (has(/hydrocele/)) reasons.push('hydrocele')
  if (has(/epididymis/)) reasons.push('epididymis')
  if (has(/semen/)) reasons.push('semen')
  if (prostate === 'enlarged' || prostate === 'tender') reasons.push('prostate')
  if (has(/penisUrethra/)) reasons.push('penis')
  // the clinician refers some findings the table calls benign: a large hydrocele, a tight foreskin, poor semen, an enlarged prostate with symptoms
  let chosen: Conclusion = minimum
  if (minimum === 'benign' && pick.chance(reasons[0] === 'hydrocele' ? 0.3 : reasons[0] === 'semen' ? 0.35 : reasons[0] === 'prostate' || reasons[0] === 'penis' ? 0.12 : 0.03)) chosen = 'abnormal_refer'
  if (prostate === 'nodule' && age >= 50 && pick.chance(0.25)) chosen = 'suspected_malignancy'
  const conclusion = higher(minimum, chosen)
  const reason = reasons[0] ?? 'penis'
  const { county, city } = c.hospitals
  let referral: DemoExam['referral'] = null
  if (conclusion === 'suspected_malignancy')
    referral = { destination: `${city}中心医院泌尿外科`, dueDate: addDays(c.examDate, pick.int(5, REFERRAL_MAX_DAYS.suspected_malignancy - 2)), note: '建议查 PSA 及前列腺 MRI' }
  else if (conclusion === 'abnormal_refer')
    referral = {
      destination: reason === 'semen' ? `${city}中心医院生殖医学科` : `${county}人民医院泌尿外科`,
      dueDate: addDays(c.examDate, pick.int(14, 60)),
      note: reason === 'varicocele' ? '建议阴囊彩超' : ''
    }
  return {
    findings,
    conclusion,
    referral,
    attended(p: Pick) {
      const [diagnosis, treatment] = p.one(SEEN[reason])
      return { diagnosis, treatment }
    }
  }
}
