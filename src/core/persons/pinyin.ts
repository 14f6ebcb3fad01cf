import { pinyin } from 'pinyin-pro'

/**
 * Search keys of a name: full pinyin (lower case, no tones, no spaces, ü written v as on a
 * keyboard) and initials. 张三丰 -> zhangsanfeng, zsf; 吕 -> lv; 单 as a surname -> shan.
 * Characters that are not letters (·, digits) are left out of both. `surname: 'off'` reads a
 * given name alone (单 as dan, not shan).
 */
export interface NameKeys {
  pinyin: string
  initials: string
}

export function nameKeys(name: string, surname: 'head' | 'off' = 'head'): NameKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true, surname })
    .map((s) => s.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, ''))
    .filter(Boolean)
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
}

/** what a clerk types for a pinyin search, as stored: lower case, no spaces or apostrophes, ü as v */
export function latinKey(q: string): string {
  return q.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '')
}
