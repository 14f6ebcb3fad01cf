/** The escape hatch: with STATIONDESK_PDF_SHARED_FONT=0 every document parses the font itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let before: string | undefined
beforeAll(() => {
  before = process.env.STATIONDESK_PDF_SHARED_FONT
  process.env.STATIONDESK_PDF_SHARED_FONT = '0'
})
afterAll(() => {
  if (before === undefined) delete process.env.STATIONDESK_PDF_SHARED_FONT
  else process.env.STATIONDESK_PDF_SHARED_FONT = before
})

describe('print: font not shared', () => {
  it('still embeds the subset', async () => {
    const { fontsLoaded, renderPdf } = await import('../../../src/core/print/pdf')
    const pdf = await renderPdf({ content: [{ text: '服务对象信息卡' }] })
    expect(fontsLoaded()).toEqual({ loaded: true, shared: false })
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/)
  })
})
