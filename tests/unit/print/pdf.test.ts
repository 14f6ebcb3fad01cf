import { describe, expect, it } from 'vitest'
import { ensureFonts, fontsLoaded, mm, pageMargins, PAPER, renderPdf } from '../../../src/core/print/pdf'
import { mediaBoxes, pageCount, textPositions } from './pdfBytes'

const doc = (extra: object = {}) => ({ content: [{ text: '服务对象信息卡 Client card' }, { text: '第二行' }], ...extra })

describe('print: pdf basics', () => {
  it('makes a PDF with the CJK font embedded as a subset, and small', async () => {
    const pdf = await renderPdf(doc())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const s = pdf.toString('latin1')
    // pdfkit names an embedded subset with a six-letter tag: ABCDEF+NotoSansSC-Regular
    expect(s).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/)
    expect(s).toContain('/FontFile2')
    // the font file is ~10 MB: a subset of a few glyphs stays tiny
    expect(pdf.length).toBeLessThan(30_000)
  })

  it('loads the font once and keeps it parsed for every document', async () => {
    ensureFonts()
    expect(fontsLoaded()).toEqual({ loaded: true, shared: true })
    const a = await renderPdf(doc())
    const b = await renderPdf({ content: [{ text: '另一份文件 another document' }] })
    // each document still embeds its own subset: the glyphs it uses, named after the font
    for (const pdf of [a, b]) {
      expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/)
      expect(pdf.length).toBeLessThan(30_000)
    }
    expect(b.length).not.toBe(a.length)
  })

  it('sizes pages A4 and A5 in the MediaBox', async () => {
    const a4 = mediaBoxes(await renderPdf(doc({ pageSize: { width: PAPER.A4.width, height: PAPER.A4.height } })))
    const a5 = mediaBoxes(await renderPdf(doc({ pageSize: { width: PAPER.A5.width, height: PAPER.A5.height } })))
    expect(a4[0][0]).toBeCloseTo(595.28, 1)
    expect(a4[0][1]).toBeCloseTo(841.89, 1)
    expect(a5[0][0]).toBeCloseTo(419.53, 1)
    expect(a5[0][1]).toBeCloseTo(595.28, 1)
  })

  it('moves margins by the offset: left and top by exactly x and y, the right by −x', () => {
    const base = pageMargins('A4')
    const moved = pageMargins('A4', { x: 10, y: -5 })
    expect(moved[0] - base[0]).toBeCloseTo(mm(10), 6)
    expect(moved[1] - base[1]).toBeCloseTo(mm(-5), 6)
    expect(moved[2] - base[2]).toBeCloseTo(mm(-10), 6)
    // content keeps its width
    expect(moved[0] + moved[2]).toBeCloseTo(base[0] + base[2], 6)
    // a big downward offset never pushes the bottom margin off the paper
    expect(pageMargins('A5', { x: 0, y: 20 })[3]).toBeGreaterThan(0)
  })

  it('an offset moves the printed text on the page (compressed output read back)', async () => {
    const at = async (x: number, y: number) => textPositions(await renderPdf(doc({ pageMargins: pageMargins('A4', { x, y }) })))[0]
    const zero = await at(0, 0)
    const moved = await at(10, 10)
    expect(moved.x - zero.x).toBeCloseTo(mm(10), 1)
    // PDF y grows upwards: 10 mm down is −28.35 pt
    expect(moved.y - zero.y).toBeCloseTo(-mm(10), 1)
    expect(pageCount(await renderPdf(doc()))).toBe(1)
  })

  it('refuses to read files or URLs named in a document', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/hostname' }] })).rejects.toThrow(/access policy/)
  })
})
