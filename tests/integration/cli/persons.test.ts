/** `stationdesk persons export` and the demo register, through the in-process command line. */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { tmpDir } from '../../helpers/host'
import { badRows, rosterXlsx, validRow } from '../../helpers/roster'

async function cli(args: string[], cwd = tmpDir('sd-cli-cwd-')) {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { USER: 'tester', STATIONDESK_NOW: '2026-11-20T02:00:00Z' }, cwd })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) }
}

describe('persons export', () => {
  it('writes the register, or what a search finds, to xlsx; audited; bad filters are usage errors', async () => {
    const dir = tmpDir('sd-cli-persons-')
    expect((await cli(['demo', '--data', dir, '--persons', '400', '--seed', '3', '--json'])).json().added.persons).toBe(400)

    const cwd = tmpDir('sd-cli-out-')
    const all = await cli(['persons', 'export', 'register.xlsx', '--data', dir, '--json'], cwd)
    expect(all.code, all.stderr).toBe(0)
    const { file, rows } = all.json()
    expect(file).toBe(path.join(cwd, 'register.xlsx'))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer)
    expect(wb.worksheets[0].rowCount).toBe(3 + rows)
    expect(rows).toBeGreaterThan(380)

    const out = await cli(['persons', 'export', 'out.xlsx', '--data', dir, '--migrant', 'out', '--lang', 'en', '--json'], cwd)
    expect(out.code, out.stderr).toBe(0)
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(fs.readFileSync(out.json().file) as unknown as ArrayBuffer)
    const ws = wb2.worksheets[0]
    expect(ws.getRow(3).getCell(1).value).toBe('ID number')
    const migrant = (ws.getRow(3).values as unknown[]).indexOf('Migrant status')
    for (let r = 4; r <= ws.rowCount; r++) expect(ws.getRow(r).getCell(migrant).value).toBe('Out-migrant')
    expect(out.json().rows).toBe(ws.rowCount - 3)

    const audit = await cli(['audit', 'list', '--data', dir, '--json'])
    expect(JSON.stringify(audit.json())).toContain('persons.export')

    const bad = await cli(['persons', 'export', 'x.xlsx', '--data', dir, '--marital', 'engaged'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--marital is one of/)
  })
})

describe('persons import', () => {
  it('imports all or nothing, valid rows with --valid-only, writes the report, and prints the JSON the issue names', async () => {
    const dir = tmpDir('sd-cli-import-')
    const init = await run(['init', '--station-code', '410102001', '--name', '示例乡计划生育服务站', '--admin', 'admin', '--data', dir], {
      stdout: () => {},
      stderr: () => {},
      env: { USER: 'tester', STATIONDESK_PASSWORD: 'admin-pass-1', STATIONDESK_NOW: '2026-11-20T02:00:00Z' },
      cwd: dir
    })
    expect(init).toBe(0)
    const cwd = tmpDir('sd-cli-roster-')
    // no village column values: the new station has no service points yet
    const rows = [...Array.from({ length: 4 }, (_, i) => validRow(i + 1)), ...badRows().slice(0, 2).map((b) => b.row)].map((r) => {
      const x = [...r]
      x[1] = null
      return x
    })
    fs.writeFileSync(path.join(cwd, 'roster.xlsx'), await rosterXlsx(rows))

    const refused = await cli(['persons', 'import', 'roster.xlsx', '--data', dir, '--report', 'problems.xlsx', '--json'], cwd)
    expect(refused.code).toBe(1)
    const j = refused.json()
    expect(j).toMatchObject({ imported: 0, rejected: 2, skipped: 0 })
    expect(j.errors[0]).toEqual({ row: 9, column: '公民身份号码', reason: expect.stringMatching(/校验码/) })
    expect(j.errors[1]).toMatchObject({ row: 10, column: '公民身份号码', reason: expect.stringMatching(/Excel/) })
    expect(fs.existsSync(path.join(cwd, 'problems.xlsx'))).toBe(true)

    const ok = await cli(['persons', 'import', 'roster.xlsx', '--data', dir, '--valid-only', '--json', '--lang', 'en'], cwd)
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.json()).toMatchObject({ imported: 4, rejected: 2, skipped: 0 })
    expect(ok.json().errors[0].reason).toMatch(/check digit/)

    const again = await cli(['persons', 'import', 'roster.xlsx', '--data', dir, '--valid-only'], cwd)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/imported: 0 {2}rejected: 2 {2}skipped \(already in the register\): 4/)

    const missing = await cli(['persons', 'import', 'nope.xlsx', '--data', dir], cwd)
    expect(missing.code).toBe(2)
  })
})
