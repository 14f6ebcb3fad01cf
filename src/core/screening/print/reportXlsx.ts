/**
 * The campaign report as an xlsx: one sheet per table of the PDF (summary, by village, by day,
 * conclusions, findings, referrals). Counts are numbers and rates are fractions in a percent
 * format, so the workbook can be summed and charted as it is.
 */
import ExcelJS from 'exceljs'
import { CONCLUSIONS } from '../../../api/screeningFindings'
import type { ReportData } from './reportData'
import { findingKeyLabel, sortFindings } from './slipFindings'
import { word, type Lang } from './words'
import { titledSheet, XLSX_MIME, type SheetCell } from '../../files/titledSheet'

export { XLSX_MIME }

type Cell = SheetCell
interface Col {
  header: string
  width: number
  /** percent format (the value is a fraction) */
  pct?: boolean
}

const frac = (num: number, den: number): number | null => (den > 0 ? num / den : null)

/** a sheet: the campaign's name as title, the station and date under it, a bold frozen header */
function sheet(wb: ExcelJS.Workbook, name: string, title: string, subtitle: string, cols: Col[], rows: Cell[][], boldLast = false): void {
  titledSheet(wb, name, title, subtitle, cols.map((c) => ({ header: c.header, width: c.width, fmt: c.pct ? '0.0%' : undefined })), rows, { boldLast })
}

export async function buildReportXlsx(data: ReportData, lang: Lang): Promise<Buffer> {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const { campaign: c, dashboard: d } = data
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const title = `${c.name} ${L('report.title')}`
  const subtitle = `${data.station.name} (${data.station.code})  ${L('printedOn')}: ${data.printedOn}`
  const item = { header: L('report.col.item'), width: 28 }
  const value = { header: L('report.col.value'), width: 40 }

  sheet(wb, L('report.sheet.facts'), title, subtitle, [item, value], [
    [L('report.kind'), L(`kind.${c.kind}`)],
    [L('report.status'), L(`status.${c.status}`)],
    [L('report.dates'), `${c.startDate} ~ ${c.endDate}`],
    [L('report.eligibility'), L('report.eligibilityText', { sex: L(`sex.${c.sex}`), from: c.ageFrom, to: c.ageTo })],
    [L('report.points'), data.pointNames.join(lang === 'en' ? ', ' : '、')],
    [L('report.partner'), c.partner],
    [L('report.target'), d.target],
    [L('report.eligible'), d.eligible],
    [L('report.screened'), d.screened],
    [L('report.ofTarget'), frac(d.ofTarget.num, d.ofTarget.den)],
    [L('report.ofEligible'), frac(d.ofEligible.num, d.ofEligible.den)]
  ])
  // the two rates are fractions: percent format on their cells only
  const facts = wb.getWorksheet(L('report.sheet.facts'))!
  for (const r of [facts.rowCount - 1, facts.rowCount]) facts.getCell(r, 2).numFmt = '0.0%'

  const num = (k: string) => ({ header: L(k), width: 12 })
  sheet(
    wb,
    L('report.sheet.villages'),
    title,
    L('report.abnormalNote'),
    [{ header: L('report.col.village'), width: 28 }, num('report.col.eligible'), num('report.col.screened'), { ...num('report.col.rate'), pct: true }, num('report.col.abnormal'), num('report.col.referred')],
    [
      ...data.villages.map((v): Cell[] =>
        v.servicePointId ? [v.name, v.eligible, v.screened, frac(v.screened, v.eligible), v.abnormal, v.referred] : [L('report.otherVillages'), null, v.screened, null, v.abnormal, v.referred]
      ),
      [L('report.total'), data.totals.eligible, data.totals.screened, frac(data.totals.screened, data.totals.eligible), data.totals.abnormal, data.totals.referred]
    ],
    true
  )

  sheet(wb, L('report.sheet.days'), title, subtitle, [{ header: L('report.col.date'), width: 14 }, num('report.col.count')], d.byDay.map((x) => [x.date, x.screened]))

  sheet(
    wb,
    L('report.sheet.conclusions'),
    title,
    subtitle,
    [{ header: L('report.col.conclusion'), width: 24 }, num('report.col.count'), { ...num('report.col.share'), pct: true }],
    CONCLUSIONS.map((k) => [L(`conclusion.${k}`), d.conclusions[k], frac(d.conclusions[k], d.screened)])
  )

  sheet(
    wb,
    L('report.sheet.findings'),
    title,
    subtitle,
    [{ header: L('report.col.item'), width: 32 }, { header: L('report.col.finding'), width: 40 }, num('report.col.count'), { ...num('report.col.share'), pct: true }, { header: 'key', width: 18 }],
    sortFindings(d.findings).map((f) => [...findingKeyLabel(f.key, lang), f.count, frac(f.count, d.screened), f.key])
  )

  const r = d.referrals
  sheet(wb, L('report.sheet.referrals'), title, subtitle, [item, { header: L('report.col.value'), width: 14 }], [
    [L('report.ref.total'), r.total],
    [L('report.ref.attended'), r.attended],
    [L('report.ref.lost'), r.lost],
    [L('report.ref.open'), r.open],
    [L('report.ref.overdue'), r.overdue],
    [L('report.ref.completion'), frac(r.completion.num, r.completion.den)]
  ])
  const ref = wb.getWorksheet(L('report.sheet.referrals'))!
  ref.getCell(ref.rowCount, 2).numFmt = '0.0%'

  return Buffer.from(await wb.xlsx.writeBuffer())
}
