/**
 * Reading back a printed certificate: each word's box on the page (pdftotext -bbox), and the QR
 * code decoded from the page rendered to pixels (pdftoppm, then jsQR), so a test proves the
 * printed symbol reads back to the exact text.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-cert-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    fs.writeFileSync(file, pdf)
    return fn(file, dir)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export interface WordBox {
  page: number
  text: string
  x: number
  y: number
}

/** every word pdftotext finds, with its top-left corner in points from the page's top-left */
export function wordBoxes(pdf: Buffer): WordBox[] {
  const html = withFile(pdf, (file) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
  const out: WordBox[] = []
  let page = 0
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*)<\/word>/.exec(line)
    if (m) out.push({ page, text: m[3].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), x: Number(m[1]), y: Number(m[2]) })
  }
  return out
}

/** the first word on a page that is exactly `text` */
export function box(pdf: Buffer, text: string, page = 1): WordBox {
  const w = wordBoxes(pdf).find((b) => b.page === page && b.text === text)
  if (!w) throw new Error(`no word "${text}" on page ${page}`)
  return w
}

/** a page rendered in grey at `dpi` (pdftoppm's PGM: a short header, then a byte a pixel) */
export function renderGrey(pdf: Buffer, page = 1, dpi = 150): { width: number; height: number; grey: Uint8Array } {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-gray', '-singlefile', file, path.join(dir, 'page')])
    const raw = fs.readFileSync(path.join(dir, 'page.pgm'))
    // P5\n<width> <height>\n<max>\n<pixels>
    const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(raw.subarray(0, 64).toString('latin1'))
    if (!head) throw new Error('not a PGM file')
    const width = Number(head[1])
    const height = Number(head[2])
    return { width, height, grey: raw.subarray(head[0].length, head[0].length + width * height) }
  })
}

/** the text of the QR code on a page, or null when none reads */
export function readQr(pdf: Buffer, page = 1, dpi = 150): string | null {
  const { width, height, grey } = renderGrey(pdf, page, dpi)
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = grey[i]
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null
}
