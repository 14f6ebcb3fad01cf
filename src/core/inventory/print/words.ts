/**
 * Words of the stock documents (monthly report, count sheet) in the user's language, zh-CN
 * first, and how a quantity is written: base units with thousands separators, and the packs it
 * makes ("1,240 只（124 盒）", "12 盒 + 4 只").
 */
import type { BaseUnit, MoveKind, PackDisplay, PackUnit } from '../../../api/inventory'
import type { Lang } from '../../print/labels'

export type { Lang }

const UNIT_ZH: Record<BaseUnit, string> = { piece: '只', cycle: '板', tablet: '片', dose: '支', device: '枚', set: '套', sheet: '张', box: '盒' }
const UNIT_EN: Record<BaseUnit, string> = { piece: 'pc', cycle: 'cycle', tablet: 'tab', dose: 'dose', device: 'device', set: 'set', sheet: 'sheet', box: 'box' }
const PACK_ZH: Record<PackUnit, string> = { box: '盒', bag: '袋', carton: '箱', bottle: '瓶' }
const PACK_EN: Record<PackUnit, string> = { box: 'box', bag: 'bag', carton: 'carton', bottle: 'bottle' }

const KIND_ZH: Record<MoveKind, string> = {
  receipt: '入库',
  issue: '发放到村',
  dispense: '发放到人',
  return: '退回',
  adjustment: '调整',
  wastage: '报损',
  destruction: '销毁',
  stocktake_gain: '盘盈',
  stocktake_loss: '盘亏',
  reversal: '冲销'
}
const KIND_EN: Record<MoveKind, string> = {
  receipt: 'Received',
  issue: 'Issued to points',
  dispense: 'Dispensed',
  return: 'Returned',
  adjustment: 'Adjusted',
  wastage: 'Wasted',
  destruction: 'Destroyed',
  stocktake_gain: 'Count gain',
  stocktake_loss: 'Count loss',
  reversal: 'Reversals'
}

const zh: Record<string, string> = {
  printedOn: '打印日期',
  page: '第 {n} 页 / 共 {total} 页',
  'report.title': '避孕药具月报表',
  'report.period': '统计期间：{from} 至 {to}',
  'report.units': '数量按最小单位计；期初、期末下方为折合包装数',
  'report.col.product': '品种',
  'report.col.unit': '单位',
  'report.col.opening': '期初库存',
  'report.col.closing': '期末库存',
  'report.col.consumed': '本月消耗',
  'report.col.amc': '月均消耗',
  'report.col.months': '可供月数',
  'report.col.code': '代码',
  'report.col.packSize': '每包装数量',
  'report.moves': '本月变动（增加为正，减少为负）',
  'report.note':
    '每行：期初库存 + 本月各项变动 = 期末库存；本月期末即下月期初。本月消耗 = 发放到村 + 发放到人 − 退回（已扣除冲销）。月均消耗为本月及前两个月消耗的平均数；可供月数 = 期末库存 ÷ 月均消耗（无消耗时为“—”）。',
  'report.sign.maker': '制表人',
  'report.sign.head': '负责人',
  'report.sign.date': '日期',
  'report.sheet': '月报',
  'report.none': '本月没有任何药具品种。',
  'sheet.title': '避孕药具盘点表',
  'sheet.date': '盘点日期',
  'sheet.blind': '盲盘（不显示账面数）',
  'sheet.col.no': '序号',
  'sheet.col.product': '品种',
  'sheet.col.lot': '批号',
  'sheet.col.expiry': '有效期至',
  'sheet.col.expected': '账面数',
  'sheet.col.counted': '实盘数',
  'sheet.col.note': '差异原因 / 备注',
  'sheet.expired': '已过期',
  'sheet.howTo': '请按最小单位或“包装数 + 零头”填写实盘数；过期批号同样清点。',
  'sheet.lots': '共 {n} 个批号',
  'sheet.none': '盘点日期没有任何批号有库存。',
  'sheet.sign.counter': '盘点人',
  'sheet.sign.witness': '监盘人',
  'sheet.sign.head': '负责人',
  'sheet.sign.date': '日期',
  'status.open': '进行中',
  'status.confirmed': '已确认',
  'status.cancelled': '已作废',
  empty: '—'
}

const en: Record<string, string> = {
  printedOn: 'Printed on',
  page: 'Page {n} of {total}',
  'report.title': 'Monthly contraceptive stock report',
  'report.period': 'Period: {from} to {to}',
  'report.units': 'Quantities in base units; packs under opening and closing',
  'report.col.product': 'Product',
  'report.col.unit': 'Unit',
  'report.col.opening': 'Opening',
  'report.col.closing': 'Closing',
  'report.col.consumed': 'Consumed',
  'report.col.amc': 'AMC',
  'report.col.months': 'Months of stock',
  'report.col.code': 'Code',
  'report.col.packSize': 'Pack size',
  'report.moves': 'Moves this month (in +, out −)',
  'report.note':
    'Each row: opening + the moves of the month = closing; this closing is next month’s opening. Consumed = issued to points + dispensed − returned (net of reversals). AMC (average monthly consumption) averages this month and the two before; months of stock = closing ÷ AMC (— when nothing was consumed).',
  'report.sign.maker': 'Prepared by',
  'report.sign.head': 'Head of station',
  'report.sign.date': 'Date',
  'report.sheet': 'Monthly report',
  'report.none': 'No products this month.',
  'sheet.title': 'Stocktake count sheet',
  'sheet.date': 'Count date',
  'sheet.blind': 'Blind count (ledger quantities hidden)',
  'sheet.col.no': 'No.',
  'sheet.col.product': 'Product',
  'sheet.col.lot': 'Lot',
  'sheet.col.expiry': 'Expiry',
  'sheet.col.expected': 'Ledger',
  'sheet.col.counted': 'Counted',
  'sheet.col.note': 'Reason / note',
  'sheet.expired': 'expired',
  'sheet.howTo': 'Write the count in base units or as packs + loose units; count expired lots too.',
  'sheet.lots': '{n} lots',
  'sheet.none': 'No lot held stock on the count date.',
  'sheet.sign.counter': 'Counted by',
  'sheet.sign.witness': 'Witness',
  'sheet.sign.head': 'Head of station',
  'sheet.sign.date': 'Date',
  'status.open': 'open',
  'status.confirmed': 'confirmed',
  'status.cancelled': 'cancelled',
  empty: '—'
}

export function word(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const raw = (lang === 'en' ? en : zh)[key] ?? zh[key] ?? key
  return params ? raw.replace(/\{(\w+)\}/g, (_, p: string) => (params[p] !== undefined ? String(params[p]) : `{${p}}`)) : raw
}

export const kindWord = (lang: Lang, k: MoveKind): string => (lang === 'en' ? KIND_EN : KIND_ZH)[k]
export const unitWord = (lang: Lang, u: BaseUnit): string => (lang === 'en' ? UNIT_EN : UNIT_ZH)[u]
export const packWord = (lang: Lang, u: PackUnit): string => (lang === 'en' ? PACK_EN : PACK_ZH)[u]

/** thousands separators; a minus sign, not a hyphen */
export const count = (n: number): string => (n < 0 ? `−${Math.abs(n).toLocaleString('en-US')}` : n.toLocaleString('en-US'))
/** a signed change: +1,000 / −240 / 0 */
export const signed = (n: number): string => (n > 0 ? `+${count(n)}` : count(n))

/** "10 只/盒", "10 pc/box"; null when the pack holds one base unit */
export function packSizeText(lang: Lang, p: PackDisplay): string | null {
  if (p.packSize <= 1) return null
  return `${count(p.packSize)} ${unitWord(lang, p.unit)}/${packWord(lang, p.packUnit)}`
}

/** the packs a quantity makes: "124 盒", "12 盒 + 4 只"; null when packs would say nothing more */
export function packsText(lang: Lang, q: number, p: PackDisplay): string | null {
  if (p.packSize <= 1 || Math.abs(q) < p.packSize) return null
  const sign = q < 0 ? '−' : ''
  const a = Math.abs(q)
  const packs = Math.floor(a / p.packSize)
  const rest = a % p.packSize
  const main = `${sign}${count(packs)} ${packWord(lang, p.packUnit)}`
  return rest ? `${main} + ${count(rest)} ${unitWord(lang, p.unit)}` : main
}
