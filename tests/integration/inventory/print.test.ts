/**
 * The stock documents through the method table on a real SQLite file: the monthly report as PDF
 * (A4 landscape, the products and their numbers as monthlyReport has them) and as xlsx (read
 * back: every number equals monthlyReport's, and each row adds up), the count sheet (with and
 * without the expected quantities), the saved paper settings, roles and the audit rows.
 */
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MOVE_KINDS } from '../../../src/api/inventory'
import { mm } from '../../../src/core/print/pdf'
import { REPORT_HEADER_ROW } from '../../../src/core/inventory/print/reportXlsx'
import { mediaBoxes, pageTexts } from '../../unit/print/pdfBytes'
import { CONDOM, inventoryStation, PILL, receiveLot, type Station } from './setup'

let st: Station
let condomLot: string
beforeEach(async () => {
  st = await inventoryStation() // the station's today: 2026-11-20
  const { t, s, village, wang } = st
  condomLot = await receiveLot(st, CONDOM, 'C2026A', '2028-03-31', 1240, '2026-09-05')
  await receiveLot(st, PILL, 'P2026B', '2027-06-30', 60, '2026-10-02')
  await t.call('inventory.issue', { servicePointId: village, date: '2026-10-12', lines: [{ productId: CONDOM, quantity: 300 }] }, s.clerk)
  await t.call('inventory.dispense', { personId: wang, date: '2026-10-15', productId: PILL, quantity: 3 }, s.clerk)
  await t.call('inventory.return', { servicePointId: village, lotId: condomLot, date: '2026-10-20', quantity: 20, reason: 'unused' }, s.clerk)
  await t.call('inventory.waste', { lotId: condomLot, date: '2026-10-21', quantity: 4, reason: 'damaged' }, s.head)
})
afterEach(() => st.t.close())

const bytes = (f: { base64: string }) => Buffer.from(f.base64, 'base64')
const text = (f: { base64: string }) => pageTexts(bytes(f)).join('\f').replace(/[ \t]+/g, ' ')
const n = (v: number) => v.toLocaleString('en-US')

describe('monthly report file', () => {
  it('prints the report as an A4 landscape PDF with monthlyReport’s numbers, each row adding up', async () => {
    const { t, s } = st
    const report = await t.call('inventory.monthlyReport', { period: '2026-10' }, s.clerk)
    const condom = report.rows.find((r) => r.productId === CONDOM)!
    expect([condom.opening, condom.closing]).toEqual([1240, 1240 - 300 + 20 - 4])
    const f = await t.call('inventory.reportFile', { period: '2026-10', format: 'pdf', lang: 'zh-CN' }, s.clerk)
    expect(f).toMatchObject({ filename: 'stock-report-410102001-2026-10.pdf', mime: 'application/pdf' })
    const [w, h] = mediaBoxes(bytes(f))[0]
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(mm(297)), Math.round(mm(210))])
    const txt = text(f)
    expect(txt).toContain('避孕药具月报表')
    expect(txt).toContain('2026-10-01 至 2026-10-31')
    expect(txt).toContain('男用避孕套（天然胶乳，52')
    expect(txt).toContain('复方左炔诺孕酮片')
    // the condom row: opening, issued, returned, wasted, closing, and the closing in packs
    expect(txt).toMatch(new RegExp(`${n(1240)}\\s+−300\\s+\\+20\\s+−4\\s+${n(956)}`))
    expect(txt).toContain('95 盒 + 6 只')
    // the pill row: received 60, dispensed 3, closing 57
    expect(txt).toMatch(/复方左炔诺孕酮片\s+0\s+\+60\s+−3\s+57/)

    const en = text(await t.call('inventory.reportFile', { period: '2026-10', format: 'pdf', lang: 'en' }, s.head))
    expect(en).toContain('Monthly contraceptive stock report')
    expect(en).toContain('Male condom (latex, 52 mm)')
    expect(en).toContain('95 box + 6 pc')
  })

  it('exports the report as xlsx with numbers that equal monthlyReport and add up per row', async () => {
    const { t, s } = st
    for (const period of ['2026-09', '2026-10', '2026-11']) {
      const report = await t.call('inventory.monthlyReport', { period }, s.clerk)
      const f = await t.call('inventory.reportFile', { period, format: 'xlsx', lang: 'zh-CN' }, s.clerk)
      expect(f.filename).toBe(`stock-report-410102001-${period}.xlsx`)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes(f) as never)
      const ws = wb.worksheets[0]
      const rows = report.rows.map((_, i) => (ws.getRow(REPORT_HEADER_ROW + 1 + i).values as unknown[]).slice(1))
      expect(rows).toEqual(
        report.rows.map((r) => [r.code, r.name, expect.any(String), r.packSize, r.opening, ...MOVE_KINDS.map((k) => r.columns[k]), r.closing, r.consumed, r.amc, ...(r.monthsOfStock === null ? [] : [r.monthsOfStock])])
      )
      for (const row of rows) {
        expect(row.slice(3, 16).every((v) => typeof v === 'number')).toBe(true)
        const [opening, ...rest] = row.slice(4, 15) as number[]
        expect(opening + rest.reduce((a, b) => a + b, 0)).toBe(row[15])
      }
    }
  })

  it('is for head and clerk, follows the saved paper and offset, and is audited', async () => {
    const { t, s } = st
    for (const role of ['clinician', 'admin'] as const) expect((await t.fail('inventory.reportFile', { period: '2026-10', format: 'pdf', lang: 'zh-CN' }, s[role])).code).toBe('FORBIDDEN')
    expect((await t.fail('inventory.reportFile', { period: '2026-13', format: 'pdf', lang: 'zh-CN' }, s.head)).details?.fields?.[0]).toMatchObject({ path: 'period', rule: 'period' })
    await t.call('print.saveSettings', { doc: 'stockReport', paper: 'A5', offsetX: 0, offsetY: 0 }, s.head)
    const a5 = await t.call('inventory.reportFile', { period: '2026-10', format: 'pdf', lang: 'zh-CN' }, s.head)
    const [w, h] = mediaBoxes(bytes(a5))[0]
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(mm(210)), Math.round(mm(148))])
    const rows = (await t.call('audit.list', { action: 'inventory.reportFile' }, s.head)).rows
    expect(rows[0]).toMatchObject({ actor: 'head', entity: 'stockReport', entityId: '2026-10' })
    expect(rows[0].message).toEqual(['inventory.reportExported', { period: '2026-10', format: 'pdf' }])
  })
})

describe('count sheet', () => {
  it('lists every lot with the expected quantity, or without it for a blind count', async () => {
    const { t, s } = st
    const sheet = await t.call('inventory.stocktakeStart', { date: '2026-11-20' }, s.clerk)
    const f = await t.call('inventory.countSheet', { stocktakeId: sheet.id, lang: 'zh-CN' }, s.clerk)
    expect(f.filename).toBe('count-sheet-2026-11-20.pdf')
    const [w, h] = mediaBoxes(bytes(f))[0]
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(mm(210)), Math.round(mm(297))])
    const txt = text(f)
    expect(txt).toContain('避孕药具盘点表')
    expect(txt).toContain('盘点日期：2026-11-20')
    expect(txt).toMatch(/C2026A\s+2028-03-31\s+956/)
    expect(txt).toMatch(/P2026B\s+2027-06-30\s+57/)
    for (const sign of ['盘点人', '监盘人', '负责人']) expect(txt).toContain(sign)

    const blind = text(await t.call('inventory.countSheet', { stocktakeId: sheet.id, blind: true, lang: 'zh-CN' }, s.clerk))
    expect(blind).toContain('C2026A')
    expect(blind).toContain('盲盘')
    expect(blind).not.toContain('956')
    expect(blind).not.toMatch(/有效期至\s+账面数/)

    const en = text(await t.call('inventory.countSheet', { stocktakeId: sheet.id, lang: 'en' }, s.head))
    expect(en).toContain('Stocktake count sheet')
    expect(en).toContain('Counted by')
  })

  it('is for head and clerk, refuses an unknown stocktake, and is audited', async () => {
    const { t, s } = st
    const sheet = await t.call('inventory.stocktakeStart', { date: '2026-11-20' }, s.clerk)
    expect((await t.fail('inventory.countSheet', { stocktakeId: sheet.id, lang: 'zh-CN' }, s.clinician)).code).toBe('FORBIDDEN')
    expect((await t.fail('inventory.countSheet', { stocktakeId: 'nope', lang: 'zh-CN' }, s.clerk)).code).toBe('NOT_FOUND')
    await t.call('inventory.countSheet', { stocktakeId: sheet.id, blind: true, lang: 'zh-CN' }, s.clerk)
    const rows = (await t.call('audit.list', { action: 'inventory.countSheet' }, s.head)).rows
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor: 'clerk', entity: 'stocktake', entityId: sheet.id })
    expect(rows[0].message).toEqual(['inventory.countSheetPrintedBlind', { date: '2026-11-20', lots: 2 }])
  })
})
