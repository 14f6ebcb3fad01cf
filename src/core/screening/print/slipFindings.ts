/**
 * A record's findings as the slip prints them: one row per test with the precise result
 * (BI-RADS per side, TBS class, HPV groups, varicocele grade …) and what it means for a lay
 * reader. Left and right that agree print once ("both sides"). The report's findings table
 * names the dashboard's finding keys (birads.4A, cytology.HSIL …) with findingKeyLabel.
 */
import {
  BIRADS,
  CBE_FINDINGS,
  CYTOLOGY_RESULTS,
  HPV_TYPES,
  LEUCORRHEA_FINDINGS,
  ORGAN_FINDINGS,
  PENIS_URETHRA_FINDINGS,
  PROSTATE_FINDINGS,
  SEMEN_LOWER_LIMITS,
  VARICOCELE_GRADES,
  VIA_VILI_RESULTS,
  type Findings
} from '../../../api/screeningFindings'
import { findingWord } from './findingWords'
import type { Lang } from './words'

export interface SlipRow {
  item: string
  result: string
  /** the lay meaning; '' when the result needs none (normal) */
  meaning: string
  /** true when the result is not normal: printed in bold */
  notable: boolean
}

type Side = 'left' | 'right'
const SIDES: Side[] = ['left', 'right']

export function slipRows(f: Findings, lang: Lang): SlipRow[] {
  const w = (key: string, params?: Record<string, string | number>) => findingWord(lang, key, params) ?? key
  const lay = (key: string) => findingWord(lang, `${key}.lay`) ?? ''
  const sep = w('sep')
  const comma = w('comma')
  /** one text per side, printed once when both sides say the same */
  const colon = lang === 'en' ? ': ' : '：'
  const sides = (per: Record<Side, string>): string => (per.left === per.right ? `${w('both')}${colon}${per.left}` : SIDES.map((s) => `${w(s)}${colon}${per[s]}`).join(sep))
  /** the meanings of the two sides: once when they agree or one side has none, else per side */
  const uniq = (xs: string[]) => {
    const [l, r] = xs
    if (!l || !r || l === r) return l || r || ''
    return `${w('left')}${colon}${l}${sep}${w('right')}${colon}${r}`
  }
  const row = (item: string, result: string, meaning: string, notable: boolean): SlipRow => ({ item: w(`item.${item}`), result, meaning, notable })

  switch (f.kind) {
    case 'breast': {
      const cbe = (s: Side) => {
        const x = f[s]
        const parts = [w(`cbe.${x.cbe}`)]
        if (x.cbe === 'lump') {
          if (x.lumpSizeMm != null) parts[0] = w('lump', { size: x.lumpSizeMm })
          if (x.lumpClock != null) parts.push(w('clock', { n: x.lumpClock }))
          if (x.lumpQuadrant) parts.push(w(`quadrant.${x.lumpQuadrant}`))
        }
        if (x.note?.trim()) parts.push(x.note.trim())
        return parts.join(comma)
      }
      const rows = [row('cbe', sides({ left: cbe('left'), right: cbe('right') }), uniq(SIDES.map((s) => lay(`cbe.${f[s].cbe}`))), SIDES.some((s) => f[s].cbe !== 'normal'))]
      const birads = (k: 'birads' | 'mammographyBirads') => ({
        result: sides({ left: w('birads', { v: f.left[k] ?? '' }), right: w('birads', { v: f.right[k] ?? '' }) }),
        meaning: uniq(SIDES.map((s) => lay(`birads.${f[s][k]}`))),
        notable: SIDES.some((s) => f[s][k] !== '1' && f[s][k] !== '2')
      })
      if (f.ultrasoundDone) {
        const b = birads('birads')
        rows.push(row('ultrasound', b.result, b.meaning, b.notable))
      } else rows.push(row('ultrasound', w('notDone'), '', false))
      if (f.mammography === 'done') {
        const b = birads('mammographyBirads')
        rows.push(row('mammography', b.result, b.meaning, b.notable))
      } else if (f.mammography === 'referred') rows.push(row('mammography', w('mammography.referred'), '', true))
      return rows
    }
    case 'cervical': {
      const hpv = f.hpv
      const hpvRow = Array.isArray(hpv)
        ? row('hpv', w('hpv.positive', { types: hpv.map((t) => w(`hpv.${t}`)).join(lang === 'en' ? ', ' : '、') }), hpv.includes('16') || hpv.includes('18') ? lay('hpv.16_18') : lay('hpv.other_high_risk'), true)
        : row('hpv', w(`hpv.${hpv}`), lay(`hpv.${hpv}`), false)
      const gyn = [w(`gynExam.${f.gynExam}`), f.gynExamNote?.trim() ?? ''].filter(Boolean).join(comma)
      return [
        row('gynExam', gyn, lay(`gynExam.${f.gynExam}`), f.gynExam !== 'normal' && f.gynExam !== 'erosion_like'),
        row('viaVili', w(`viaVili.${f.viaVili}`), lay(`viaVili.${f.viaVili}`), f.viaVili === 'positive' || f.viaVili === 'suspicious_cancer'),
        row('cytology', w(`cytology.${f.cytology}`), lay(`cytology.${f.cytology}`), f.cytology !== 'NILM' && f.cytology !== 'not_done'),
        hpvRow
      ]
    }
    case 'male_reproductive': {
      const pu = [w(`penisUrethra.${f.penisUrethra}`), f.penisUrethraNote?.trim() ?? ''].filter(Boolean).join(comma)
      const testis = (s: Side) => [w(`testisSize.${f[s].testisSize}`), f[s].testisPosition ? w(`testisPosition.${f[s].testisPosition}`) : ''].filter(Boolean).join(comma)
      const testisOff = SIDES.some((s) => f[s].testisSize === 'absent' || f[s].testisPosition === 'undescended')
      const testisSmall = SIDES.some((s) => f[s].testisSize === 'small')
      const rows = [
        row('penisUrethra', pu, lay(`penisUrethra.${f.penisUrethra}`), f.penisUrethra !== 'normal'),
        row('testis', sides({ left: testis('left'), right: testis('right') }), testisOff ? lay('testis') : testisSmall ? lay('testisSmall') : '', testisOff || testisSmall),
        row('epididymis', sides({ left: w(`epididymis.${f.left.epididymis}`), right: w(`epididymis.${f.right.epididymis}`) }), uniq(SIDES.map((s) => lay(`epididymis.${f[s].epididymis}`))), SIDES.some((s) => f[s].epididymis !== 'normal')),
        row('vas', sides({ left: w(`vas.${f.left.vas}`), right: w(`vas.${f.right.vas}`) }), uniq(SIDES.map((s) => lay(`vas.${f[s].vas}`))), SIDES.some((s) => f[s].vas !== 'present')),
        row('varicocele', sides({ left: w(`varicocele.${f.left.varicocele}`), right: w(`varicocele.${f.right.varicocele}`) }), uniq(SIDES.map((s) => lay(`varicocele.${f[s].varicocele}`))), SIDES.some((s) => f[s].varicocele !== '0')),
        row('hydrocele', sides({ left: w(f.left.hydrocele ? 'yes' : 'no'), right: w(f.right.hydrocele ? 'yes' : 'no') }), SIDES.some((s) => f[s].hydrocele) ? lay('hydrocele') : '', SIDES.some((s) => f[s].hydrocele)),
        row('prostate', w(`prostate.${f.prostate}`), lay(`prostate.${f.prostate}`), f.prostate !== 'normal' && f.prostate !== 'not_examined')
      ]
      if (f.semen === 'not_done') rows.push(row('semen', w('notDone'), '', false))
      else {
        const semen = f.semen
        const keys = Object.keys(SEMEN_LOWER_LIMITS) as (keyof typeof SEMEN_LOWER_LIMITS)[]
        const low = keys.filter((k) => semen[k] < SEMEN_LOWER_LIMITS[k])
        const result = w('semen.result', semen) + (low.length ? `${sep}${w('semen.low', { items: low.map((k) => w(`semen.${k}`)).join(lang === 'en' ? ', ' : '、') })}` : '')
        rows.push(row('semen', result, low.length ? lay('semen') : '', low.length > 0))
      }
      return rows
    }
    case 'gynecological': {
      const organs = ['vulva', 'vagina', 'cervix', 'uterus', 'adnexa'] as const
      const rows = organs.map((o) => {
        const abnormal = f[o] === 'abnormal'
        const note = f[`${o}Note`]?.trim()
        return row(o, [w(`organ.${f[o]}`), abnormal && note ? note : ''].filter(Boolean).join(comma), abnormal ? lay('organ') : '', abnormal)
      })
      const lc = f.leucorrhea
      const lcText = [w(`leucorrhea.${lc}`), lc === 'other' ? (f.leucorrheaNote?.trim() ?? '') : ''].filter(Boolean).join(comma)
      rows.push(row('leucorrhea', lcText, lc === 'normal' ? '' : lc === 'trichomonas' ? lay('leucorrhea.trichomonas') : lay('leucorrhea'), lc !== 'normal'))
      return rows
    }
  }
}

/** a dashboard finding key (birads.4A, cbe.left.lump, hpv.16 …) as [group, value] words */
export function findingKeyLabel(key: string, lang: Lang): [string, string] {
  const dot = key.lastIndexOf('.')
  const group = key.slice(0, dot)
  const value = key.slice(dot + 1)
  const w = (k: string, params?: Record<string, string | number>) => findingWord(lang, k, params)
  const groupWord = w(`key.${group}`) ?? group
  const base = group.startsWith('cbe.') ? 'cbe' : group === 'cervix' || group === 'adnexa' ? 'organ' : group
  const valueWord = base === 'birads' ? w('birads', { v: value }) : w(`${base}.${value}`)
  return [groupWord, valueWord ?? value]
}

/** the order findings print in: groups as findingKeys.ts writes them, values in their scale's order */
const GROUP_ORDER = ['birads', 'cbe.left', 'cbe.right', 'cytology', 'viaVili', 'hpv', 'varicocele', 'prostate', 'penisUrethra', 'leucorrhea', 'cervix', 'adnexa']
const VALUE_ORDER: Record<string, readonly string[]> = {
  birads: BIRADS,
  cbe: CBE_FINDINGS,
  cytology: CYTOLOGY_RESULTS,
  viaVili: VIA_VILI_RESULTS,
  hpv: ['negative', ...HPV_TYPES, 'not_done'],
  varicocele: VARICOCELE_GRADES,
  prostate: PROSTATE_FINDINGS,
  penisUrethra: PENIS_URETHRA_FINDINGS,
  leucorrhea: LEUCORRHEA_FINDINGS,
  organ: ORGAN_FINDINGS
}

/** the dashboard's findings in print order (a copy; unknown keys last, as they came) */
export function sortFindings<T extends { key: string }>(findings: T[]): T[] {
  const rank = (key: string): [number, number] => {
    const dot = key.lastIndexOf('.')
    const group = key.slice(0, dot)
    const base = group.startsWith('cbe.') ? 'cbe' : group === 'cervix' || group === 'adnexa' ? 'organ' : group
    const g = GROUP_ORDER.indexOf(group)
    const v = VALUE_ORDER[base]?.indexOf(key.slice(dot + 1)) ?? -1
    return [g < 0 ? 999 : g, v < 0 ? 999 : v]
  }
  return findings
    .map((f, i) => ({ f, i, r: rank(f.key) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((x) => x.f)
}
