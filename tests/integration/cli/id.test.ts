/**
 * `stationdesk id check ID [--json]` (issue 3): human and --json output, exit codes 0 valid,
 * 1 invalid, 2 wrong usage, no data folder touched; in-process `run(argv, io)` for most cases
 * and one real child process through bin/stationdesk.cjs.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDigit } from '../../../src/api/idNumber'
import { run } from '../../../src/cli/main'
import { tmpDir } from '../../helpers/host'

const ROOT = path.resolve(__dirname, '../../..')
const KNOWN = '11010519491231002X'
/** 2026-11-20 in Asia/Shanghai (10:00 there) */
const NOW = '2026-11-20T02:00:00Z'
const id = (first17: string) => first17 + checkDigit(first17)

interface Ran {
  code: number
  stdout: string
  stderr: string
  /** stdout must be exactly one line of JSON */
  json(): any
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { USER: 'tester', STATIONDESK_NOW: NOW, ...env },
    cwd: ROOT,
    readLine: async () => null
  })
  return {
    code,
    stdout,
    stderr,
    json: () => {
      expect(stdout.endsWith('\n') && stdout.indexOf('\n') === stdout.length - 1, `one line: ${stdout}`).toBe(true)
      return JSON.parse(stdout)
    }
  }
}

describe('stationdesk id check', () => {
  it('a valid number: exit 0, number, sex, birth date and region name', async () => {
    const r = await cli(['id', 'check', KNOWN])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^valid:\s+yes$/m)
    expect(r.stdout).toMatch(new RegExp(`^number:\\s+${KNOWN}$`, 'm'))
    expect(r.stdout).toMatch(/^sex:\s+female$/m)
    expect(r.stdout).toMatch(/^birth:\s+1949-12-31$/m)
    expect(r.stdout).toMatch(/^region:\s+北京市朝阳区 \(110105\)$/m)
    expect(r.stderr).toBe('')
  })

  it('--json for a valid number: exactly the shape of the issue, one line', async () => {
    const r = await cli(['id', 'check', KNOWN, '--json'])
    expect(r.code).toBe(0)
    expect(r.json()).toEqual({ valid: true, normalized: KNOWN, sex: 'female', birth: '1949-12-31', warnings: [] })
    expect(Object.keys(r.json())).toEqual(['valid', 'normalized', 'sex', 'birth', 'warnings'])
  })

  it('spaces, full-width digits and a lowercase x are normalised, with the warning as {code, message}', async () => {
    for (const raw of ['1101 0519 4912 3100 2x', '１１０１０５１９４９１２３１００２ｘ']) {
      const r = await cli(['id', 'check', raw, '--json'])
      expect(r.code, raw).toBe(0)
      expect(r.json()).toEqual({ valid: true, normalized: KNOWN, sex: 'female', birth: '1949-12-31', warnings: [{ code: 'ID_NORMALIZED', message: expect.any(String) }] })
      expect(Object.keys(r.json().warnings[0])).toEqual(['code', 'message'])
      expect(r.stderr).toBe('')
      const human = await cli(['id', 'check', raw])
      expect(human.code).toBe(0)
      expect(human.stdout).toContain(KNOWN)
      expect(human.stderr).toMatch(/^WARNING: .*\(ID_NORMALIZED\)$/m)
    }
  })

  it('a 15-digit legacy number is upgraded; a historical region is valid with ID_REGION_NOT_CURRENT', async () => {
    const legacy = await cli(['id', 'check', '110105491231002', '--json'])
    expect(legacy.code).toBe(0)
    expect(legacy.json()).toMatchObject({ valid: true, normalized: KNOWN, warnings: [{ code: 'ID_LEGACY_UPGRADED' }] })

    const old = id('11010419600101123')
    const r = await cli(['id', 'check', old, '--json'])
    expect(r.code).toBe(0)
    expect(r.json()).toMatchObject({ valid: true, normalized: old, sex: 'male', birth: '1960-01-01', warnings: [{ code: 'ID_REGION_NOT_CURRENT', message: expect.stringContaining('110104') }] })
    const human = await cli(['id', 'check', old])
    expect(human.stdout).toMatch(/^region:\s+110104 \(not in the current GB\/T 2260 list\)$/m)
    expect(human.stderr).toContain('ID_REGION_NOT_CURRENT')

    const permit = await cli(['id', 'check', id('81000019900101123')])
    expect(permit.code).toBe(0)
    expect(permit.stdout).toMatch(/^region:\s+810000 \(residence permit of a Hong Kong resident\)$/m)
  })

  it.each([
    ['11010519491231002', 'ID_FORMAT'],
    [id('99010519900101123'), 'ID_PROVINCE'],
    [id('11000519900101123'), 'ID_REGION'],
    [id('11010520230229123'), 'ID_DATE'],
    [id('11010518991231123'), 'ID_DATE'],
    ['110105194912310021', 'ID_CHECKSUM']
  ])('%s is invalid (%s): exit 1, {"valid":false,"error":{code,message}}', async (raw, code) => {
    const r = await cli(['id', 'check', raw, '--json'])
    expect(r.code).toBe(1)
    expect(r.json()).toEqual({ valid: false, error: { code, message: expect.any(String) } })
    const human = await cli(['id', 'check', raw])
    expect(human.code).toBe(1)
    expect(human.stdout).toMatch(/^valid:\s+no$/m)
    expect(human.stdout).toMatch(new RegExp(`^rule:\\s+${code}: `, 'm'))
  })

  it('the wrong check digit names the expected one', async () => {
    const r = await cli(['id', 'check', '110105194912310021', '--json'])
    expect(r.json().error.message).toContain('X')
  })

  it('"today" is the station\'s date (Asia/Shanghai) from STATIONDESK_NOW: born on it is valid, the next day is not', async () => {
    const born = id('11010520261120123')
    // 2026-11-19T16:30Z is already 2026-11-20 in Shanghai
    expect((await cli(['id', 'check', born, '--json'], { STATIONDESK_NOW: '2026-11-19T16:30:00Z' })).code).toBe(0)
    expect((await cli(['id', 'check', born, '--json'], { STATIONDESK_NOW: '2026-11-19T15:30:00Z' })).json().error.code).toBe('ID_DATE')
    expect((await cli(['id', 'check', born], { STATIONDESK_NOW: 'yesterday' })).code).toBe(2)
  })

  it('wrong usage exits 2: no ID, an empty ID, an unquoted number with spaces, an unknown option', async () => {
    for (const args of [['id', 'check'], ['id', 'check', ''], ['id', 'check', '1101', '0519'], ['id', 'check', KNOWN, '--nope'], ['id', 'check', KNOWN, '--user', 'admin'], ['id']]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(/Usage: stationdesk id/)
    }
    const json = await cli(['id', 'check', '--json'])
    expect(json.code).toBe(2)
    expect(json.json()).toEqual({ error: { code: 'USAGE', message: 'missing ID' } })
    const help = await cli(['id', 'check', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: stationdesk id check ID [--json]')
    expect((await cli(['--help'])).stdout).toContain('id check')
  })

  it('needs no data folder: nothing is opened or created', async () => {
    const dir = path.join(tmpDir('sd-cli-id-'), 'data')
    const r = await cli(['id', 'check', KNOWN, '--json'], { STATIONDESK_DATA: dir })
    expect(r.code).toBe(0)
    const bad = await cli(['id', 'check', '110105194912310021'], { STATIONDESK_DATA: dir })
    expect(bad.code).toBe(1)
    expect(fs.existsSync(dir)).toBe(false)
  })

  it('runs as a real process through bin/stationdesk.cjs', () => {
    const dir = path.join(tmpDir('sd-cli-id-bin-'), 'data')
    const node = (args: string[]) =>
      spawnSync(process.execPath, ['bin/stationdesk.cjs', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STATIONDESK_DATA: dir, STATIONDESK_NOW: NOW }, timeout: 30_000 })
    const ok = node(['id', 'check', '1101 0519 4912 3100 2x', '--json'])
    expect(ok.status, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout)).toEqual({ valid: true, normalized: KNOWN, sex: 'female', birth: '1949-12-31', warnings: [{ code: 'ID_NORMALIZED', message: expect.any(String) }] })
    const bad = node(['id', 'check', '110105194912310021'])
    expect(bad.status).toBe(1)
    expect(bad.stdout).toMatch(/^rule:\s+ID_CHECKSUM: /m)
    expect(node(['id', 'check']).status).toBe(2)
    expect(fs.existsSync(dir)).toBe(false)
  })
})
