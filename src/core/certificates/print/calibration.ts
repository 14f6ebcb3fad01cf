/**
 * The calibration page for the booklet layout (套打): printed on plain paper and laid over a
 * blank form against the light, it shows where each value will land. On it: a millimetre grid
 * with rulers (the paper's own coordinates, not moved), crosshairs 10 mm in from each corner (to
 * check the printer neither scales nor shifts), a labelled box for each field and the QR square
 * (moved by the offset in use), the offset in use (saved, or given to try before saving) and
 * the instructions. Wholly in the clerk's language: it is her working sheet.
 */
import type { CanvasElement } from 'pdfmake/interfaces'
import type { Paper } from '../../../api/print'
import { PAPER, mm, type Content, type Offset, type TDocumentDefinitions } from '../../print/pdf'
import { BOOKLET_FIELDS, BOOKLET_QR, fieldHeight } from './layout'
import { LABELS, type Lang } from './words'

export interface CalibrationOptions {
  paper: Paper
  offset: Offset
  /** true: the offset was given to try, not the saved one */
  trial: boolean
  lang: Lang
}

const WORDS = {
  'zh-CN': {
    title: '套打校准页 · 流动人口婚育证明内页',
    colon: '：',
    saved: '当前使用已保存的偏移',
    trial: '试用偏移（尚未保存）',
    offset: (x: number, y: number) => `向右 ${x} 毫米，向下 ${y} 毫米`,
    paper: (p: string) => `纸张 ${p}`,
    qr: '二维码',
    corner: '距纸边 10 毫米',
    steps: [
      '打印时选择“实际大小（100%）”，不要选“适合页面”或任何缩放；用普通白纸打印本页。',
      '用尺量：四角十字线的中心应距纸边各 10 毫米，网格每小格 1 毫米。若不是，请先检查打印机的缩放和纸张设置。',
      '把本页叠在空白证明内页上对着光看：每个虚线框应落在表格对应的空白处。',
      '量出框与空白处的差距（向右、向下为正），在“打印设置 → 婚育证明套打”中加上这个差距，再打印一张核对。'
    ]
  },
  en: {
    title: 'Calibration page · migrant certificate booklet',
    colon: ': ',
    saved: 'Offset in use: the saved one',
    trial: 'Offset on trial (not saved yet)',
    offset: (x: number, y: number) => `${x} mm right, ${y} mm down`,
    paper: (p: string) => `Paper ${p}`,
    qr: 'QR code',
    corner: '10 mm from the edges',
    steps: [
      'Print at actual size (100%), not "fit to page": no scaling. Plain white paper.',
      'Each corner crosshair should be 10 mm from both edges (grid squares are 1 mm); if not, check the printer\'s scaling and paper.',
      'Lay this page over a blank booklet page against the light: each dashed box should sit in its blank.',
      'Measure how far a box is from its blank (right and down are positive), add it to the offset in Print settings → certificate booklet, print again to check.'
    ]
  }
} as const

const BOX = '#c0392b'

export function calibrationDoc(o: CalibrationOptions): TDocumentDefinitions {
  const W = o.lang === 'en' ? WORDS.en : WORDS['zh-CN']
  const paper = PAPER[o.paper]
  const wMm = Math.floor((paper.width * 25.4) / 72)
  const hMm = Math.floor((paper.height * 25.4) / 72)
  const grid: CanvasElement[] = []
  const line = (x1: number, y1: number, x2: number, y2: number, width: number, color: string) =>
    grid.push({ type: 'line', x1: mm(x1), y1: mm(y1), x2: mm(x2), y2: mm(y2), lineWidth: width, lineColor: color })
  // finest first, so the 5 mm and 10 mm lines are drawn over them
  for (const [step, width, color] of [
    [1, 0.15, '#e4e9ee'],
    [5, 0.3, '#c5ced8'],
    [10, 0.45, '#8d9aa8']
  ] as const) {
    // a line the next coarser step draws is left to it
    const coarser = step === 1 ? 5 : step === 5 ? 10 : 0
    const own = (v: number) => coarser === 0 || v % coarser !== 0
    for (let x = 0; x <= wMm; x += step) if (own(x)) line(x, 0, x, hMm, width, color)
    for (let y = 0; y <= hMm; y += step) if (own(y)) line(0, y, wMm, y, width, color)
  }
  // crosshairs 10 mm in from each corner, not moved by the offset: they test the printer itself
  for (const [cx, cy] of [
    [10, 10],
    [wMm - 10, 10],
    [10, hMm - 10],
    [wMm - 10, hMm - 10]
  ]) {
    line(cx - 6, cy, cx + 6, cy, 0.8, '#000000')
    line(cx, cy - 6, cx, cy + 6, 0.8, '#000000')
    grid.push({ type: 'ellipse', x: mm(cx), y: mm(cy), r1: mm(2), r2: mm(2), lineWidth: 0.6, lineColor: '#000000' })
  }
  const rulers: Content[] = []
  for (let x = 10; x < wMm; x += 10) rulers.push({ text: String(x), absolutePosition: { x: mm(x) + 1, y: mm(0.6) }, fontSize: 5.5, color: '#55606b' })
  for (let y = 10; y < hMm; y += 10) rulers.push({ text: String(y), absolutePosition: { x: mm(0.6), y: mm(y) + 1 }, fontSize: 5.5, color: '#55606b' })

  const { x: ox, y: oy } = o.offset
  const label = (k: (typeof BOOKLET_FIELDS)[number]['label']) => (o.lang === 'en' ? LABELS[k].en : LABELS[k].zh)
  const boxes: CanvasElement[] = [
    ...BOOKLET_FIELDS.map(
      (f): CanvasElement => ({ type: 'rect', x: mm(f.x + ox), y: mm(f.y + oy), w: mm(f.w), h: mm(fieldHeight(f)), lineWidth: 0.7, lineColor: BOX, dash: { length: 2, space: 1.5 } })
    ),
    { type: 'rect', x: mm(BOOKLET_QR.x + ox), y: mm(BOOKLET_QR.y + oy), w: mm(BOOKLET_QR.size), h: mm(BOOKLET_QR.size), lineWidth: 0.7, lineColor: BOX, dash: { length: 2, space: 1.5 } }
  ]
  const boxLabels: Content[] = [
    ...BOOKLET_FIELDS.map((f) => ({ text: label(f.label), absolutePosition: { x: mm(f.x + ox) + 1.5, y: mm(f.y + oy) + 1 }, fontSize: 6, color: BOX })),
    { text: W.qr, absolutePosition: { x: mm(BOOKLET_QR.x + ox) + 2, y: mm(BOOKLET_QR.y + oy) + 2 }, fontSize: 7, color: BOX }
  ]
  const trial = o.trial ? W.trial : W.saved

  return {
    pageSize: { width: paper.width, height: paper.height },
    pageOrientation: 'portrait',
    pageMargins: [0, 0, 0, 0],
    info: { title: W.title, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: 7, lineHeight: 1.15 },
    content: [
      { canvas: grid, absolutePosition: { x: 0, y: 0 } },
      ...rulers,
      { text: W.corner, absolutePosition: { x: mm(12.5), y: mm(16.5) }, fontSize: 5.5, color: '#333333' },
      {
        absolutePosition: { x: mm(18), y: mm(4) },
        table: {
          widths: [mm(70)],
          body: [[{ stack: [{ text: W.title, fontSize: 8.5 }, { text: `${trial}${W.colon}${W.offset(ox, oy)}`, fontSize: 7, color: o.trial ? BOX : '#333333' }, { text: W.paper(o.paper), fontSize: 6.5, color: '#333333' }], fillColor: '#ffffff' }]]
        },
        layout: 'noBorders'
      },
      { canvas: boxes, absolutePosition: { x: 0, y: 0 } },
      ...boxLabels,
      {
        // between the bottom crosshairs, under the lowest box
        absolutePosition: { x: mm(18), y: mm(BOOKLET_FIELDS.reduce((m, f) => Math.max(m, f.y + fieldHeight(f)), BOOKLET_QR.y + BOOKLET_QR.size) + 3) },
        table: { widths: [mm(wMm - 36) - 8], body: [[{ ol: [...W.steps], fontSize: 6.3, lineHeight: 1.1, fillColor: '#ffffff' }]] },
        layout: { hLineWidth: () => 0.4, vLineWidth: () => 0.4, hLineColor: () => '#8d9aa8', vLineColor: () => '#8d9aa8' }
      }
    ]
  }
}
