/**
 * Printed documents through the method table with a real SQLite file: the page settings per
 * document (validation, roles, audit, kept in the meta table) and the information card.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../src/api/contract'
import { checkDigit } from '../../src/api/idNumber'
import { PRINT_DOCS } from '../../src/api/print'
import { mm } from '../../src/core/print/pdf'
import { getMeta } from '../../src/core/meta'
import { makeHost, setUpStation, STATION, type TestHost } from '../helpers/host'
import { mediaBoxes, pageTexts, pdftotextAvailable, textPositions } from '../unit/print/pdfBytes'

let t: TestHost
let s: Record<Role, string>
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
})
afterEach(() => t.close())

const fields = (e: { details?: { fields?: { path: string; rule: string }[] } }) => e.details?.fields?.map((f) => `${f.path}:${f.rule}`)
const id18 = (first17: string) => first17 + checkDigit(first17)
const pdfOf = (f: { base64: string }) => Buffer.from(f.base64, 'base64')

async function aPerson(): Promise<{ id: string; name: string }> {
  const village = await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)
  const p = await t.call(
    'persons.create',
    { idNumber: id18('41010219900307452'), name: '王秀英', phone: '13812345678', hukouRegion: '410102', hukouAddress: '建设路12号', servicePointId: village.id, residenceAddress: '一村二组18号' },
    s.clerk
  )
  await t.call(
    'persons.recordEvent',
    { personId: p.id, type: 'marriage', date: '2014-05-01', reason: '持结婚证登记', changes: { maritalStatus: 'married', maritalDate: '2014-05-01', spouseName: '李建国', spouseIdNumber: id18('41010219881102351') } },
    s.clerk
  )
  return { id: p.id, name: p.name }
}

describe('print settings', () => {
  it('lists every document with A4 and no offset until saved', async () => {
    expect(await t.call('print.settings', {}, s.clerk)).toEqual([
      { doc: 'personCard', paper: 'A4', offsetX: 0, offsetY: 0, defaultPaper: 'A4' },
      { doc: 'screeningSlip', paper: 'A5', offsetX: 0, offsetY: 0, defaultPaper: 'A5' },
      { doc: 'screeningReport', paper: 'A4', offsetX: 0, offsetY: 0, defaultPaper: 'A4' },
      { doc: 'invitationList', paper: 'A4', offsetX: 0, offsetY: 0, defaultPaper: 'A4' },
      { doc: 'stockReport', paper: 'A4', offsetX: 0, offsetY: 0, defaultPaper: 'A4' },
      { doc: 'countSheet', paper: 'A4', offsetX: 0, offsetY: 0, defaultPaper: 'A4' },
      { doc: 'certificate', paper: 'A4', offsetX: 0, offsetY: 0, defaultPaper: 'A4' },
      { doc: 'certificateBooklet', paper: 'A5', offsetX: 0, offsetY: 0, defaultPaper: 'A5' }
    ])
  })

  it('saves paper and offset in the meta table, to a tenth of a millimetre, audited', async () => {
    const saved = await t.call('print.saveSettings', { doc: 'personCard', paper: 'A5', offsetX: 3.26, offsetY: -2 }, s.head)
    expect(saved).toMatchObject({ doc: 'personCard', paper: 'A5', offsetX: 3.3, offsetY: -2 })
    expect((await t.call('print.settings', {}, s.clinician))[0]).toMatchObject({ paper: 'A5', offsetX: 3.3, offsetY: -2 })
    const sqlite = t.host.runtime.sqlite!
    expect(JSON.parse(getMeta(sqlite, 'print.offset.personCard')!)).toEqual({ x: 3.3, y: -2 })
    expect(getMeta(sqlite, 'print.paper.personCard')).toBe('A5')
    const row = (await t.call('audit.list', { action: 'print.saveSettings' }, s.head)).rows[0]
    expect(row).toMatchObject({ actor: 'head', entity: 'print', entityId: 'personCard' })
    expect(row.message).toEqual(['print.settingsSaved', { doc: 'personCard', paper: 'A5', x: 3.3, y: -2 }])
  })

  it('refuses offsets beyond ±20 mm, unknown documents and papers, with the field at fault', async () => {
    expect(fields(await t.fail('print.saveSettings', { doc: 'personCard', paper: 'A4', offsetX: 20.5, offsetY: 0 }, s.head))).toEqual(['offsetX:offset_range'])
    expect(fields(await t.fail('print.saveSettings', { doc: 'personCard', paper: 'A4', offsetX: 0, offsetY: -21 }, s.admin))).toEqual(['offsetY:offset_range'])
    expect((await t.fail('print.saveSettings', { doc: 'personCard', paper: 'A4', offsetX: Number.NaN, offsetY: 0 }, s.head)).code).toBe('VALIDATION')
    expect(fields(await t.fail('print.saveSettings', { doc: 'marriageCertificate', paper: 'A4' } as never, s.head))?.[0]).toMatch(/^doc:/)
    expect(fields(await t.fail('print.saveSettings', { doc: 'personCard', paper: 'A3' } as never, s.head))?.[0]).toMatch(/^paper:/)
    // the edges themselves are allowed
    await t.call('print.saveSettings', { doc: 'personCard', paper: 'A4', offsetX: -20, offsetY: 20 }, s.admin)
    // nothing of the refused calls was written
    expect((await t.call('audit.list', { action: 'print.saveSettings' }, s.head)).total).toBe(1)
  })

  it('lets admin and head change them; clerk and clinician only read', async () => {
    for (const role of ['clerk', 'clinician'] as const)
      expect((await t.fail('print.saveSettings', { doc: 'personCard', paper: 'A4', offsetX: 0, offsetY: 0 }, s[role])).code).toBe('FORBIDDEN')
    for (const role of ['admin', 'head', 'clerk', 'clinician'] as const) expect(await t.call('print.settings', {}, s[role])).toHaveLength(PRINT_DOCS.length)
  })
})

describe('persons.card', () => {
  it('prints the information card as an A4 PDF for the register roles, audited', async () => {
    const p = await aPerson()
    const file = await t.call('persons.card', { id: p.id }, s.clerk)
    expect(file.filename).toBe('card-王秀英-2026-11-20.pdf')
    expect(file.mime).toBe('application/pdf')
    const pdf = pdfOf(file)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/)
    expect(pdf.length).toBeLessThan(100_000)
    expect(Math.round(mediaBoxes(pdf)[0][0])).toBe(595)
    const audit = (await t.call('audit.list', { action: 'persons.card' }, s.head)).rows
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'clerk', entity: 'person', entityId: p.id, message: ['person.printed', { name: '王秀英' }] })
    for (const role of ['head', 'clinician'] as const) expect((await t.call('persons.card', { id: p.id, lang: 'en' }, s[role])).mime).toBe('application/pdf')
    expect((await t.call('audit.list', { action: 'persons.card' }, s.head)).total).toBe(3)
  })

  it('refuses admin (no access to the register) and an unknown person, printing nothing', async () => {
    const p = await aPerson()
    expect((await t.fail('persons.card', { id: p.id }, s.admin)).code).toBe('FORBIDDEN')
    expect((await t.fail('persons.card', { id: 'no-such-person' }, s.clerk)).code).toBe('NOT_FOUND')
    expect((await t.call('audit.list', { action: 'persons.card' }, s.head)).total).toBe(0)
  })

  it('uses the saved paper and offset', async () => {
    const p = await aPerson()
    const plain = pdfOf(await t.call('persons.card', { id: p.id }, s.clerk))
    await t.call('print.saveSettings', { doc: 'personCard', paper: 'A4', offsetX: 5, offsetY: 7.5 }, s.head)
    const moved = pdfOf(await t.call('persons.card', { id: p.id }, s.clerk))
    const [a, b] = [textPositions(plain)[0], textPositions(moved)[0]]
    expect(b.x - a.x).toBeCloseTo(mm(5), 1)
    expect(b.y - a.y).toBeCloseTo(-mm(7.5), 1)
    await t.call('print.saveSettings', { doc: 'personCard', paper: 'A5', offsetX: 0, offsetY: 0 }, s.head)
    const a5 = pdfOf(await t.call('persons.card', { id: p.id }, s.clerk))
    expect(mediaBoxes(a5).map(([w, h]) => [Math.round(w), Math.round(h)])).toContainEqual([420, 595])
  })

  it('prints the facts and the history in the chosen language', async () => {
    if (!pdftotextAvailable()) return
    const p = await aPerson()
    const zh = pageTexts(pdfOf(await t.call('persons.card', { id: p.id }, s.clerk))).join('\n')
    for (const w of ['服务对象信息卡', STATION.name, STATION.code, '王秀英', '一村服务室', '河南省郑州市中原区', '结婚', '持结婚证登记', '李建国', '建档登记']) expect(zh, w).toContain(w)
    expect(zh.replace(/\s+/g, '')).toContain('婚姻状况：未婚→已婚（初婚）')
    const en = pageTexts(pdfOf(await t.call('persons.card', { id: p.id, lang: 'en' }, s.clerk))).join('\n')
    for (const w of ['Client information card', 'Marriage', 'Registered', 'Change history']) expect(en, w).toContain(w)
    expect(en.replace(/\s+/g, ' ')).toContain('Marital status: Unmarried → Married')
  })
})
