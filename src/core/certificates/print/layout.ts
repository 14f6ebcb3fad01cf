/**
 * Where the values go on the pre-printed booklet page (套打): per field, the top-left corner of
 * its blank in millimetres from the sheet's top-left corner, the blank's width, how many lines
 * it holds and the type size. The form carries the labels; StationDesk prints only the values,
 * each moved by the 'certificateBooklet' offset. The calibration page draws these same boxes.
 *
 * The form is the station's A5 booklet page (148 × 210 mm, portrait): the number top right,
 * the holder's facts down the page, the issuing authority with its seal and the dates at the
 * bottom left, the QR code's square at the bottom right.
 */
import type { LabelKey } from './words'

export interface BookletField {
  /** the value printed there (a key of CertificateValues) */
  key: BookletValue
  /** the label on the form (words.ts), shown on the calibration page */
  label: LabelKey
  /** mm from the sheet's left and top edges */
  x: number
  y: number
  /** mm */
  w: number
  /** lines the blank holds */
  lines: number
  /** points */
  size: number
}

export type BookletValue =
  | 'number'
  | 'name'
  | 'sex'
  | 'birthDate'
  | 'age'
  | 'idNumber'
  | 'hukou'
  | 'maritalStatus'
  | 'maritalDate'
  | 'spouseName'
  | 'spouseIdNumber'
  | 'boys'
  | 'girls'
  | 'contraception'
  | 'contraceptionSince'
  | 'destination'
  | 'issuingAuthority'
  | 'issueDate'
  | 'validUntil'

export const BOOKLET_FIELDS: readonly BookletField[] = [
  { key: 'number', label: 'number', x: 92, y: 17, w: 46, lines: 1, size: 10 },
  { key: 'name', label: 'name', x: 32, y: 30, w: 40, lines: 1, size: 11 },
  { key: 'sex', label: 'sex', x: 100, y: 30, w: 36, lines: 1, size: 10 },
  { key: 'birthDate', label: 'birthDate', x: 32, y: 39, w: 40, lines: 1, size: 9.5 },
  { key: 'age', label: 'age', x: 100, y: 39, w: 36, lines: 1, size: 9.5 },
  { key: 'idNumber', label: 'idNumber', x: 40, y: 48, w: 96, lines: 1, size: 10 },
  { key: 'hukou', label: 'hukou', x: 32, y: 57, w: 104, lines: 2, size: 9 },
  { key: 'maritalStatus', label: 'maritalStatus', x: 32, y: 70, w: 40, lines: 1, size: 9.5 },
  { key: 'maritalDate', label: 'maritalDate', x: 100, y: 70, w: 36, lines: 1, size: 9.5 },
  { key: 'spouseName', label: 'spouseName', x: 32, y: 79, w: 40, lines: 1, size: 10 },
  { key: 'spouseIdNumber', label: 'spouseIdNumber', x: 40, y: 88, w: 96, lines: 1, size: 10 },
  { key: 'boys', label: 'boys', x: 40, y: 97, w: 18, lines: 1, size: 10 },
  { key: 'girls', label: 'girls', x: 84, y: 97, w: 18, lines: 1, size: 10 },
  { key: 'contraception', label: 'contraception', x: 32, y: 106, w: 40, lines: 1, size: 9.5 },
  { key: 'contraceptionSince', label: 'contraceptionSince', x: 100, y: 106, w: 36, lines: 1, size: 9.5 },
  { key: 'destination', label: 'destination', x: 32, y: 115, w: 104, lines: 2, size: 9 },
  { key: 'issuingAuthority', label: 'issuingAuthority', x: 22, y: 139, w: 70, lines: 2, size: 9.5 },
  { key: 'issueDate', label: 'issueDate', x: 36, y: 160, w: 50, lines: 1, size: 9.5 },
  { key: 'validUntil', label: 'validUntil', x: 36, y: 169, w: 50, lines: 1, size: 9.5 }
]

/** the QR code's square on the form, mm (quiet zone included) */
export const BOOKLET_QR = { x: 104, y: 136, size: 30 } as const

/** the line box of Noto Sans SC at lineHeight 1 (em): ascent + descent */
export const LINE_EM = 1.448

/** mm a field's blank takes: its lines at its type size */
export const fieldHeight = (f: Pick<BookletField, 'lines' | 'size'>): number => (f.lines * f.size * LINE_EM * 25.4) / 72

/** the width of a text in em: CJK and full-width characters 1, the rest (digits, Latin) about half */
export function textEm(s: string): number {
  let em = 0
  for (const ch of s) em += /[\u2E80-\uFFEF]/u.test(ch) ? 1 : /[A-Z0-9]/.test(ch) ? 0.58 : 0.5
  return em
}

/**
 * The type size at which a text fits `lines` lines of `widthMm`: the field's own size when it
 * fits, smaller (down to `min` points) when it does not. A long address shrinks rather than
 * running over the next blank of the form.
 */
export function fitSize(s: string, widthMm: number, lines: number, size: number, min = 6): number {
  const widthPt = (widthMm * 72) / 25.4
  // a line breaks at a character, not exactly at the edge: leave one character's room per line
  const need = (pt: number) => Math.ceil((textEm(s) * pt) / Math.max(1, widthPt - pt)) <= lines
  let pt = size
  while (pt > min && !need(pt)) pt = Math.round((pt - 0.25) * 100) / 100
  return pt
}
