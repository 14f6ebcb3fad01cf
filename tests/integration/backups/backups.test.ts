import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/core/clock'
import { makeHost, setUpStation, T0, tmpDir, type TestHost } from '../../helpers/host'
import { openDatabase } from '../../../src/core/db/open'
import { findAppRoot } from '../../../src/core/runtime'
import { checkBackupFile } from '../../../src/core/backups/files'

let t: TestHost
afterEach(() => t?.close())

const DAY = 86_400_000
const backups = (dir: string) => fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith('.db'))

describe('automatic backups', () => {
  it('backs up once a day and keeps the 14 newest daily copies', async () => {
    const dir = tmpDir()
    const clock = new ManualClock(T0)
    t = makeHost(dir, clock)
    await setUpStation(t)
    expect(backups(dir).filter((n) => n.includes('daily'))).toHaveLength(1)
    await t.login('admin', 'admin-pass-1')
    expect(backups(dir).filter((n) => n.includes('daily'))).toHaveLength(1)
    t.close()
    for (let d = 1; d <= 20; d++) {
      clock.advance(DAY)
      t = makeHost(dir, clock) // a start on a new day
      t.close()
    }
    t = makeHost(dir, clock)
    const daily = backups(dir).filter((n) => n.includes('daily'))
    expect(daily).toHaveLength(14)
    expect(daily.sort()[13]).toContain('20261210')
  })

  it('backs up before a migration runs on an existing database', async () => {
    const dir = tmpDir()
    // a database made by the first released schema: only the first migration of the journal
    const migrations = path.join(findAppRoot(), 'src', 'core', 'db', 'migrations')
    const old = path.join(tmpDir('old-migrations-'), 'migrations')
    fs.cpSync(migrations, old, { recursive: true })
    const journal = JSON.parse(fs.readFileSync(path.join(old, 'meta', '_journal.json'), 'utf8'))
    journal.entries = journal.entries.slice(0, 1)
    fs.writeFileSync(path.join(old, 'meta', '_journal.json'), JSON.stringify(journal))
    openDatabase({ file: path.join(dir, 'stationdesk.db'), migrationsFolder: old }).sqlite.close()
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false)

    t = makeHost(dir)
    const kept = backups(dir).filter((n) => n.endsWith('-migration.db'))
    expect(kept).toHaveLength(1)
    expect(checkBackupFile(path.join(dir, 'backups', kept[0]), old)).toBe('the backup holds no station')
    const db = t.host.runtime.sqlite!
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name`).all()).toEqual([{ name: 'audit_log_no_delete' }, { name: 'audit_log_no_update' }])
    expect((db.pragma('table_info(audit_log)') as { name: string }[]).map((c) => c.name)).toContain('message')
  })
})

describe('restore', () => {
  it('restores a backup and keeps the current data as a backup first', async () => {
    t = makeHost()
    const s = await setUpStation(t)
    await t.call('staff.save', { name: '先有的人', post: 'doctor' }, s.head)
    const b = await t.call('backups.create', {}, s.admin)
    await t.call('staff.save', { name: '后来的人', post: 'nurse' }, s.head)
    const r = await t.call('backups.restore', { name: b.name }, s.admin)
    expect(r.keptAs).toMatch(/before-restore\.db$/)
    // sessions end with a restore
    expect((await t.fail('staff.list', {}, s.admin)).code).toBe('UNAUTHENTICATED')
    const admin = await t.login('admin', 'admin-pass-1')
    expect((await t.call('staff.list', {}, admin)).rows.map((x) => x.name)).toEqual(['先有的人'])
    expect((await t.call('audit.list', { action: 'backups.restore' }, admin)).total).toBe(1)
    expect(await t.call('audit.verify', {}, admin)).toMatchObject({ ok: true })
  })

  it('refuses a file that is not a StationDesk backup and leaves the data untouched', async () => {
    t = makeHost()
    const s = await setUpStation(t)
    await t.call('staff.save', { name: '在职', post: 'doctor' }, s.head)
    const junk = Buffer.from('PK\u0003\u0004 this is a zip, not a database').toString('base64')
    expect((await t.fail('backups.restoreFile', { base64: junk }, s.admin)).code).toBe('BAD_BACKUP')
    const Database = (await import('better-sqlite3')).default
    const other = path.join(tmpDir(), 'other.db')
    const db = new Database(other)
    db.exec('CREATE TABLE x (a)')
    db.close()
    const e = await t.fail('backups.restoreFile', { base64: fs.readFileSync(other).toString('base64') }, s.admin)
    expect(e).toMatchObject({ code: 'BAD_BACKUP' })
    expect(e.message).toMatch(/not a StationDesk database/)
    expect((await t.call('staff.list', {}, s.admin)).rows.map((x) => x.name)).toEqual(['在职'])
  })

  it('exports an encrypted backup that restores only with its passphrase', async () => {
    t = makeHost()
    const s = await setUpStation(t)
    await t.call('staff.save', { name: '备份里的人', post: 'doctor' }, s.head)
    const f = await t.call('backups.export', { passphrase: 'usb stick pass' }, s.admin)
    expect(f.filename).toMatch(/\.sdbak$/)
    const bytes = Buffer.from(f.base64, 'base64')
    expect(bytes.includes(Buffer.from('备份里的人'))).toBe(false)
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false)
    await t.call('staff.save', { name: '之后的人', post: 'doctor' }, s.head)
    expect((await t.fail('backups.restoreFile', { base64: f.base64 }, s.admin)).code).toBe('PASSPHRASE_REQUIRED')
    expect((await t.fail('backups.restoreFile', { base64: f.base64, passphrase: 'wrong pass!' }, s.admin)).code).toBe('BAD_PASSPHRASE')
    const flipped = Buffer.from(bytes)
    flipped[flipped.length - 5] ^= 1
    expect((await t.fail('backups.restoreFile', { base64: flipped.toString('base64'), passphrase: 'usb stick pass' }, s.admin)).code).toBe('BAD_PASSPHRASE')
    expect((await t.call('staff.list', {}, s.admin)).total).toBe(2)
    await t.call('backups.restoreFile', { base64: f.base64, passphrase: 'usb stick pass' }, s.admin)
    const admin = await t.login('admin', 'admin-pass-1')
    expect((await t.call('staff.list', {}, admin)).rows.map((x) => x.name)).toEqual(['备份里的人'])
  })
})

describe('a corrupt database at start', () => {
  it('opens in recovery mode, never touches the file, and restores the newest good backup', async () => {
    const dir = tmpDir()
    t = makeHost(dir)
    const s = await setUpStation(t)
    await t.call('staff.save', { name: '备份前', post: 'doctor' }, s.head)
    const good = await t.call('backups.create', {}, s.admin)
    t.close()
    const file = path.join(dir, 'stationdesk.db')
    const bytes = fs.readFileSync(file)
    bytes.fill(0x42, 0, 100) // the header is gone
    fs.writeFileSync(file, bytes)
    const damaged = fs.readFileSync(file)
    fs.writeFileSync(path.join(dir, 'backups', 'stationdesk-20261120-110000-manual.db'), 'not a database')

    t = makeHost(dir)
    expect(t.host.runtime.recovery).toBe(true)
    expect((await t.call('system.info')).recovery).toBe(true)
    expect((await t.fail('auth.login', { username: 'admin', password: 'admin-pass-1' })).code).toBe('RECOVERY_MODE')
    const st = await t.call('recovery.status')
    expect(st.problem).toMatch(/not an SQLite/)
    expect(st.problemKind).toBe('not_sqlite')
    expect(st.goodBackups.map((b) => b.name)).toContain(good.name)
    expect(st.goodBackups.map((b) => b.name)).not.toContain('stationdesk-20261120-110000-manual.db')
    expect(fs.readFileSync(file).equals(damaged)).toBe(true)

    const r = await t.call('recovery.restore', { name: st.goodBackups[0].name })
    expect(fs.readFileSync(path.join(dir, r.keptAs)).equals(damaged)).toBe(true)
    const admin = await t.login('admin', 'admin-pass-1')
    expect((await t.call('staff.list', {}, admin)).rows.map((x) => x.name)).toEqual(['备份前'])
    expect((await t.fail('recovery.restore', { name: good.name })).code).toBe('FORBIDDEN')
  })

  it('treats a truncated file as corrupt too', async () => {
    const dir = tmpDir()
    t = makeHost(dir)
    await setUpStation(t)
    t.close()
    const file = path.join(dir, 'stationdesk.db')
    const bytes = fs.readFileSync(file)
    fs.writeFileSync(file, bytes.subarray(0, 4096 + 1000))
    t = makeHost(dir)
    expect(t.host.runtime.recovery).toBe(true)
  })
})
