/**
 * The findings' words, precise and lay: `<group>.<value>` is the precise term (BI-RADS 4A,
 * HSIL, varicocele grade II …), `<group>.<value>.lay` what it means for the person reading the
 * slip. Item names are `item.<name>`. Both the slip and the report's findings table use them.
 */
import { en } from './findingWordsEn'
import { zh } from './findingWordsZh'
import type { Lang } from './words'

/** the finding word for a key with `{param}` filled in, or null when there is none */
export function findingWord(lang: Lang, key: string, params?: Record<string, string | number>): string | null {
  let s = (lang === 'en' ? en : zh)[key]
  if (s === undefined) return null
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v))
  return s
}
