/**
 * An encrypted backup export restores only with its passphrase. Export refuses a passphrase
 * that is empty or too short (a field error, worded in both languages); restoring refuses a
 * missing, empty, wrong, wrong-case or padded passphrase with a clear error (PASSPHRASE_REQUIRED
 * or BAD_PASSPHRASE, worded in zh-CN and en), each time with nothing changed: the same data,
 * no backup made, no audit row, the admin still signed in. The same passphrase typed in another
 * Unicode form opens it. On the recovery path (a damaged live file, the command line's
 * `stationdesk restore FILE.sdbak`) a wrong or empty passphrase leaves the damaged file
 * untouched and the station in recovery mode; the right one restores.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiError } from '../../../src/api/contract'
import { run } from '../../../src/cli/main'
import { makeHost, setUpStation, tmpDir, type TestHost } from '../../helpers/host'

const PASS = '县站备份口令-café'
const words = (lang: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../../src/ui/locales', lang, 'errors.json'), 'utf8'))

/** the error is one the user can read: a known code, a message, words in both languages */
function expectClear(e: ApiError, code: string, rule?: string) {
  expect(e.code).toBe(code)
  expect(e.message.trim().length).toBeGreaterThan(0)
  const [zh, en] = [words('zh-CN'), words('en')]
  expect(zh.code[code]).toMatch(/[\u4e00-\u9fff]/)
  expect(en.code[code]).toMatch(/^[\x20-\x7e]+$/)
  if (rule) {
    expect(e.details?.fields?.map((f) => `${f.path}:${f.rule}`)).toEqual([`passphrase:${rule}`])
    expect(zh.rule[rule]).toMatch(/[\u4e00-\u9fff]/)
    expect(en.rule[rule]).toBeTruthy()
  }
}

let exported: string
let dir: string
let t: TestHost
let s: Awaited<ReturnType<typeof setUpStation>>

beforeAll(async () => {
  t = makeHost()
  dir = t.dir
  s = await setUpStation(t)
  await t.call('staff.save', { name: '备份里的人', post: 'doctor' }, s.head)
  for (const passphrase of ['', 'short', '       ']) expectClear(await t.fail('backups.export', { passphrase }, s.admin), 'VALIDATION', 'passphrase_short')
  exported = (await t.call('backups.export', { passphrase: PASS }, s.admin)).base64
  await t.call('staff.save', { name: '之后的人', post: 'nurse' }, s.head)
})

describe('an encrypted backup export', () => {
  it('refuses a missing, empty, wrong, wrong-case or padded passphrase, changing nothing', async () => {
    const state = () => ({
      backups: fs.readdirSync(path.join(dir, 'backups')).sort(),
      audit: (t.host.runtime.sqlite!.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
      db: fs.statSync(path.join(dir, 'stationdesk.db')).ino
    })
    const before = state()
    const tries: [Record<string, string>, string][] = [
      [{}, 'PASSPHRASE_REQUIRED'],
      [{ passphrase: '' }, 'PASSPHRASE_REQUIRED'],
      [{ passphrase: 'wrong passphrase' }, 'BAD_PASSPHRASE'],
      [{ passphrase: PASS.toUpperCase() }, 'BAD_PASSPHRASE'],
      [{ passphrase: ` ${PASS}` }, 'BAD_PASSPHRASE'],
      [{ passphrase: PASS.slice(0, -1) }, 'BAD_PASSPHRASE']
    ]
    for (const [given, code] of tries) {
      const e = await t.fail('backups.restoreFile', { base64: exported, ...given }, s.admin)
      expectClear(e, code)
      expect(state()).toEqual(before)
      expect((await t.call('staff.list', {}, s.admin)).rows.map((r) => r.name).sort()).toEqual(['之后的人', '备份里的人'])
    }
    expect((await t.call('audit.list', { action: 'backups.restore' }, s.admin)).total).toBe(0)
  })

  it('opens with its passphrase, also typed in another Unicode form', async () => {
    const nfd = PASS.normalize('NFD')
    expect(nfd).not.toBe(PASS)
    await t.call('backups.restoreFile', { base64: exported, passphrase: nfd }, s.admin)
    const admin = await t.login('admin', 'admin-pass-1')
    expect((await t.call('staff.list', {}, admin)).rows.map((r) => r.name)).toEqual(['备份里的人'])
    expect(await t.call('audit.verify', {}, admin)).toMatchObject({ ok: true })
    t.close()
  })

  it('on the recovery path (the command line), a wrong or empty passphrase leaves the damaged file alone', async () => {
    const live = path.join(dir, 'stationdesk.db')
    const bytes = fs.readFileSync(live)
    bytes.fill(0, 0, 100)
    fs.writeFileSync(live, bytes)
    const sdbak = path.join(tmpDir(), 'stationdesk-410102001-2026-11-20.sdbak')
    fs.writeFileSync(sdbak, Buffer.from(exported, 'base64'))
    const cli = async (passphrase: string | undefined) => {
      let stdout = ''
      const env: Record<string, string> = { USER: 'tester', STATIONDESK_NOW: '2026-11-20T03:00:00Z', ...(passphrase === undefined ? {} : { STATIONDESK_BACKUP_PASSPHRASE: passphrase }) }
      const code = await run(['restore', sdbak, '--data', dir, '--json'], { stdout: (x) => void (stdout += x), stderr: () => undefined, env, cwd: dir, readLine: async () => null })
      return { code, out: JSON.parse(stdout.trimEnd().split('\n').at(-1)!) }
    }
    for (const [given, code] of [[undefined, 'PASSPHRASE_REQUIRED'], ['', 'PASSPHRASE_REQUIRED'], ['wrong passphrase', 'BAD_PASSPHRASE']] as const) {
      const r = await cli(given)
      expect(r.code).toBe(1)
      expect(r.out.error.code).toBe(code)
      expect(fs.readFileSync(live).equals(bytes)).toBe(true)
      expect(fs.readdirSync(dir).filter((n) => n.includes('damaged'))).toEqual([])
    }
    const ok = await cli(PASS)
    expect(ok.code).toBe(0)
    expect(fs.readFileSync(path.join(dir, ok.out.keptAs)).equals(bytes)).toBe(true)
    t = makeHost(dir)
    expect(t.host.runtime.recovery).toBe(false)
    const admin = await t.login('admin', 'admin-pass-1')
    expect((await t.call('staff.list', {}, admin)).rows.map((r) => r.name)).toEqual(['备份里的人'])
    t.close()
  })
})
