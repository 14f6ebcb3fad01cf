/** Reading back what a PDF says, without a PDF library: page sizes, content streams, text. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

/** every page's /MediaBox as [width, height] in points */
export function mediaBoxes(pdf: Buffer): [number, number][] {
  const s = pdf.toString('latin1')
  return [...s.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])])
}

export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length
}

/** every stream, inflated when it is Flate-compressed, as latin1 text */
export function streams(pdf: Buffer): string[] {
  const out: string[] = []
  let from = 0
  for (;;) {
    const start = pdf.indexOf('stream', from, 'latin1')
    if (start < 0) break
    let body = start + 'stream'.length
    if (pdf[body] === 0x0d) body++
    if (pdf[body] === 0x0a) body++
    const end = pdf.indexOf('endstream', body, 'latin1')
    if (end < 0) break
    const raw = pdf.subarray(body, end)
    try {
      out.push(zlib.inflateSync(raw).toString('latin1'))
    } catch {
      out.push(raw.toString('latin1'))
    }
    from = end + 'endstream'.length
  }
  return out
}

/** the text positions (Tm operators: x, y in points from the bottom left) of page content, in order */
export function textPositions(pdf: Buffer): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = []
  for (const s of streams(pdf)) for (const m of s.matchAll(/1 0 0 -?1 (-?[\d.]+) (-?[\d.]+) Tm/g)) out.push({ x: Number(m[1]), y: Number(m[2]) })
  return out
}

let hasPdftotext: boolean | null = null
export function pdftotextAvailable(): boolean {
  if (hasPdftotext === null) {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' })
      hasPdftotext = true
    } catch {
      hasPdftotext = false
    }
  }
  return hasPdftotext
}

/** the text of each page, through poppler's pdftotext (installed with poppler-utils) */
export function pageTexts(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    fs.writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
    return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
