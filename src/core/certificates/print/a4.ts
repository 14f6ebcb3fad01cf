/**
 * The full certificate on plain paper (A4; on A5 the same page scaled down): a double frame,
 * the number and title, the holder's facts in a ruled table and the statement flow from the top;
 * the QR code with its caption, the issuing authority with the seal's place and the dates, the
 * holder's notes and the legal basis stand at fixed places below, like a printed form. Each
 * certificate is a pdfmake section (its own page, its own background), so a batch is one PDF and
 * no page can carry another certificate's QR. The page moves by the document's x/y offset.
 */
import type { ContextPageSize, TableCell, TableLayout } from 'pdfmake/interfaces'
import type { Paper } from '../../../api/print'
import { PAPER, mm, type Content, type Offset } from '../../print/pdf'
import type { PrintItem } from './booklet'
import { fitSize } from './layout'
import { qrCanvas } from './qrImage'
import type { SectionDoc } from './render'
import { certificateValues, LABELS, LEGAL_BASIS, NOTES, STATEMENT, type LabelKey, type Lang } from './words'

export interface A4Options {
  lang: Lang
  paper: Paper
  offset: Offset
  /** YYYY-MM-DD, the station's today */
  printedOn: string
}

const RED = '#a3171b'
const INK = '#1a1a1a'
const GREY = '#5c5c5c'
const FILL = '#f6f1e7'
const SEAL = '#c9a3a3'

/** the A4 design, mm from the paper's top left */
const D = { marginX: 21, top: 19, frame: 9, signTop: 198, notesTop: 244.5, footTop: 280.5 } as const
/** a table column's padding, left and right together (mm) */
const PAD = (12 * 25.4) / 72
const CONTENT_W = 210 - 2 * D.marginX
/** the notes' box height, mm */
const NOTES_H = 29
const NOTES_TEXT = NOTES.map((n, i) => `${i + 1}. ${n}`).join('\n')

/** the design is drawn for A4; A5 is the same page at 1/√2 */
const scaleOf = (paper: Paper) => (paper === 'A4' ? 1 : PAPER.A5.width / PAPER.A4.width)

export function a4Doc(items: PrintItem[], o: A4Options): SectionDoc {
  const s = scaleOf(o.paper)
  const u = (v: number) => mm(v * s)
  const pt = (v: number) => Math.round(v * s * 100) / 100
  const en = o.lang === 'en'
  // the offset is the printer's, in real millimetres: never scaled with the design
  const ox = mm(o.offset.x)
  const oy = mm(o.offset.y)
  const at = (x: number, y: number) => ({ x: u(x) + ox, y: u(y) + oy })
  const sub = (key: LabelKey, extra: object = {}): Content[] => (en ? [{ text: LABELS[key].en, fontSize: pt(6.5), color: GREY, ...extra }] : [])

  const labelCell = (key: LabelKey): TableCell =>
    ({
      stack: [{ text: LABELS[key].zh, fontSize: pt(en ? 10 : 10.5), lineHeight: en ? 1.05 : 1.15 }, ...sub(key, { lineHeight: 1 })],
      fillColor: FILL,
      alignment: 'center',
      verticalAlignment: 'middle'
    }) as TableCell
  const value = (text: string, extra: object = {}): TableCell => ({ text, fontSize: pt(11.5), verticalAlignment: 'middle', ...extra }) as TableCell
  const labelMm = en ? 33 : 30
  // pdfmake's widths are the cells' text widths: the paddings come on top
  const narrowMm = CONTENT_W - 2 * labelMm - 52 - 4 * PAD
  const wideMm = CONTENT_W - labelMm - 2 * PAD
  /** a long value set smaller, so it keeps to `lines` lines of its cell (one more, smaller still, for the longest) */
  const fitted = (text: string, widthMm: number, lines: number, size: number, extra: object = {}): TableCell => {
    let fit = fitSize(text, widthMm, lines, size, 8)
    if (fit <= 8) fit = fitSize(text, widthMm, lines + 1, 8, 7)
    return value(text, { fontSize: pt(fit), ...extra })
  }

  const grid: TableLayout = {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? pt(1.2) : pt(0.5)),
    vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? pt(1.2) : pt(0.5)),
    hLineColor: () => '#4a4a4a',
    vLineColor: () => '#4a4a4a',
    paddingLeft: () => pt(6),
    paddingRight: () => pt(6),
    paddingTop: () => pt(en ? 3.5 : 6.5),
    paddingBottom: () => pt(en ? 2.5 : 5.5)
  }

  /** what flows from the top: number, title, facts, statement */
  const flow = (item: PrintItem): Content[] => {
    const v = certificateValues(item.certificate)
    const facts: TableCell[][] = [
      [labelCell('name'), fitted(v.name, narrowMm, 1, 14, { characterSpacing: [...v.name].length <= 4 ? pt(2) : 0 }), labelCell('sex'), value(v.sex)],
      [labelCell('birthDate'), value(v.birthDate), labelCell('age'), value(v.age)],
      [labelCell('idNumber'), value(v.idNumber, { colSpan: 3, fontSize: pt(13), characterSpacing: pt(1.5) }), {}, {}],
      [labelCell('hukou'), fitted(v.hukou, wideMm, 2, 11.5, { colSpan: 3 }), {}, {}],
      [labelCell('maritalStatus'), value(v.maritalStatus), labelCell(v.maritalDateLabel), value(v.maritalDate)],
      [labelCell('spouseName'), fitted(v.spouseName, narrowMm, 1, 11.5), labelCell('spouseIdNumber'), value(v.spouseIdNumber, { characterSpacing: pt(0.5), noWrap: true })],
      [labelCell('children'), value(v.children, { colSpan: 3 }), {}, {}],
      [labelCell('contraception'), value(v.contraception), labelCell('contraceptionSince'), value(v.contraceptionSince)],
      [labelCell('destination'), fitted(v.destination, wideMm, 2, 11.5, { colSpan: 3 }), {}, {}]
    ]
    return [
      // the number, top right, in red as on official stock
      {
        text: [{ text: `${LABELS.number.zh}${en ? ` ${LABELS.number.en}` : ''}  `, color: GREY, fontSize: pt(9) }, { text: v.number, color: RED, fontSize: pt(12), characterSpacing: pt(0.6) }],
        alignment: 'right',
        margin: [0, 0, 0, u(3)]
      },
      { text: LABELS.title.zh, fontSize: pt(29), color: RED, alignment: 'center', characterSpacing: pt(9), margin: [pt(9), 0, 0, 0] },
      ...(en ? [{ text: LABELS.title.en, fontSize: pt(10), color: GREY, alignment: 'center' as const, margin: [0, u(0.5), 0, 0] as [number, number, number, number] }] : []),
      // a thick and a thin rule under the title
      {
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: u(CONTENT_W), y2: 0, lineWidth: pt(1.6), lineColor: RED },
          { type: 'line', x1: 0, y1: u(1.2), x2: u(CONTENT_W), y2: u(1.2), lineWidth: pt(0.5), lineColor: RED }
        ],
        margin: [0, u(3), 0, u(en ? 5 : 7)]
      },
      { table: { widths: [u(labelMm), '*', u(labelMm), u(52)], body: facts, dontBreakRows: true }, layout: grid },
      { text: STATEMENT, fontSize: pt(11), margin: [pt(22), u(en ? 3.5 : 5), 0, 0], color: INK }
    ]
  }

  /** what stands at fixed places: the frame, the QR, the authority and dates, the notes, the legal basis */
  const fixed = (item: PrintItem, size: ContextPageSize): Content[] => {
    const v = certificateValues(item.certificate)
    const qrSize = u(32)
    const seal = u(38)
    const dateLine = (key: LabelKey, text: string): Content[] => [
      { text: [{ text: `${LABELS[key].zh}：` }, { text, fontSize: pt(12) }], fontSize: pt(10.5), lineHeight: 1.05, margin: [0, pt(en ? 2 : 4), 0, 0] },
      ...sub(key, { lineHeight: 1 })
    ]
    return [
      frame(size),
      { absolutePosition: at(D.marginX, D.signTop), stack: [qrCanvas(item.certificate.qr, qrSize)] },
      // columns of a set width: a bare text at an absolute position would run to the paper's edge
      {
        absolutePosition: at(D.marginX, D.signTop + 32.5),
        columns: [{ width: qrSize, stack: [{ text: LABELS.qr.zh, characterSpacing: pt(2) }, ...sub('qr')], alignment: 'center', fontSize: pt(10) }]
      },
      // the seal's place: a dashed circle over the authority's name and the date
      {
        absolutePosition: at(D.marginX + CONTENT_W - 41, D.signTop + 1),
        canvas: [{ type: 'ellipse', x: seal / 2, y: seal / 2, r1: seal / 2, r2: seal / 2, lineColor: SEAL, lineWidth: pt(0.6), dash: { length: pt(3), space: pt(2.5) } }]
      },
      { absolutePosition: at(D.marginX + CONTENT_W - 41 + 19 - 4.4, D.signTop + 1 + 27), text: LABELS.sealMark.zh, color: SEAL, fontSize: pt(10) },
      {
        absolutePosition: at(D.marginX + CONTENT_W - 100, D.signTop),
        columns: [
          {
            width: u(100),
            stack: [
              { text: [LABELS.issuingAuthority.zh, { text: LABELS.seal.zh, color: GREY, fontSize: pt(9) }, '：'], fontSize: pt(10.5), lineHeight: 1.05 },
              ...sub('issuingAuthority', { lineHeight: 1 }),
              { text: v.issuingAuthority, fontSize: pt(fitSize(v.issuingAuthority, 98, 2, 12.5, 9)), margin: [0, pt(en ? 2 : 4), 0, pt(en ? 2 : 6)], lineHeight: 1.1 },
              ...dateLine('issueDate', v.issueDate),
              ...dateLine('validUntil', v.validUntil)
            ]
          }
        ]
      },
      // the notes: a light box with the four lines in it (one text: the same on every page)
      {
        absolutePosition: at(D.marginX, D.notesTop),
        canvas: [{ type: 'rect', x: 0, y: 0, w: u(CONTENT_W), h: u(NOTES_H), lineWidth: pt(0.5), lineColor: '#9a9a9a' }]
      },
      {
        absolutePosition: at(D.marginX + 3, D.notesTop + 2),
        columns: [
          {
            width: u(CONTENT_W - 6),
            stack: [
              { text: en ? `${LABELS.notes.zh}  ${LABELS.notes.en}` : LABELS.notes.zh, fontSize: pt(10), margin: [0, 0, 0, pt(2.5)] },
              { text: NOTES_TEXT, fontSize: pt(8.3), color: '#333333', lineHeight: 1.25 }
            ]
          }
        ]
      },
      {
        absolutePosition: at(D.marginX, D.footTop),
        columns: [
          { text: LEGAL_BASIS, fontSize: pt(8), color: GREY, width: u(CONTENT_W - 45) },
          { text: `打印 ${o.printedOn}${item.nth > 1 ? `（第 ${item.nth} 次）` : ''}`, fontSize: pt(7.5), color: '#8a8a8a', alignment: 'right', width: u(45) }
        ]
      }
    ]
  }

  // the frame, moved with the offset: a heavy and a light line, with corner marks
  const frame = (size: ContextPageSize): Content => {
    const x0 = u(D.frame) + ox
    const y0 = u(D.frame) + oy
    const w = size.width - 2 * u(D.frame)
    const h = size.height - 2 * u(D.frame)
    const gap = u(1.8)
    const c = u(7)
    const corners = [
      [x0 + gap * 2, y0 + gap * 2, 1, 1],
      [x0 + w - gap * 2, y0 + gap * 2, -1, 1],
      [x0 + gap * 2, y0 + h - gap * 2, 1, -1],
      [x0 + w - gap * 2, y0 + h - gap * 2, -1, -1]
    ]
    return {
      canvas: [
        { type: 'rect', x: x0, y: y0, w, h, lineWidth: pt(1.8), lineColor: RED },
        { type: 'rect', x: x0 + gap, y: y0 + gap, w: w - 2 * gap, h: h - 2 * gap, lineWidth: pt(0.5), lineColor: RED },
        ...corners.map(([x, y, dx, dy]) => ({
          type: 'polyline' as const,
          points: [
            { x, y: y + dy * c },
            { x, y },
            { x: x + dx * c, y }
          ],
          lineWidth: pt(0.9),
          lineColor: RED
        }))
      ]
    }
  }

  const def: SectionDoc['def'] = {
    pageSize: { width: PAPER[o.paper].width, height: PAPER[o.paper].height },
    pageOrientation: 'portrait',
    // the flow stops above the signature block
    pageMargins: [u(D.marginX) + ox, u(D.top) + oy, u(D.marginX) - ox, u(297 - D.signTop + 2) - oy],
    info: { title: items.length === 1 ? `${LABELS.title.zh} ${items[0].certificate.number}` : `${LABELS.title.zh}（${items.length}）`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: pt(10.5), lineHeight: 1.15, color: INK }
  }
  return { def, sections: items.map((item) => ({ section: flow(item), background: (_page: number, size: ContextPageSize) => ({ stack: fixed(item, size) }) })) }
}
