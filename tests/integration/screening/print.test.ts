/**
 * A screening campaign's printed documents through the method table, on a real SQLite file:
 * the result slip (A5, the person in full, findings precise and lay, the referral), the campaign
 * report (PDF and xlsx, the dashboard's numbers) and the invitation list (per village, PDF and
 * xlsx); roles, unknown ids, saved paper settings and the audit rows.
 */
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import { mm } from '../../../src/core/print/pdf'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { fieldsOf, makeId } from '../../helpers/persons'
import { mediaBoxes, pageCount, pageTexts } from '../../unit/print/pdfBytes'

let t: TestHost
let s: Record<Role, string>
let campaign: string
let v1: string
let v2: string
const people: Record<string, string> = {}

beforeEach(async () => {
  t = makeHost() // the station's today: 2026-11-20
  s = await setUpStation(t)
  v1 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  v2 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001202', name: '二村服务室' }, s.head)).id
  const add = async (name: string, birth: string, seq: number, sp: string, phone = '') =>
    (people[name] = (await t.call('persons.create', { idNumber: makeId('410102', birth, seq, 'female'), name, servicePointId: sp, phone }, s.clerk)).id)
  await add('王秀英', '19800101', 1, v1, '13812345678')
  await add('李桂兰', '19700505', 2, v1)
  await add('张丽', '19750303', 3, v1, '13900001111')
  await add('赵敏', '19850707', 4, v2)
  await add('刘芳', '19820202', 5, v2)
  campaign = (await t.call('screening.campaignSave', { name: '2026年乳腺癌筛查', kind: 'breast', startDate: '2026-11-01', endDate: '2026-12-31', servicePointIds: [v1, v2], targetCount: 40, partner: '县妇幼保健院' }, s.head)).id
  await t.call('screening.campaignStatus', { id: campaign, status: 'active' }, s.head)
})
afterEach(() => t.close())

const side = (o: object = {}) => ({ cbe: 'normal' as const, birads: '1' as const, ...o })
const breast = (o: object = {}) => ({ kind: 'breast' as const, left: side(), right: side(), ultrasoundDone: true, ...o })
const save = (name: string, o: Record<string, unknown> = {}) =>
  t.call('screening.recordSave', { campaignId: campaign, personId: people[name], examDate: '2026-11-18', findings: breast(), conclusion: 'normal' as const, ...o } as never, s.clinician)
const referred = () =>
  save('王秀英', {
    examiner: '陈医生',
    findings: breast({ right: side({ cbe: 'lump', lumpSizeMm: 12, lumpClock: 10, lumpQuadrant: 'upper_outer', birads: '4A' }) }),
    conclusion: 'abnormal_refer',
    referral: { destination: '县妇幼保健院乳腺科', dueDate: '2026-12-15', note: '空腹' }
  })
const bytes = (f: { base64: string }) => Buffer.from(f.base64, 'base64')
const text = (f: { base64: string }) => pageTexts(bytes(f)).join('\f').replace(/[ \t]+/g, ' ')
const auditRows = async (action: string) => (await t.call('audit.list', { action }, s.head)).rows
async function workbook(f: { base64: string }): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes(f) as never)
  return wb
}
/** a sheet's rows below the title, subtitle and header, as plain values */
const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
  const out: unknown[][] = []
  ws.eachRow((row, n) => {
    if (n > 3) out.push((row.values as unknown[]).slice(1))
  })
  return out
}

describe('screening.slip', () => {
  it('prints an A5 slip with the person in full, the findings precise and lay, the referral and a line to sign', async () => {
    const rec = await referred()
    const f = await t.call('screening.slip', { recordId: rec.id }, s.clinician)
    expect(f.mime).toBe('application/pdf')
    expect(f.filename).toBe('slip-王秀英-2026-11-18.pdf')
    const pdf = bytes(f)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pageCount(pdf)).toBe(1)
    const [w, h] = mediaBoxes(pdf)[0]
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(mm(148)), Math.round(mm(210))])
    const txt = text(f)
    for (const s of ['筛查结果告知单', '示例乡计划生育服务站', '2026年乳腺癌筛查', '乳腺癌筛查', '王秀英', makeId('410102', '19800101', 1, 'female'), '46 岁', '一村服务室', '2026-11-18', '陈医生'])
      expect(txt).toContain(s)
    // precise (BI-RADS per side, the lump) and lay
    expect(txt).toMatch(/左[:：]?\s*BI-RADS 1 类/)
    expect(txt).toMatch(/右[:：]?\s*BI-RADS 4A 类/)
    expect(txt).toContain('肿块 12 mm')
    expect(txt).toContain('低度可疑')
    // conclusion, referral, what to bring, signature, station phone
    for (const s of ['异常需转诊', '县妇幼保健院乳腺科', '2026-12-15', '身份证', '乳腺超声报告', '空腹', '受检者签名', '0371-12345678']) expect(txt).toContain(s)
    const row = (await auditRows('screening.slip'))[0]
    expect(row).toMatchObject({ entity: 'screeningRecord', entityId: rec.id, actor: 'clinician' })
    expect(row.message).toEqual(['screening.slipPrinted', { name: '王秀英', campaign: '2026年乳腺癌筛查' }])
  })

  it('words a normal slip without a referral, in English when asked', async () => {
    const rec = await save('李桂兰')
    const zh = text(await t.call('screening.slip', { recordId: rec.id }, s.head))
    expect(zh).toContain('未见异常')
    expect(zh).not.toContain('受检者签名')
    const en = text(await t.call('screening.slip', { recordId: rec.id, lang: 'en' }, s.head))
    for (const s of ['Screening result', 'Breast cancer screening', '李桂兰', 'BI-RADS 1', 'Normal', 'Nothing abnormal was found']) expect(en).toContain(s)
    expect(en).not.toContain('Signature')
  })

  it('follows the saved paper and offset; refuses a clerk and an unknown record', async () => {
    const rec = await save('李桂兰')
    await t.call('print.saveSettings', { doc: 'screeningSlip', paper: 'A4', offsetX: 5, offsetY: 0 }, s.head)
    const [w] = mediaBoxes(bytes(await t.call('screening.slip', { recordId: rec.id }, s.clinician)))[0]
    expect(Math.round(w)).toBe(Math.round(mm(210)))
    expect((await t.fail('screening.slip', { recordId: rec.id }, s.clerk)).code).toBe('FORBIDDEN')
    expect((await t.fail('screening.slip', { recordId: 'no-such-record' }, s.clinician)).code).toBe('NOT_FOUND')
    expect(await auditRows('screening.slip')).toHaveLength(1)
  })
})

describe('screening.report', () => {
  beforeEach(async () => {
    await referred()
    await save('李桂兰', { examDate: '2026-11-17' })
    await save('赵敏', { findings: breast({ left: side({ birads: '3' }) }), conclusion: 'benign' })
  })

  it('exports an xlsx whose numbers are the dashboard’s, with no person in it', async () => {
    const d = await t.call('screening.dashboard', { campaignId: campaign }, s.clinician)
    const f = await t.call('screening.report', { campaignId: campaign, format: 'xlsx' }, s.clinician)
    expect(f.filename).toBe('report-2026年乳腺癌筛查-2026-11-20.xlsx')
    const wb = await workbook(f)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '按村', '按日', '结论', '检查发现', '转诊随访'])
    const facts = Object.fromEntries(rowsOf(wb.getWorksheet('概况')!).map((r) => [r[0], r[1]]))
    expect(facts).toMatchObject({ 目标人数: d.target, 符合条件人数: d.eligible, 已筛查人数: d.screened, '已筛查 / 目标': d.ofTarget.rate, '已筛查 / 符合条件': d.ofEligible.rate })
    const villages = rowsOf(wb.getWorksheet('按村')!)
    expect(villages.slice(0, 2).map((r) => r.slice(0, 3))).toEqual(d.byVillage.map((v) => [v.name, v.eligible, v.screened]))
    expect(villages.map((r) => [r[4], r[5]])).toEqual([[1, 1], [1, 0], [2, 1]]) // abnormal, referred; then the total
    expect(villages[2].slice(0, 3)).toEqual(['合计', d.eligible, d.screened])
    expect(rowsOf(wb.getWorksheet('按日')!)).toEqual(d.byDay.map((x) => [x.date, x.screened]))
    expect(rowsOf(wb.getWorksheet('结论')!).map((r) => r[1])).toEqual([d.conclusions.normal, d.conclusions.benign, d.conclusions.abnormal_refer, d.conclusions.suspected_malignancy])
    const findings = rowsOf(wb.getWorksheet('检查发现')!)
    expect(findings.map((r) => [r[4], r[2]]).sort()).toEqual(d.findings.map((x) => [x.key, x.count]).sort())
    expect(findings.find((r) => r[4] === 'birads.4A')?.slice(0, 2)).toEqual(['乳腺超声 BI-RADS（两侧较重者）', 'BI-RADS 4A 类'])
    const ref = rowsOf(wb.getWorksheet('转诊随访')!).map((r) => r[1])
    expect(ref).toEqual([d.referrals.total, d.referrals.attended, d.referrals.lost, d.referrals.open, d.referrals.overdue, d.referrals.completion.rate])
    const all = wb.worksheets.flatMap((w) => rowsOf(w).flat()).join(' ')
    for (const name of Object.keys(people)) expect(all).not.toContain(name)
    const row = (await auditRows('screening.report'))[0]
    expect(row).toMatchObject({ entity: 'campaign', entityId: campaign })
    expect(row.message).toEqual(['screening.reportExported', { name: '2026年乳腺癌筛查', format: 'xlsx' }])
  })

  it('prints an A4 PDF with the coverage, villages, days, conclusions, findings and referrals', async () => {
    const f = await t.call('screening.report', { campaignId: campaign, format: 'pdf' }, s.head)
    const pdf = bytes(f)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(Math.round(mediaBoxes(pdf)[0][0])).toBe(Math.round(mm(210)))
    const txt = text(f)
    for (const s of ['筛查活动总结报告', '2026年乳腺癌筛查', '3 / 40（7.5%）', '3 / 5（60.0%）', '一村服务室', '二村服务室', '2026-11-17', '异常需转诊', 'BI-RADS 4A 类', '转诊完成率']) expect(txt).toContain(s)
    for (const name of Object.keys(people)) expect(txt).not.toContain(name)
    // no page holds the footer alone
    for (const p of pageTexts(pdf)) expect(p.replace(/示例乡计划生育服务站 · 2026年乳腺癌筛查|第\s*\d+\s*页\s*\/\s*共\s*\d+\s*页|\s/g, '')).not.toBe('')
    const en = text(await t.call('screening.report', { campaignId: campaign, format: 'pdf', lang: 'en' }, s.head))
    for (const s of ['Screening campaign report', 'By village', 'Total', 'BI-RADS 4A']) expect(en).toContain(s)
  })

  it('prints a campaign without records on one page, its empty tables saying so', async () => {
    const empty = (await t.call('screening.campaignSave', { name: '宫颈癌筛查', kind: 'cervical', startDate: '2026-11-01', endDate: '2026-12-31', servicePointIds: [v2] }, s.head)).id
    const pdf = bytes(await t.call('screening.report', { campaignId: empty, format: 'pdf' }, s.head))
    expect(pageCount(pdf)).toBe(1)
    const txt = pageTexts(pdf)[0]
    expect(txt).toContain('计划中')
    expect(txt.match(/^[ \t]*无[ \t]*$/gm)).toHaveLength(2) // by day, findings
    const wb = await workbook(await t.call('screening.report', { campaignId: empty, format: 'xlsx' }, s.head))
    expect(rowsOf(wb.getWorksheet('按村')!)).toEqual([['二村服务室', 2, 0, 0, 0, 0], ['合计', 2, 0, 0, 0, 0]])
  })

  it('refuses a clerk and an unknown campaign', async () => {
    expect((await t.fail('screening.report', { campaignId: campaign, format: 'pdf' }, s.clerk)).code).toBe('FORBIDDEN')
    expect((await t.fail('screening.report', { campaignId: 'nope', format: 'pdf' }, s.head)).code).toBe('NOT_FOUND')
    expect(fieldsOf(await t.fail('screening.report', { campaignId: campaign, format: 'doc' } as never, s.head))?.[0]).toMatch(/^format:/)
  })
})

describe('screening.invitations', () => {
  it('lists the people not yet screened, per village, with full ID numbers (xlsx: a sheet per village)', async () => {
    await save('王秀英')
    await t.call('screening.mark', { campaignId: campaign, personIds: [people['张丽']], mark: 'invited', date: '2026-11-19' }, s.clerk)
    const f = await t.call('screening.invitations', { campaignId: campaign, format: 'xlsx' }, s.clerk)
    const wb = await workbook(f)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['一村服务室', '二村服务室'])
    const one = rowsOf(wb.getWorksheet('一村服务室')!)
    expect(one.map((r) => [r[0], r[1], r[4], r[5] ?? '', r[6] ?? ''])).toEqual([
      [1, '李桂兰', makeId('410102', '19700505', 2, 'female'), '', ''],
      [2, '张丽', makeId('410102', '19750303', 3, 'female'), '13900001111', '2026-11-19']
    ])
    expect(rowsOf(wb.getWorksheet('二村服务室')!).map((r) => r[1])).toEqual(['刘芳', '赵敏'])
    const row = (await auditRows('screening.invitations'))[0]
    expect(row).toMatchObject({ entity: 'campaign', entityId: campaign, actor: 'clerk' })
    expect(row.message).toEqual(['screening.invitationsExported', { name: '2026年乳腺癌筛查', n: 4 }])
  })

  it('prints one village, or everyone, as an A4 PDF with columns to tick and sign', async () => {
    await save('王秀英')
    const one = await t.call('screening.invitations', { campaignId: campaign, servicePointId: v1, state: 'all', format: 'pdf' }, s.clinician)
    expect(one.filename).toBe('invitations-2026年乳腺癌筛查-一村服务室-2026-11-20.pdf')
    const txt = text(one)
    for (const s of ['筛查邀请名单', '服务点：一村服务室', '共 3 人', '王秀英', '李桂兰', '张丽', makeId('410102', '19800101', 1, 'female'), '13812345678', '到场', '签名', '已筛查 2026-11-18'])
      expect(txt).toContain(s)
    expect(txt).not.toContain('赵敏')
    const every = bytes(await t.call('screening.invitations', { campaignId: campaign, format: 'pdf', lang: 'en' }, s.clinician))
    const pages = pageTexts(every)
    expect(pages).toHaveLength(2) // one page per village
    expect(pages[0]).toContain('Service point: 一村服务室')
    expect(pages[1]).toContain('赵敏')
    expect(pages[0]).not.toContain('王秀英')
  })

  it('refuses a village outside the campaign and an unknown campaign', async () => {
    const other = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001203', name: '三村服务室' }, s.head)).id
    expect(fieldsOf(await t.fail('screening.invitations', { campaignId: campaign, servicePointId: other, format: 'pdf' }, s.clerk))).toEqual(['servicePointId:not_in_campaign'])
    expect((await t.fail('screening.invitations', { campaignId: 'nope', format: 'xlsx' }, s.clerk)).code).toBe('NOT_FOUND')
    expect(await auditRows('screening.invitations')).toHaveLength(0)
  })
})
