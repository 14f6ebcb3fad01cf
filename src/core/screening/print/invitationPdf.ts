/**
 * The invitation list (邀请名单) as a PDF, A4 by default: one section per village, each from a
 * new page, a table with the village's name repeated on every page it runs over, and columns
 * the village doctor ticks and the person signs. Full ID numbers: the village doctor checks
 * them against the ID card.
 */
import type { TableCell } from 'pdfmake/interfaces'
import { PAPER, footerTop, mm, pageSetup, renderPdf, type Content, type RenderOptions, type TDocumentDefinitions } from '../../print/pdf'
import type { PageSettings } from '../../print/personCard'
import type { InvitationData } from './invitationData'
import { LABEL_FILL, LIST_GRID } from './layout'
import { word, type Lang } from './words'

export function invitationDoc(data: InvitationData, lang: Lang, page: PageSettings): TDocumentDefinitions {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const fs = PAPER[page.paper].fontSize
  const c = data.campaign
  const a5 = page.paper === 'A5'
  const en = lang === 'en'
  // no, name, sex, age, ID number, phone, invited on, came, signature
  const widths = a5 ? [16, en ? 34 : 32, en ? 26 : 12, 16, 72, 44, 38, en ? 22 : 18, '*'] : [22, en ? 60 : 56, en ? 34 : 22, 22, 100, 66, 52, 28, '*']
  const head = (key: string, center = false): TableCell => ({ text: L(key), fillColor: LABEL_FILL, alignment: center ? 'center' : 'left' })
  const subtitle = L('inv.subtitle', { campaign: c.name, kind: L(`kind.${c.kind}`), from: c.startDate, to: c.endDate })

  const sections: Content[] = data.villages.map((v, i): Content => {
    const countText = L(`inv.count.${data.state}`, { n: v.people.length.toLocaleString('en-US') })
    const top: Content[] = [
      { text: L('inv.title'), alignment: 'center', fontSize: fs + 5, characterSpacing: en ? 0 : 2, margin: [0, 0, 0, mm(1)] },
      { text: subtitle, alignment: 'center', margin: [0, 0, 0, mm(2.5)] }
    ]
    const villageRow: TableCell[] = [{ text: `${L('inv.village', { village: v.name })}    ${countText}`, colSpan: widths.length, bold: true, border: [false, false, false, true] }, ...widths.slice(1).map(() => ({}))]
    const body: TableCell[][] = [
      villageRow,
      [head('inv.col.no', true), head('name'), head('sex'), head('age'), head('idNumber'), head('phone'), head('inv.col.invitedOn'), head('inv.col.attended', true), head('inv.col.signature')],
      ...v.people.map((p, n): TableCell[] => [
        { text: String(n + 1), alignment: 'center', color: '#555555' },
        p.name,
        L(`sex.${p.sex}`),
        { text: String(p.age), alignment: 'right' },
        { text: p.idNumber, noWrap: true },
        { text: p.phone, noWrap: true },
        { text: p.invitedOn ?? '', noWrap: true },
        p.screenedOn ? { text: '✓', alignment: 'center' } : '',
        // screened already (state `all`): the exam date where the signature would go (on A5 the date alone)
        p.screenedOn ? { text: a5 ? p.screenedOn : `${L('inv.screenedOn')} ${p.screenedOn}`, color: '#555555', fontSize: fs - 1.5, noWrap: true } : ''
      ])
    ]
    // on A5 the list is set a half point smaller, so an 18-digit ID and "Female" keep to one line
    const table: Content = { table: { headerRows: 2, dontBreakRows: true, widths, body }, layout: LIST_GRID, ...(a5 ? { fontSize: fs - 0.5 } : {}) }
    const empty: Content[] = v.people.length ? [] : [{ text: L(`inv.empty.${data.state}`), color: '#555555', margin: [0, mm(2), 0, 0] }]
    const sign: Content = { text: L('inv.sign'), margin: [0, mm(5), 0, 0], unbreakable: true }
    return { stack: [...top, table, ...empty, sign], ...(i > 0 ? { pageBreak: 'before' as const } : {}) }
  })

  const [left, , right] = pageSetup(page.paper, page.offset).pageMargins as number[]
  return {
    ...pageSetup(page.paper, page.offset),
    info: { title: `${L('inv.title')} ${c.name}`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: fs, lineHeight: 1.15 },
    content: sections,
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${data.station.name} · ${c.name} · ${L('printedOn')} ${data.printedOn}`, width: '*', fontSize: fs - 1.5, color: '#555555' },
        { text: L('page', { n: current, total }), width: 'auto', alignment: 'right', noWrap: true, fontSize: fs - 1.5, color: '#555555' }
      ],
      margin: [left, footerTop(page.paper, page.offset, 2.5, fs - 1.5), right, 0]
    })
  }
}

export async function renderInvitationPdf(data: InvitationData, lang: Lang, page: PageSettings, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(invitationDoc(data, lang, page), options)
}
