/**
 * The certificate's QR code on paper. The text (`SD1:` + digits, src/core/certificates/qr.ts) is
 * encoded by the `qrcode` package as two segments, the prefix in alphanumeric mode and the digits
 * in numeric mode (3.3 bits a digit), error correction M: version 9 (53 modules) for a typical
 * certificate, where pdfmake's own QR (byte mode) needs a larger symbol.
 *
 * Drawn as vectors: the dark modules of a row are merged into runs, and a run repeated on the
 * rows below (finder patterns, timing columns) into one taller rectangle, so a symbol is a few
 * hundred rectangles in one pdfmake canvas (one fill each) instead of ~1,400 module squares.
 */
import QRCode from 'qrcode'
import type { CanvasElement, Content } from 'pdfmake/interfaces'
import { installRectBatches, type RectBatch } from './render'

/** modules of light margin the standard asks for around a symbol */
export const QUIET_ZONE = 4

export interface QrMatrix {
  /** modules per side */
  size: number
  version: number
  /** row-major, 1 = dark */
  dark: Uint8Array
}

/** the segments of a certificate QR text; any other text is left to the encoder to split */
export function qrSegments(text: string): QRCode.QRCodeSegment[] | string {
  const m = /^(SD\d+:)(\d+)$/.exec(text)
  if (!m) return text
  return [
    { data: m[1], mode: 'alphanumeric' },
    { data: m[2], mode: 'numeric' }
  ]
}

export function qrMatrix(text: string): QrMatrix {
  if (!text) throw new Error('a QR code needs a text')
  const code = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'M' })
  const { size, data } = code.modules
  return { size, version: code.version, dark: Uint8Array.from(data, (v) => (v ? 1 : 0)) }
}

/** a rectangle of dark modules, in modules: column, row, width, height */
export type ModuleRect = [number, number, number, number]

/**
 * The dark modules as rectangles: each row's runs, a run continued downwards while the rows
 * below have exactly the same run. Every dark module is in exactly one rectangle.
 */
export function qrRects(m: QrMatrix): ModuleRect[] {
  const done: ModuleRect[] = []
  /** rectangles still growing, by `start:length` of their run */
  let open = new Map<string, ModuleRect>()
  for (let r = 0; r < m.size; r++) {
    const next = new Map<string, ModuleRect>()
    let c = 0
    while (c < m.size) {
      if (!m.dark[r * m.size + c]) {
        c++
        continue
      }
      const start = c
      while (c < m.size && m.dark[r * m.size + c]) c++
      const key = `${start}:${c - start}`
      const above = open.get(key)
      if (above) {
        above[3]++
        open.delete(key)
        next.set(key, above)
      } else next.set(key, [start, r, c - start, 1])
    }
    for (const rect of open.values()) done.push(rect)
    open = next
  }
  for (const rect of open.values()) done.push(rect)
  return done
}

const round = (v: number) => Math.round(v * 100) / 100

/**
 * The symbol as a pdfmake canvas `size` points square, the quiet zone included (the dark
 * modules sit `QUIET_ZONE` modules in from each side): a light square that carries the dark
 * rectangles, filled as one path (render.ts), or, should that be unavailable, one canvas
 * rectangle each. Either way it moves with the content around it (in flow or placed).
 */
export function qrCanvas(text: string, size: number): Content {
  const m = qrMatrix(text)
  const unit = size / (m.size + 2 * QUIET_ZONE)
  // a hair wider than the module, so neighbouring rectangles leave no light seam when rasterised
  const dark = qrRects(m).map(([c, r, w, h]): [number, number, number, number] => [round((c + QUIET_ZONE) * unit), round((r + QUIET_ZONE) * unit), round(w * unit + 0.01), round(h * unit + 0.01)])
  // the light square first: the quiet zone stays light on a pre-printed form, and the canvas is `size` tall
  if (installRectBatches()) {
    const batch: RectBatch = { type: 'rect', x: 0, y: 0, w: size, h: size, color: '#ffffff', darkRects: dark }
    return { canvas: [batch as CanvasElement] }
  }
  const light: CanvasElement = { type: 'rect', x: 0, y: 0, w: size, h: size, color: '#ffffff' }
  return { canvas: [light, ...dark.map(([x, y, w, h]): CanvasElement => ({ type: 'rect', x, y, w, h, color: '#000000' }))] }
}
