/**
 * district.report's check against the records: each station's five figures counted again from
 * the rows its packets carried (district_rows, newest version of each), by business date, beside
 * what its report says. They agree when the packets are whole; a record changed by a later packet
 * while the month's correction has not arrived is counted in the records and flagged as a
 * mismatch, until the correction arrives; a station whose month came only as records (no report)
 * is flagged too. The xlsx carries the check in its last column.
 */
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PacketReports } from '../../../src/api/packetReports'
import { fakeStation, importFiles, makeDistrict, packetOf, reportsFor, type District, type FakeStation, type Rows } from './kit'

let d: District
let a: FakeStation
beforeEach(async () => {
  d = await makeDistrict()
  a = fakeStation('411523101', '沙窝镇服务站')
  await d.t.call('district.stationAdd', { content: a.keyFile() }, d.head)
})
afterEach(() => d.t.close())

const at = (day: string) => `${day}T03:00:00.000Z`

/** an exam record (only the columns the check reads, plus a few) */
const exam = (id: string, date: string, followUp: 'none' | 'open' | 'attended', updated = at(date)) => ({
  id,
  created_at: at(date),
  updated_at: updated,
  campaign_id: 'c-1',
  exam_date: date,
  conclusion: followUp === 'none' ? 'normal' : 'abnormal_refer',
  follow_up_state: followUp
})
const move = (id: string, date: string, kind: string, quantity: number, consumed: number) => ({ id, created_at: at(date), updated_at: at(date), date, kind, quantity, consumed, product_id: 'p-C01' })
const cert = (id: string, issueDate: string, status = 'valid', updated = at(issueDate)) => ({ id, created_at: at(issueDate), updated_at: updated, issue_date: issueDate, status, number: id })
const verification = (id: string, on: string) => ({ id, created_at: at(on), updated_at: at(on), verified_on: on, method: 'qr', result: 'valid' })

/**
 * October's records of reportsFor('2026-10'): 30 examined (2 referred), 25 consumed, 2 issued,
 * 4 verified — with records just outside the month on either side, which do not count.
 */
function october(): Rows {
  const exams = Array.from({ length: 30 }, (_, i) => exam(`e${i}`, `2026-10-${String(1 + (i % 31)).padStart(2, '0')}`, i < 2 ? 'open' : 'none'))
  return {
    screening_records: [...exams, exam('e-sep', '2026-09-30', 'open'), exam('e-nov', '2026-11-01', 'open')],
    inv_moves: [
      move('m1', '2026-10-02', 'receipt', 100, 0),
      move('m2', '2026-10-03', 'issue', -20, 20),
      move('m3', '2026-10-04', 'dispense', -10, 10),
      move('m4', '2026-10-05', 'return', 5, -5),
      // an issue and its reversal count nothing
      move('m5', '2026-10-06', 'issue', -3, 3),
      move('m6', '2026-10-06', 'reversal', 3, -3),
      move('m7', '2026-10-07', 'wastage', -2, 0),
      move('m-sep', '2026-09-30', 'issue', -7, 7)
    ],
    // voided since, still issued in October
    certificates: [cert('k1', '2026-10-10'), cert('k2', '2026-10-31', 'void'), cert('k-sep', '2026-09-29')],
    verifications: [verification('v1', '2026-10-01'), verification('v2', '2026-10-11'), verification('v3', '2026-10-12'), verification('v4', '2026-10-31'), verification('v-nov', '2026-11-01')],
    persons: [{ id: 'p1', created_at: at('2026-01-05'), updated_at: at('2026-01-05'), name: '张三' }]
  }
}

/** October's reports with its referrals changed */
function withReferred(n: number): PacketReports {
  const r = reportsFor('2026-10')
  r.screening.campaigns[0].referredInMonth = n
  r.screening.kinds[0].referredInMonth = n
  return r
}

const report = () => d.t.call('district.report', { period: '2026-10' }, d.head)
const FIGURES = { screened: 30, referred: 2, stockOut: 25, certificatesIssued: 2, verifications: 4 }

describe('district.report: the records beside the reports', () => {
  it('a whole packet: the records give the report’s figures, nothing flagged', async () => {
    await importFiles(d, [{ name: 'a1', bytes: packetOf(a, { seq: 1, period: '2026-10', rows: october() }).bytes }])
    const r = await report()
    expect(r.stations[0]).toMatchObject({ ...FIGURES, records: FIGURES, mismatch: [] })
    expect(r.totals).toEqual({ reported: FIGURES, records: FIGURES, mismatch: [] })
    // September has records (e-sep, m-sep, k-sep) but no report: flagged with the figures they give
    const sep = await d.t.call('district.report', { period: '2026-09' }, d.head)
    expect(sep.stations[0]).toMatchObject({ arrived: false, screened: 0, records: { screened: 1, referred: 1, stockOut: 7, certificatesIssued: 1, verifications: 0 }, mismatch: ['screened', 'referred', 'stockOut', 'certificatesIssued'] })
  })

  it('a record changed by a later packet while the correction is missing: counted in the records, flagged, cleared when the correction arrives', async () => {
    const p1 = packetOf(a, { seq: 1, period: '2026-10', rows: october() })
    // October reopened: e5 gets a referral; the correction (seq 2) carries it with a report of 3 referred
    const p2 = packetOf(a, { seq: 2, period: '2026-10', prev: p1.sha256, closeNo: 2, rows: { screening_records: [exam('e5', '2026-10-06', 'open', at('2026-11-03'))] }, reports: withReferred(3) })
    // November: e5's follow-up attended (still referred), and k1 voided — its newest version travels in November's packet
    const nov = { screening_records: [exam('e5', '2026-10-06', 'attended', at('2026-11-10'))], certificates: [cert('k1', '2026-10-10', 'void', at('2026-11-12'))] }
    const p3 = packetOf(a, { seq: 3, period: '2026-11', prev: p2.sha256, rows: nov, reports: reportsFor('2026-11') })
    // the correction is lost on the way: 1 and 3 arrive
    await importFiles(d, [
      { name: 'a1', bytes: p1.bytes },
      { name: 'a3', bytes: p3.bytes }
    ])
    let r = await report()
    expect(r.stations[0]).toMatchObject({ packetSeq: 1, referred: 2, records: { ...FIGURES, referred: 3 }, mismatch: ['referred'] })
    expect(r.totals.mismatch).toEqual(['referred'])
    expect((await d.t.call('district.stations', {}, d.head))[0].missingSeqs).toEqual([2])

    // the correction arrives late: its e5 is older than November's (kept), its report is October's latest
    await importFiles(d, [{ name: 'a2', bytes: p2.bytes }])
    r = await report()
    expect(r.stations[0]).toMatchObject({ packetSeq: 2, referred: 3, records: { ...FIGURES, referred: 3 }, mismatch: [] })
    const e5 = d.t.host.runtime.sqlite!.prepare("SELECT json_extract(data, '$.follow_up_state') AS s FROM district_rows WHERE tbl = 'screening_records' AND id = 'e5'").get() as { s: string }
    expect(e5.s).toBe('attended')
  })

  it('an exam record moved out of the month by a later packet lowers the records; a station with records and no report is flagged', async () => {
    const b = fakeStation('411523102', '新集镇服务站')
    await d.t.call('district.stationAdd', { content: b.keyFile() }, d.head)
    const p1 = packetOf(a, { seq: 1, period: '2026-10', rows: october() })
    // the exam date of e7 corrected to November (a record changed after October's packet, its report not)
    const p2 = packetOf(a, { seq: 2, period: '2026-11', prev: p1.sha256, rows: { screening_records: [exam('e7', '2026-11-02', 'none', at('2026-11-15'))] }, reports: reportsFor('2026-11') })
    // b's first packet is November's: it carries every row, October's records among them, but October's report never came
    const b1 = packetOf(b, { seq: 1, period: '2026-11', rows: october(), reports: reportsFor('2026-11') })
    await importFiles(d, [
      { name: 'a1', bytes: p1.bytes },
      { name: 'a2', bytes: p2.bytes },
      { name: 'b1', bytes: b1.bytes }
    ])
    const r = await report()
    expect(r.stations.map((s) => [s.code, s.arrived, s.records.screened, s.mismatch])).toEqual([
      [a.code, true, 29, ['screened']],
      [b.code, false, 30, ['screened', 'referred', 'stockOut', 'certificatesIssued', 'verifications']]
    ])
    expect(r.totals).toEqual({
      reported: FIGURES,
      records: { screened: 59, referred: 4, stockOut: 50, certificatesIssued: 4, verifications: 8 },
      mismatch: ['screened', 'referred', 'stockOut', 'certificatesIssued', 'verifications']
    })

    // the xlsx's last column says the same, in zh-CN and English
    const sheet = async (lang: 'zh-CN' | 'en') => {
      const f = await d.t.call('district.reportExport', { period: '2026-10', lang }, d.head)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer)
      return wb.worksheets[0]
    }
    const zh = await sheet('zh-CN')
    expect(zh.getRow(3).getCell(16).value).toBe('按记录核对')
    expect(zh.getRow(4).getCell(16).value).toBe('本月筛查：记录 29，报表 30')
    expect(zh.getRow(5).getCell(16).value).toBe('无报表；本月筛查：记录 30，报表 0；本月转诊：记录 2，报表 0；本月药具消耗：记录 25，报表 0；本月办证：记录 2，报表 0；本月验证：记录 4，报表 0')
    expect(String(zh.getRow(6).getCell(16).value)).toMatch(/^本月筛查：记录 59，报表 30；/)
    const en = await sheet('en')
    expect(en.getRow(3).getCell(16).value).toBe('Records check')
    expect(en.getRow(4).getCell(16).value).toBe('Screened: records 29, report 30')
  })

  it('a packet whose records agree says so in the xlsx', async () => {
    await importFiles(d, [{ name: 'a1', bytes: packetOf(a, { seq: 1, period: '2026-10', rows: october() }).bytes }])
    const f = await d.t.call('district.reportExport', { period: '2026-10', lang: 'zh-CN' }, d.head)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect([ws.getRow(4).getCell(16).value, ws.getRow(5).getCell(16).value]).toEqual(['一致', '一致'])
  })
})
