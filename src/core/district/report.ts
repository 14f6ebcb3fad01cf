/**
 * district.report: a month across the registered stations, as the sums of each station's own
 * report tables for the month (the ones of its highest packet: district_reports keeps only
 * those), so every figure equals what the station reported. Stations without a packet for the
 * month are named in `missing` and count zero.
 *
 *  - a station's line: screened / referred = Σ its campaigns' in-month figures, stockOut = Σ
 *    consumed of its stock rows, certificates issued, verifications, its two rates (as the
 *    manifest's totals are drawn, packets/reports/index.ts)
 *  - screening: the kinds' lines summed per kind; coverage = Σ screened to date / Σ target
 *  - stock: rows summed by product code (stations: how many reported the product), in the
 *    stations' own row order
 *  - certificates: every count summed; rates: Σ num / Σ den over the stations that reported
 *  - each line's `records`: the five figures counted again from the rows the packets carried,
 *    by business date (records.ts), and `mismatch`: the figures where they differ from the
 *    report; `totals`: the five figures summed both ways
 */
import type { Rate } from '../../api/campaigns'
import type { DistrictFigures, DistrictReport, DistrictStationLine, DistrictStockRow } from '../../api/district'
import { MOVE_KINDS } from '../../api/inventory'
import type { PacketReports } from '../../api/packetReports'
import { SCREENING_KINDS } from '../../api/screeningFindings'
import { VERIFICATION_RESULTS } from '../../api/verifications'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { rate } from '../screening/dashboard'
import { differing, noFigures, recordFigures, sumFigures } from './records'
import { listStations } from './stations'
import { firstMonths } from './arrivals'
import { isReportKind } from './reportShape'
import { localDate } from '../clock'

type Reports = Partial<PacketReports>
type KindLine = DistrictReport['screening'][number]

const noRate = (): Rate => rate(0, 0)

/** the month's latest report tables of each station that sent them */
export function stationReports(ctx: Ctx, period: string): Map<string, Reports> {
  const out = new Map<string, Reports>()
  for (const r of stmt(ctx.sqlite, 'SELECT station_code AS code, report, data FROM district_reports WHERE period = ?').all(period) as { code: string; report: string; data: string }[]) {
    // the kinds it reads only (a newer station's other reports are kept, not read)
    if (!isReportKind(r.report)) continue
    const m = out.get(r.code) ?? {}
    ;(m as Record<string, unknown>)[r.report] = JSON.parse(r.data)
    out.set(r.code, m)
  }
  return out
}

/** the five figures as the station's report tables give them (as the manifest's totals are drawn) */
function reported(r: Reports | undefined): DistrictFigures {
  const campaigns = r?.screening?.campaigns ?? []
  return {
    screened: campaigns.reduce((s, c) => s + c.screenedInMonth, 0),
    referred: campaigns.reduce((s, c) => s + c.referredInMonth, 0),
    stockOut: (r?.stock?.rows ?? []).reduce((s, row) => s + row.consumed, 0),
    certificatesIssued: r?.certificates?.issued ?? 0,
    verifications: r?.certificates?.verifications.total ?? 0
  }
}

function lineOf(code: string, name: string, seq: number | null, r: Reports | undefined, records: DistrictFigures, due: boolean): DistrictStationLine {
  const figures = reported(r)
  return {
    code,
    name,
    arrived: seq !== null,
    due,
    packetSeq: seq,
    ...figures,
    certificateRate: r?.rates?.certificate ?? noRate(),
    verificationRate: r?.rates?.verification ?? noRate(),
    records,
    mismatch: differing(records, figures)
  }
}

function sumScreening(all: Reports[]): KindLine[] {
  const out: KindLine[] = []
  for (const kind of SCREENING_KINDS) {
    const of = all.flatMap((r) => (r.screening?.kinds ?? []).filter((k) => k.kind === kind))
    if (!of.length) continue
    const sum = (f: (k: KindLine) => number) => of.reduce((s, k) => s + f(k), 0)
    const target = sum((k) => k.target)
    const screenedToDate = sum((k) => k.screenedToDate)
    out.push({
      kind,
      campaigns: sum((k) => k.campaigns),
      target,
      screenedToDate,
      screenedInMonth: sum((k) => k.screenedInMonth),
      abnormalInMonth: sum((k) => k.abnormalInMonth),
      referredInMonth: sum((k) => k.referredInMonth),
      coverage: rate(screenedToDate, target)
    })
  }
  return out
}

function sumStock(all: Reports[]): DistrictStockRow[] {
  const byCode = new Map<string, DistrictStockRow>()
  for (const r of all)
    for (const row of r.stock?.rows ?? []) {
      const s = byCode.get(row.code)
      if (!s) {
        byCode.set(row.code, {
          code: row.code,
          name: row.name,
          nameEn: row.nameEn,
          unit: row.unit,
          packUnit: row.packUnit,
          packSize: row.packSize,
          opening: row.opening,
          columns: { ...row.columns },
          closing: row.closing,
          consumed: row.consumed,
          stations: 1
        })
        continue
      }
      s.opening += row.opening
      for (const k of MOVE_KINDS) s.columns[k] = (s.columns[k] ?? 0) + (row.columns[k] ?? 0)
      s.closing += row.closing
      s.consumed += row.consumed
      s.stations += 1
    }
  // in the stations' own order (the national catalog's), a product only some stations keep where it first appears
  return [...byCode.values()]
}

function sumCertificates(all: Reports[]): DistrictReport['certificates'] {
  const byResult = Object.fromEntries(VERIFICATION_RESULTS.map((k) => [k, 0])) as DistrictReport['certificates']['verifications']['byResult']
  const out: DistrictReport['certificates'] = { issued: 0, renewed: 0, voided: 0, validAtMonthEnd: 0, verifications: { total: 0, byQr: 0, byHand: 0, byResult } }
  for (const r of all) {
    const c = r.certificates
    if (!c) continue
    out.issued += c.issued
    out.renewed += c.renewed
    out.voided += c.voided
    out.validAtMonthEnd += c.validAtMonthEnd
    out.verifications.total += c.verifications.total
    out.verifications.byQr += c.verifications.byQr
    out.verifications.byHand += c.verifications.byHand
    for (const k of VERIFICATION_RESULTS) byResult[k] += c.verifications.byResult[k] ?? 0
  }
  return out
}

function sumRate(rates: Rate[]): Rate {
  return rate(
    rates.reduce((s, r) => s + r.num, 0),
    rates.reduce((s, r) => s + r.den, 0)
  )
}

export function districtReport(ctx: Ctx, period: string): DistrictReport {
  const reports = stationReports(ctx, period)
  const seqs = new Map(
    (stmt(ctx.sqlite, 'SELECT station_code AS code, max(seq) AS seq FROM district_packets WHERE period = ? GROUP BY station_code').all(period) as { code: string; seq: number }[]).map(
      (r) => [r.code, r.seq]
    )
  )
  const records = recordFigures(ctx.sqlite, period)
  const current = localDate(ctx.clock).slice(0, 7)
  const first = firstMonths(ctx)
  const due = (code: string) => period < current && (first.get(code) ?? period) <= period
  const stations = listStations(ctx.sqlite).map((s) => lineOf(s.code, s.name, seqs.get(s.code) ?? null, reports.get(s.code), records.get(s.code) ?? noFigures(), due(s.code)))
  const arrived = stations.filter((s) => s.arrived)
  const totalReported = sumFigures(arrived)
  const totalRecords = sumFigures(stations.map((s) => s.records))
  const all = arrived.map((s) => reports.get(s.code) ?? {})
  const withRates = all.filter((r) => r.rates)
  return {
    period,
    stations,
    missing: stations.filter((s) => !s.arrived && s.due).map((s) => s.code),
    screening: sumScreening(all),
    stock: sumStock(all),
    certificates: sumCertificates(all),
    rates: { certificate: sumRate(withRates.map((r) => r.rates!.certificate)), verification: sumRate(withRates.map((r) => r.rates!.verification)) },
    totals: { reported: totalReported, records: totalRecords, mismatch: differing(totalRecords, totalReported) }
  }
}
