/**
 * The certificate layouts without a database: the QR symbol (two segments, every dark module
 * drawn once), the booklet's blanks (on the paper, none overlapping), values shrunk to their
 * blanks, the longest facts the register allows still one page per certificate in both
 * languages and on both papers, and the chunked renderer agreeing with pdfmake's own.
 */
import { generateKeyPairSync } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { CertificateFacts } from '../../../src/api/certificates'
import { encodeQr } from '../../../src/core/certificates/qr'
import { a4Doc } from '../../../src/core/certificates/print/a4'
import { bookletDoc, type PrintableCertificate } from '../../../src/core/certificates/print/booklet'
import { BOOKLET_FIELDS, BOOKLET_QR, fieldHeight, fitSize } from '../../../src/core/certificates/print/layout'
import { qrMatrix, qrRects, qrSegments } from '../../../src/core/certificates/print/qrImage'
import { installRectBatches, renderSections } from '../../../src/core/certificates/print/render'
import { pageCount, pageTexts } from '../print/pdfBytes'
import { readQr } from '../../integration/certificates/printKit'

const { privateKey } = generateKeyPairSync('ed25519')

function certificate(over: Partial<CertificateFacts> = {}, authority = '示例乡计划生育服务站（郑州市中原区示例乡）'): PrintableCertificate {
  const facts: CertificateFacts = {
    name: '王秀英',
    sex: 'female',
    birthDate: '1990-03-07',
    age: 36,
    idNumber: '41010219900307452X',
    hukouRegion: '410102',
    hukouRegionName: '河南省郑州市中原区',
    hukouAddress: '林山寨街道建设路12号院3号楼2单元501',
    maritalStatus: 'married',
    maritalDate: '2014-05-01',
    spouseName: '李建国',
    spouseIdNumber: '410102198811023515',
    boys: 1,
    girls: 1,
    contraception: 'iud',
    contraceptionSince: '2019-08-15',
    destination: '广东省深圳市宝安区西乡街道',
    ...over
  }
  const number = '410102001-2026-00001'
  const qr = encodeQr({ number, stationCode: '410102001', name: facts.name, idNumber: facts.idNumber, issueDate: '2026-11-20', validUntil: '2029-11-19', maritalStatus: facts.maritalStatus, boys: facts.boys, girls: facts.girls }, '0123456789abcdef', privateKey)
  return { number, facts, issuingAuthority: authority, issueDate: '2026-11-20', validUntil: '2029-11-19', qr }
}

/** the longest facts the register takes: a 30-character name, 120-character address and destination */
const LONGEST = certificate(
  {
    name: '欧阳娜仁其其格'.repeat(5).slice(0, 30),
    hukouRegionName: '新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县',
    hukouAddress: '某某镇某某村某某组'.repeat(14).slice(0, 120),
    maritalStatus: 'remarried',
    spouseName: '阿不都热合曼·买买提依明'.repeat(3).slice(0, 30),
    destination: '广东省深圳市宝安区西乡街道'.repeat(10).slice(0, 120)
  },
  '察布查尔锡伯自治县某某镇计划生育服务站（伊犁哈萨克自治州察布查尔锡伯自治县某某镇）'
)

afterEach(() => {
  delete process.env.STATIONDESK_PDF_CHUNKS
})

describe('the QR symbol', () => {
  it('is the prefix in alphanumeric mode and the digits in numeric mode, error correction M', () => {
    const c = certificate()
    expect(qrSegments(c.qr)).toEqual([
      { data: 'SD1:', mode: 'alphanumeric' },
      { data: c.qr.slice(4), mode: 'numeric' }
    ])
    const m = qrMatrix(c.qr)
    expect(m.version).toBeLessThanOrEqual(9)
    expect(m.size).toBe(17 + 4 * m.version)
    // the longest name the register takes still fits a symbol that prints at ≥ 0.4 mm a module in 32 mm
    expect(qrMatrix(LONGEST.qr).size + 8).toBeLessThanOrEqual(32 / 0.4)
  })

  it('draws every dark module exactly once and no light one', () => {
    const m = qrMatrix(certificate().qr)
    const hits = new Uint8Array(m.size * m.size)
    const rects = qrRects(m)
    for (const [c, r, w, h] of rects) for (let y = r; y < r + h; y++) for (let x = c; x < c + w; x++) hits[y * m.size + x]++
    expect([...hits].every((n, i) => n === m.dark[i])).toBe(true)
    // merged: far fewer rectangles than dark modules, filled as one path
    expect(rects.length).toBeLessThan(m.dark.reduce((a, b) => a + b, 0) / 2)
    expect(installRectBatches()).toBe(true)
  })
})

describe('the booklet form', () => {
  it('has every blank on the A5 sheet and none overlapping another or the QR square', () => {
    const boxes = [...BOOKLET_FIELDS.map((f) => ({ key: f.key, x: f.x, y: f.y, w: f.w, h: fieldHeight(f) })), { key: 'qr', x: BOOKLET_QR.x, y: BOOKLET_QR.y, w: BOOKLET_QR.size, h: BOOKLET_QR.size }]
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(8)
      expect(b.x + b.w).toBeLessThanOrEqual(148 - 8)
      expect(b.y + b.h).toBeLessThanOrEqual(210 - 20)
    }
    for (const a of boxes)
      for (const b of boxes) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.key} overlaps ${b.key}`).toBe(true)
  })

  it('sets a value smaller only when it would not fit its blank', () => {
    expect(fitSize('王秀英', 40, 1, 11)).toBe(11)
    const small = fitSize('某'.repeat(80), 104, 2, 9)
    expect(small).toBeLessThan(9)
    expect(small).toBeGreaterThanOrEqual(6)
  })
})

describe('one page per certificate', () => {
  for (const paper of ['A4', 'A5'] as const)
    for (const lang of ['zh-CN', 'en'] as const)
      it(`A4 layout on ${paper}, ${lang}: the longest facts still fit one page, the QR reads back`, async () => {
        const pdf = await renderSections(a4Doc([{ certificate: LONGEST, nth: 3 }, { certificate: certificate(), nth: 1 }], { lang, paper, offset: { x: 3, y: -3 }, printedOn: '2026-11-20' }))
        expect(pageCount(pdf)).toBe(2)
        const [first] = pageTexts(pdf).map((p) => p.replace(/\s+/g, ''))
        expect(first).toContain(LONGEST.facts.name.slice(0, 10))
        expect(first).toContain('（第3次）')
        expect(readQr(pdf, 1, paper === 'A4' ? 150 : 220)).toBe(LONGEST.qr)
      })

  it('booklet: the longest facts stay on their page', async () => {
    const pdf = await renderSections(bookletDoc([{ certificate: LONGEST, nth: 1 }, { certificate: certificate(), nth: 1 }], { paper: 'A5', offset: { x: 0, y: 0 } }))
    expect(pageCount(pdf)).toBe(2)
    expect(readQr(pdf, 1, 250)).toBe(LONGEST.qr)
  })

  it('the chunked renderer and pdfmake in one stretch make the same pages', async () => {
    const items = [1, 2, 3].map((n) => ({ certificate: { ...certificate(), number: `410102001-2026-0000${n}` }, nth: 1 }))
    const doc = () => a4Doc(items, { lang: 'zh-CN', paper: 'A4', offset: { x: 0, y: 0 }, printedOn: '2026-11-20' })
    const progress: number[] = []
    const chunked = await renderSections(doc(), { between: async (done) => void progress.push(done) })
    process.env.STATIONDESK_PDF_CHUNKS = '0'
    const whole = await renderSections(doc())
    expect(progress).toEqual([1, 2, 3])
    expect(pageTexts(chunked)).toEqual(pageTexts(whole))
  })
})
