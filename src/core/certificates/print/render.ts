/**
 * One PDF of many certificates, laid out and rendered a few pages at a time, giving way between
 * them. pdfmake's createPdf lays out and renders a whole document in one synchronous stretch: a
 * batch of 500 certificates would hold the process for seconds, with no progress to show and no
 * cancel to honour. Here each certificate is a pdfmake section (its own page), and the pieces of
 * pdfmake that createPdf strings together (its pdfkit document, LayoutBuilder, Renderer) are
 * driven by hand: one pdfkit document, so the font is subset once for the whole batch; a layout
 * and render per chunk of sections; `between` after each chunk (progress, a checkpoint where a
 * cancel takes effect). Should pdfmake's internals ever move, the batch falls back to createPdf
 * in one stretch (same document, progress only at the end).
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import pdfmake from 'pdfmake'
import { FONT, ensureFonts, renderPdf, type Content, type TDocumentDefinitions } from '../../print/pdf'

/** a document whose content is one section per certificate */
export interface SectionDoc {
  def: Omit<TDocumentDefinitions, 'content'>
  sections: Content[]
}

export interface ChunkOptions {
  /** sections per layout pass */
  chunk?: number
  compress?: boolean
  /** after each chunk: how many sections are rendered so far (may throw to stop) */
  between?: (done: number) => Promise<void>
}

interface PdfKitDoc {
  on(event: 'data', fn: (b: Buffer) => void): void
  on(event: 'end' | 'error', fn: (e?: Error) => void): void
  end(): void
}
interface Internals {
  PDFDocument: new (fonts: unknown, images: unknown, patterns: unknown, attachments: unknown, options: unknown, vfs: unknown, policy: unknown) => PdfKitDoc
  LayoutBuilder: new (
    pageSize: unknown,
    margins: unknown,
    svgMeasure: unknown
  ) => { registerTableLayouts(l: unknown): void; layoutDocument(content: unknown, doc: PdfKitDoc, styles: unknown, defaultStyle: unknown, ...rest: unknown[]): unknown[] }
  SVGMeasure: new () => unknown
  Renderer: (new (doc: PdfKitDoc, progress?: unknown) => { renderPages(pages: unknown[]): void }) & { prototype: { renderVector(v: unknown): void } }
  tableLayouts: unknown
  normalizePageSize(size: unknown, orientation: unknown): { width: number; height: number }
  normalizePageMargin(m: unknown): unknown
}

let internals: Internals | null | undefined

/** pdfmake's own classes, from the pdfmake this app runs with; null when they are not where expected */
function loadInternals(): Internals | null {
  if (internals !== undefined) return internals
  try {
    const from = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js')
    const req = createRequire(createRequire(from).resolve('pdfmake'))
    const pageSize = req('./PageSize') as Pick<Internals, 'normalizePageSize' | 'normalizePageMargin'>
    internals = {
      PDFDocument: req('./PDFDocument').default,
      LayoutBuilder: req('./LayoutBuilder').default,
      SVGMeasure: req('./SVGMeasure').default,
      Renderer: req('./Renderer').default,
      tableLayouts: req('./tableLayouts').tableLayouts,
      normalizePageSize: pageSize.normalizePageSize,
      normalizePageMargin: pageSize.normalizePageMargin
    }
    for (const v of Object.values(internals)) if (!v) throw new Error('pdfmake internals changed')
  } catch {
    internals = null
  }
  return internals
}

/** a canvas rectangle that also carries dark rectangles to fill over it, relative to its corner (points) */
export interface RectBatch {
  type: 'rect'
  x: number
  y: number
  w: number
  h: number
  color: string
  darkRects: [number, number, number, number][]
}

let batchesInstalled: boolean | undefined

/**
 * Teaches pdfmake's Renderer (both paths: createPdf and the chunked one use the same class) to
 * fill a RectBatch's dark rectangles as one path: `x y w h re` each, one fill. pdfmake draws a
 * canvas vector with a dozen operators of state around it; a QR code is ~600 of them. Installed
 * once; false when pdfmake's Renderer is not where expected (callers then draw plain rectangles).
 */
export function installRectBatches(): boolean {
  if (batchesInstalled !== undefined) return batchesInstalled
  const P = loadInternals()
  batchesInstalled = false
  if (!P || typeof P.Renderer.prototype.renderVector !== 'function') return false
  const own = P.Renderer.prototype.renderVector
  const n = (v: number) => String(Math.round(v * 100) / 100)
  P.Renderer.prototype.renderVector = function (this: { pdfDocument: { addContent(s: string): void; fillColor(c: string): void } }, v: unknown) {
    own.call(this, v)
    const b = v as Partial<RectBatch>
    if (!Array.isArray(b.darkRects) || typeof b.x !== 'number' || typeof b.y !== 'number') return
    const x0 = b.x
    const y0 = b.y
    let ops = ''
    for (const [x, y, w, h] of b.darkRects) ops += `${n(x0 + x)} ${n(y0 + y)} ${n(w)} ${n(h)} re\n`
    this.pdfDocument.fillColor('#000000')
    this.pdfDocument.addContent(`${ops}f`)
  }
  batchesInstalled = true
  return true
}

/** the same document as one definition, for createPdf */
export const joined = (d: SectionDoc): TDocumentDefinitions => ({ ...d.def, content: d.sections })

export async function renderSections(d: SectionDoc, o: ChunkOptions = {}): Promise<Buffer> {
  ensureFonts()
  const P = loadInternals()
  if (!P || process.env.STATIONDESK_PDF_CHUNKS === '0') {
    const out = await renderPdf(joined(d), { compress: o.compress })
    await o.between?.(d.sections.length)
    return out
  }
  const pm = pdfmake as unknown as { fonts: unknown; virtualfs: unknown; localAccessPolicy: unknown; tableLayouts?: unknown }
  const def = d.def
  const size = P.normalizePageSize(def.pageSize, def.pageOrientation)
  const info: Record<string, string> = { Producer: 'StationDesk', Creator: 'StationDesk' }
  for (const [k, v] of Object.entries(def.info ?? {})) if (typeof v === 'string' && v) info[k.charAt(0).toUpperCase() + k.slice(1)] = v
  const doc = new P.PDFDocument(pm.fonts, {}, {}, {}, {
    size: [size.width, size.height],
    pdfVersion: '1.3',
    tagged: false,
    displayTitle: false,
    compress: o.compress ?? true,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    info,
    font: null
  }, pm.virtualfs, pm.localAccessPolicy)
  const parts: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b) => parts.push(b))
    doc.on('end', () => resolve(Buffer.concat(parts)))
    doc.on('error', (e) => reject(e))
  })
  const defaultStyle = { font: FONT, ...def.defaultStyle }
  const margins = P.normalizePageMargin(def.pageMargins ?? 40)
  const step = Math.max(1, o.chunk ?? 1)
  let failed: unknown = null
  try {
    for (let i = 0; i < d.sections.length; i += step) {
      const builder = new P.LayoutBuilder(size, margins, new P.SVGMeasure())
      builder.registerTableLayouts(P.tableLayouts)
      if (pm.tableLayouts) builder.registerTableLayouts(pm.tableLayouts)
      const pages = builder.layoutDocument(d.sections.slice(i, i + step), doc, def.styles ?? {}, defaultStyle, def.background, def.header, def.footer, def.watermark, def.pageBreakBefore)
      new P.Renderer(doc).renderPages(pages)
      await o.between?.(Math.min(d.sections.length, i + step))
    }
  } catch (e) {
    failed = e
  }
  // the document is ended either way, so its stream does not linger
  doc.end()
  const out = await done
  if (failed) throw failed
  return out
}
