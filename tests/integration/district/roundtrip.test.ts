/**
 * Station → packet → district with the demo station (tests/integration/packets/kit.ts: 40
 * people, campaigns, a year of stock, certificates): the district's key list set at the station
 * (so its packets are sealed), the station's key registered at the district, a month closed and
 * exported, imported; district.report for the month equals the station's own figures
 * (screening coverage, stock, certificate counts, the two rates). A reopened month's correction
 * travels as the next packet and replaces what it corrects.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DISTRICT_FIGURES, type DistrictStockRow } from '../../../src/api/district'
import type { MonthlyReportRow } from '../../../src/api/inventory/reports'
import type { Ctx } from '../../../src/core/context'
import type { Host } from '../../../src/core/host'
import { buildReports, reportTotals } from '../../../src/core/packets/reports'
import { bytesOf, packetStation, type PacketStation } from '../packets/kit'
import { counts, importFiles, makeDistrict, type District } from './kit'

let st: PacketStation
let d: District
beforeEach(async () => {
  st = await packetStation()
  d = await makeDistrict()
})
afterEach(() => {
  st.t.close()
  d.t.close()
})

function readCtx(h: Host): Ctx {
  const rt = h.runtime
  const session = { userId: null, username: 'test', displayName: 'test', role: 'head', roles: ['head'], actor: 'test' }
  return { db: rt.db, sqlite: rt.sqlite, session, clock: rt.clock, runtime: rt, method: 'test', transport: 'test', audit: () => {}, nowIso: () => rt.clock.now().toISOString(), user: () => session } as unknown as Ctx
}

const asDistrictRow = (r: MonthlyReportRow): DistrictStockRow => {
  const { productId: _p, amc: _a, monthsOfStock: _m, ...rest } = r
  return { ...rest, stations: 1 }
}

/** both sides know each other: the district's signed list at the station, the station's key at the district */
async function introduce(): Promise<string> {
  const list = await d.t.call('district.keysExport', {}, d.head)
  const content = Buffer.from(list.base64, 'base64').toString('utf8')
  await st.t.call('keys.districtSet', { content, replace: false }, st.s.admin)
  const own = await st.t.call('keys.exportPublic', {}, st.s.admin)
  const station = await d.t.call('district.stationAdd', { content: Buffer.from(own.base64, 'base64').toString('utf8') }, d.head)
  return station.code
}

describe('round trip: station → packet → district', () => {
  it("the district's figures for the month equal the station's own", async () => {
    const code = await introduce()
    await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    const p = await st.exportMonth('2026-10')
    expect(p.packet.sealed).toBe(true)
    const r = await importFiles(d, [{ name: p.file.filename, bytes: bytesOf(p) }])
    expect(r.items[0]).toMatchObject({ outcome: 'imported', stationCode: code, seq: 1, period: '2026-10', rows: p.packet.rows })
    expect(counts(d).rows).toBe(p.packet.rows)

    const rep = await d.t.call('district.report', { period: '2026-10' }, d.head)
    const own = buildReports(readCtx(st.t.host), '2026-10')
    const stock = await st.t.call('inventory.monthlyReport', { period: '2026-10' }, st.s.head)
    const rates = await st.t.call('certificates.rates', { month: '2026-10' }, st.s.head)

    expect(rep.missing).toEqual([])
    expect(rep.stations).toHaveLength(1)
    expect(rep.screening).toEqual(own.screening.kinds)
    expect(rep.stock).toEqual(stock.rows.map(asDistrictRow))
    const { period: _p, ...certs } = own.certificates
    expect(rep.certificates).toEqual(certs)
    expect(rep.rates).toEqual({ certificate: rates.certificate, verification: rates.verification })
    const line = rep.stations[0]
    expect(line).toMatchObject({ code, arrived: true, packetSeq: 1, certificatesIssued: own.certificates.issued, verifications: own.certificates.verifications.total })
    expect(line.stockOut).toBe(stock.rows.reduce((s, x) => s + x.consumed, 0))
    expect(line.screened).toBe(own.screening.campaigns.reduce((s, c) => s + c.screenedInMonth, 0))
    // the demo month has something in every table that is compared
    expect(line.stockOut).toBeGreaterThan(0)
    expect(rates.certificate.den).toBeGreaterThan(0)
    expect(rep.stock.length).toBeGreaterThan(0)
    expect(rep.screening.length).toBeGreaterThan(0)
    expect(rep.certificates.validAtMonthEnd).toBeGreaterThan(0)

    // counted again from the rows the packet carried, by business date: the same five figures
    const figures = { screened: line.screened, referred: line.referred, stockOut: line.stockOut, certificatesIssued: line.certificatesIssued, verifications: line.verifications }
    expect(line.records).toEqual(figures)
    expect(line.mismatch).toEqual([])
    expect(rep.totals).toEqual({ reported: figures, records: figures, mismatch: [] })
    expect(line.referred).toBeGreaterThan(0)
    // the first packet carries every row: each earlier month's records give the station's own figures
    // for that month too (only October's report is here, so those months are flagged as records without one)
    const seen = { certificatesIssued: 0, verifications: 0 }
    const months = st
      .sqlite()
      .prepare(
        `SELECT DISTINCT m FROM (SELECT substr(exam_date, 1, 7) AS m FROM screening_records UNION SELECT substr(date, 1, 7) FROM inv_moves
           UNION SELECT substr(issue_date, 1, 7) FROM certificates UNION SELECT substr(verified_on, 1, 7) FROM verifications) WHERE m < '2026-10' ORDER BY m`
      )
      .all() as { m: string }[]
    expect(months.length).toBeGreaterThan(3)
    for (const { m: period } of months) {
      const { certificateRate: _c, verificationRate: _v, ...ownFigures } = reportTotals(buildReports(readCtx(st.t.host), period))
      const other = (await d.t.call('district.report', { period }, d.head)).stations[0]
      expect(other.arrived).toBe(false)
      expect(other.records, period).toEqual(ownFigures)
      expect(other.mismatch, period).toEqual(DISTRICT_FIGURES.filter((k) => ownFigures[k] !== 0))
      seen.certificatesIssued += other.records.certificatesIssued
      seen.verifications += other.records.verifications
    }
    expect(seen.certificatesIssued).toBeGreaterThan(0)
    expect(seen.verifications).toBeGreaterThan(0)

    // the station was registered today and its first packet is October's: the months before it are not due
    const arr = await d.t.call('district.arrivals', { year: 2026 }, d.head)
    expect(arr.stations[0].cells.map((c) => c.status)).toEqual([...Array(9).fill('not_due'), 'arrived', 'not_due', 'not_due'])
  })

  it("a reopened month's correction arrives as the next packet and replaces what it corrects", async () => {
    await introduce()
    await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    const first = await st.exportMonth('2026-10')
    await importFiles(d, [{ name: 'first.sdpkt', bytes: bytesOf(first) }])

    await st.t.call('periods.reopen', { period: '2026-10', reason: '补录一笔发放' }, st.s.head)
    const product = st.sqlite().prepare("SELECT product_id AS id FROM inv_lots WHERE balance > 50 AND expiry > '2026-12-31' ORDER BY balance DESC LIMIT 1").get() as { id: string } | undefined
    expect(product).toBeDefined()
    const point = (st.sqlite().prepare("SELECT id FROM service_points WHERE kind = 'village_room' LIMIT 1").get() as { id: string }).id
    await st.t.call('inventory.issue', { date: '2026-10-20', servicePointId: point, lines: [{ productId: product!.id, quantity: 5 }] }, st.s.head)
    await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    const second = await st.exportMonth('2026-10')
    expect(second.packet.seq).toBe(2)
    const r = await importFiles(d, [{ name: 'second.sdpkt', bytes: bytesOf(second) }])
    expect(r.items[0]).toMatchObject({ outcome: 'imported', seq: 2 })

    const rep = await d.t.call('district.report', { period: '2026-10' }, d.head)
    const stock = await st.t.call('inventory.monthlyReport', { period: '2026-10' }, st.s.head)
    expect(rep.stock).toEqual(stock.rows.map(asDistrictRow))
    expect(rep.stations[0].packetSeq).toBe(2)
    // the correction's issue of 5 is in the records as in the report
    expect(rep.stations[0].records.stockOut).toBe(stock.rows.reduce((s, x) => s + x.consumed, 0))
    expect(rep.stations[0].mismatch).toEqual([])
    const packets = await d.t.call('district.packets', { period: '2026-10' }, d.head)
    expect(packets.map((x) => [x.seq, x.chain])).toEqual([
      [2, 'ok'],
      [1, 'first']
    ])
    const arr = await d.t.call('district.arrivals', { year: 2026 }, d.head)
    expect(arr.stations[0].cells[9]).toMatchObject({ status: 'arrived', seqs: [1, 2], corrected: true })
  })
})
