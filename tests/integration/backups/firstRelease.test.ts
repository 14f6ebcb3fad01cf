/**
 * Migration from the first released schema (migrations 0000–0001) with that release's demo
 * data: tests/fixtures/first-release holds a data folder written by the first release's own
 * code (README there). The current host starts on a copy of it: it backs up first, migrates to
 * the latest schema, keeps every row and value the first release held, verifies the old audit
 * rows in the chain, lets every user in with their first-release password, and then works —
 * the current demo data, people, a screening campaign, stock moves, a certificate, a month close
 * and a packet — with certificate and packet numbers starting right. The first release's own
 * backup restores through the current app too (migrated again), and numbers issued before that
 * restore are not issued again.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyChain } from '../../../src/core/audit/chain'
import { ManualClock } from '../../../src/core/clock'
import { appliedMigrations, migrationCount } from '../../../src/core/db/open'
import { createDemoStation } from '../../../src/core/demo/demo'
import { CATALOGUE } from '../../../src/core/inventory/products'
import { makeHost, type TestHost } from '../../helpers/host'
import { facts, makeId } from '../../helpers/persons'
import { expectHeld, firstReleaseExpected, rowCounts, snapshot, snapshotFile, tableNames, unpackFirstRelease, type Snapshot } from './kit'

const NOW = new Date('2026-12-03T02:00:00Z')
const expected = firstReleaseExpected()
const CONDOM = CATALOGUE.find((p) => p.code === 'CONDOM_M_52')!.id

let t: TestHost
let dir: string
/** the first release's database as the fixture holds it (read before the host touches it) */
let held: Snapshot
let heldTables: string[]

beforeAll(() => {
  dir = unpackFirstRelease()
  const db = new Database(path.join(dir, 'stationdesk.db'), { readonly: true })
  heldTables = tableNames(db)
  held = snapshot(db)
  expect(appliedMigrations(db)).toBe(2)
  db.close()
  t = makeHost(dir, new ManualClock(NOW))
})
afterAll(() => t?.close())

const backupsOf = (reason: string) => fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith(`-${reason}.db`))
const sqlite = () => t.host.runtime.sqlite!

describe('a data folder of the first release, opened by this version', () => {
  it('is backed up before migrating, and the backup holds exactly what the first release wrote', () => {
    expect(t.host.runtime.recovery).toBe(false)
    const kept = backupsOf('migration')
    expect(kept).toHaveLength(1)
    const file = path.join(dir, 'backups', kept[0])
    const db = new Database(file, { readonly: true })
    expect(appliedMigrations(db)).toBe(2)
    expect(tableNames(db)).toEqual(heldTables)
    db.close()
    const copy = snapshotFile(file)
    expectHeld(held, copy)
    expect(rowCounts(copy)).toEqual(rowCounts(held))
    // the first release's own backups are still listed, beside the new one
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual(expect.arrayContaining([expected.manualBackup]))
  })

  it('is migrated to the latest schema, passes integrity_check, and keeps every row and value', () => {
    expect(appliedMigrations(sqlite())).toBe(migrationCount(t.host.runtime.migrationsFolder))
    expect(sqlite().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(sqlite().pragma('foreign_key_check')).toEqual([])
    const now = snapshot(sqlite(), heldTables)
    // the start's daily backup moves its date; nothing else the first release wrote may change
    const added = expectHeld(held, now, ['meta.value'])
    expect(added).toEqual({ __drizzle_migrations: migrationCount(t.host.runtime.migrationsFolder) - 2 })
    expect(now.meta.size).toBe(held.meta.size)
    // the first release's rows read through the current methods too
    expect(Object.values(rowCounts(held)).reduce((a, b) => a + b)).toBeGreaterThan(80)
  })

  it('verifies the audit chain across the first release’s rows and the new ones', async () => {
    const oldRows = held.audit_log.size
    const admin = await t.login('admin', expected.passwords.admin)
    expect(await t.call('audit.verify', {}, admin)).toMatchObject({ ok: true, rows: oldRows + 1 })
    const list = await t.call('audit.list', { action: 'station.update' }, admin)
    expect(list.rows).toHaveLength(1)
    expect(list.rows[0].summary).toBe('station profile phone, buildingArea')
    expect((await t.call('audit.list', { pageSize: 200 }, admin)).total).toBe(oldRows + 1)
  })

  it('still finds an altered first-release row (the old rows verify by their own hash, not by any hash)', () => {
    const copy = path.join(dir, 'tampered.db')
    sqlite().prepare('VACUUM INTO ?').run(copy)
    const db = new Database(copy)
    try {
      expect(verifyChain(db).ok).toBe(true)
      db.exec('DROP TRIGGER audit_log_no_update')
      db.prepare(`UPDATE audit_log SET summary = 'station profile phone' WHERE action = 'station.update'`).run()
      const seq = (db.prepare(`SELECT seq FROM audit_log WHERE action = 'station.update'`).get() as { seq: number }).seq
      expect(verifyChain(db)).toMatchObject({ ok: false, firstBroken: seq, reason: `row ${seq} was altered` })
      db.prepare(`UPDATE audit_log SET summary = 'station profile phone, buildingArea', message = '["x",{}]' WHERE seq = ?`).run(seq)
      expect(verifyChain(db)).toMatchObject({ ok: false, firstBroken: seq })
    } finally {
      db.close()
      fs.rmSync(copy)
    }
  })

  it('lets every user in with the first release’s password; the disabled one stays out', async () => {
    for (const [username, password] of Object.entries(expected.passwords)) {
      if (expected.disabled.includes(username)) {
        expect((await t.fail('auth.login', { username, password })).code).toBe('ACCOUNT_DISABLED')
        continue
      }
      // wrong passwords still fail, with the first release's failed attempts counted on
      expect((await t.fail('auth.login', { username, password: 'not-the-password' })).code).toBe('LOGIN_FAILED')
      expect(typeof (await t.login(username, password))).toBe('string')
    }
    const head = await t.login('head', expected.passwords.head)
    const station = await t.call('station.get', {}, head)
    expect(station).toMatchObject({ code: '411523101', phone: '0376-2985678', buildingArea: 480 })
    expect((await t.call('staff.list', { pageSize: 100 }, head)).rows.find((r) => r.name === '李娟')).toMatchObject({ active: false, qualification: '护师' })
    expect((await t.call('keys.info', {}, head)).keyId).toBe(held.station.values().next().value!.key_id)
  })

  it('works: the current demo data, people, screening, stock, a certificate, a month close and a packet', async () => {
    await createDemoStation(t.host, 'cli:demo', { persons: 30 })
    const n = (table: string) => (sqlite().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
    expect([n('persons'), n('screening_records') > 0, n('inv_moves') > 0, n('certificates') > 0]).toEqual([30, true, true, true])
    const head = await t.login('head', expected.passwords.head)
    const clerk = await t.login('clerk', expected.passwords.clerk)
    const doctor = await t.login('doctor', expected.passwords.doctor)
    const village = (sqlite().prepare(`SELECT id FROM service_points WHERE code = '411523101202'`).get() as { id: string }).id
    const person = await t.call('persons.create', facts({ idNumber: makeId('411523', '19850412', 71, 'female'), name: '升级后', hukouRegion: '411523', servicePointId: village, migrantStatus: 'out', migrantPlace: '广东省深圳市', migrantSince: '2026-11-01' }), clerk)
    const campaign = await t.call('screening.campaignSave', { name: '升级后乳腺筛查', kind: 'breast', startDate: '2026-11-02', endDate: '2026-11-30', servicePointIds: [village], targetCount: 5 }, head)
    await t.call('screening.campaignStatus', { id: campaign.id, status: 'active' }, head)
    const side = { cbe: 'normal' as const, birads: '1' as const }
    await t.call('screening.recordSave', { campaignId: campaign.id, personId: person.id, examDate: '2026-11-10', findings: { kind: 'breast', left: side, right: side, ultrasoundDone: true }, conclusion: 'normal' }, doctor)
    await t.call('inventory.receive', { documentNo: 'UPG-1', date: '2026-11-05', supplier: '县计生药具站', lines: [{ productId: CONDOM, lotNumber: 'UPG', expiry: '2029-12-31', quantity: 300 }] }, clerk)
    await t.call('inventory.issue', { servicePointId: village, date: '2026-11-06', lines: [{ productId: CONDOM, quantity: 40 }] }, clerk)

    // the next certificate number follows the highest the demo issued this year, with no gap
    const before = (await t.call('certificates.numbering', {}, clerk)).find((y) => y.year === 2026)
    const cert = await t.call('certificates.issue', { personId: person.id, issueDate: '2026-11-20' }, clerk)
    const serial = (before?.highest ?? 0) + 1
    expect(cert.number).toBe(`411523101-2026-${String(serial).padStart(5, '0')}`)
    expect((await t.call('certificates.numbering', {}, clerk)).find((y) => y.year === 2026)).toEqual({ year: 2026, issued: serial, highest: serial, gaps: [] })

    // the first packet of this station is number 1, signed with the first release's key
    await t.call('periods.close', { period: '2026-11', acceptWarnings: true }, head)
    const p = await t.call('packets.export', { period: '2026-11' }, head)
    expect(p.packet).toMatchObject({ seq: 1, prevSha256: null, filename: '411523101-2026-11-0001.sdpkt' })
    const admin = await t.login('admin', expected.passwords.admin)
    expect(await t.call('audit.verify', {}, admin)).toMatchObject({ ok: true })
    expect((await t.call('dashboard.summary', {}, admin)).audit.chainOk).toBe(true)
    expect(sqlite().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expectHeld(held, snapshot(sqlite(), heldTables), ['meta.value', 'users.last_login_at', 'users.failed_attempts', 'users.locked_until'])
  }, 60_000)

  it('restores the first release’s own backup (migrating it too), and issues no number twice after it', async () => {
    const admin = await t.login('admin', expected.passwords.admin)
    const issued = sqlite().prepare('SELECT number FROM certificates').all() as { number: string }[]
    const backupHeld = snapshotFile(path.join(dir, 'backups', expected.manualBackup))
    t.clock.advance(60_000)
    const r = await t.call('backups.restore', { name: expected.manualBackup }, admin)
    expect(r.keptAs).toMatch(/before-restore\.db$/)
    expect(backupsOf('migration')).toHaveLength(2)
    expect(appliedMigrations(sqlite())).toBe(migrationCount(t.host.runtime.migrationsFolder))
    expect(sqlite().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expectHeld(backupHeld, snapshot(sqlite(), Object.keys(backupHeld)), ['meta.value'])
    expect((sqlite().prepare(`SELECT count(*) AS n FROM staff WHERE name = '吴新'`).get() as { n: number }).n).toBe(0)

    const head = await t.login('head', expected.passwords.head)
    const clerk = await t.login('clerk', expected.passwords.clerk)
    expect(await t.call('audit.verify', {}, await t.login('admin', expected.passwords.admin))).toMatchObject({ ok: true })
    const person = await t.call('persons.create', facts({ idNumber: makeId('411523', '19970101', 72, 'female'), name: '恢复后', hukouRegion: '411523', migrantStatus: 'out', migrantPlace: '浙江省杭州市', migrantSince: '2026-10-01' }), clerk)
    const cert = await t.call('certificates.issue', { personId: person.id, issueDate: '2026-11-21' }, clerk)
    const serial = (n: string) => Number(n.slice(-5))
    expect(serial(cert.number)).toBe(Math.max(...issued.filter((c) => c.number.includes('-2026-')).map((c) => serial(c.number))) + 1)
    expect(issued.map((c) => c.number)).not.toContain(cert.number)
    await t.call('periods.close', { period: '2026-11', acceptWarnings: true }, head)
    const p = await t.call('packets.export', { period: '2026-11' }, head)
    expect(p.packet).toMatchObject({ seq: 2, filename: '411523101-2026-11-0002.sdpkt' })
  }, 60_000)
})
