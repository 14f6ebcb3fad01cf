/**
 * Printing certificates through the method table: the A4 certificate (its text read back with
 * pdftotext, its QR decoded from the rendered page), the booklet page moved by its saved offset,
 * the calibration page with saved or trial offsets, batches in the order given, print counts and
 * audit rows (first print, reprints), refusals (void, superseded, unknown, roles) with nothing
 * counted, and a cancelled batch leaving every count as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Certificate } from '../../../src/api/certificates'
import { mm } from '../../../src/core/print/pdf'
import { makeId } from '../../helpers/persons'
import { mediaBoxes, pageCount, pageTexts } from '../../unit/print/pdfBytes'
import { box, readQr } from './printKit'
import { certificateStation, type CertStation, openSessions } from './setup'

let st: CertStation
beforeEach(async () => {
  st = await certificateStation()
})
afterEach(() => st.t.close())

const bytes = (f: { base64: string }) => Buffer.from(f.base64, 'base64')
const flat = (pdf: Buffer) => pageTexts(pdf).map((p) => p.replace(/\s+/g, ''))
const counts = (id: string) => st.sqlite().prepare('SELECT print_count AS n, last_printed_at AS at FROM certificates WHERE id = ?').get(id) as { n: number; at: string | null }
const printAudit = () =>
  (st.sqlite().prepare("SELECT entity_id AS id, summary, message FROM audit_log WHERE action = 'certificates.print' ORDER BY seq").all() as { id: string; summary: string; message: string }[]).map((r) => ({
    ...r,
    msg: JSON.parse(r.message) as [string, Record<string, unknown>]
  }))
const print = (ids: string[], extra: { layout?: 'a4' | 'booklet'; lang?: 'zh-CN' | 'en' } = {}, session = st.s.clerk) => st.t.call('certificates.print', { ids, ...extra }, session)

/** another out-migrant woman, with a certificate */
async function another(name: string, seq: number): Promise<Certificate> {
  const { t, s, village } = st
  const id = (
    await t.call(
      'persons.create',
      {
        idNumber: makeId('410102', '19920408', seq, 'female'),
        name,
        hukouRegion: '410102',
        hukouAddress: `建设路${seq}号`,
        servicePointId: village,
        maritalStatus: 'married',
        maritalDate: '2016-06-01',
        spouseName: '周强',
        spouseIdNumber: makeId('410102', '19900101', seq + 1, 'male'),
        girls: 1,
        contraception: 'implant',
        contraceptionSince: '2020-01-01',
        migrantStatus: 'out',
        migrantPlace: '浙江省杭州市西湖区',
        migrantSince: '2026-02-01'
      },
      s.clerk
    )
  ).id
  return st.issue(id)
}

describe('certificates.print, A4', () => {
  it('prints one A4 page with the number, the holder, the dates and a QR that reads back to the exact text; counts and audits the first print', async () => {
    const c = await st.issue(st.people.married)
    const f = await print([c.id])
    expect(f).toMatchObject({ filename: `certificate-${c.number}.pdf`, mime: 'application/pdf', count: 1 })
    const pdf = bytes(f)
    expect(pageCount(pdf)).toBe(1)
    const [w, h] = mediaBoxes(pdf)[0]
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(mm(210)), Math.round(mm(297))])
    const [text] = flat(pdf)
    for (const s of ['流动人口婚育证明', c.number, '王秀英', c.facts.idNumber, '1996年03月15日', '30周岁', '已婚（初婚）', '李强', c.facts.spouseIdNumber, '宫内节育器', '2018年03月01日', '广东省深圳市宝安区', '2026年11月20日', '2029年11月19日', '扫码核验', '盖章', '流动人口计划生育工作条例', c.issuingAuthority.replace(/\s+/g, '')])
      expect(text).toContain(s)
    expect(text).not.toContain('第2次')
    expect(readQr(pdf)).toBe(c.qr)

    expect(counts(c.id)).toEqual({ n: 1, at: '2026-11-20T02:00:00.000Z' })
    const audit = printAudit()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ id: c.id, msg: ['certificate.printed', { number: c.number, name: '王秀英' }] })
    expect(audit[0].summary).toMatch(/^printed certificate/)
    expect((await st.t.call('certificates.get', { id: c.id }, st.s.clerk)).printCount).toBe(1)
  })

  it('counts a reprint, says so on the page and in the audit (reprinted, its count)', async () => {
    const c = await st.issue(st.people.married)
    await print([c.id])
    st.t.clock.advance(10 * 60_000)
    const again = bytes(await print([c.id], { lang: 'en' }))
    expect(flat(again)[0]).toContain('第2次')
    // English sub-labels under the Chinese ones; the certificate itself stays Chinese
    expect(pageTexts(again)[0]).toContain('Resident ID no.')
    expect(flat(again)[0]).toContain('公民身份号码')
    expect(readQr(again)).toBe(c.qr)
    expect(counts(c.id)).toEqual({ n: 2, at: '2026-11-20T02:10:00.000Z' })
    const audit = printAudit()
    expect(audit.map((a) => a.msg[0])).toEqual(['certificate.printed', 'certificate.reprinted'])
    expect(audit[1].msg[1]).toEqual({ number: c.number, name: '王秀英', n: 2 })
    expect(audit[1].summary).toMatch(/^reprinted certificate .* \(2nd print/)
  })

  it('prints a batch in the order given, one page each, and counts each', async () => {
    const a = await st.issue(st.people.married)
    const b = await another('赵敏', 21)
    const c = await another('孙悦', 23)
    const f = await print([c.id, a.id, b.id], {}, st.s.head)
    expect(f.count).toBe(3)
    expect(f.filename).toBe('certificates-2026-11-20-3.pdf')
    const pdf = bytes(f)
    expect(pageCount(pdf)).toBe(3)
    const pages = flat(pdf)
    expect(pages.map((p) => [c, a, b].findIndex((x) => p.includes(x.number)))).toEqual([0, 1, 2])
    expect(pages[0]).toContain('孙悦')
    expect(pages[2]).toContain('赵敏')
    expect([readQr(pdf, 1), readQr(pdf, 2), readQr(pdf, 3)]).toEqual([c.qr, a.qr, b.qr])
    expect([a, b, c].map((x) => counts(x.id).n)).toEqual([1, 1, 1])
    expect(printAudit().map((r) => r.id)).toEqual([c.id, a.id, b.id])
  })
})

describe('certificates.print, refusals', () => {
  it('refuses a void or superseded certificate by its number before rendering; nothing in the batch is counted', async () => {
    const good = await another('赵敏', 21)
    const voided = await st.issue(st.people.married)
    await st.t.call('certificates.void', { id: voided.id, reason: '信息有误' }, st.s.head)
    const e = await st.t.fail('certificates.print', { ids: [good.id, voided.id] }, st.s.clerk)
    expect(e.code).toBe('CONFLICT')
    expect(e.details).toMatchObject({ rule: 'certificate_not_printable', number: voided.number, status: 'void' })
    expect(e.message).toContain(voided.number)

    const renewed = await st.t.call('certificates.renew', { id: good.id }, st.s.clerk)
    const e2 = await st.t.fail('certificates.print', { ids: [renewed.id, good.id] }, st.s.clerk)
    expect(e2.details).toMatchObject({ rule: 'certificate_not_printable', number: good.number, status: 'superseded' })
    expect([counts(good.id).n, counts(voided.id).n, counts(renewed.id).n]).toEqual([0, 0, 0])
    expect(printAudit()).toEqual([])
  })

  it('refuses a valid certificate past its last day (it is renewed, not handed out again)', async () => {
    const old = await st.issue(st.people.married)
    st.t.clock.set(new Date(`${old.validUntil}T02:00:00Z`))
    expect((await print([old.id], {}, openSessions(st.t).clerk)).count).toBe(1)
    st.t.clock.advance(86_400_000)
    const e = await st.t.fail('certificates.print', { ids: [old.id] }, openSessions(st.t).clerk)
    expect(e.details).toMatchObject({ rule: 'certificate_not_printable', number: old.number, status: 'expired' })
    expect(counts(old.id).n).toBe(1)
  })

  it('refuses an unknown id, an empty batch, the clinician and the admin', async () => {
    const c = await st.issue(st.people.married)
    expect((await st.t.fail('certificates.print', { ids: [c.id, 'no-such-id'] }, st.s.clerk)).code).toBe('NOT_FOUND')
    expect((await st.t.fail('certificates.print', { ids: [] }, st.s.clerk)).code).toBe('VALIDATION')
    expect((await st.t.fail('certificates.print', { ids: [c.id] }, st.s.clinician)).code).toBe('FORBIDDEN')
    expect((await st.t.fail('certificates.print', { ids: [c.id] }, st.s.admin)).code).toBe('FORBIDDEN')
    expect((await st.t.fail('jobs.start', { method: 'certificates.print', input: { ids: [c.id] } }, st.s.clinician)).code).toBe('FORBIDDEN')
    expect((await st.t.fail('certificates.calibration', {}, st.s.clinician)).code).toBe('FORBIDDEN')
    expect(counts(c.id).n).toBe(0)
  })
})

describe('certificates.print as a job', () => {
  it('reports progress per certificate and finishes with the file', async () => {
    const c = await st.issue(st.people.married)
    const { jobId } = await st.t.call('jobs.start', { method: 'certificates.print', input: { ids: [c.id, c.id, c.id] } }, st.s.clerk)
    const seen = new Set<string>()
    let status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    while (status.state === 'running') {
      seen.add(`${status.phase}:${status.done}/${status.total}`)
      await new Promise((r) => setTimeout(r, 2))
      status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    }
    expect(status.state).toBe('done')
    expect((status.result as { count: number }).count).toBe(3)
    expect([...seen].some((p) => /^rendering:[12]\/3$/.test(p))).toBe(true)
    // the same certificate three times: three prints of it
    expect(counts(c.id).n).toBe(3)
    expect(printAudit().map((a) => a.msg[0])).toEqual(['certificate.printed', 'certificate.reprinted', 'certificate.reprinted'])
  })

  it('cancelled while rendering: nothing counted, nothing audited', async () => {
    const c = await st.issue(st.people.married)
    const { jobId } = await st.t.call('jobs.start', { method: 'certificates.print', input: { ids: Array(120).fill(c.id) } }, st.s.clerk)
    let status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    while (status.state === 'running' && !(status.phase === 'rendering' && status.done >= 2)) {
      await new Promise((r) => setTimeout(r, 5))
      status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    }
    expect(status).toMatchObject({ state: 'running', phase: 'rendering' })
    await st.t.call('jobs.cancel', { jobId }, st.s.clerk)
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 5))
      status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    }
    expect(status.state).toBe('cancelled')
    expect(status.done).toBeLessThan(120)
    expect(counts(c.id)).toEqual({ n: 0, at: null })
    expect(printAudit()).toEqual([])
  })

  it('voided by the head while the batch renders: the batch fails naming it, nothing counted', async () => {
    const c = await st.issue(st.people.married)
    const other = await another('赵敏', 21)
    const { jobId } = await st.t.call('jobs.start', { method: 'certificates.print', input: { ids: [other.id, ...Array(60).fill(c.id)] } }, st.s.clerk)
    let status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    while (status.state === 'running' && !(status.phase === 'rendering' && status.done >= 2)) {
      await new Promise((r) => setTimeout(r, 5))
      status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    }
    await st.t.call('certificates.void', { id: c.id, reason: '信息有误' }, st.s.head)
    while (status.state === 'running') {
      await new Promise((r) => setTimeout(r, 5))
      status = await st.t.call('jobs.status', { jobId }, st.s.clerk)
    }
    expect(status.state).toBe('failed')
    expect(status.error).toMatchObject({ code: 'CONFLICT', details: { rule: 'certificate_not_printable', number: c.number, status: 'void' } })
    expect([counts(c.id).n, counts(other.id).n]).toEqual([0, 0])
    expect(printAudit()).toEqual([])
  })
})

describe('certificates.print, booklet (套打)', () => {
  it('prints only the values, moved by the saved offset, with the QR', async () => {
    const c = await st.issue(st.people.married)
    const plain = bytes(await print([c.id], { layout: 'booklet' }))
    expect(pageCount(plain)).toBe(1)
    const [w, h] = mediaBoxes(plain)[0]
    expect([Math.round(w), Math.round(h)]).toEqual([Math.round(mm(148)), Math.round(mm(210))])
    const text = flat(plain)[0]
    for (const s of [c.number, '王秀英', c.facts.idNumber, '2026年11月20日']) expect(text).toContain(s)
    // the form carries the labels: none printed
    for (const s of ['姓名', '公民身份号码', '流动人口婚育证明']) expect(text).not.toContain(s)
    expect(readQr(plain, 1, 200)).toBe(c.qr)

    await st.t.call('print.saveSettings', { doc: 'certificateBooklet', paper: 'A5', offsetX: 4.5, offsetY: -3 }, st.s.head)
    const moved = bytes(await print([c.id], { layout: 'booklet' }))
    for (const word of ['王秀英', c.number, c.facts.idNumber]) {
      const a = box(plain, word)
      const b = box(moved, word)
      expect(b.x - a.x).toBeCloseTo(mm(4.5), 1)
      expect(b.y - a.y).toBeCloseTo(mm(-3), 1)
    }
    expect(readQr(moved, 1, 200)).toBe(c.qr)
    expect(printAudit()[1].summary).toContain('booklet page, A5, offset 4.5/-3 mm')
  })

  it('the A4 certificate moves by its own offset', async () => {
    const c = await st.issue(st.people.married)
    const plain = bytes(await print([c.id]))
    await st.t.call('print.saveSettings', { doc: 'certificate', paper: 'A4', offsetX: -2, offsetY: 5 }, st.s.head)
    const moved = bytes(await print([c.id]))
    for (const word of ['王秀英', c.number]) {
      expect(box(moved, word).x - box(plain, word).x).toBeCloseTo(mm(-2), 1)
      expect(box(moved, word).y - box(plain, word).y).toBeCloseTo(mm(5), 1)
    }
    expect(readQr(moved)).toBe(c.qr)
  })
})

describe('certificates.calibration', () => {
  it('draws the boxes where the booklet prints: saved offsets, or the ones given to try, said on the page', async () => {
    const saved = bytes(await st.t.call('certificates.calibration', {}, st.s.admin))
    expect(pageCount(saved)).toBe(1)
    const text = flat(saved)[0]
    for (const s of ['套打校准页', '实际大小（100%）', '适合页面', '当前使用已保存的偏移', '向右0毫米，向下0毫米', '姓名', '公民身份号码', '二维码']) expect(text).toContain(s)

    const trial = await st.t.call('certificates.calibration', { offsetX: 2.5, offsetY: -1.5, lang: 'en' }, st.s.clerk)
    expect(trial.filename).toBe('certificate-booklet-calibration-A5.pdf')
    const tried = bytes(trial)
    const en = pageTexts(tried)[0].replace(/\s+/g, ' ')
    for (const s of ['Offset on trial (not saved yet): 2.5 mm right, -1.5 mm down', 'actual size (100%)', 'fit to page']) expect(en).toContain(s)
    // the grid stays; the boxes move by the offset
    expect(box(tried, '140').x).toBeCloseTo(box(saved, '140').x, 1)

    await st.t.call('print.saveSettings', { doc: 'certificateBooklet', paper: 'A5', offsetX: 3, offsetY: 1 }, st.s.head)
    const after = bytes(await st.t.call('certificates.calibration', {}, st.s.head))
    expect(flat(after)[0]).toContain('向右3毫米，向下1毫米')
    expect(box(after, '姓名').x - box(saved, '姓名').x).toBeCloseTo(mm(3), 1)
    expect(box(after, '姓名').y - box(saved, '姓名').y).toBeCloseTo(mm(1), 1)
  })
})
