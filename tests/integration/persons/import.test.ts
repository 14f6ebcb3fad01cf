/**
 * Roster import through the method table, on a government-style workbook made by the test:
 * preview with problems by row and column, all-or-nothing, valid rows only, the error report
 * (fixed and imported again), existing people skipped or corrected, jobs with progress and
 * cancel-with-nothing-written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import type { ImportResult } from '../../../src/api/personsImport'
import { parseFile } from '../../../src/core/persons/import/parse'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { badRows, rosterCsv, rosterXlsx, validRow, type RosterRow } from '../../helpers/roster'

let t: TestHost
let s: Record<Role, string>
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
  await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)
})
afterEach(() => t.close())

const count = (q = 'SELECT count(*) AS n FROM persons') => (t.host.runtime.sqlite!.prepare(q).get() as { n: number }).n
const b64 = (b: Buffer) => b.toString('base64')
const goodRows = (n: number, from = 1): RosterRow[] => Array.from({ length: n }, (_, i) => validRow(from + i))

async function withBad(): Promise<{ file: Buffer; bad: ReturnType<typeof badRows> }> {
  const bad = badRows()
  // good rows, the bad ones among them: sheet rows 5.. (title, subtitle, two header rows above)
  const rows = [...goodRows(3), ...bad.map((b) => b.row), ...goodRows(2, 4)]
  return { file: await rosterXlsx(rows, { mergeVillages: true }), bad }
}

describe('persons.importCheck', () => {
  it('maps the header, names every problem by sheet row and column in Chinese, and writes nothing', async () => {
    const { file, bad } = await withBad()
    const c = await t.call('persons.importCheck', { filename: '示例乡花名册.xlsx', base64: b64(file) }, s.clerk)
    expect(c.headerRow).toBe(3)
    expect(c.columns.find((x) => x.field === 'idNumber')?.header).toBe('公民身份号码')
    expect(c.columns.find((x) => x.field === 'boys')?.header).toBe('子女数(男)')
    expect(c).toMatchObject({ rows: 11, valid: 5, rejected: 6, existing: 0, fileProblems: [] })
    const got = c.problems.map((p) => `${p.row}:${p.column}:${p.code}`)
    bad.forEach((b, i) => expect(got).toContain(`${8 + i}:${b.column}:${b.code}`))
    // an unreadable 婚姻状况 is one problem, not also "no spouse expected" for the spouse's columns
    expect(c.problems.filter((p) => p.row === 12).map((p) => p.code)).toEqual(['enum_unknown'])
    // samples are data, not the total or signature rows
    expect(c.columns.find((x) => x.header === '序号')?.samples).toEqual(['1', '2', '3'])
    const asNumber = c.problems.find((p) => p.code === 'id_as_number')!
    expect(asNumber.reason).toMatch(/Excel 把身份证号存成了数字/)
    expect(c.problems.find((p) => p.code === 'id_checksum')!.reason).toMatch(/校验码/)
    expect(c.report).not.toBeNull()
    expect(count()).toBe(0)
  })

  it('accepts a 出生年月 (year and month) that agrees with the ID', async () => {
    const c = await t.call('persons.importCheck', { filename: 'r.xlsx', base64: b64(await rosterXlsx(goodRows(5))) }, s.clerk)
    expect(c).toMatchObject({ rows: 5, valid: 5, rejected: 0, problems: [], report: null })
  })

  it('takes an edited mapping: a column given no field is not read, a required one missing blocks the file', async () => {
    const file = b64(await rosterXlsx(goodRows(3)))
    const c = await t.call('persons.importCheck', { filename: 'r.xlsx', base64: file, mapping: { phone: null } }, s.clerk)
    expect(c.columns.find((x) => x.header === '联系电话')?.field).toBeNull()
    expect(c.valid).toBe(3)
    const blocked = await t.call('persons.importCheck', { filename: 'r.xlsx', base64: file, mapping: { idNumber: null } }, s.clerk)
    expect(blocked.fileProblems.map((p) => p.code)).toEqual(['column_missing'])
    expect(blocked.fileProblems[0].reason).toContain('身份证号')
    const e = await t.fail('persons.import', { filename: 'r.xlsx', base64: file, mapping: { idNumber: null } }, s.clerk)
    expect(e.code).toBe('VALIDATION')
    expect(e.details?.fields?.[0]).toMatchObject({ path: 'file', rule: 'column_missing' })
  })

  it('refuses files it cannot read with a rule the UI can word', async () => {
    const e1 = await t.fail('persons.importCheck', { filename: 'old.xls', base64: b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])) }, s.clerk)
    expect(e1.details?.fields?.[0]).toMatchObject({ path: 'file', rule: 'xls_unsupported' })
    const e2 = await t.fail('persons.importCheck', { filename: 'x.pdf', base64: b64(Buffer.from('%PDF-1.4')) }, s.clerk)
    expect(e2.details?.fields?.[0].rule).toBe('unsupported_format')
    const e3 = await t.fail('persons.importCheck', { filename: 'x.xlsx', base64: b64(Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])) }, s.clerk)
    expect(e3.details?.fields?.[0].rule).toBe('file_unreadable')
  })
})

describe('persons.import', () => {
  it('imports nothing when any row is rejected (all or nothing), then the valid rows with validOnly', async () => {
    const { file } = await withBad()
    const none = await t.call('persons.import', { filename: '示例乡花名册.xlsx', base64: b64(file) }, s.clerk)
    expect(none).toMatchObject({ imported: 0, rejected: 6, skipped: 0 })
    expect(count()).toBe(0)
    expect((await t.call('audit.list', { action: 'persons.import' }, s.head)).rows).toHaveLength(0)

    const some = await t.call('persons.import', { filename: '示例乡花名册.xlsx', base64: b64(file), validOnly: true }, s.clerk)
    expect(some).toMatchObject({ imported: 5, rejected: 6, skipped: 0 })
    expect(count()).toBe(5)
    // every imported person has a registration event naming the file and row
    const ev = t.host.runtime.sqlite!.prepare("SELECT reason FROM person_events WHERE type = 'registered' ORDER BY reason").all() as { reason: string }[]
    expect(ev.map((e) => e.reason)).toContain('示例乡花名册.xlsx #5')
    const merged = await t.call('persons.search', { q: String(validRow(2)[4]) }, s.clerk)
    const registered = (await t.call('persons.events', { personId: merged.rows[0].id }, s.clerk))[0]
    expect(registered.changes).toEqual({
      idNumber: { before: null, after: validRow(2)[4] }, name: { before: null, after: validRow(2)[2] }, sex: { before: null, after: 'female' },
      birthDate: { before: null, after: merged.rows[0].birthDate }, phone: { before: null, after: validRow(2)[6] },
      hukouAddress: { before: null, after: validRow(2)[7] }, servicePointId: { before: null, after: expect.any(String) },
      residenceAddress: { before: null, after: validRow(2)[8] }, maritalStatus: { before: null, after: 'married' },
      maritalDate: { before: null, after: '1994-05-01' }, spouseName: { before: null, after: '李强' }, spouseIdNumber: { before: null, after: validRow(2)[12] },
      girls: { before: null, after: 1 }, contraception: { before: null, after: 'iud' }, migrantStatus: { before: null, after: 'local' }
    })
    expect(merged.rows[0]).toMatchObject({ servicePointName: '一村服务室', maritalStatus: 'married' })
    const audit = (await t.call('audit.list', { action: 'persons.import' }, s.head)).rows
    expect(audit).toHaveLength(1)
    expect(audit[0].message).toEqual(['person.imported', { file: '示例乡花名册.xlsx', imported: 5, updated: 0, skipped: 0, rejected: 6 }])

    // the same file again: the valid rows are in the register now
    const again = await t.call('persons.import', { filename: '示例乡花名册.xlsx', base64: b64(file), validOnly: true }, s.clerk)
    expect(again).toMatchObject({ imported: 0, skipped: 5, rejected: 6 })
  })

  it('writes an error report of the rejected rows that can be fixed and imported again', async () => {
    const { file, bad } = await withBad()
    const r = await t.call('persons.import', { filename: '示例乡花名册.xlsx', base64: b64(file), validOnly: true }, s.clerk)
    expect(r.report!.filename).toBe('示例乡花名册-导入问题.xlsx')
    const sheet = await parseFile(r.report!.filename, Buffer.from(r.report!.base64, 'base64'))
    const header = sheet.rows[1].cells.map(String)
    expect(header.slice(-2)).toEqual(['问题说明', '原表行号'])
    const data = sheet.rows.slice(2)
    expect(data.map((x) => x.cells[x.cells.length - 1])).toEqual([8, 9, 10, 11, 12, 13])
    expect(String(data[0].cells[header.indexOf('问题说明')])).toMatch(/^公民身份号码：身份证号校验码/)
    // the clerk fixes the six rows and imports them
    const fixed = bad.map((_, i) => validRow(9001 + i))
    const refile = await rosterXlsx(fixed)
    const again = await t.call('persons.import', { filename: 'fixed.xlsx', base64: b64(refile) }, s.clerk)
    expect(again).toMatchObject({ imported: 6, rejected: 0 })
    expect(count()).toBe(11)
    // and the report file itself, as the clerk saves it, is importable: its extra columns are not read
    const asReport = await t.call('persons.importCheck', { filename: r.report!.filename, base64: r.report!.base64 }, s.clerk)
    expect(asReport.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(expect.arrayContaining(['问题说明', '原表行号']))
    expect(asReport.rows).toBe(6)
  })

  it('skips people already in the register, or corrects them with updateExisting', async () => {
    await t.call('persons.import', { filename: 'first.xlsx', base64: b64(await rosterXlsx(goodRows(4))) }, s.clerk)
    const changed = goodRows(4)
    changed[1][6] = '13900000000' // a new phone
    changed[2][15] = '皮埋' // another contraception (its since-date is left as it was)
    const file = b64(await rosterXlsx([...changed, validRow(50)]))
    const check = await t.call('persons.importCheck', { filename: 'second.xlsx', base64: file, updateExisting: true }, s.clerk)
    expect(check).toMatchObject({ valid: 1, existing: 4, updates: 2 })
    const skip = await t.call('persons.import', { filename: 'second.xlsx', base64: file }, s.clerk)
    expect(skip).toMatchObject({ imported: 1, skipped: 4, updated: 0 })
    const upd = await t.call('persons.import', { filename: 'second.xlsx', base64: file, updateExisting: true }, s.clerk)
    expect(upd).toMatchObject({ imported: 0, skipped: 3, updated: 2 })
    const p = (await t.call('persons.search', { q: String(changed[1][4]) }, s.clerk)).rows[0]
    expect(p.phone).toBe('13900000000')
    const events = await t.call('persons.events', { personId: p.id }, s.clerk)
    expect(events[0]).toMatchObject({ type: 'correction', reason: 'second.xlsx #6', changes: { phone: { before: '13800000002', after: '13900000000' } } })
  })

  it('lists the workbook\'s sheets and reads the one chosen', async () => {
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    for (const [name, from] of [['一村', 1], ['二村', 100]] as const) {
      const ws = wb.addWorksheet(name)
      ws.addRow(['序号', '姓名', '身份证号'])
      for (let i = 0; i < 3; i++) ws.addRow([i + 1, validRow(from + i)[2], validRow(from + i)[4]])
    }
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
    const first = await t.call('persons.importCheck', { filename: 'villages.xlsx', base64 }, s.clerk)
    expect(first).toMatchObject({ sheet: '一村', sheets: ['一村', '二村'], valid: 3 })
    const r = await t.call('persons.import', { filename: 'villages.xlsx', base64, sheet: '二村' }, s.clerk)
    expect(r).toMatchObject({ sheet: '二村', imported: 3 })
    expect((await t.call('persons.search', { q: String(validRow(101)[4]) }, s.clerk)).total).toBe(1)
  })

  it('reads the same roster from a CSV', async () => {
    const r = await t.call('persons.import', { filename: 'roster.csv', base64: b64(rosterCsv(goodRows(7))) }, s.clerk)
    expect(r).toMatchObject({ imported: 7, rejected: 0 })
  })

  it('is refused to the administrator, who does not see the register', async () => {
    const e = await t.fail('persons.import', { filename: 'r.xlsx', base64: 'AA==' }, s.admin)
    expect(e.code).toBe('FORBIDDEN')
  })
})

describe('jobs', () => {
  async function wait(jobId: string, session: string) {
    for (;;) {
      const st = await t.call('jobs.status', { jobId }, session)
      if (st.state !== 'running') return st
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  const indexes = () => t.host.runtime.sqlite!.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('persons', 'person_events') ORDER BY name").all()

  it('runs an import in the background with progress and its result', async () => {
    const before = indexes()
    const file = b64(await rosterXlsx(goodRows(5000)))
    const { jobId } = await t.call('jobs.start', { method: 'persons.import', input: { filename: 'big.xlsx', base64: file } }, s.clerk)
    const phases = new Set<string>()
    let st = await t.call('jobs.status', { jobId }, s.clerk)
    while (st.state === 'running') {
      phases.add(st.phase)
      await new Promise((r) => setTimeout(r, 2))
      st = await t.call('jobs.status', { jobId }, s.clerk)
    }
    expect(st.state).toBe('done')
    expect((st.result as ImportResult).imported).toBe(5000)
    expect(phases.has('checking')).toBe(true)
    expect(count()).toBe(5000)
    // 5,000 people into an empty register: the search indexes were built once at the end, the same as before
    expect(indexes()).toEqual(before)
    expect(t.host.runtime.sqlite!.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
    const found = await t.call('persons.search', { q: String(validRow(4321)[4]).slice(-6) }, s.clerk)
    expect(found.rows.map((r) => r.idNumber)).toContain(validRow(4321)[4])
  })

  it('cancels with nothing written', async () => {
    const file = b64(await rosterXlsx(goodRows(5000)))
    const { jobId } = await t.call('jobs.start', { method: 'persons.import', input: { filename: 'big.xlsx', base64: file } }, s.clerk)
    let st = await t.call('jobs.status', { jobId }, s.clerk)
    while (st.state === 'running' && st.phase !== 'checking') {
      await new Promise((r) => setTimeout(r, 1))
      st = await t.call('jobs.status', { jobId }, s.clerk)
    }
    await t.call('jobs.cancel', { jobId }, s.clerk)
    st = await wait(jobId, s.clerk)
    expect(st.state).toBe('cancelled')
    expect(st.error?.code).toBe('CANCELLED')
    expect(count()).toBe(0)
    expect(count('SELECT count(*) AS n FROM person_events')).toBe(0)
  })

  it('checks the job method’s roles and input at start, and keeps a job to its owner', async () => {
    expect((await t.fail('jobs.start', { method: 'persons.import', input: { filename: 'r.xlsx', base64: 'AA==' } }, s.admin)).code).toBe('FORBIDDEN')
    expect((await t.fail('jobs.start', { method: 'persons.search', input: {} }, s.clerk)).details?.fields?.[0].rule).toBe('not_a_job')
    expect((await t.fail('jobs.start', { method: 'persons.import', input: { filename: '' } }, s.clerk)).code).toBe('VALIDATION')
    const { jobId } = await t.call('jobs.start', { method: 'persons.importCheck', input: { filename: 'r.xlsx', base64: b64(await rosterXlsx(goodRows(2))) } }, s.clerk)
    expect((await t.fail('jobs.status', { jobId }, s.head)).code).toBe('NOT_FOUND')
    expect((await wait(jobId, s.clerk)).state).toBe('done')
  })
})
