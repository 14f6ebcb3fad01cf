/**
 * Per document kind: the paper and the x/y offset (mm), kept in the meta table under
 * `print.paper.<doc>` and `print.offset.<doc>` (JSON `{ "x": mm, "y": mm }`).
 */
import { PAPERS, PRINT_DOCS, type Paper, type PrintDoc, type PrintDocSettings } from '../../api/print'
import type { Sqlite } from '../db/open'
import { getMeta, setMeta } from '../meta'

/** the paper each document is made for */
export const DEFAULT_PAPER: Record<PrintDoc, Paper> = {
  personCard: 'A4',
  screeningSlip: 'A5',
  screeningReport: 'A4',
  invitationList: 'A4',
  stockReport: 'A4',
  countSheet: 'A4',
  certificate: 'A4',
  certificateBooklet: 'A5'
}

const offsetKey = (doc: PrintDoc) => `print.offset.${doc}`
const paperKey = (doc: PrintDoc) => `print.paper.${doc}`

/** offsets are kept to a tenth of a millimetre: finer means nothing on paper */
const tenth = (v: number) => Math.round(v * 10) / 10

function parseOffset(raw: string | null): { x: number; y: number } {
  if (!raw) return { x: 0, y: 0 }
  try {
    const o = JSON.parse(raw) as { x?: unknown; y?: unknown }
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
    return { x: num(o.x), y: num(o.y) }
  } catch {
    return { x: 0, y: 0 }
  }
}

export function readPrintSettings(sqlite: Sqlite, doc: PrintDoc): PrintDocSettings {
  const paper = getMeta(sqlite, paperKey(doc))
  const { x, y } = parseOffset(getMeta(sqlite, offsetKey(doc)))
  return {
    doc,
    paper: (PAPERS as readonly string[]).includes(paper ?? '') ? (paper as Paper) : DEFAULT_PAPER[doc],
    offsetX: x,
    offsetY: y,
    defaultPaper: DEFAULT_PAPER[doc]
  }
}

export function allPrintSettings(sqlite: Sqlite): PrintDocSettings[] {
  return PRINT_DOCS.map((d) => readPrintSettings(sqlite, d))
}

export function savePrintSettings(sqlite: Sqlite, input: { doc: PrintDoc; paper: Paper; offsetX: number; offsetY: number }): PrintDocSettings {
  setMeta(sqlite, paperKey(input.doc), input.paper)
  setMeta(sqlite, offsetKey(input.doc), JSON.stringify({ x: tenth(input.offsetX), y: tenth(input.offsetY) }))
  return readPrintSettings(sqlite, input.doc)
}
