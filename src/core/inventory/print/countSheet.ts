/**
 * A stocktake's count sheet (避孕药具盘点表), A4 portrait by default: every lot on the sheet by
 * product and expiry, with what the ledger expects on the count date (left out for a blind
 * count, so the counters count rather than copy), a blank column for the count and one for the
 * reason of a difference, then signature lines for counter, witness and head.
 */
import type { TableCell } from 'pdfmake/interfaces'
import type { Stocktake } from '../../../api/inventory'
import { PAPER, footerTop, mm, renderPdf, type Content, type RenderOptions, type TDocumentDefinitions } from '../../print/pdf'
import type { PageSettings } from '../../print/personCard'
import { GREY, GRID, HEAD_FILL, portraitSetup, signatureLine } from './layout'
import { count, packSizeText, packsText, unitWord, word, type Lang } from './words'

export interface CountSheetData {
  stocktake: Stocktake
  blind: boolean
  station: { name: string; code: string }
  printedOn: string
}

export function countSheetDoc(data: CountSheetData, lang: Lang, page: PageSettings): TDocumentDefinitions {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const fs = PAPER[page.paper].fontSize
  const w = (pt: number) => Math.round(pt * (page.paper === 'A5' ? 0.7 : 1))
  const en = lang === 'en'
  const colon = en ? ': ' : '：'
  const small = fs - 1.5
  const { stocktake: st, blind, station } = data
  const head = (key: string, right = false): TableCell => ({ text: L(key), fillColor: HEAD_FILL, alignment: right ? 'right' : 'left' })
  // a row tall enough to write a number by hand
  const writeHere = (): TableCell => ({ text: ' ', margin: [0, mm(2.5), 0, mm(2.5)] })

  let lastProduct = ''
  const rows = st.lines.map((l, i): TableCell[] => {
    // every row names its product (a product may run over a page break); the repeats in grey
    const first = l.productId !== lastProduct
    lastProduct = l.productId
    const size = packSizeText(lang, l)
    const expired = l.expiry < st.date
    const packs = packsText(lang, l.expected, l)
    return [
      { text: String(i + 1), alignment: 'right', color: GREY },
      {
        stack: [
          { text: l.productName, color: first ? '#000000' : '#999999' },
          { text: `${l.productCode} · ${unitWord(lang, l.unit)}${size ? (en ? `, ${size}` : `，${size}`) : ''}`, fontSize: small, color: GREY }
        ]
      },
      { text: l.lotNumber, noWrap: true },
      { stack: [{ text: l.expiry, noWrap: true }, ...(expired ? [{ text: L('sheet.expired'), fontSize: small, color: '#b00020' }] : [])] },
      ...(blind ? [] : [{ stack: [{ text: count(l.expected) }, ...(packs ? [{ text: packs, fontSize: small, color: GREY }] : [])], alignment: 'right' } as TableCell]),
      writeHere(),
      writeHere()
    ]
  })
  const header: TableCell[] = [
    head('sheet.col.no', true),
    head('sheet.col.product'),
    head('sheet.col.lot'),
    head('sheet.col.expiry'),
    ...(blind ? [] : [head('sheet.col.expected', true)]),
    head('sheet.col.counted', true),
    head('sheet.col.note')
  ]
  const widths = [w(24), '*', w(64), w(54), ...(blind ? [] : [w(60)]), w(blind ? 90 : 64), w(blind ? 94 : 80)]

  const facts = [
    `${L('sheet.date')}${colon}${st.date}`,
    `${L('sheet.lots', { n: st.lines.length })}`,
    ...(st.status !== 'open' ? [L(`status.${st.status}`)] : []),
    ...(blind ? [L('sheet.blind')] : [])
  ]
  const content: Content[] = [
    { text: L('sheet.title'), alignment: 'center', fontSize: fs + 5, characterSpacing: en ? 0 : 2, margin: [0, 0, 0, mm(2.5)] },
    {
      columns: [
        { text: `${station.name}${en ? ` (${station.code})` : `（${station.code}）`}`, width: '*' },
        { text: `${L('printedOn')}${colon}${data.printedOn}`, width: 'auto', alignment: 'right', noWrap: true }
      ],
      columnGap: mm(3),
      margin: [0, 0, 0, mm(1)]
    },
    { text: facts.join(en ? ' · ' : '　'), margin: [0, 0, 0, mm(1)] },
    { text: L('sheet.howTo'), fontSize: small, color: GREY, margin: [0, 0, 0, mm(2)] },
    rows.length ? { table: { headerRows: 1, dontBreakRows: true, widths, body: [header, ...rows] }, layout: GRID } : { text: L('sheet.none'), color: GREY },
    signatureLine([L('sheet.sign.counter'), L('sheet.sign.witness'), L('sheet.sign.head'), L('sheet.sign.date')], colon)
  ]

  const setup = portraitSetup(page.paper, page.offset)
  const [left, , right] = setup.pageMargins as number[]
  return {
    ...setup,
    info: { title: `${L('sheet.title')} ${st.date}`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: fs, lineHeight: 1.15 },
    content,
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${station.name} · ${L('sheet.title')} ${st.date}`, width: '*', fontSize: small, color: GREY },
        { text: L('page', { n: current, total }), width: 'auto', alignment: 'right', noWrap: true, fontSize: small, color: GREY }
      ],
      margin: [left, footerTop(page.paper, page.offset, 2.5, small), right, 0]
    })
  }
}

export async function renderCountSheet(data: CountSheetData, lang: Lang, page: PageSettings, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(countSheetDoc(data, lang, page), options)
}
