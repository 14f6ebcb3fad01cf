/**
 * The `stationdesk` command line: in-process `run(argv)` with captured output for most cases,
 * and a few real child processes to prove bin/stationdesk.cjs and `tsx src/cli/main.ts` work.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { KeyFile } from '../../../src/api/keys'
import { run } from '../../../src/cli/main'
import { osUser } from '../../../src/cli/session'
import { verifyKeyFile } from '../../../src/core/keys/keyfile'
import { tmpDir } from '../../helpers/host'

const ROOT = path.resolve(__dirname, '../../..')

interface Ran {
  code: number
  stdout: string
  stderr: string
  /** the last line of stdout, parsed */
  json(): any
}

async function cli(args: string[], opts: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<Ran> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { USER: 'tester', ...opts.env },
    cwd: opts.cwd ?? ROOT,
    readLine: async () => (opts.stdin === undefined ? null : opts.stdin.split('\n')[0])
  })
  return { code, stdout, stderr, json: () => lastJson(stdout) }
}

function lastJson(stdout: string): any {
  const lines = stdout.trimEnd().split('\n')
  return JSON.parse(lines[lines.length - 1])
}

const ADMIN_PW = 'admin-pass-1'
const initArgs = (dir: string, extra: string[] = []) => ['init', '--station-code', '410102001', '--name', '示例乡计划生育服务站', '--admin', 'admin', '--data', dir, ...extra]

/** a set-up station in a fresh folder */
async function station(extraEnv: Record<string, string> = {}): Promise<string> {
  const dir = tmpDir('sd-cli-')
  const r = await cli(initArgs(dir), { env: { STATIONDESK_PASSWORD: ADMIN_PW, ...extraEnv } })
  expect(r.code, r.stderr).toBe(0)
  return dir
}

async function usernames(dir: string): Promise<string[]> {
  const r = await cli(['users', 'list', '--data', dir, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return r.json().rows.map((u: { username: string }) => u.username)
}

describe('usage', () => {
  it('prints help with exit 0, and a short usage with exit 2 for wrong usage', async () => {
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('users reset-password')
    expect(help.stdout).toContain('STATIONDESK_DATA')
    const domainHelp = await cli(['users', '--help'])
    expect(domainHelp.code).toBe(0)
    expect(domainHelp.stdout).toContain('users add')
    const cmdHelp = await cli(['users', 'add', '--help'])
    expect(cmdHelp.code).toBe(0)
    expect(cmdHelp.stdout).toContain('--role ROLE')

    for (const args of [[], ['bogus'], ['users'], ['users', 'frobnicate'], ['users', 'add'], ['users', 'disable', 'a', 'b'], ['demo', '--persons', 'many'], ['demo', '--persons', '200001'], ['audit', 'verify', '--nope'], ['backup', 'nope']]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/Usage: stationdesk/)
    }
  })

  it('--json makes the last stdout line one JSON value, errors included', async () => {
    const r = await cli(['bogus', '--json'])
    expect(r.code).toBe(2)
    expect(r.json()).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('bogus') } })
    const dir = tmpDir('sd-cli-')
    const notSetUp = await cli(['users', 'list', '--data', dir, '--json'])
    expect(notSetUp.code).toBe(1)
    expect(notSetUp.json().error.code).toBe('NOT_SET_UP')
    const info = await cli(['info', '--data', dir, '--json'])
    expect(info.code).toBe(0)
    expect(info.json()).toMatchObject({ dataDir: dir, setUp: false, recovery: false })
  })
})

describe('init', () => {
  it('sets up a station, warns about the unprotected key, and refuses a second setup', async () => {
    const dir = tmpDir('sd-cli-')
    const r = await cli(initArgs(dir, ['--area', '320', '--phone', '0371-12345678', '--json']), { stdin: `${ADMIN_PW}\n` })
    expect(r.code, r.stderr).toBe(0)
    expect(r.json()).toMatchObject({ stationCode: '410102001', keyUnprotected: true, dataDir: dir, admin: 'admin' })
    expect(r.stderr).toMatch(/^WARNING: .*private signing key/m)
    // the password from stdin works for a named login
    expect((await cli(['users', 'list', '--data', dir, '--user', 'admin'], { env: { STATIONDESK_PASSWORD: ADMIN_PW } })).code).toBe(0)
    const again = await cli(initArgs(dir, ['--json']), { env: { STATIONDESK_PASSWORD: ADMIN_PW } })
    expect(again.code).toBe(1)
    expect(again.json().error.code).toBe('ALREADY_SET_UP')
  })

  it('reports field errors with the field and rule (exit 1), and missing input as usage (exit 2)', async () => {
    const dir = tmpDir('sd-cli-')
    const env = { STATIONDESK_PASSWORD: ADMIN_PW }
    const bad = await cli(['init', '--station-code', '12345', '--name', 'X站', '--admin', 'admin', '--data', dir, '--json'], { env })
    expect(bad.code).toBe(1)
    expect(bad.json().error.code).toBe('VALIDATION')
    expect(bad.json().error.details.fields).toContainEqual(expect.objectContaining({ path: 'station.code', rule: 'station_code_format' }))

    const text = await cli(['init', '--station-code', '12345', '--name', 'X站', '--admin', 'admin', '--data', dir], { env })
    expect(text.code).toBe(1)
    expect(text.stderr).toMatch(/station\.code: station_code_format/)

    const district = await cli(initArgs(dir, ['--level', 'district', '--json']), { env })
    expect(district.code).toBe(1)
    expect(district.json().error.details.fields).toContainEqual(expect.objectContaining({ path: 'station.code', rule: 'station_code_district' }))

    const county = await cli(['init', '--station-code', '999999001', '--name', 'X站', '--admin', 'admin', '--data', dir, '--json'], { env })
    expect(county.code).toBe(1)
    expect(county.json().error.details.fields[0]).toMatchObject({ path: 'station.code', rule: 'county_unknown' })

    const area = await cli(initArgs(dir, ['--area', 'big', '--json']), { env })
    expect(area.code).toBe(1)
    expect(area.json().error.details.fields[0].path).toBe('station.buildingArea')

    expect((await cli(['init', '--name', 'X站', '--admin', 'admin', '--data', dir])).code).toBe(2)
    const noPassword = await cli(initArgs(dir))
    expect(noPassword.code).toBe(2)
    expect(noPassword.stderr).toContain('STATIONDESK_PASSWORD')
    // nothing was set up by the refused attempts
    expect((await cli(['info', '--data', dir, '--json'])).json().setUp).toBe(false)
  })
})

describe('users', () => {
  it('adds, lists, disables, enables; a taken username is a CONFLICT', async () => {
    const dir = await station()
    const add = await cli(['users', 'add', 'zhang', '--role', 'clerk', '--name', '张三', '--data', dir, '--json'], { env: { STATIONDESK_PASSWORD: 'zhang-pass-1' } })
    expect(add.code, add.stderr).toBe(0)
    expect(add.json()).toMatchObject({ username: 'zhang', displayName: '张三', role: 'clerk', disabled: false })

    const list = await cli(['users', 'list', '--data', dir])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^USERNAME\s+NAME\s+ROLE/m)
    expect(list.stdout).toMatch(/zhang\s+张三\s+clerk\s+active/)

    const dup = await cli(['users', 'add', 'Zhang', '--role', 'head', '--data', dir, '--json'], { stdin: 'other-pass-1\n' })
    expect(dup.code).toBe(1)
    expect(dup.json().error.code).toBe('CONFLICT')

    expect((await cli(['users', 'add', 'li', '--data', dir])).code).toBe(2)
    const badRole = await cli(['users', 'add', 'li', '--role', 'boss', '--data', dir, '--json'], { stdin: 'li-pass-12\n' })
    expect(badRole.code).toBe(1)
    expect(badRole.json().error.details.fields[0].path).toBe('role')

    const dis = await cli(['users', 'disable', 'zhang', '--data', dir, '--json'])
    expect(dis.code).toBe(0)
    expect(dis.json().disabled).toBe(true)
    expect((await cli(['users', 'list', '--data', dir])).stdout).toMatch(/zhang\s+张三\s+clerk\s+disabled/)
    const login = await cli(['users', 'list', '--data', dir, '--user', 'zhang', '--json'], { env: { STATIONDESK_PASSWORD: 'zhang-pass-1' } })
    expect(login.json().error.code).toBe('ACCOUNT_DISABLED')
    expect((await cli(['users', 'enable', 'zhang', '--data', dir])).code).toBe(0)
    // a clerk may log in but not manage users
    const clerk = await cli(['users', 'list', '--data', dir, '--user', 'zhang', '--json'], { env: { STATIONDESK_PASSWORD: 'zhang-pass-1' } })
    expect(clerk.code).toBe(1)
    expect(clerk.json().error.code).toBe('FORBIDDEN')

    const missing = await cli(['users', 'disable', 'nobody', '--data', dir, '--json'])
    expect(missing.code).toBe(1)
    expect(missing.json().error.code).toBe('NOT_FOUND')
    const lastAdmin = await cli(['users', 'disable', 'admin', '--data', dir, '--json'])
    expect(lastAdmin.code).toBe(1)
    expect(lastAdmin.json().error.code).toBe('CONFLICT')
    // --user without its password is wrong usage
    expect((await cli(['users', 'list', '--data', dir, '--user', 'admin'])).code).toBe(2)
  })

  it('gets a locked-out only admin back in with reset-password as the local operator', async () => {
    const dir = await station()
    const wrong = { STATIONDESK_PASSWORD: 'not-the-password' }
    const codes: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await cli(['users', 'list', '--data', dir, '--user', 'admin', '--json'], { env: wrong })
      expect(r.code).toBe(1)
      codes.push(r.json().error.code)
    }
    expect(codes).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED'])
    const locked = await cli(['users', 'list', '--data', dir, '--user', 'admin'], { env: { STATIONDESK_PASSWORD: ADMIN_PW } })
    expect(locked.code).toBe(1)
    expect(locked.stderr).toContain('ACCOUNT_LOCKED')
    expect(locked.stderr).toContain('users reset-password')
    expect((await cli(['users', 'list', '--data', dir])).stdout).toMatch(/admin\s+admin\s+admin\s+locked until/)

    const reset = await cli(['users', 'reset-password', 'admin', '--data', dir], { env: { STATIONDESK_PASSWORD: 'brand-new-pass-1' } })
    expect(reset.code, reset.stderr).toBe(0)
    const back = await cli(['users', 'list', '--data', dir, '--user', 'admin', '--json'], { env: { STATIONDESK_PASSWORD: 'brand-new-pass-1' } })
    expect(back.code, back.stdout).toBe(0)
    // as a named user, the password to set comes from STATIONDESK_NEW_PASSWORD (STATIONDESK_PASSWORD is the login)
    const named = await cli(['users', 'reset-password', 'admin', '--data', dir, '--user', 'admin'], {
      env: { STATIONDESK_PASSWORD: 'brand-new-pass-1', STATIONDESK_NEW_PASSWORD: 'third-pass-123' }
    })
    expect(named.code, named.stderr).toBe(0)
    expect((await cli(['users', 'list', '--data', dir, '--user', 'admin'], { env: { STATIONDESK_PASSWORD: 'third-pass-123' } })).code).toBe(0)

    const audit = await cli(['audit', 'list', '--data', dir, '--action', 'users.resetPassword', '--json'])
    expect(audit.json().rows.map((r: { actor: string }) => r.actor).sort()).toEqual(['admin', `cli:${osUser()}`].sort())
  })
})

describe('audit verify', () => {
  it('is ok on an untouched log (exit 0) and reports the first broken row after tampering (exit 1)', async () => {
    const dir = await station()
    await cli(['users', 'add', 'wang', '--role', 'head', '--data', dir], { stdin: 'wang-pass-1\n' })
    const ok = await cli(['audit', 'verify', '--data', dir])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^audit chain ok: \d+ rows$/m)
    const okJson = await cli(['audit', 'verify', '--data', dir, '--json'])
    expect(okJson.json()).toMatchObject({ ok: true, firstBroken: null, reason: null })
    expect(okJson.json().rows).toBeGreaterThanOrEqual(2)

    const db = new Database(path.join(dir, 'stationdesk.db'))
    db.exec('DROP TRIGGER audit_log_no_update')
    db.prepare(`UPDATE audit_log SET summary = 'nothing happened here' WHERE seq = 2`).run()
    db.close()

    const broken = await cli(['audit', 'verify', '--data', dir, '--json'])
    expect(broken.code).toBe(1)
    expect(broken.json()).toMatchObject({ ok: false, firstBroken: 2 })
    expect(broken.json().reason).toMatch(/row 2/)
    const text = await cli(['audit', 'verify', '--data', dir])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/^audit chain broken at row 2: /m)
  })
})

describe('backup and restore', () => {
  it('round-trips a backup, and refuses a file that is not a StationDesk backup with the data untouched', async () => {
    const dir = await station()
    const b = await cli(['backup', '--data', dir, '--json'])
    expect(b.code, b.stderr).toBe(0)
    const file = b.json().file as string
    expect(fs.existsSync(file)).toBe(true)
    expect(path.dirname(file)).toBe(path.join(dir, 'backups'))
    const human = await cli(['backup', '--data', dir])
    expect(fs.existsSync(human.stdout.trim())).toBe(true)

    // a copy somewhere else, then a change after the backup
    const outside = path.join(tmpDir('sd-cli-out-'), 'station.db')
    fs.copyFileSync(file, outside)
    await cli(['users', 'add', 'later', '--role', 'clerk', '--data', dir], { stdin: 'later-pass-1\n' })
    expect(await usernames(dir)).toContain('later')

    const restored = await cli(['restore', outside, '--data', dir, '--json'])
    expect(restored.code, restored.stdout).toBe(0)
    expect(restored.json().keptAs).toMatch(/before-restore/)
    expect(await usernames(dir)).not.toContain('later')
    // the data before the restore is a backup that can be restored by name
    const back = await cli(['restore', restored.json().keptAs, '--data', dir])
    expect(back.code, back.stderr).toBe(0)
    expect(await usernames(dir)).toContain('later')

    // not a backup: refused, nothing changed
    const before = await cli(['audit', 'verify', '--data', dir, '--json'])
    const backupsBefore = fs.readdirSync(path.join(dir, 'backups')).sort()
    const junk = path.join(tmpDir('sd-cli-out-'), 'notes.txt')
    fs.writeFileSync(junk, 'these are not the data you are looking for\n')
    const refused = await cli(['restore', junk, '--data', dir, '--json'])
    expect(refused.code).toBe(1)
    expect(refused.json().error.code).toBe('BAD_BACKUP')
    const after = await cli(['audit', 'verify', '--data', dir, '--json'])
    expect(after.json()).toEqual(before.json())
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual(backupsBefore)
    expect(await usernames(dir)).toContain('later')

    const none = await cli(['restore', path.join(dir, 'no-such-file.db'), '--data', dir, '--json'])
    expect(none.code).toBe(1)
    expect(none.json().error.code).toBe('NOT_FOUND')

    const list = await cli(['backup', 'list', '--data', dir])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/before-restore/)
  })

  it('exports an encrypted backup and restores it with its passphrase', async () => {
    const dir = await station()
    const out = tmpDir('sd-cli-out-')
    expect((await cli(['backup', 'export', '--data', dir])).code).toBe(2)
    const env = { STATIONDESK_BACKUP_PASSPHRASE: 'usb-stick-pass' }
    const ex = await cli(['backup', 'export', '--data', dir, '--json'], { env, cwd: out })
    expect(ex.code, ex.stdout).toBe(0)
    const file = ex.json().file as string
    expect(path.dirname(file)).toBe(out)
    expect(file).toMatch(/\.sdbak$/)
    expect(fs.readFileSync(file).subarray(0, 6).toString('latin1')).toBe('SDBAK1')

    await cli(['users', 'add', 'gone', '--role', 'clerk', '--data', dir], { stdin: 'gone-pass-12\n' })
    const wrong = await cli(['restore', file, '--data', dir, '--json'], { env: { STATIONDESK_BACKUP_PASSPHRASE: 'not-it-at-all' } })
    expect(wrong.json().error.code).toBe('BAD_PASSPHRASE')
    const noPass = await cli(['restore', file, '--data', dir, '--json'])
    expect(noPass.json().error.code).toBe('PASSPHRASE_REQUIRED')
    expect(await usernames(dir)).toContain('gone')
    const ok = await cli(['restore', file, '--data', dir], { env })
    expect(ok.code, ok.stderr).toBe(0)
    expect(await usernames(dir)).not.toContain('gone')
  })

  it('in recovery mode, commands explain the problem and restore FILE brings the data back', async () => {
    const dir = await station()
    const good = path.join(tmpDir('sd-cli-out-'), 'good.db')
    fs.copyFileSync((await cli(['backup', '--data', dir, '--json'])).json().file, good)
    fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true })
    fs.writeFileSync(path.join(dir, 'stationdesk.db'), 'this is not a database at all, it is a shopping list')

    const r = await cli(['users', 'list', '--data', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('RECOVERY_MODE')
    expect(r.stderr).toContain('stationdesk restore FILE')
    const j = await cli(['audit', 'verify', '--data', dir, '--json'])
    expect(j.code).toBe(1)
    expect(j.json().error).toMatchObject({ code: 'RECOVERY_MODE', details: { problem: expect.any(String) } })

    const restored = await cli(['restore', good, '--data', dir])
    expect(restored.code, restored.stderr).toBe(0)
    expect(await usernames(dir)).toEqual(['admin'])
    // the damaged file is kept aside, never deleted
    expect(fs.readdirSync(dir).some((n) => n.startsWith('stationdesk.db.damaged-'))).toBe(true)
  })
})

describe('demo', () => {
  it('makes a demo station on an empty folder and prints the folder and logins; run again it adds nothing', async () => {
    const dir = tmpDir('sd-cli-demo-')
    const r = await cli(['demo', '--data', dir])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(dir)
    expect(r.stdout).toMatch(/admin\s+admin\s+demo-admin-1/)
    expect(r.stdout).toMatch(/clerk\s+clerk\s+demo-clerk-1/)
    expect(r.stdout).toContain('新县沙窝镇计划生育服务站')
    expect(r.stdout).toContain('20,000 people in the register')
    expect(r.stderr).toMatch(/^WARNING: /m)
    const again = await cli(['demo', '--data', dir, '--json'])
    expect(again.code).toBe(0)
    expect(again.json()).toMatchObject({ created: false, logins: null, added: { servicePoints: 0, staff: 0, equipment: 0, persons: 0 } })
    // more people on request, deterministic for a seed
    const more = await cli(['demo', '--data', dir, '--persons', '1,000', '--seed', '7', '--json'])
    expect(more.code, more.stderr).toBe(0)
    expect(more.json().added).toEqual({ servicePoints: 0, staff: 0, equipment: 0, persons: 1000 })
    // demo records on an existing station of its own
    const other = await station()
    const added = await cli(['demo', '--data', other, '--json'])
    expect(added.code, added.stdout).toBe(0)
    expect(added.json()).toMatchObject({ created: false, logins: null })
    expect(added.json().added.staff).toBeGreaterThan(0)
    expect(added.json().added.persons).toBe(20_000)
  })
})

describe('keys export', () => {
  it('writes a valid one-key file (stationdesk-keys/1) and warns that the key is unprotected', async () => {
    const dir = await station()
    const cwd = tmpDir('sd-cli-out-')
    const r = await cli(['keys', 'export', '--data', dir, '--json'], { cwd })
    expect(r.code, r.stdout).toBe(0)
    const { file, keyId } = r.json()
    expect(path.dirname(file)).toBe(cwd)
    expect(r.stderr).toMatch(/^WARNING: .*passphrase/m)
    const k = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile
    expect(k.format).toBe('stationdesk-keys/1')
    expect(k.keys).toHaveLength(1)
    expect(k.keys[0]).toMatchObject({ stationCode: '410102001', name: '示例乡计划生育服务站', keyId })
    expect(verifyKeyFile(k, k.keys[0].publicKey)).toBe(true)

    const out = path.join(cwd, 'sub', 'station.json')
    const human = await cli(['keys', 'export', '--out', out, '--data', dir])
    expect(human.code).toBe(0)
    expect(human.stdout.trim()).toBe(out)
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).keys[0].keyId).toBe(keyId)
  })

  it('with a protected key: no warning, and the export needs STATIONDESK_KEY_PASSPHRASE', async () => {
    const passphrase = { STATIONDESK_KEY_PASSPHRASE: 'key-passphrase-1' }
    const dir = tmpDir('sd-cli-')
    const init = await cli(initArgs(dir), { env: { STATIONDESK_PASSWORD: ADMIN_PW, ...passphrase } })
    expect(init.code).toBe(0)
    expect(init.stderr).not.toMatch(/WARNING/)
    const cwd = tmpDir('sd-cli-out-')
    const refused = await cli(['keys', 'export', '--data', dir, '--json'], { cwd })
    if (!process.env.STATIONDESK_KEY_PASSPHRASE) {
      expect(refused.code).toBe(1)
      expect(refused.json().error.code).toBe('PASSPHRASE_REQUIRED')
    }
    const ok = await cli(['keys', 'export', '--data', dir, '--json'], { cwd, env: passphrase })
    expect(ok.code, ok.stdout).toBe(0)
    expect(ok.stderr).not.toMatch(/WARNING/)
    const info = await cli(['keys', 'info', '--data', dir, '--json'])
    expect(info.json()).toMatchObject({ keyId: ok.json().keyId, unprotected: false })
  })
})

describe('as a real process', () => {
  const node = (args: string[], input?: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, args, { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, STATIONDESK_PASSWORD: '', ...env }, timeout: 30_000 })

  it('bin/stationdesk.cjs runs the CLI: exit codes, stdin password, --json last line', () => {
    const wrong = node(['bin/stationdesk.cjs', 'nope'])
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toContain('Usage: stationdesk')

    const dir = tmpDir('sd-cli-bin-')
    const init = node(['bin/stationdesk.cjs', ...initArgs(dir)], `${ADMIN_PW}\n`)
    expect(init.status, init.stderr).toBe(0)
    expect(init.stderr).toMatch(/^WARNING: /m)
    const verify = node(['bin/stationdesk.cjs', 'audit', 'verify', '--data', dir, '--json'], undefined, { STATIONDESK_NOW: '2026-12-01T02:00:00Z' })
    expect(verify.status, verify.stderr).toBe(0)
    expect(lastJson(verify.stdout)).toMatchObject({ ok: true, firstBroken: null })
  })

  it('`tsx src/cli/main.ts` (npm run cli) runs main when it is the entry module', () => {
    const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const r = node([tsx, 'src/cli/main.ts', 'info', '--data', tmpDir('sd-cli-bin-'), '--json'])
    expect(r.status, r.stderr).toBe(0)
    expect(lastJson(r.stdout)).toMatchObject({ setUp: false })
  })
})
