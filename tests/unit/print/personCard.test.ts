import { describe, expect, it } from 'vitest'
import { mm } from '../../../src/core/print/pdf'
import { personCardDoc, renderPersonCard } from '../../../src/core/print/personCard'
import { cardData, EVENTS, longHistory, PERSON } from './fixtures'
import { mediaBoxes, pageCount, pageTexts, pdftotextAvailable, textPositions } from './pdfBytes'

const A4 = { paper: 'A4' as const, offset: { x: 0, y: 0 } }
const A5 = { paper: 'A5' as const, offset: { x: 0, y: 0 } }

describe('print: the information card', () => {
  it('is a one-page A4 PDF under 100 KB with the font subset embedded', async () => {
    const pdf = await renderPersonCard(cardData({ events: EVENTS.slice(0, 5) }), A4)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/)
    expect(pageCount(pdf)).toBe(1)
    expect(pdf.length).toBeLessThan(100_000)
    const [w, h] = mediaBoxes(pdf)[0]
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842])
  })

  it('prints on A5 when asked', async () => {
    const pdf = await renderPersonCard(cardData(), A5)
    for (const [w, h] of mediaBoxes(pdf)) expect([Math.round(w), Math.round(h)]).toEqual([420, 595])
  })

  it('moves everything by the offset, the footer included', async () => {
    const zero = textPositions(await renderPersonCard(cardData(), A4))
    const moved = textPositions(await renderPersonCard(cardData(), { paper: 'A4', offset: { x: 4, y: 6 } }))
    expect(moved.length).toBe(zero.length)
    // the title, a fact, the last history row and the page number all move 4 mm right and 6 mm down
    for (const i of [0, 5, zero.length - 4, zero.length - 1]) {
      expect(moved[i].x - zero[i].x, `text ${i}`).toBeCloseTo(mm(4), 1)
      expect(moved[i].y - zero[i].y, `text ${i}`).toBeCloseTo(-mm(6), 1)
    }
    const left = textPositions(await renderPersonCard(cardData(), { paper: 'A5', offset: { x: -4.5, y: 0 } }))
    const a5 = textPositions(await renderPersonCard(cardData(), A5))
    expect(left[0].x - a5[0].x).toBeCloseTo(mm(-4.5), 1)
    expect(left[0].y).toBeCloseTo(a5[0].y, 3)
  })

  it('keeps the page number on the paper at the largest offsets', async () => {
    for (const paper of ['A4', 'A5'] as const)
      for (const y of [-20, 10, 20]) {
        const pdf = await renderPersonCard(cardData({ events: longHistory(30) }), { paper, offset: { x: 0, y } })
        // nothing runs off the bottom edge: a long history breaks to the next page before it
        const lowest = Math.min(...textPositions(pdf).map((p) => p.y))
        expect(lowest, `${paper} y=${y}`).toBeGreaterThan(0)
        if (pdftotextAvailable()) {
          const texts = pageTexts(pdf)
          texts.forEach((t, i) => expect(t.replace(/\s+/g, ''), `${paper} y=${y} page ${i + 1}`).toContain(`第${i + 1}页/共${texts.length}页`))
        }
      }
  })

  it('labels every fact in the chosen language and shows words, not codes', () => {
    const zh = JSON.stringify(personCardDoc(cardData(), A4).content)
    for (const w of ['服务对象信息卡', '公民身份号码', '户籍地', '河南省郑州市中原区', '一村服务室', '已婚（初婚）', '宫内节育器', '流出去向', '广东省深圳市宝安区西乡街道', '男 1 人，女 1 人', '变更记录', '未婚 → 已婚（初婚）', '张敏', '410102001', '2026-11-20'])
      expect(zh, w).toContain(w)
    expect(zh).not.toContain('"iud"')
    const en = JSON.stringify(personCardDoc(cardData({ lang: 'en' }), A4).content)
    for (const w of ['Client information card', 'Resident ID no.', 'Household registration', 'Married', 'IUD', 'Migrated to', 'Change history', 'Unmarried → Married', 'Marriage', 'Station: '])
      expect(en, w).toContain(w)
    expect(en).not.toContain('婚姻状况')
    expect(en).not.toContain('：')
  })

  it('shows an exited record with its reason and date', () => {
    const doc = JSON.stringify(personCardDoc(cardData({ person: { ...PERSON, state: 'exited', exitReason: 'moved', exitDate: '2025-01-01' } }), A4).content)
    expect(doc).toContain('已退出（迁出，2025-01-01）')
  })

  it('flows a long history onto more pages with the table header and page numbers on each', async () => {
    const pdf = await renderPersonCard(cardData({ events: longHistory(60) }), A4)
    const pages = pageCount(pdf)
    expect(pages).toBeGreaterThanOrEqual(3)
    if (!pdftotextAvailable()) return
    const texts = pageTexts(pdf)
    expect(texts).toHaveLength(pages)
    texts.forEach((t, i) => {
      expect(t, `page ${i + 1}`).toMatch(/日期\s+事项\s+变更内容/)
      expect(t.replace(/\s+/g, '')).toContain(`第${i + 1}页/共${pages}页`)
    })
    expect(texts[0]).toContain('服务对象信息卡')
    expect(texts[1]).not.toContain('服务对象信息卡')
    // the last event is on the last page
    expect(texts[pages - 1]).toContain('13912345059')
  })

  it('prints Chinese as text a reader can extract (the glyphs map back to characters)', async () => {
    if (!pdftotextAvailable()) return
    const [page] = pageTexts(await renderPersonCard(cardData(), A4))
    expect(page).toContain('王秀英')
    expect(page).toContain('示例乡计划生育服务站')
    expect(page).toContain('41010219900307452X')
  })

  it('prints a registration as the facts given, in one paragraph, without arrows', () => {
    const doc = personCardDoc(cardData(), A4)
    const history = (doc.content as { table?: { body: unknown[][] } }[]).filter((c) => c.table)[1].table!.body
    const registered = JSON.stringify(history[1][2])
    expect(JSON.stringify(history[1][1])).toContain('建档登记')
    expect(registered).toContain('王秀英')
    expect(registered).toContain('河南省郑州市中原区（410102）')
    expect(registered).toContain('一村服务室')
    expect(registered).not.toContain('→')
    expect(JSON.stringify(history[2][2])).toContain('未婚 → 已婚（初婚）')
  })

  it('says so when there is no history', () => {
    expect(JSON.stringify(personCardDoc(cardData({ events: [] }), A4).content)).toContain('无变更记录')
  })
})
