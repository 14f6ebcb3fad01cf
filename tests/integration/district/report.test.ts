/**
 * The month across stations: district.report sums each station's latest report tables (a station
 * without a packet counted zero, and listed as missing when one is due: an ended month not before
 * its first month), district.arrivals tells arrived / missing
 * / not_due per month, and district.reportExport writes the same figures to an xlsx in zh-CN or
 * English.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeStation, importFiles, makeDistrict, packetOf, reportsFor, type District } from './kit'

let d: District
const a = fakeStation('411523101', '沙窝镇服务站')
const b = fakeStation('411523102', '新集镇服务站')
const c = fakeStation('411523103', '陡山河乡服务站')

beforeAll(async () => {
  d = await makeDistrict()
  for (const s of [a, b, c]) await d.t.call('district.stationAdd', { content: s.keyFile() }, d.head)
  const a9 = packetOf(a, { seq: 1, period: '2026-09', reports: reportsFor('2026-09', 5) })
  const a10 = packetOf(a, { seq: 2, period: '2026-10', prev: a9.sha256, reports: reportsFor('2026-10', 1) })
  const b10 = packetOf(b, { seq: 1, period: '2026-10', reports: reportsFor('2026-10', 2) })
  // c was registered on 1 June (office time; 31 May in UTC) and has sent nothing since
  d.t.host.runtime.sqlite!.prepare('UPDATE district_stations SET created_at = ? WHERE code = ?').run('2026-05-31T16:30:00.000Z', c.code)
  await importFiles(d, [
    { name: 'a9', bytes: a9.bytes },
    { name: 'a10', bytes: a10.bytes },
    { name: 'b10', bytes: b10.bytes }
  ])
})
afterAll(() => d.t.close())

describe('district.report', () => {
  it('sums the stations that reported; the others are missing and count zero', async () => {
    const r = await d.t.call('district.report', { period: '2026-10' }, d.head)
    expect(r.missing).toEqual([c.code])
    expect(r.stations.map((s) => [s.code, s.arrived, s.packetSeq, s.screened, s.referred, s.stockOut, s.certificatesIssued, s.verifications])).toEqual([
      [a.code, true, 2, 30, 2, 25, 2, 4],
      [b.code, true, 1, 60, 4, 50, 4, 8],
      [c.code, false, null, 0, 0, 0, 0, 0]
    ])
    expect(r.stations[1].certificateRate).toEqual({ num: 18, den: 20, rate: 0.9 })
    expect(r.screening).toEqual([
      { kind: 'breast', campaigns: 2, target: 300, screenedToDate: 120, screenedInMonth: 90, abnormalInMonth: 6, referredInMonth: 6, coverage: { num: 120, den: 300, rate: 0.4 } }
    ])
    expect(r.stock.map((p) => [p.code, p.stations, p.opening, p.columns.receipt, p.columns.issue, p.closing, p.consumed])).toEqual([
      ['C01', 2, 300, 100, -60, 340, 60],
      ['P02', 2, 300, 100, -15, 385, 15]
    ])
    expect(r.certificates).toEqual({
      issued: 6,
      renewed: 0,
      voided: 0,
      validAtMonthEnd: 30,
      verifications: { total: 12, byQr: 9, byHand: 3, byResult: { valid: 9, invalid_signature: 0, unknown_issuer: 3, expired: 0, facts_differ: 0 } }
    })
    expect(r.rates).toEqual({ certificate: { num: 27, den: 30, rate: 0.9 }, verification: { num: 9, den: 12, rate: 0.75 } })

    expect(r.stations.map((s) => s.due)).toEqual([true, true, true])

    // b's first month is October (its first packet; registered in November): not due in September
    const sept = await d.t.call('district.report', { period: '2026-09' }, d.head)
    expect(sept.missing).toEqual([c.code])
    expect(sept.stations.map((s) => [s.code, s.arrived, s.due])).toEqual([
      [a.code, true, true],
      [b.code, false, false],
      [c.code, false, true]
    ])
    expect(sept.stations[0]).toMatchObject({ screened: 150, packetSeq: 1 })
    // before every station's first month, and the current month: nothing is missing
    const empty = await d.t.call('district.report', { period: '2025-01' }, d.head)
    expect(empty).toMatchObject({ missing: [], screening: [], stock: [], rates: { certificate: { num: 0, den: 0, rate: 0 } } })
    expect((await d.t.call('district.report', { period: '2026-11' }, d.head)).missing).toEqual([])
  })

  it("district.arrivals: arrived, missing (an ended month without a packet), not_due (this month on, and before the station's first month)", async () => {
    const r = await d.t.call('district.arrivals', { year: 2026 }, d.head)
    expect(r.months).toHaveLength(12)
    const status = (code: string) => r.stations.find((s) => s.code === code)!.cells.map((x) => x.status[0]).join('')
    // today is 2026-11-20: November and December are not due. a and b were registered today:
    // their first month is their first packet's (September, October); c's is June, when it was registered
    expect(status(a.code)).toBe('nnnnnnnnaann')
    expect(status(b.code)).toBe('nnnnnnnnnann')
    expect(status(c.code)).toBe('nnnnnmmmmmnn')
    expect(r.stations[0].cells[8]).toEqual({ period: '2026-09', status: 'arrived', seqs: [1], corrected: false })
    const next = await d.t.call('district.arrivals', { year: 2027 }, d.head)
    expect(next.stations.every((s) => s.cells.every((x) => x.status === 'not_due'))).toBe(true)
  })
})

describe('district.reportExport', () => {
  async function book(lang: 'zh-CN' | 'en') {
    const f = await d.t.call('district.reportExport', { period: '2026-10', lang }, d.head)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer)
    return { f, wb }
  }

  it('writes the stations, screening, stock and certificates sheets with the same figures, in zh-CN and English', async () => {
    const { f, wb } = await book('zh-CN')
    expect(f.filename).toBe('district-report-411523000-2026-10.xlsx')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['服务站', '筛查', '避孕药具', '婚育证明与比率'])
    const ws = wb.getWorksheet('服务站')!
    expect(ws.getRow(1).getCell(1).value).toBe('新县卫生健康委员会 月报汇总 2026-10')
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['代码', '服务站', '已报', '办证率', '验证率']))
    expect((ws.getRow(4).values as unknown[]).slice(1, 10)).toEqual([a.code, '沙窝镇服务站', '是', 2, 30, 2, 25, 2, 4])
    expect((ws.getRow(6).values as unknown[]).slice(1, 4)).toEqual([c.code, '陡山河乡服务站', '否'])
    const total = ws.getRow(7).values as unknown[]
    expect(total.slice(1, 16)).toEqual(['合计', undefined, '2/3', undefined, 90, 6, 75, 6, 12, 0.9, 27, 30, 0.75, 9, 12])
    expect(ws.getRow(4).getCell(10).numFmt).toBe('0.0%')
    const stock = wb.getWorksheet('避孕药具')!
    expect((stock.getRow(4).values as unknown[]).slice(1, 6)).toEqual(['C01', '药具C01', '只', 2, 300])
    const certs = wb.getWorksheet('婚育证明与比率')!
    const last = certs.getRow(certs.rowCount).values as unknown[]
    expect(last.slice(1)).toEqual(['验证率', 0.75, 9, 12])

    const en = (await book('en')).wb
    expect(en.worksheets.map((w) => w.name)).toEqual(['Stations', 'Screening', 'Contraceptives', 'Certificates and rates'])
    expect(en.getWorksheet('Screening')!.getRow(4).getCell(1).value).toBe('Breast cancer screening')
    expect(en.getWorksheet('Contraceptives')!.getRow(4).getCell(2).value).toBe('Product C01')
    const audit = d.t.host.runtime.sqlite!.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'district.reportExport'").get() as { n: number }
    expect(audit.n).toBe(2)
  })
})
