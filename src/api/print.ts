/**
 * Printed documents: per document kind, the paper (A4 / A5) and an x/y offset in millimetres
 * that nudges everything on the page, for printing onto pre-printed forms (套打).
 */
import { z } from 'zod'
import { method } from './contract'
import { empty } from './common'

/** the kinds of printed documents; later issues add theirs (certificates, slips …) */
export const PRINT_DOCS = ['personCard', 'screeningSlip', 'screeningReport', 'invitationList', 'stockReport', 'countSheet', 'certificate', 'certificateBooklet'] as const
export type PrintDoc = (typeof PRINT_DOCS)[number]

export const PAPERS = ['A4', 'A5'] as const
export type Paper = (typeof PAPERS)[number]

/** how far a document may be nudged, in millimetres, either way */
export const MAX_OFFSET_MM = 20

export interface PrintDocSettings {
  doc: PrintDoc
  paper: Paper
  /** millimetres; positive moves the content right */
  offsetX: number
  /** millimetres; positive moves the content down */
  offsetY: number
  /** the paper this document is made for, when nothing is saved */
  defaultPaper: Paper
}

const offset = z
  .number({ message: 'number' })
  .min(-MAX_OFFSET_MM, { message: 'offset_range' })
  .max(MAX_OFFSET_MM, { message: 'offset_range' })

export const savePrintSettingsInput = z.object({
  doc: z.enum(PRINT_DOCS),
  paper: z.enum(PAPERS),
  offsetX: offset.default(0),
  offsetY: offset.default(0)
})

export const printApi = {
  /** every document kind with its paper and offset */
  'print.settings': method<PrintDocSettings[]>()({ input: empty, roles: ['admin', 'head', 'clinician', 'clerk'], kind: 'read' }),
  'print.saveSettings': method<PrintDocSettings>()({ input: savePrintSettingsInput, roles: ['admin', 'head'], kind: 'write' })
}
