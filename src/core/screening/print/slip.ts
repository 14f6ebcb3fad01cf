/**
 * The result slip (筛查结果告知单) handed to the person after the exam: the station, the
 * campaign, the person in full (the slip is theirs), the findings precise and in lay words, the
 * conclusion, and when referred where to go, by when, what to bring and a line to sign. A5 by
 * default, nudged by the document's saved offset.
 */
import type { ScreeningRecord } from '../../../api/screeningRecords'
import type { TableCell } from 'pdfmake/interfaces'
import { PAPER, footerTop, mm, pageSetup, renderPdf, type Content, type RenderOptions, type TDocumentDefinitions } from '../../print/pdf'
import type { PageSettings } from '../../print/personCard'
import { slipRows } from './slipFindings'
import { LABEL_FILL, SLIP_GRID, punct } from './layout'
import { word, type Lang } from './words'

export interface SlipData {
  record: ScreeningRecord
  station: { name: string; phone: string }
  printedOn: string
  lang: Lang
}

export function slipDoc(data: SlipData, page: PageSettings): TDocumentDefinitions {
  const { record: r, lang } = data
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const fs = PAPER[page.paper].fontSize
  const p = punct(lang)
  const dash = L('empty')
  const label = (key: string): TableCell => ({ text: L(key), fillColor: LABEL_FILL })
  const refer = r.referral !== null && (r.conclusion === 'abnormal_refer' || r.conclusion === 'suspected_malignancy')
  const labelW = page.paper === 'A5' ? (lang === 'en' ? 62 : 52) : lang === 'en' ? 86 : 72

  // name, sex, age / ID number, exam date / village, examiner: three rows of six cells
  const person: TableCell[][] = [
    [label('name'), { text: r.name, fontSize: fs + 1 }, label('sex'), L(`sex.${r.sex}`), label('age'), L('years', { n: r.age })],
    [label('idNumber'), { text: r.idNumber, noWrap: true, colSpan: 3 }, {}, {}, label('examDate'), { text: r.examDate, noWrap: true }],
    [label('village'), { text: r.servicePointName ?? dash, colSpan: 3 }, {}, {}, label('examiner'), r.examiner || dash]
  ]
  const a5 = page.paper === 'A5'
  const personWidths = a5 ? [labelW, '*', lang === 'en' ? 24 : 24, lang === 'en' ? 34 : 20, lang === 'en' ? 46 : 40, 62] : [labelW, '*', 32, 40, 60, 90]

  const rows = slipRows(r.findings, lang)
  const findings: TableCell[][] = [
    [label('slip.col.item'), label('slip.col.result'), label('slip.col.meaning')],
    ...rows.map((x): TableCell[] => [{ text: x.item }, { text: x.result, bold: x.notable }, { text: x.meaning || dash, color: x.meaning ? '#000000' : '#777777' }])
  ]

  const severe = r.conclusion === 'abnormal_refer' || r.conclusion === 'suspected_malignancy'
  const conclusion: Content = {
    table: {
      widths: [labelW, '*'],
      body: [[label('slip.conclusion'), { stack: [{ text: L(`conclusion.${r.conclusion}`), fontSize: fs + 2, bold: severe }, { text: L(`slip.conclusionText.${r.conclusion}`), margin: [0, 1, 0, 0] }] }]]
    },
    layout: SLIP_GRID,
    margin: [0, mm(2), 0, 0]
  }

  const referral: Content[] = []
  if (refer && r.referral) {
    const bring = [L('slip.bring.base'), L(`slip.bring.${r.kind}`)].join(lang === 'en' ? '; ' : '；')
    const body: TableCell[][] = [
      [label('slip.destination'), { text: r.referral.destination, fontSize: fs + 1 }],
      [label('slip.dueDate'), { text: r.referral.dueDate, fontSize: fs + 1, bold: true }],
      [label('slip.bring'), bring]
    ]
    if (r.referral.note?.trim()) body.push([label('slip.note'), r.referral.note.trim()])
    referral.push(
      { text: L('slip.referral'), fontSize: fs + 1.5, margin: [0, mm(2), 0, mm(1)] },
      { table: { widths: [labelW, '*'], body, dontBreakRows: true }, layout: SLIP_GRID },
      {
        unbreakable: true,
        stack: [
          { text: L('slip.ack'), margin: [0, mm(2), 0, 0] },
          {
            columns: [
              { text: `${L('slip.sign')}${p.colon}____________________`, width: '*' },
              { text: `${L('slip.signDate')}${p.colon}${lang === 'en' ? '______________' : '______年____月____日'}`, width: 'auto' }
            ],
            margin: [0, mm(3.5), 0, 0]
          }
        ]
      }
    )
  }

  const content: Content[] = [
    {
      text: [data.station.name, data.station.phone ? { text: `    ${L('slip.stationPhone')}${p.colon}${data.station.phone}`, fontSize: fs } : ''],
      alignment: 'center',
      fontSize: fs + 1,
      margin: [0, 0, 0, mm(0.5)]
    },
    { text: L('slip.title'), alignment: 'center', fontSize: fs + 5, characterSpacing: lang === 'en' ? 0 : 2, margin: [0, 0, 0, mm(1.5)] },
    {
      columns: [
        { text: `${L('slip.campaign')}${p.colon}${r.campaignName}${p.paren(L(`kind.${r.kind}`))}`, width: '*' },
        { text: `${L('printedOn')}${p.colon}${data.printedOn}`, width: 'auto', noWrap: true, alignment: 'right' }
      ],
      columnGap: mm(3),
      margin: [0, 0, 0, mm(1.5)]
    },
    { table: { widths: personWidths, body: person }, layout: SLIP_GRID },
    { text: L('slip.findings'), fontSize: fs + 1.5, margin: [0, mm(2), 0, mm(1)] },
    { table: { headerRows: 1, dontBreakRows: true, widths: [a5 ? (lang === 'en' ? 64 : 70) : 100, '*', '*'], body: findings }, layout: SLIP_GRID },
    conclusion,
    ...referral
  ]

  const [left, , right] = pageSetup(page.paper, page.offset).pageMargins as number[]
  return {
    ...pageSetup(page.paper, page.offset),
    info: { title: `${L('slip.title')} ${r.name}`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: fs, lineHeight: 1.1 },
    content,
    footer: (current: number, total: number) => ({
      columns: [
        { text: L('slip.footer'), width: '*', fontSize: fs - 1.5, color: '#555555' },
        ...(total > 1 ? [{ text: L('page', { n: current, total }), width: 'auto' as const, alignment: 'right' as const, noWrap: true, fontSize: fs - 1.5, color: '#555555' }] : [])
      ],
      margin: [left, footerTop(page.paper, page.offset, 2.5, fs - 1.5), right, 0]
    })
  }
}

export async function renderSlip(data: SlipData, page: PageSettings, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(slipDoc(data, page), options)
}
