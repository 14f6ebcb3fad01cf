import { pinyin } from 'pinyin-pro'

/**
 * Search keys of a name: full pinyin (lower case, no tones, no spaces, ü written v as on a
 * keyboard) and initials. 张三丰 -> zhangsanfeng, zsf; 吕 -> lv; 单 as a surname -> shan.
 * Characters that are not letters (·, digits) are left out of both. `surname: 'off'` reads a
 * given name alone (单 as dan, not shan).
 *
 * Most names are made only of characters with one reading whatever their context (张, 秀, 英):
 * their keys are those readings, looked up per character (a roster of 100,000 names took 1.5 s
 * through pinyin-pro, ~0.1 s so). A name with any character of several readings (长, 单, 乐 …)
 * or any other sign goes through pinyin-pro whole, which reads it in context and as a surname.
 */
export interface NameKeys {
  pinyin: string
  initials: string
}

const syllable = (s: string): string => s.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '')

/** the name read in context by pinyin-pro */
export function fullNameKeys(name: string, surname: 'head' | 'off' = 'head'): NameKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true, surname }).map(syllable).filter(Boolean)
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
}

const HAN = /^\p{Script=Han}$/u
/** character -> its one toneless reading, or null (several readings, or not a Chinese character) */
const SINGLE = new Map<string, string | null>()

export function singleReading(ch: string): string | null {
  let r = SINGLE.get(ch)
  if (r === undefined) {
    r = null
    if (HAN.test(ch)) {
      const readings = new Set(pinyin(ch, { multiple: true, type: 'array', toneType: 'none', v: true }).map(syllable).filter(Boolean))
      if (readings.size === 1) r = [...readings][0]
    }
    if (SINGLE.size < 100_000) SINGLE.set(ch, r)
  }
  return r
}

export function nameKeys(name: string, surname: 'head' | 'off' = 'head'): NameKeys {
  let py = ''
  let initials = ''
  for (const ch of name) {
    const r = singleReading(ch)
    if (r === null) return fullNameKeys(name, surname)
    py += r
    initials += r[0]
  }
  return { pinyin: py, initials }
}

/** what a clerk types for a pinyin search, as stored: lower case, no spaces or apostrophes, ü as v */
export function latinKey(q: string): string {
  return q.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '')
}
