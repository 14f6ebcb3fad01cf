/** `stationdesk persons export` and the demo register, through the in-process command line. */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { tmpDir } from '../../helpers/host'

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
