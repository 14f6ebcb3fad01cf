/**
 * The campaign dashboard's finding keys (birads.4A, cytology.HSIL, hpv.16, varicocele.II,
 * cbe.left.lump …, written by the core with each record) in the user's words, and which of them
 * the findings chart shows: the kind's findings other than "nothing found" (normal, negative,
 * not done, BI-RADS 1, NILM, varicocele 0), in the order of the kind's form — item by item, each
 * item's values from mildest to most severe.
 */
import type { ScreeningKind } from '../../../api/screeningFindings'
import {
  BIRADS,
  CBE_FINDINGS,
  CYTOLOGY_RESULTS,
  HPV_TYPES,
  LEUCORRHEA_FINDINGS,
  ORGAN_FINDINGS,
  PENIS_URETHRA_FINDINGS,
  PROSTATE_FINDINGS,
  VARICOCELE_GRADES,
  VIA_VILI_RESULTS
} from '../../../api/screeningFindings'

type Words = { t(key: string, params?: Record<string, string | number>): string; has(key: string): boolean }

/** per kind: the items (key prefixes) in the form's order, each with its values in order */
const ITEMS: Record<ScreeningKind, [group: string, values: readonly string[]][]> = {
  breast: [
    ['birads', BIRADS],
    ['cbe.left', CBE_FINDINGS],
    ['cbe.right', CBE_FINDINGS]
  ],
  cervical: [
    ['cytology', CYTOLOGY_RESULTS],
    ['hpv', ['negative', 'not_done', ...HPV_TYPES]],
    ['viaVili', VIA_VILI_RESULTS]
  ],
  male_reproductive: [
    ['varicocele', VARICOCELE_GRADES],
    ['prostate', PROSTATE_FINDINGS],
    ['penisUrethra', PENIS_URETHRA_FINDINGS]
  ],
  gynecological: [
    ['leucorrhea', LEUCORRHEA_FINDINGS],
    ['cervix', ORGAN_FINDINGS],
    ['adnexa', ORGAN_FINDINGS]
  ]
}

/** values that say nothing was found (or nothing was done) */
const NOTHING = new Set(['normal', 'negative', 'not_done', 'not_examined', 'NILM', 'birads.1', 'varicocele.0'])

/** "cbe.left.lump" → ["cbe.left", "lump"] (values hold no dots; TBS classes hold dashes) */
export function splitKey(key: string): [group: string, value: string] {
  const i = key.lastIndexOf('.')
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)]
}

export function isFinding(key: string): boolean {
  const [, value] = splitKey(key)
  return !NOTHING.has(value) && !NOTHING.has(key)
}

/** the findings the chart shows, in the kind's order (keys the kind does not list come last, by key) */
export function mainFindings(kind: ScreeningKind, findings: { key: string; count: number }[]): { key: string; count: number }[] {
  const rank = new Map<string, number>()
  ITEMS[kind].forEach(([group, values], gi) => values.forEach((v, vi) => rank.set(`${group}.${v}`, gi * 100 + vi)))
  const order = (k: string) => rank.get(k) ?? Number.MAX_SAFE_INTEGER
  return findings.filter((f) => f.count > 0 && isFinding(f.key)).sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key))
}

/**
 * A key in the user's words: the item's pattern (screeningCharts.finding.<group>, e.g.
 * "BI-RADS {v}", "精索静脉曲张 {v} 度") around the value's word (screeningCharts.value.<item>.<value>,
 * else the value as written: 4A, HSIL, 16). A key of an unknown item is shown as it is.
 */
export function findingLabel(key: string, { t, has }: Words): string {
  const [group, value] = splitKey(key)
  const item = group.split('.')[0]
  const word = has(`screeningCharts.value.${item}.${value}`) ? t(`screeningCharts.value.${item}.${value}`) : value
  return group && has(`screeningCharts.finding.${group}`) ? t(`screeningCharts.finding.${group}`, { v: word }) : key
}
