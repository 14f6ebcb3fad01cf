/**
 * The monthly stock report (避孕药具月报表) as a PDF, A4 landscape by default: per product the
 * opening, one column per kind of move (signed: in +, out −), the closing, the average monthly
 * consumption and the months of stock — the numbers of monthlyReport as they are, so each row
 * adds up on paper (opening + moves = closing). Opening and closing show their packs below.
 */
import type { TableCell } from 'pdfmake/interfaces'
import { MOVE_KINDS, type MonthlyReport, type MonthlyReportRow } from '../../../api/inventory'
import { footerTop, mm, renderPdf, type Content, type RenderOptions, type TDocumentDefinitions } from '../../print/pdf'
import type { PageSettings } from '../../print/personCard'
import { GREY, GRID, HEAD_FILL, landscapeSetup, signatureLine } from './layout'
import { count, kindWord, packSizeText, packsText, signed, unitWord, word, type Lang } from './words'

export interface StockReportData {
  report: MonthlyReport
  station: { name: string; code: string }
  printedOn: string
}

/** the report's type size: A4 landscape holds 15 columns at 8 pt; A5 scales everything down */
const SIZE = { A4: { fs: 8, scale: 1 }, A5: { fs: 5.8, scale: 0.7 } }

export function stockReportDoc(data: StockReportData, lang: Lang, page: PageSettings): TDocumentDefinitions {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const { fs, scale } = SIZE[page.paper]
  const w = (pt: number) => Math.round(pt * scale)
  const en = lang === 'en'
  const colon = en ? ': ' : '：'
  const small = fs - 1.5
  const head = (text: string, extra: Partial<Record<string, unknown>> = {}): TableCell => ({ text, fillColor: HEAD_FILL, alignment: 'center', ...extra }) as TableCell
  const quantity = (q: number, r: MonthlyReportRow, bold = false): TableCell => {
    const packs = packsText(lang, q, r)
    return { stack: [{ text: count(q), bold }, ...(packs ? [{ text: packs, fontSize: small, color: GREY }] : [])], alignment: 'right' }
  }
  const change = (q: number): TableCell => (q === 0 ? { text: '' } : { text: signed(q), alignment: 'right', noWrap: true })
  const decimal = (v: number | null): TableCell => ({ text: v === null ? L('empty') : v.toLocaleString('en-US', { maximumFractionDigits: 1 }), alignment: 'right' })

  const product = (r: MonthlyReportRow): TableCell => {
    const size = packSizeText(lang, r)
    const name = en && r.nameEn ? r.nameEn : r.name
    return {
      stack: [
        { text: name },
        { text: `${r.code} · ${unitWord(lang, r.unit)}${size ? (en ? `, ${size}` : `，${size}`) : ''}`, fontSize: small, color: GREY }
      ]
    }
  }

  const kinds = MOVE_KINDS.length
  const body: TableCell[][] = [
    [
      head(L('report.col.product'), { rowSpan: 2, alignment: 'left' }),
      head(L('report.col.opening'), { rowSpan: 2 }),
      head(L('report.moves'), { colSpan: kinds }),
      ...Array.from({ length: kinds - 1 }, (): TableCell => ({ text: '' })),
      head(L('report.col.closing'), { rowSpan: 2 }),
      head(L('report.col.amc'), { rowSpan: 2 }),
      head(L('report.col.months'), { rowSpan: 2 })
    ],
    [{ text: '' }, { text: '' }, ...MOVE_KINDS.map((k) => head(kindWord(lang, k), { fontSize: en ? small : fs })), { text: '' }, { text: '' }, { text: '' }],
    ...data.report.rows.map((r): TableCell[] => [product(r), quantity(r.opening, r), ...MOVE_KINDS.map((k) => change(r.columns[k])), quantity(r.closing, r, true), decimal(r.amc), decimal(r.monthsOfStock)])
  ]

  const { report, station } = data
  const content: Content[] = [
    { text: L('report.title'), alignment: 'center', fontSize: fs + 6, characterSpacing: en ? 0 : 2, margin: [0, 0, 0, mm(1)] },
    { text: L('report.period', { from: report.from, to: report.to }), alignment: 'center', fontSize: fs + 1, margin: [0, 0, 0, mm(2.5)] },
    {
      columns: [
        { text: `${station.name}${en ? ` (${station.code})` : `（${station.code}）`}`, width: '*' },
        { text: L('report.units'), width: 'auto', color: GREY, fontSize: small },
        { text: `${L('printedOn')}${colon}${data.printedOn}`, width: 'auto', alignment: 'right', noWrap: true }
      ],
      columnGap: mm(4),
      margin: [0, 0, 0, mm(1.5)]
    },
    report.rows.length
      ? {
          table: {
            headerRows: 2,
            dontBreakRows: true,
            widths: ['*', w(46), ...MOVE_KINDS.map(() => w(33)), w(46), w(34), w(en ? 38 : 34)],
            body
          },
          layout: GRID
        }
      : { text: L('report.none'), color: GREY },
    { text: L('report.note'), fontSize: small, color: GREY, margin: [0, mm(1.5), 0, 0] },
    signatureLine([L('report.sign.maker'), L('report.sign.head'), L('report.sign.date')], colon)
  ]

  const setup = landscapeSetup(page.paper, page.offset)
  const [left, , right] = setup.pageMargins as number[]
  return {
    ...setup,
    info: { title: `${L('report.title')} ${report.period}`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: fs, lineHeight: 1.15 },
    content,
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${station.name} · ${L('report.title')} ${report.period}`, width: '*', fontSize: small, color: GREY },
        { text: L('page', { n: current, total }), width: 'auto', alignment: 'right', noWrap: true, fontSize: small, color: GREY }
      ],
      margin: [left, footerTop(page.paper, page.offset, 2.5, small), right, 0]
    })
  }
}

export async function renderStockReportPdf(data: StockReportData, lang: Lang, page: PageSettings, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(stockReportDoc(data, lang, page), options)
}
