/**
 * district.reportExport: the month's district report (report.ts) as an xlsx in the user's
 * language — sheets for the stations (one line each, a total line), screening by kind, stock by
 * product, and certificates with the two rates. Counts are numbers and rates fractions in a
 * percent format (with their numerator and denominator beside them), so the workbook sums and
 * checks as it is. The stations sheet ends with 按记录核对: "agrees", or each figure where the
 * records (counted by business date) differ from the station's report, with both counts. Styled as the codebase's other workbooks (files/xlsx.ts): a title, a
 * subtitle, a bold shaded frozen header.
 */
import ExcelJS from 'exceljs'
import type { FileOut } from '../../api/contract'
import type { DistrictFigure, DistrictFigures, DistrictReport } from '../../api/district'
import { MOVE_KINDS } from '../../api/inventory'
import { VERIFICATION_RESULTS } from '../../api/verifications'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { kindWord, unitWord } from '../inventory/print/words'
import type { Lang } from '../print/labels'
import { word as screeningWord } from '../screening/print/words'
import { readStation } from '../station/profile'
import { districtWord } from './reportWords'
import { titledSheet, XLSX_MIME, type SheetCell, type SheetCol } from '../files/titledSheet'

type Cell = SheetCell
type Col = SheetCol

const PCT = '0.0%'
/** the column word of each figure, for the check against records */
const FIGURE_COL: Record<DistrictFigure, string> = {
  screened: 'col.screened',
  referred: 'col.referred',
  stockOut: 'col.stockOut',
  certificatesIssued: 'col.issued',
  verifications: 'col.verifications'
}
const N = '#,##0'

/** the office's report sheets: titled, header frozen and filtered */
const sheet = (wb: ExcelJS.Workbook, name: string, title: string, subtitle: string, cols: Col[], rows: Cell[][], boldLast = false): ExcelJS.Worksheet =>
  titledSheet(wb, name, title, subtitle, cols, rows, { boldLast, filter: true })

export async function buildDistrictReportXlsx(ctx: Ctx, r: DistrictReport, lang: Lang): Promise<FileOut> {
  const L = (key: string, params?: Record<string, string | number>) => districtWord(lang, key, params)
  const own = readStation(ctx)
  const today = localDate(ctx.clock)
  const arrived = r.stations.filter((s) => s.arrived)
  const title = L('title', { name: own.name, period: r.period })
  const subtitle = L('subtitle', { stations: r.stations.length, arrived: arrived.length, missing: r.missing.length, today })
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const col = (key: string, width = 12, fmt: string | undefined = N): Col => ({ header: L(key), width, fmt })
  const sum = (f: (s: DistrictReport['stations'][number]) => number) => arrived.reduce((t, s) => t + f(s), 0)
  /** 按记录核对: agrees, or each figure that differs with both counts; empty when neither a report nor a record */
  const check = (reported: DistrictFigures, records: DistrictFigures, mismatch: DistrictFigure[], hasReport: boolean): Cell => {
    if (!mismatch.length) return hasReport ? L('check.ok') : null
    const lines = mismatch.map((f) => L('check.line', { figure: L(FIGURE_COL[f]), records: records[f], reported: reported[f] }))
    return (hasReport ? '' : L('check.noReport')) + lines.join(L('check.sep'))
  }

  const stationsSheet = sheet(
    wb,
    L('sheet.stations'),
    title,
    r.missing.length ? `${subtitle}  ${L('missingNote', { codes: r.missing.join(', ') })}` : subtitle,
    [
      { header: L('col.code'), width: 12 },
      { header: L('col.station'), width: 32 },
      { header: L('col.arrived'), width: 8 },
      col('col.seq', 10),
      col('col.screened'),
      col('col.referred'),
      col('col.stockOut', 14),
      col('col.issued', 12),
      col('col.verifications'),
      col('col.certRate', 12, PCT),
      col('col.num', 10),
      col('col.den', 10),
      col('col.verifRate', 12, PCT),
      col('col.num', 10),
      col('col.den', 10),
      { header: L('col.check'), width: lang === 'en' ? 48 : 40 }
    ],
    [
      ...r.stations.map((s): Cell[] => [
        s.code,
        s.name,
        L(s.arrived ? 'yes' : 'no'),
        s.packetSeq,
        ...(s.arrived
          ? [s.screened, s.referred, s.stockOut, s.certificatesIssued, s.verifications, s.certificateRate.rate, s.certificateRate.num, s.certificateRate.den, s.verificationRate.rate, s.verificationRate.num, s.verificationRate.den]
          : Array<Cell>(11).fill(null)),
        check(s, s.records, s.mismatch, s.arrived)
      ]),
      [
        L('total'),
        null,
        `${arrived.length}/${r.stations.length}`,
        null,
        sum((s) => s.screened),
        sum((s) => s.referred),
        sum((s) => s.stockOut),
        sum((s) => s.certificatesIssued),
        sum((s) => s.verifications),
        r.rates.certificate.rate,
        r.rates.certificate.num,
        r.rates.certificate.den,
        r.rates.verification.rate,
        r.rates.verification.num,
        r.rates.verification.den,
        check(r.totals.reported, r.totals.records, r.totals.mismatch, arrived.length > 0)
      ]
    ],
    true
  )
  stationsSheet.getColumn(16).alignment = { wrapText: true, vertical: 'top' }

  sheet(
    wb,
    L('sheet.screening'),
    title,
    subtitle,
    [{ header: L('col.kind'), width: 26 }, col('col.campaigns', 10), col('col.target'), col('col.toDate'), col('col.coverage', 10, PCT), col('col.inMonth'), col('col.abnormal'), col('col.referred')],
    r.screening.map((k) => [screeningWord(lang, `kind.${k.kind}`), k.campaigns, k.target, k.screenedToDate, k.coverage.rate, k.screenedInMonth, k.abnormalInMonth, k.referredInMonth])
  )

  sheet(
    wb,
    L('sheet.stock'),
    title,
    subtitle,
    [
      { header: L('col.code'), width: 14 },
      { header: L('col.product'), width: lang === 'en' ? 40 : 30 },
      { header: L('col.unit'), width: 8 },
      col('col.stationsN', 9),
      col('col.opening'),
      ...MOVE_KINDS.map((k) => ({ header: kindWord(lang, k), width: 11, fmt: '+#,##0;-#,##0;0' })),
      col('col.closing'),
      col('col.consumed')
    ],
    r.stock.map((p) => [p.code, lang === 'en' && p.nameEn ? p.nameEn : p.name, unitWord(lang, p.unit), p.stations, p.opening, ...MOVE_KINDS.map((k) => p.columns[k] ?? 0), p.closing, p.consumed])
  )

  const c = r.certificates
  const ws = sheet(wb, L('sheet.certificates'), title, subtitle, [{ header: L('col.item'), width: 30 }, col('col.value', 12, undefined), col('col.num', 10), col('col.den', 10)], [
    [L('cert.issued'), c.issued, null, null],
    [L('cert.renewed'), c.renewed, null, null],
    [L('cert.voided'), c.voided, null, null],
    [L('cert.valid'), c.validAtMonthEnd, null, null],
    [L('verif.total'), c.verifications.total, null, null],
    [L('verif.qr'), c.verifications.byQr, null, null],
    [L('verif.hand'), c.verifications.byHand, null, null],
    ...VERIFICATION_RESULTS.map((k): Cell[] => [L(`verif.${k}`), c.verifications.byResult[k] ?? 0, null, null]),
    [L('rate.certificate'), r.rates.certificate.rate, r.rates.certificate.num, r.rates.certificate.den],
    [L('rate.verification'), r.rates.verification.rate, r.rates.verification.num, r.rates.verification.den]
  ])
  for (const row of [ws.rowCount - 1, ws.rowCount]) ws.getCell(row, 2).numFmt = PCT

  const buf = Buffer.from(await wb.xlsx.writeBuffer())
  return { filename: `district-report-${own.code}-${r.period}.xlsx`, mime: XLSX_MIME, base64: buf.toString('base64') }
}
