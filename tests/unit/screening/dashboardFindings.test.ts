/**
 * The campaign dashboard's finding keys in the user's words (both catalogues, as shipped), and the
 * choice and order of the findings the chart shows.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findingKeys } from '../../../src/core/screening/findingKeys'
import { findingLabel, isFinding, mainFindings, splitKey } from '../../../src/ui/pages/screening/dashboardFindings'

function words(lang: 'zh-CN' | 'en') {
  const flat: Record<string, string> = {}
  const walk = (prefix: string, o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) typeof v === 'string' ? (flat[`${prefix}.${k}`] = v) : walk(`${prefix}.${k}`, v as Record<string, unknown>)
  }
  walk('screeningCharts', JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../src/ui/locales/${lang}/screeningCharts.json`), 'utf8')))
  return {
    has: (k: string) => k in flat,
    t: (k: string, p: Record<string, string | number> = {}) => (flat[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => String(p[n] ?? `{${n}}`))
  }
}
const zh = words('zh-CN')
const en = words('en')

describe('finding labels', () => {
  it('words the keys of each kind in zh-CN and English', () => {
    const cases: [string, string, string][] = [
      ['birads.4A', 'BI-RADS 4A', 'BI-RADS 4A'],
      ['birads.0', 'BI-RADS 0', 'BI-RADS 0'],
      ['cbe.left.lump', '左乳肿块', 'Left breast: lump'],
      ['cbe.right.nipple_discharge', '右乳乳头溢液', 'Right breast: nipple discharge'],
      ['cytology.HSIL', '细胞学 HSIL', 'Cytology HSIL'],
      ['cytology.ASC-US', '细胞学 ASC-US', 'Cytology ASC-US'],
      ['cytology.adenocarcinoma', '细胞学 腺癌', 'Cytology adenocarcinoma'],
      ['hpv.16', 'HPV 16', 'HPV 16'],
      ['hpv.other_high_risk', 'HPV 其他高危型', 'HPV other high-risk'],
      ['viaVili.suspicious_cancer', 'VIA/VILI 可疑癌', 'VIA/VILI suspicious for cancer'],
      ['varicocele.II', '精索静脉曲张 II 度', 'Varicocele grade II'],
      ['prostate.nodule', '前列腺结节', 'Prostate: nodule'],
      ['penisUrethra.phimosis', '包茎', 'Penis/urethra: phimosis'],
      ['leucorrhea.trichomonas', '滴虫性阴道炎', 'Leucorrhoea: trichomonas'],
      ['cervix.abnormal', '宫颈异常', 'Cervix: abnormal'],
      ['adnexa.abnormal', '附件异常', 'Adnexa: abnormal']
    ]
    for (const [key, z, e] of cases) {
      expect(findingLabel(key, zh), key).toBe(z)
      expect(findingLabel(key, en), key).toBe(e)
    }
  })

  it('shows a key of an item it does not know as it is', () => {
    expect(findingLabel('semen.low', zh)).toBe('semen.low')
    expect(findingLabel('nodot', en)).toBe('nodot')
    expect(splitKey('cbe.left.lump')).toEqual(['cbe.left', 'lump'])
    expect(splitKey('cytology.ASC-H')).toEqual(['cytology', 'ASC-H'])
  })

  it('words every positive key the core writes for each kind', () => {
    const keys = [
      ...findingKeys({ kind: 'breast', left: { cbe: 'skin_change', birads: '4C' }, right: { cbe: 'nipple_retraction', birads: '5' }, ultrasoundDone: true, mammography: 'not_referred' }),
      ...findingKeys({ kind: 'cervical', gynExam: 'normal', viaVili: 'positive', cytology: 'AIS', hpv: ['16', '18', 'other_high_risk'] }),
      ...findingKeys({ kind: 'male_reproductive', penisUrethra: 'lesion', left: { testisSize: 'normal', testisPosition: 'scrotal', epididymis: 'normal', vas: 'present', varicocele: 'III', hydrocele: false }, right: { testisSize: 'normal', testisPosition: 'scrotal', epididymis: 'normal', vas: 'present', varicocele: 'I', hydrocele: false }, prostate: 'enlarged', semen: 'not_done' }),
      ...findingKeys({ kind: 'gynecological', vulva: 'normal', vagina: 'normal', cervix: 'abnormal', cervixNote: '糜烂样', uterus: 'normal', adnexa: 'normal', leucorrhea: 'bacterial_vaginosis' })
    ].filter(isFinding)
    expect(keys).toHaveLength(13) // all but adnexa.normal
    for (const k of keys) {
      // every part worded: no raw item name, no snake_case value left in the label
      for (const w of [zh, en]) expect(findingLabel(k, w), k).not.toMatch(/cbe|cytology\.|hpv\.|viaVili|varicocele\.|prostate\.|penisUrethra|leucorrhea\.|cervix\.|adnexa\.|_/)
    }
  })
})

describe('main findings', () => {
  it('leaves out what says nothing was found, and orders by the form', () => {
    const rows = [
      { key: 'cbe.right.lump', count: 2 },
      { key: 'birads.1', count: 30 },
      { key: 'birads.4A', count: 3 },
      { key: 'cbe.left.normal', count: 40 },
      { key: 'birads.2', count: 8 },
      { key: 'birads.0', count: 1 },
      { key: 'cbe.left.lump', count: 1 },
      { key: 'unknown.x', count: 1 },
      { key: 'birads.4B', count: 0 }
    ]
    expect(mainFindings('breast', rows).map((r) => r.key)).toEqual(['birads.0', 'birads.2', 'birads.4A', 'cbe.left.lump', 'cbe.right.lump', 'unknown.x'])
    const cervical = ['cytology.NILM', 'cytology.not_done', 'cytology.HSIL', 'cytology.ASC-US', 'hpv.negative', 'hpv.not_done', 'hpv.18', 'hpv.16', 'viaVili.negative', 'viaVili.positive']
    expect(mainFindings('cervical', cervical.map((key) => ({ key, count: 1 }))).map((r) => r.key)).toEqual(['cytology.ASC-US', 'cytology.HSIL', 'hpv.16', 'hpv.18', 'viaVili.positive'])
    expect(['varicocele.0', 'prostate.not_examined', 'penisUrethra.normal'].some(isFinding)).toBe(false)
    expect(['varicocele.I', 'birads.0', 'leucorrhea.candida'].every(isFinding)).toBe(true)
  })
})
