/**
 * Quantities as the stock screens show them (src/ui/pages/inventory/quantity.ts): base units
 * with the pack split in both languages, signs, packs that say nothing more (a box of one),
 * and a typed quantity in packs converted to base units.
 */
import { describe, expect, it } from 'vitest'
import type { PackDisplay } from '../../../src/api/inventory'
import { translate, type Lang } from '../../../src/ui/app/i18n'
import { formatQty, toBase } from '../../../src/ui/pages/inventory/quantity'

const condom: PackDisplay = { unit: 'piece', packUnit: 'box', packSize: 10 }
const iud: PackDisplay = { unit: 'device', packUnit: 'box', packSize: 1 }
const pill: PackDisplay = { unit: 'box', packUnit: 'box', packSize: 1 }

const fmt = (lang: Lang, n: number, p: PackDisplay) =>
  formatQty((k, params) => translate(lang, k, params), (x) => new Intl.NumberFormat(lang).format(x), n, p)

describe('formatQty', () => {
  it('splits base units into packs and the rest', () => {
    expect(fmt('zh-CN', 1245, condom)).toBe('1,245 只（124 盒 + 5 只）')
    expect(fmt('zh-CN', 1240, condom)).toBe('1,240 只（124 盒）')
    expect(fmt('en', 1245, condom)).toBe('1,245 pieces (124 boxes + 5 pieces)')
    expect(fmt('en', 11, condom)).toBe('11 pieces (1 box + 1 piece)')
  })
  it('shows less than a pack, and a box of one, without a split', () => {
    expect(fmt('zh-CN', 7, condom)).toBe('7 只')
    expect(fmt('zh-CN', 12, iud)).toBe('12 枚')
    expect(fmt('en', 1, iud)).toBe('1 device')
    expect(fmt('zh-CN', 6, pill)).toBe('6 盒')
  })
  it('keeps the sign of a move that takes stock out', () => {
    expect(fmt('zh-CN', -20, condom)).toBe('−20 只（2 盒）')
    expect(fmt('zh-CN', 0, condom)).toBe('0 只')
  })
})

describe('toBase', () => {
  it('converts packs to base units and refuses what is not a whole number of at least 1', () => {
    expect(toBase(5, 'pack', condom)).toBe(50)
    expect(toBase(5, 'unit', condom)).toBe(5)
    expect(toBase(0, 'pack', condom)).toBeNull()
    expect(toBase(1.5, 'unit', condom)).toBeNull()
    expect(toBase(null, 'unit', condom)).toBeNull()
  })
})
