/**
 * PDF output for every printed document (DESIGN.md §5): pdfmake with Noto Sans SC embedded and
 * subset, A4 and A5, and a per-document x/y offset in millimetres for pre-printed forms (套打).
 *
 * The font file (≈ 10 MB) is read once, on the first document, and kept in pdfmake's in-memory
 * file system; pdfkit embeds only the glyphs a document uses. Documents may not reach the disk
 * or the network: both access policies refuse everything (fonts come from memory).
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import pdfmake from 'pdfmake'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { Paper } from '../../api/print'

export type { Content, TDocumentDefinitions }

/** the family name documents use in their styles */
export const FONT = 'NotoSansSC'
const FONT_VFS_NAME = 'NotoSansSC-Regular.ttf'
const FONT_MODULE_PATH = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'

export const mm = (v: number): number => (v * 72) / 25.4

export interface PaperSpec {
  /** points */
  width: number
  height: number
  /** base margins in mm: left, top, right, bottom (the bottom one holds the footer) */
  margins: [number, number, number, number]
  /** body text size in points */
  fontSize: number
}

export const PAPER: Record<Paper, PaperSpec> = {
  A4: { width: mm(210), height: mm(297), margins: [15, 14, 15, 16], fontSize: 9.5 },
  A5: { width: mm(148), height: mm(210), margins: [10, 10, 10, 13], fontSize: 7.5 }
}

/** the bottom margin never shrinks below this (mm), so flowing content stays on the paper */
const MIN_BOTTOM_MM = 9

export interface Offset {
  /** mm, positive moves right */
  x: number
  /** mm, positive moves down */
  y: number
}

/**
 * Page margins (points) for a paper and an offset. Left and top move by exactly the offset, and
 * the right margin by its opposite, so every line keeps its width and lands `x` mm further right
 * and `y` mm further down; the bottom margin shrinks with a downward offset but keeps room for
 * the footer, which only changes where a long document breaks to the next page.
 */
export function pageMargins(paper: Paper, offset: Offset = { x: 0, y: 0 }): [number, number, number, number] {
  const [l, t, r, b] = PAPER[paper].margins
  return [mm(l + offset.x), mm(t + offset.y), mm(r - offset.x), mm(Math.max(MIN_BOTTOM_MM, b - offset.y))]
}

/**
 * The footer's top margin (points) inside the bottom margin, so the footer moves with the
 * offset like everything else: `gap` mm below the content area of an unmoved page. Near the
 * paper's edge it stops where one line of `fontSize` still fits (pdfmake drops a footer that
 * does not fit its box).
 */
export function footerTop(paper: Paper, offset: Offset, gap: number, fontSize: number): number {
  const b = PAPER[paper].margins[3]
  const bottom = mm(Math.max(MIN_BOTTOM_MM, b - offset.y))
  const wanted = bottom - mm(b) + mm(offset.y) + mm(gap)
  // Noto Sans SC's line box is ≈ 1.45 em; documents use a line height of 1.15
  const room = fontSize * 1.45 * 1.15 + 2
  return Math.max(0, Math.min(wanted, bottom - room))
}

let fontBytes: Buffer | null = null
let fontShared = false

/** where the font file is: the npm package, found from here or from the app's folder */
export function fontPath(): string {
  const override = process.env.STATIONDESK_PDF_FONT
  if (override) return override
  const from = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js')
  try {
    return createRequire(from).resolve(FONT_MODULE_PATH)
  } catch {
    return createRequire(path.join(process.cwd(), 'index.js')).resolve(FONT_MODULE_PATH)
  }
}

/** what pdfmake's file system holds instead of the font when the parsed font is shared */
const SHARED_MARKER = Buffer.from('StationDesk shared font: NotoSansSC')

interface Fontkit {
  create(bytes: Uint8Array): unknown
  registerFormat(format: unknown): void
}

/**
 * pdfkit parses the font anew for every document (fontkit.create on the 10 MB file), and with
 * it every table it reads: a third of a card's time. Parse it once and hand that same fontkit
 * font to every document: pdfkit asks fontkit to open the bytes in pdfmake's file system, which
 * hold a short marker that only a format registered here recognises, and that format answers
 * with the parsed font. Each document still makes its own subset. If fontkit is not where
 * pdfkit finds it, documents fall back to parsing the bytes themselves.
 */
function shareParsedFont(bytes: Buffer): boolean {
  try {
    const from = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js')
    const fontkit = createRequire(createRequire(from).resolve('pdfkit'))('fontkit') as Fontkit
    const parsed = fontkit.create(bytes)
    class SharedFont {
      static probe(b: Uint8Array): boolean {
        return b.byteLength === SHARED_MARKER.length && Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(SHARED_MARKER)
      }
      constructor() {
        // a constructor may answer with another object: the font parsed once
        return parsed as SharedFont
      }
    }
    fontkit.registerFormat(SharedFont)
    return true
  } catch {
    return false
  }
}

/** Loads the font the first time it is needed; later calls cost nothing. */
export function ensureFonts(): void {
  if (fontBytes) return
  const bytes = fs.readFileSync(fontPath())
  fontShared = process.env.STATIONDESK_PDF_SHARED_FONT !== '0' && shareParsedFont(bytes)
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs
  vfs.writeFileSync(FONT_VFS_NAME, fontShared ? SHARED_MARKER : bytes)
  // one weight only (a second would double the load): bold and italics fall back to it
  pdfmake.setFonts({ [FONT]: { normal: FONT_VFS_NAME, bold: FONT_VFS_NAME, italics: FONT_VFS_NAME, bolditalics: FONT_VFS_NAME } })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy(() => false)
  fontBytes = bytes
}

export function fontsLoaded(): { loaded: boolean; shared: boolean } {
  return { loaded: fontBytes !== null, shared: fontShared }
}

export interface RenderOptions {
  /** compress page content streams (default true; tests read them uncompressed) */
  compress?: boolean
}

/** Renders a document definition to PDF bytes, with the CJK font as default. */
export async function renderPdf(doc: TDocumentDefinitions, options: RenderOptions = {}): Promise<Buffer> {
  ensureFonts()
  const def: TDocumentDefinitions = {
    ...doc,
    compress: options.compress ?? doc.compress ?? true,
    defaultStyle: { font: FONT, ...doc.defaultStyle }
  }
  return pdfmake.createPdf(def).getBuffer()
}

/**
 * The page setup of a document: paper size, margins moved by the offset, and the base font
 * size for the paper. Spread it into a document definition.
 */
export function pageSetup(paper: Paper, offset: Offset): Pick<TDocumentDefinitions, 'pageSize' | 'pageOrientation' | 'pageMargins'> {
  const p = PAPER[paper]
  return { pageSize: { width: p.width, height: p.height }, pageOrientation: 'portrait', pageMargins: pageMargins(paper, offset) }
}
