/**
 * The campaign report (筛查活动总结报告) as a PDF, A4 by default: the campaign's facts and
 * coverage, by village, by day, the conclusions, the kind's main findings and the referrals'
 * completion. Counts and rates only.
 */
import type { TableCell } from 'pdfmake/interfaces'
import { CONCLUSIONS } from '../../../api/screeningFindings'
import { PAPER, footerTop, mm, pageSetup, renderPdf, type Content, type RenderOptions, type TDocumentDefinitions } from '../../print/pdf'
import type { PageSettings } from '../../print/personCard'
import { GRID, LABEL_FILL, punct } from './layout'
import type { ReportData } from './reportData'
import { findingKeyLabel, sortFindings } from './slipFindings'
import { count, percent, word, type Lang } from './words'

/** days per row of the by-day grid (date + count pairs side by side) */
const DAY_PAIRS = 4

export function reportDoc(data: ReportData, lang: Lang, page: PageSettings): TDocumentDefinitions {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const fs = PAPER[page.paper].fontSize
  const p = punct(lang)
  const { campaign: c, dashboard: d } = data
  const dash = L('empty')
  const head = (key: string, right = false): TableCell => ({ text: L(key), fillColor: LABEL_FILL, alignment: right ? 'right' : 'left' })
  const n = (v: number, bold = false): TableCell => ({ text: count(v), alignment: 'right', bold })
  const pct = (num: number, den: number, bold = false): TableCell => ({ text: percent(num, den), alignment: 'right', bold })
  /** a section heading; `alone` when its table follows in the flow (not in one unbreakable block): a heading low on the page then moves to the next */
  const section = (key: string, alone = true): Content => ({ text: L(key), fontSize: fs + 1.5, margin: [0, mm(4), 0, mm(1)], ...(alone ? { headlineLevel: 1 } : {}) })
  const ratio = (num: number, den: number) => `${count(num)} / ${count(den)}${p.paren(percent(num, den))}`
  /** fixed widths are A4's; A5 takes them at 70 % */
  const w = (pt: number) => Math.round(pt * (page.paper === 'A5' ? 0.7 : 1))
  const labelW = w(lang === 'en' ? 100 : 80)

  const facts: TableCell[][] = [
    [head('report.kind'), L(`kind.${c.kind}`), head('report.status'), L(`status.${c.status}`)],
    [head('report.dates'), `${c.startDate} ~ ${c.endDate}`, head('report.eligibility'), L('report.eligibilityText', { sex: L(`sex.${c.sex}`), from: c.ageFrom, to: c.ageTo })],
    [head('report.points'), { text: data.pointNames.join(lang === 'en' ? ', ' : '、') || dash, colSpan: 3 }, {}, {}],
    [head('report.partner'), c.partner || dash, head('report.target'), n(d.target)],
    [head('report.eligible'), n(d.eligible), head('report.screened'), n(d.screened)],
    [head('report.ofTarget'), { text: ratio(d.ofTarget.num, d.ofTarget.den), alignment: 'right' }, head('report.ofEligible'), { text: ratio(d.ofEligible.num, d.ofEligible.den), alignment: 'right' }]
  ]

  const villages: TableCell[][] = [
    [head('report.col.village'), head('report.col.eligible', true), head('report.col.screened', true), head('report.col.rate', true), head('report.col.abnormal', true), head('report.col.referred', true)],
    ...data.villages.map((v): TableCell[] => [
      v.servicePointId ? v.name : { text: L('report.otherVillages'), color: '#555555' },
      v.servicePointId ? n(v.eligible) : { text: dash, alignment: 'right' },
      n(v.screened),
      v.servicePointId ? pct(v.screened, v.eligible) : { text: dash, alignment: 'right' },
      n(v.abnormal),
      n(v.referred)
    ]),
    [{ text: L('report.total'), bold: true }, n(data.totals.eligible, true), n(data.totals.screened, true), pct(data.totals.screened, data.totals.eligible, true), n(data.totals.abnormal, true), n(data.totals.referred, true)]
  ]

  const dayRows: TableCell[][] = []
  for (let i = 0; i < d.byDay.length; i += DAY_PAIRS) {
    const row: TableCell[] = []
    for (let j = 0; j < DAY_PAIRS; j++) {
      const day = d.byDay[i + j]
      row.push(day ? { text: day.date, noWrap: true } : '', day ? n(day.screened) : '')
    }
    dayRows.push(row)
  }
  const dayHead: TableCell[] = Array.from({ length: DAY_PAIRS }, () => [head('report.col.date'), head('report.col.count', true)]).flat()

  const conclusions: TableCell[][] = [
    [head('report.col.conclusion'), head('report.col.count', true), head('report.col.share', true)],
    ...CONCLUSIONS.map((k): TableCell[] => [L(`conclusion.${k}`), n(d.conclusions[k]), pct(d.conclusions[k], d.screened)])
  ]

  const findings = sortFindings(d.findings)
  let lastGroup = ''
  const findingRows: TableCell[][] = [
    [head('report.col.item'), head('report.col.finding'), head('report.col.count', true), head('report.col.share', true)],
    ...findings.map((f): TableCell[] => {
      const [group, value] = findingKeyLabel(f.key, lang)
      // every row names its group (a group may run over a page break); the repeats in grey
      const first = group !== lastGroup
      lastGroup = group
      return [{ text: group, color: first ? '#000000' : '#999999' }, value, n(f.count), pct(f.count, d.screened)]
    })
  ]

  const r = d.referrals
  const referrals: TableCell[][] = [
    [head('report.ref.total'), n(r.total), head('report.ref.attended'), n(r.attended)],
    [head('report.ref.lost'), n(r.lost), head('report.ref.open'), n(r.open)],
    [head('report.ref.overdue'), n(r.overdue), head('report.ref.completion'), { text: ratio(r.completion.num, r.completion.den), alignment: 'right' }]
  ]

  // a new node each time: pdfmake writes its layout into the nodes, so one node placed twice prints once
  const none = (): Content => ({ text: L('report.none'), color: '#555555' })
  const content: Content[] = [
    { text: `${c.name}`, alignment: 'center', fontSize: fs + 5, margin: [0, 0, 0, mm(1)] },
    { text: L('report.title'), alignment: 'center', fontSize: fs + 2, characterSpacing: lang === 'en' ? 0 : 2, margin: [0, 0, 0, mm(2.5)] },
    {
      columns: [
        { text: `${data.station.name}${p.paren(data.station.code)}`, width: '*', fontSize: fs - 0.5 },
        { text: `${L('printedOn')}${p.colon}${data.printedOn}`, width: 'auto', alignment: 'right', noWrap: true, fontSize: fs - 0.5 }
      ],
      columnGap: mm(3),
      margin: [0, 0, 0, mm(1.5)]
    },
    { text: L('report.facts'), fontSize: fs + 1.5, margin: [0, 0, 0, mm(1)] },
    { table: { widths: [labelW, '*', labelW, '*'], body: facts, dontBreakRows: true }, layout: GRID },
    section('report.byVillage'),
    { table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: ['*', ...Array.from({ length: 5 }, () => w(56))], body: villages }, layout: GRID },
    { text: L('report.abnormalNote'), fontSize: fs - 1.5, color: '#555555', margin: [0, mm(1), 0, 0] },
    section('report.byDay'),
    dayRows.length ? { table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: Array.from({ length: DAY_PAIRS }, () => ['*', w(40)]).flat(), body: [dayHead, ...dayRows] }, layout: GRID } : none(),
    {
      unbreakable: true,
      stack: [section('report.conclusions', false), { table: { widths: ['*', w(70), w(70)], body: conclusions }, layout: GRID }]
    },
    section('report.findings'),
    findings.length ? { table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: [w(170), '*', w(70), w(70)], body: findingRows }, layout: GRID } : none(),
    { unbreakable: true, stack: [section('report.referrals', false), { table: { widths: [w(lang === 'en' ? 150 : 130), '*', w(lang === 'en' ? 150 : 130), '*'], body: referrals }, layout: GRID }] }
  ]

  const [left, , right] = pageSetup(page.paper, page.offset).pageMargins as number[]
  return {
    ...pageSetup(page.paper, page.offset),
    info: { title: `${L('report.title')} ${c.name}`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: fs, lineHeight: 1.15 },
    content,
    // a section's heading low on a page starts the next page with its table
    pageBreakBefore: (node) => node.headlineLevel === 1 && (node.startPosition?.verticalRatio ?? 0) > 0.88,
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${data.station.name} · ${c.name}`, width: '*', fontSize: fs - 1.5, color: '#555555' },
        { text: L('page', { n: current, total }), width: 'auto', alignment: 'right', noWrap: true, fontSize: fs - 1.5, color: '#555555' }
      ],
      margin: [left, footerTop(page.paper, page.offset, 2.5, fs - 1.5), right, 0]
    })
  }
}

export async function renderReportPdf(data: ReportData, lang: Lang, page: PageSettings, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(reportDoc(data, lang, page), options)
}
