/**
 * The booklet page (套打): only the values, each at its blank on the pre-printed form
 * (layout.ts), moved by the 'certificateBooklet' x/y offset in millimetres; the QR code in its
 * square. A value longer than its blank is set smaller rather than running into the next one.
 * One page per certificate; the page is the paper the form is printed on, at 100%.
 */
import type { Certificate } from '../../../api/certificates'
import type { Paper } from '../../../api/print'
import { PAPER, mm, type Content, type Offset } from '../../print/pdf'
import { BOOKLET_FIELDS, BOOKLET_QR, fitSize, type BookletField } from './layout'
import { qrCanvas } from './qrImage'
import type { SectionDoc } from './render'
import { certificateValues, LABELS } from './words'

/** what a printed page needs of a certificate */
export type PrintableCertificate = Pick<Certificate, 'number' | 'facts' | 'issuingAuthority' | 'issueDate' | 'validUntil' | 'qr'>

export interface PrintItem {
  certificate: PrintableCertificate
  /** which print of this certificate this is: 1 for the first */
  nth: number
}

export interface BookletOptions {
  paper: Paper
  offset: Offset
}

/**
 * A block of text at a field's blank, offset included: a one-column row of the blank's width
 * (pdfmake wraps a column at its width; a bare text would run to the paper's edge).
 */
export function placed(f: Pick<BookletField, 'x' | 'y' | 'w' | 'lines' | 'size'>, text: string, offset: Offset): Content {
  const size = fitSize(text, f.w, f.lines, f.size, f.lines > 1 ? 5.5 : 6)
  return {
    absolutePosition: { x: mm(f.x + offset.x), y: mm(f.y + offset.y) },
    columns: [{ width: mm(f.w), text, fontSize: size, lineHeight: 1, ...(f.lines === 1 ? { noWrap: true } : {}) }]
  }
}

export function bookletDoc(items: PrintItem[], o: BookletOptions): SectionDoc {
  const page = (item: PrintItem): Content => {
    const v = certificateValues(item.certificate)
    return {
      // a section is a page of its own; its content is all placed, nothing flows
      section: [
        ...BOOKLET_FIELDS.map((f) => placed(f, v[f.key], o.offset)),
        {
          absolutePosition: { x: mm(BOOKLET_QR.x + o.offset.x), y: mm(BOOKLET_QR.y + o.offset.y) },
          stack: [qrCanvas(item.certificate.qr, mm(BOOKLET_QR.size))]
        }
      ]
    } as Content
  }
  return {
    def: {
      pageSize: { width: PAPER[o.paper].width, height: PAPER[o.paper].height },
      pageOrientation: 'portrait',
      // positions are the paper's own: no margins to add
      pageMargins: [0, 0, 0, 0],
      info: { title: `${LABELS.title.zh}（套打）`, creator: 'StationDesk', producer: 'StationDesk' },
      defaultStyle: { fontSize: 10, lineHeight: 1 }
    },
    sections: items.map(page)
  }
}
