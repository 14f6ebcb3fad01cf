/**
 * Name keys: the per-character path gives exactly what pinyin-pro gives for the whole name, for
 * every character of the basic CJK block (sampled: every 3rd) alone, as a given name after
 * surnames (one of them polyphonic), and before another character, as a surname read 'head'
 * and as a given name read 'off'.
 */
import { describe, expect, it } from 'vitest'
import { fullNameKeys, nameKeys } from '../../src/core/persons/pinyin'

describe('nameKeys', () => {
  it('examples: surnames read as surnames, ü as v, signs left out', () => {
    expect(nameKeys('张三丰')).toEqual({ pinyin: 'zhangsanfeng', initials: 'zsf' })
    expect(nameKeys('吕秀英')).toEqual({ pinyin: 'lvxiuying', initials: 'lxy' })
    expect(nameKeys('单丽')).toEqual({ pinyin: 'shanli', initials: 'sl' })
    expect(nameKeys('单丽', 'off')).toEqual({ pinyin: 'danli', initials: 'dl' })
    expect(nameKeys('曾长青').pinyin).toBe('zengchangqing')
    expect(nameKeys('阿依古丽·买买提')).toEqual(fullNameKeys('阿依古丽·买买提'))
  })

  it('the per-character path agrees with pinyin-pro on the whole name', () => {
    const bad: string[] = []
    for (let c = 0x4e00; c <= 0x9fa5; c += 3) {
      const ch = String.fromCharCode(c)
      const next = String.fromCharCode(0x4e00 + ((c * 7) % 20902))
      for (const name of [ch, '王' + ch, '单' + ch, ch + next, '李' + ch + '英'])
        for (const mode of ['head', 'off'] as const) {
          const a = nameKeys(name, mode)
          const b = fullNameKeys(name, mode)
          if (a.pinyin !== b.pinyin || a.initials !== b.initials) bad.push(`${name} ${mode}: ${a.pinyin} ≠ ${b.pinyin}`)
        }
    }
    expect(bad).toEqual([])
  })
})
