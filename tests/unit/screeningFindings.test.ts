/**
 * Screening findings per kind (schemas: what parses, what is refused with which rule and path)
 * and the conclusion rules as a table: kind, findings, conclusion, referral -> rules. Issue:
 * "BI-RADS 4A or higher, HSIL, or HPV 16/18 cannot be saved as normal, and must carry a
 * referral with destination and due date". Rules are read as the UI gets them (zodToFields).
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { zodToFields } from '../../src/core/errors'
import {
  FINDINGS_SCHEMAS,
  breastFindingsInput,
  cervicalFindingsInput,
  checkConclusion,
  findingsInput,
  followUpOutcomeInput,
  gynecologicalFindingsInput,
  maleFindingsInput,
  minimumConclusion,
  referralInput,
  type Conclusion,
  type FindingsInput,
  type ReferralLike
} from '../../src/api/screeningFindings'

const EXAM = '2026-05-10'
/** what a schema refuses, as "path:rule" */
function refused(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input)
  return r.success ? [] : zodToFields(r.error).map((f) => `${f.path}:${f.rule}`)
}
const day = (n: number) => new Date(Date.UTC(2026, 4, 10 + n)).toISOString().slice(0, 10)
const ref = (days: number, destination = '县妇幼保健院') => ({ destination, dueDate: day(days) })

// builders: a normal exam of each kind, with overrides
const bSide = (o: object = {}) => ({ cbe: 'normal', birads: '1', ...o })
const breast = (o: object = {}) => ({ kind: 'breast', left: bSide(), right: bSide(), ultrasoundDone: true, ...o })
const cervical = (o: object = {}) => ({ kind: 'cervical', gynExam: 'normal', viaVili: 'negative', cytology: 'NILM', hpv: 'negative', ...o })
const mSide = (o: object = {}) => ({ testisSize: 'normal', testisPosition: 'scrotal', epididymis: 'normal', vas: 'present', varicocele: '0', hydrocele: false, ...o })
const male = (o: object = {}) => ({ kind: 'male_reproductive', penisUrethra: 'normal', left: mSide(), right: mSide(), ...o })
const semen = (o: object = {}) => ({ volumeMl: 2.5, concentrationMillionPerMl: 40, progressivePct: 45, normalFormsPct: 6, ...o })
const gyn = (o: object = {}) => ({ kind: 'gynecological', vulva: 'normal', vagina: 'normal', cervix: 'normal', uterus: 'normal', adnexa: 'normal', leucorrhea: 'normal', ...o })

describe('breast findings', () => {
  it('a normal exam, a lump with size and site, mammography done: parse, defaults filled', () => {
    expect(breastFindingsInput.parse(breast())).toMatchObject({ mammography: 'not_referred' })
    const lump = bSide({ cbe: 'lump', lumpSizeMm: 18, lumpClock: 2, birads: '4A', mammographyBirads: '4B' })
    expect(refused(breastFindingsInput, breast({ left: lump, right: bSide({ mammographyBirads: '1' }), mammography: 'done' }))).toEqual([])
    expect(refused(breastFindingsInput, breast({ left: bSide({ cbe: 'lump', lumpSizeMm: 5, lumpQuadrant: 'central' }) }))).toEqual([])
    expect(refused(breastFindingsInput, breast({ ultrasoundDone: false, left: { cbe: 'tenderness' }, right: { cbe: 'other', note: '副乳' } }))).toEqual([])
  })
  it.each([
    ['lump without size', breast({ left: bSide({ cbe: 'lump', lumpClock: 3 }) }), ['left.lumpSizeMm:required']],
    ['lump without site', breast({ right: bSide({ cbe: 'lump', lumpSizeMm: 10 }) }), ['right.lumpClock:site_required']],
    ['lump size 0', breast({ left: bSide({ cbe: 'lump', lumpSizeMm: 0, lumpClock: 3 }) }), ['left.lumpSizeMm:too_small']],
    ['lump size 201', breast({ left: bSide({ cbe: 'lump', lumpSizeMm: 201, lumpClock: 3 }) }), ['left.lumpSizeMm:too_big']],
    ['lump size 1.5', breast({ left: bSide({ cbe: 'lump', lumpSizeMm: 1.5, lumpClock: 3 }) }), ['left.lumpSizeMm:integer']],
    ['clock 13', breast({ left: bSide({ cbe: 'lump', lumpSizeMm: 9, lumpClock: 13 }) }), ['left.lumpClock:too_big']],
    ['unknown quadrant', breast({ left: bSide({ cbe: 'lump', lumpSizeMm: 9, lumpQuadrant: 'axilla' }) }), ['left.lumpQuadrant:invalid_value']],
    ['size without a lump', breast({ left: bSide({ lumpSizeMm: 9 }) }), ['left.lumpSizeMm:not_applicable']],
    ['other without note', breast({ right: bSide({ cbe: 'other' }) }), ['right.note:required']],
    ['unknown CBE finding', breast({ right: bSide({ cbe: 'mass' }) }), ['right.cbe:invalid_value']],
    ['BI-RADS 4 without A/B/C', breast({ left: bSide({ birads: '4' }) }), ['left.birads:invalid_value']],
    ['BI-RADS as a number', breast({ left: bSide({ birads: 3 }) }), ['left.birads:invalid_value']],
    ['ultrasound done, BI-RADS missing', breast({ right: { cbe: 'normal' } }), ['right.birads:required']],
    ['BI-RADS without ultrasound', breast({ ultrasoundDone: false, right: { cbe: 'normal' } }), ['left.birads:not_applicable']],
    ['mammography done, BI-RADS missing', breast({ mammography: 'done' }), ['left.mammographyBirads:required', 'right.mammographyBirads:required']],
    ['mammography BI-RADS when only referred', breast({ mammography: 'referred', left: bSide({ mammographyBirads: '2' }) }), ['left.mammographyBirads:not_applicable']],
    ['unknown field (strict)', breast({ left: bSide({ size: 3 }) }), ['left:unrecognized_keys']],
    ['ultrasoundDone missing', { kind: 'breast', left: bSide(), right: bSide() }, ['ultrasoundDone:invalid_type']]
  ])('%s', (_, input, expected) => {
    expect(refused(breastFindingsInput, input)).toEqual(expected)
  })
})

describe('cervical findings', () => {
  it('parses; HPV is a set stored in canonical order; tests default to not_done', () => {
    expect(cervicalFindingsInput.parse({ kind: 'cervical', gynExam: 'normal' })).toEqual({ kind: 'cervical', gynExam: 'normal', viaVili: 'not_done', cytology: 'not_done', hpv: 'not_done' })
    expect(cervicalFindingsInput.parse(cervical({ hpv: ['other_high_risk', '16'] })).hpv).toEqual(['16', 'other_high_risk'])
    expect(cervicalFindingsInput.parse(cervical({ hpv: ['18', '16', '18'], cytology: 'ASC-US' })).hpv).toEqual(['16', '18'])
  })
  it.each([
    ['TBS class misspelt', cervical({ cytology: 'ASCUS' }), ['cytology:invalid_value']],
    ['HPV as the report\'s 16_18', cervical({ hpv: '16_18' }), ['hpv:invalid_value']],
    ['HPV group unknown', cervical({ hpv: ['16', '31'] }), ['hpv:invalid_value']],
    ['HPV empty set', cervical({ hpv: [] }), ['hpv:required']],
    ['VIA/VILI unknown', cervical({ viaVili: 'doubtful' }), ['viaVili:invalid_value']],
    ['gyn exam other without note', cervical({ gynExam: 'other' }), ['gynExamNote:required']],
    ['unknown field (strict)', cervical({ tct: 'NILM' }), [':unrecognized_keys']]
  ])('%s', (_, input, expected) => {
    expect(refused(cervicalFindingsInput, input)).toEqual(expected)
  })
})

describe('male reproductive findings', () => {
  it('parses with semen not done by default, or with a semen analysis', () => {
    expect(maleFindingsInput.parse(male())).toMatchObject({ prostate: 'not_examined', semen: 'not_done' })
    expect(refused(maleFindingsInput, male({ semen: semen({ volumeMl: 0.5 }), left: mSide({ testisSize: 'absent', testisPosition: undefined }) }))).toEqual([])
  })
  it.each([
    ['semen volume with two decimals', male({ semen: semen({ volumeMl: 2.25 }) }), ['semen.volumeMl:one_decimal']],
    ['semen volume 21 ml', male({ semen: semen({ volumeMl: 21 }) }), ['semen.volumeMl:too_big']],
    ['concentration above 1000', male({ semen: semen({ concentrationMillionPerMl: 1001 }) }), ['semen.concentrationMillionPerMl:too_big']],
    ['progressive 101 %', male({ semen: semen({ progressivePct: 101 }) }), ['semen.progressivePct:too_big']],
    ['normal forms -1 %', male({ semen: semen({ normalFormsPct: -1 }) }), ['semen.normalFormsPct:too_small']],
    ['semen as a word', male({ semen: 'normal' }), ['semen:invalid_value']],
    ['varicocele grade IV', male({ right: mSide({ varicocele: 'IV' }) }), ['right.varicocele:invalid_value']],
    ['testis position missing', male({ right: mSide({ testisPosition: undefined }) }), ['right.testisPosition:required']],
    ['position of an absent testis', male({ left: mSide({ testisSize: 'absent' }) }), ['left.testisPosition:not_applicable']],
    ['hydrocele as text', male({ left: mSide({ hydrocele: 'yes' }) }), ['left.hydrocele:invalid_type']],
    ['penis/urethra other without note', male({ penisUrethra: 'other' }), ['penisUrethraNote:required']]
  ])('%s', (_, input, expected) => {
    expect(refused(maleFindingsInput, input)).toEqual(expected)
  })
})

describe('gynecological findings', () => {
  it('parses, with notes on abnormal organs', () => {
    expect(refused(gynecologicalFindingsInput, gyn({ uterus: 'abnormal', uterusNote: '子宫增大如孕8周', leucorrhea: 'candida' }))).toEqual([])
  })
  it.each([
    ['abnormal adnexa without note', gyn({ adnexa: 'abnormal' }), ['adnexaNote:required']],
    ['abnormal vulva with a blank note', gyn({ vulva: 'abnormal', vulvaNote: '  ' }), ['vulvaNote:required']],
    ['leucorrhea other without note', gyn({ leucorrhea: 'other' }), ['leucorrheaNote:required']],
    ['organ value unknown', gyn({ cervix: 'erosion' }), ['cervix:invalid_value']],
    ['a field missing', { ...gyn(), vagina: undefined }, ['vagina:invalid_value']]
  ])('%s', (_, input, expected) => {
    expect(refused(gynecologicalFindingsInput, input)).toEqual(expected)
  })
})

describe('findingsInput, referral and follow-up', () => {
  it('findingsInput dispatches on kind; FINDINGS_SCHEMAS holds each kind', () => {
    expect(findingsInput.parse(gyn()).kind).toBe('gynecological')
    expect(refused(findingsInput, { ...gyn(), kind: 'dental' })).toEqual(['kind:invalid_union'])
    expect(Object.keys(FINDINGS_SCHEMAS)).toEqual(['breast', 'cervical', 'male_reproductive', 'gynecological'])
  })
  it('referral: destination 1–100 characters, a real date', () => {
    expect(refused(referralInput, ref(10))).toEqual([])
    expect(refused(referralInput, { destination: ' ', dueDate: '2026-02-30' })).toEqual(['destination:required', 'dueDate:date'])
    expect(refused(referralInput, { destination: 'x'.repeat(101), dueDate: EXAM })).toEqual(['destination:too_big'])
  })
  it('follow-up: attended or lost', () => {
    expect(followUpOutcomeInput.parse({ outcome: 'attended', place: '县医院', date: EXAM, diagnosis: 'CIN2' })).toMatchObject({ treatment: '' })
    expect(refused(followUpOutcomeInput, { outcome: 'attended', place: '', date: EXAM, diagnosis: '' })).toEqual(['place:required', 'diagnosis:required'])
    expect(refused(followUpOutcomeInput, { outcome: 'lost', reason: 'moved' })).toEqual([])
    expect(refused(followUpOutcomeInput, { outcome: 'lost', reason: 'other' })).toEqual(['note:required'])
    expect(refused(followUpOutcomeInput, { outcome: 'lost', reason: 'emigrated' })).toEqual(['reason:invalid_value'])
  })
})

type Row = [string, FindingsInput | Record<string, unknown>, Conclusion, ReferralLike, string[]]
const TOO_LOW = 'conclusion:conclusion_too_low'
const NO_REF = ['referral.destination:referral_required', 'referral.dueDate:referral_required']
const L = (o: object) => breast({ left: bSide(o) })

describe('conclusion rules', () => {
  const rows: Row[] = [
    // the issue: BI-RADS 4A+, HSIL, HPV 16/18 are never normal and need a referral
    ['breast BI-RADS 4A saved as normal, no referral', L({ birads: '4A' }), 'normal', null, [TOO_LOW, ...NO_REF]],
    ['breast BI-RADS 4A, abnormal_refer, referred in 30 days', L({ birads: '4A' }), 'abnormal_refer', ref(30), []],
    ['breast BI-RADS 4B, benign', L({ birads: '4B' }), 'benign', ref(30), [TOO_LOW]],
    ['breast BI-RADS 4C on mammography only', breast({ mammography: 'done', left: bSide({ mammographyBirads: '4C' }), right: bSide({ mammographyBirads: '2' }) }), 'normal', null, [TOO_LOW, ...NO_REF]],
    ['breast BI-RADS 5 as abnormal_refer', L({ birads: '5' }), 'abnormal_refer', ref(10), [TOO_LOW]],
    ['breast BI-RADS 5, suspected, in 14 days', L({ birads: '5' }), 'suspected_malignancy', ref(14), []],
    ['breast BI-RADS 6, suspected, in 15 days', L({ birads: '6' }), 'suspected_malignancy', ref(15), ['referral.dueDate:referral_too_late']],
    ['breast BI-RADS 0 needs more imaging', breast({ right: bSide({ birads: '0' }) }), 'benign', ref(20), [TOO_LOW]],
    ['breast BI-RADS 3 as normal', L({ birads: '3' }), 'normal', null, [TOO_LOW]],
    ['breast BI-RADS 3 as benign, no referral', L({ birads: '3' }), 'benign', null, []],
    ['breast BI-RADS 2: normal allowed', L({ birads: '2' }), 'normal', null, []],
    ['breast lump on CBE as normal', L({ cbe: 'lump', lumpSizeMm: 12, lumpClock: 2, birads: '2' }), 'normal', null, [TOO_LOW]],
    ['breast nipple discharge as benign', L({ cbe: 'nipple_discharge' }), 'benign', null, []],
    ['breast skin change as normal', L({ cbe: 'skin_change' }), 'normal', null, [TOO_LOW]],
    ['breast retraction as normal', L({ cbe: 'nipple_retraction' }), 'normal', null, [TOO_LOW]],
    ['breast tenderness: normal allowed', L({ cbe: 'tenderness' }), 'normal', null, []],
    ['breast normal with a referral', breast(), 'normal', ref(10), ['referral:referral_not_expected']],
    ['breast normal with a blank referral', breast(), 'normal', { destination: '', dueDate: '' }, []],
    ['breast normal, concluded abnormal_refer, no referral', breast(), 'abnormal_refer', null, NO_REF],
    ['cervical HSIL as normal', cervical({ cytology: 'HSIL' }), 'normal', null, [TOO_LOW, ...NO_REF]],
    ['cervical HSIL referred, no destination', cervical({ cytology: 'HSIL' }), 'abnormal_refer', { destination: ' ', dueDate: day(30) }, ['referral.destination:referral_required']],
    ['cervical HSIL referred in 91 days', cervical({ cytology: 'HSIL' }), 'abnormal_refer', ref(91), ['referral.dueDate:referral_too_late']],
    ['cervical HSIL referred in 90 days', cervical({ cytology: 'HSIL' }), 'abnormal_refer', ref(90), []],
    ['cervical referral due before the exam', cervical({ cytology: 'ASC-H' }), 'abnormal_refer', ref(-1), ['referral.dueDate:referral_due_before_exam']],
    ['cervical HPV 16 as normal', cervical({ hpv: ['16'] }), 'normal', null, [TOO_LOW, ...NO_REF]],
    ['cervical HPV 18 as benign', cervical({ hpv: ['18'] }), 'benign', ref(20), [TOO_LOW]],
    ['cervical HPV other high-risk + NILM as benign', cervical({ hpv: ['other_high_risk'] }), 'benign', null, []],
    ['cervical AGC / AIS as benign', cervical({ cytology: 'AIS' }), 'benign', null, [TOO_LOW, ...NO_REF]],
    ['cervical SCC as abnormal_refer', cervical({ cytology: 'SCC' }), 'abnormal_refer', ref(10), [TOO_LOW]],
    ['cervical adenocarcinoma, referred in 20 days', cervical({ cytology: 'adenocarcinoma' }), 'suspected_malignancy', ref(20), ['referral.dueDate:referral_too_late']],
    ['cervical VIA positive as benign', cervical({ viaVili: 'positive' }), 'benign', null, [TOO_LOW, ...NO_REF]],
    ['cervical VIA suspicious cancer, suspected', cervical({ viaVili: 'suspicious_cancer' }), 'suspected_malignancy', ref(7), []],
    ['cervical ASC-US, HPV negative, benign', cervical({ cytology: 'ASC-US' }), 'benign', null, []],
    ['cervical ASC-US as normal', cervical({ cytology: 'ASC-US' }), 'normal', null, [TOO_LOW]],
    ['cervical ASC-US + other high-risk HPV as benign', cervical({ cytology: 'ASC-US', hpv: ['other_high_risk'] }), 'benign', ref(30), [TOO_LOW]],
    ['cervical LSIL as benign', cervical({ cytology: 'LSIL' }), 'benign', null, []],
    ['cervical mass on exam as benign', cervical({ gynExam: 'mass' }), 'benign', null, [TOO_LOW, ...NO_REF]],
    ['cervical erosion-like: normal allowed', cervical({ gynExam: 'erosion_like' }), 'normal', null, []],
    ['male varicocele II as benign', male({ left: mSide({ varicocele: 'II' }) }), 'benign', null, [TOO_LOW, ...NO_REF]],
    ['male varicocele I as benign', male({ left: mSide({ varicocele: 'I' }) }), 'benign', null, []],
    ['male varicocele I as normal', male({ left: mSide({ varicocele: 'I' }) }), 'normal', null, [TOO_LOW]],
    ['male undescended testis referred', male({ right: mSide({ testisPosition: 'undescended' }) }), 'abnormal_refer', ref(60), []],
    ['male absent testis as normal', male({ right: mSide({ testisSize: 'absent', testisPosition: undefined }) }), 'normal', null, [TOO_LOW, ...NO_REF]],
    ['male epididymis nodule as benign', male({ left: mSide({ epididymis: 'nodule' }) }), 'benign', ref(30), [TOO_LOW]],
    ['male prostate nodule as normal', male({ prostate: 'nodule' }), 'normal', null, [TOO_LOW, ...NO_REF]],
    ['male hydrocele as normal', male({ right: mSide({ hydrocele: true }) }), 'normal', null, [TOO_LOW]],
    ['male phimosis as benign', male({ penisUrethra: 'phimosis' }), 'benign', null, []],
    ['male concentration 15 M/ml as normal', male({ semen: semen({ concentrationMillionPerMl: 15 }) }), 'normal', null, [TOO_LOW]],
    ['male progressive 29 % as normal', male({ semen: semen({ progressivePct: 29 }) }), 'normal', null, [TOO_LOW]],
    ['male semen at the limits: normal allowed', male({ semen: semen({ volumeMl: 1.4, concentrationMillionPerMl: 16, progressivePct: 30, normalFormsPct: 4 }) }), 'normal', null, []],
    ['gyn abnormal uterus as normal', gyn({ uterus: 'abnormal', uterusNote: '肌瘤' }), 'normal', null, [TOO_LOW]],
    ['gyn trichomonas as benign', gyn({ leucorrhea: 'trichomonas' }), 'benign', null, []],
    ['gyn BV as normal', gyn({ leucorrhea: 'bacterial_vaginosis' }), 'normal', null, [TOO_LOW]],
    ['gyn candida, benign with a referral', gyn({ leucorrhea: 'candida' }), 'benign', ref(10), []],
    ['gyn normal, suspected malignancy with no referral', gyn(), 'suspected_malignancy', null, NO_REF]
  ]
  it.each(rows)('%s', (_, input, conclusion, referral, expected) => {
    const findings = findingsInput.parse(input)
    const issues = checkConclusion(findings.kind, findings, conclusion, referral, EXAM)
    expect(issues.map((i) => `${i.path}:${i.rule}`)).toEqual(expected)
  })

  it('conclusion_too_low names the minimum and the findings that set it', () => {
    const f = findingsInput.parse(breast({ left: bSide({ birads: '5', cbe: 'lump', lumpSizeMm: 30, lumpClock: 1 }), right: bSide({ birads: '4A' }) }))
    expect(minimumConclusion('breast', f)).toMatchObject({ minimum: 'suspected_malignancy', because: ['findings.left.birads'] })
    const [low] = checkConclusion('breast', f, 'benign', ref(7), EXAM)
    expect(low).toMatchObject({ rule: 'conclusion_too_low', params: { minimum: 'suspected_malignancy', because: ['findings.left.birads'] } })
    const c = findingsInput.parse(cervical({ cytology: 'ASC-US', hpv: ['16', '18'] }))
    expect(minimumConclusion('cervical', c)).toMatchObject({ minimum: 'abnormal_refer', because: ['findings.hpv', 'findings.cytology'] })
    expect(minimumConclusion('gynecological', findingsInput.parse(gyn()))).toEqual({ minimum: 'normal', because: [], hits: [] })
  })

  it('referral_too_late carries the latest date; findings of another kind are refused', () => {
    const f = findingsInput.parse(cervical({ cytology: 'SCC' }))
    expect(checkConclusion('cervical', f, 'suspected_malignancy', ref(30), EXAM)[0].params).toEqual({ maxDays: 14, latest: '2026-05-24', conclusion: 'suspected_malignancy' })
    expect(checkConclusion('breast', f, 'suspected_malignancy', ref(7), EXAM).map((i) => i.rule)).toEqual(['kind_mismatch'])
    expect(() => minimumConclusion('breast', f)).toThrow()
  })
})
