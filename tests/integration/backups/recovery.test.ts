/**
 * Recovery with nothing lost that the backup held. A station with data in every domain (the
 * demo's people, screening campaigns and records, a year of stock with a stocktake,
 * certificates, verifications and trusted keys; a closed month and its packet) is backed up,
 * written to after the backup, and then its live file is damaged in one of several ways: the
 * header zeroed, a page of the people table and one of an index overwritten with garbage, the
 * file cut short, a checkpoint torn half-way with its -wal deleted, or one index's pages left
 * stale by a write that reached the table only. The host starts in
 * recovery mode, leaves the damaged file as it is, offers the newest good backup (not a newer
 * one that only a full integrity check finds damaged), and after restoring it every table holds
 * exactly what the backup held — only the restore's own audit row is new — and the app's reads
 * (stock balances, registers, periods, packets, the audit chain) say the same as at the backup.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDemoStation } from '../../../src/core/demo/demo'
import { CATALOGUE } from '../../../src/core/inventory/products'
import { makeHost, tmpDir, type TestHost } from '../../helpers/host'
import { facts, makeId } from '../../helpers/persons'
import { keyFile, stationKey } from '../certificates/verifyKit'
import { openSessions } from '../packets/kit'
import { difference, expectHeld, snapshot, snapshotFile, type Snapshot } from './kit'

const CONDOM = CATALOGUE.find((p) => p.code === 'CONDOM_M_52')!.id
const DB = 'stationdesk.db'

/** what the app's read methods say, for comparing the station before and after */
async function reads(t: TestHost) {
  const s = openSessions(t)
  return {
    stock: await t.call('inventory.stock', { includeEmpty: true }, s.head),
    check: await t.call('inventory.check', {}, s.head),
    persons: (await t.call('persons.search', { pageSize: 1 }, s.clerk)).total,
    campaigns: (await t.call('screening.campaigns', {}, s.head)).rows.map((c) => [c.id, c.status]),
    certificates: (await t.call('certificates.list', { pageSize: 200 }, s.clerk)).rows.map((c) => [c.number, c.status]),
    verifications: (await t.call('certificates.verifications', {}, s.clerk)).total,
    periods: (await t.call('periods.list', {}, s.head)).rows,
    packets: (await t.call('packets.list', {}, s.head)).packets.map((p) => [p.seq, p.sha256])
  }
}

let tpl: string
let good: string
let held: Snapshot
let atBackup: Awaited<ReturnType<typeof reads>>

beforeAll(async () => {
  tpl = tmpDir('sd-recovery-tpl-')
  const t = makeHost(tpl)
  await createDemoStation(t.host, 'cli:demo', { persons: 40 })
  let s = openSessions(t)
  const district = stationKey('411523000', '新县卫生健康委员会')
  await t.call('keys.districtSet', { content: keyFile([district.entry], district), replace: false }, s.admin)
  await t.call('keys.trustImport', { content: keyFile([stationKey('411523102', '新县某乡计划生育服务站').entry], district) }, s.admin)
  await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
  await t.call('packets.export', { period: '2026-10' }, s.head)
  const n = (table: string) => (t.host.runtime.sqlite!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  const domains = ['persons', 'person_events', 'screening_campaigns', 'screening_records', 'inv_moves', 'inv_stocktakes', 'certificates', 'verifications', 'trusted_keys', 'periods', 'packets']
  expect(domains.filter((d) => n(d) === 0), 'domains without rows').toEqual([])
  t.clock.advance(60_000)
  s = openSessions(t)
  atBackup = await reads(t)
  good = (await t.call('backups.create', {}, s.admin)).name
  // writes the backup does not hold
  t.clock.advance(60_000)
  s = openSessions(t)
  const p = await t.call('persons.create', facts({ idNumber: makeId('411523', '19880101', 1, 'female'), name: '备份后', hukouRegion: '411523', migrantStatus: 'out', migrantPlace: '北京市', migrantSince: '2026-11-01' }), s.clerk)
  await t.call('certificates.issue', { personId: p.id }, s.clerk)
  await t.call('inventory.receive', { documentNo: 'AFTER-1', date: '2026-11-19', supplier: '县计生药具站', lines: [{ productId: CONDOM, lotNumber: 'AFTER', expiry: '2029-12-31', quantity: 100 }] }, s.clerk)
  t.close()
  held = snapshotFile(path.join(tpl, 'backups', good))
}, 60_000)

/** a copy of the station's data folder */
function station(): string {
  const dir = tmpDir('sd-recovery-')
  fs.cpSync(tpl, dir, { recursive: true })
  return dir
}

/** pages of a table or index (dbstat), the interior and leaf pages of its b-tree */
function pagesOf(file: string, name: string): number[] {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype IN ('leaf', 'internal') ORDER BY pageno`).all(name) as { pageno: number }[]).map((r) => r.pageno)
  } finally {
    db.close()
  }
}

function garbagePages(file: string, pages: number[]): void {
  const bytes = fs.readFileSync(file)
  const size = bytes.readUInt16BE(16)
  for (const p of pages) randomBytes(size).copy(bytes, (p - 1) * size)
  fs.writeFileSync(file, bytes)
}

/**
 * The station writes more (people, a stock issue) with the WAL held back; returns the main
 * file before and after those writes reached it, and the pages they changed (0-based).
 */
async function writesAfter(dir: string): Promise<{ before: Buffer; after: Buffer; size: number; changed: number[] }> {
  const file = path.join(dir, DB)
  const before = fs.readFileSync(file)
  const t = makeHost(dir)
  t.host.runtime.sqlite!.pragma('wal_autocheckpoint = 0')
  const s = openSessions(t)
  for (let i = 0; i < 20; i++) await t.call('persons.create', facts({ idNumber: makeId('411523', '19900101', 10 + i, 'female'), name: `撕裂${i}`, hukouRegion: '411523' }), s.clerk)
  const village = (t.host.runtime.sqlite!.prepare(`SELECT id FROM service_points WHERE kind = 'village_room' LIMIT 1`).get() as { id: string }).id
  await t.call('inventory.issue', { servicePointId: village, date: '2026-11-19', lines: [{ productId: CONDOM, quantity: 5 }] }, s.clerk)
  t.close()
  const after = fs.readFileSync(file)
  const size = before.readUInt16BE(16)
  const changed: number[] = []
  for (let p = 0; p * size < Math.min(before.length, after.length); p++) if (!before.subarray(p * size, (p + 1) * size).equals(after.subarray(p * size, (p + 1) * size))) changed.push(p)
  expect(changed.length).toBeGreaterThan(4)
  return { before, after, size, changed }
}

/**
 * A checkpoint torn half-way, its -wal then deleted: of the pages the later writes changed,
 * the first half (in page order, as a checkpoint writes them) landed in the main file.
 */
async function tornCheckpoint(dir: string): Promise<void> {
  const { before, after, size, changed } = await writesAfter(dir)
  const torn = Buffer.from(before)
  for (const p of changed.slice(0, Math.floor(changed.length / 2))) after.copy(torn, p * size, p * size, (p + 1) * size)
  const file = path.join(dir, DB)
  fs.writeFileSync(file, torn)
  for (const ext of ['-wal', '-shm']) fs.rmSync(file + ext, { force: true })
}

/** a write lost in one index only: the later writes all landed but the name index's pages are the old ones */
async function staleIndexPage(dir: string): Promise<void> {
  const { before, after, size, changed } = await writesAfter(dir)
  const file = path.join(dir, DB)
  const ofIndex = new Set(pagesOf(file, 'persons_name').map((p) => p - 1))
  const stale = changed.filter((p) => ofIndex.has(p))
  expect(stale.length).toBeGreaterThan(0)
  const torn = Buffer.from(after)
  for (const p of stale) before.copy(torn, p * size, p * size, (p + 1) * size)
  fs.writeFileSync(file, torn)
}

const DAMAGE: { name: string; kind: string; damage: (dir: string) => void | Promise<void> }[] = [
  { name: 'the header zeroed', kind: 'not_sqlite', damage: (dir) => garbageHeader(path.join(dir, DB)) },
  {
    name: 'a page of the people table and one of an index overwritten with garbage',
    kind: 'damaged',
    damage: (dir) => {
      const file = path.join(dir, DB)
      const persons = pagesOf(file, 'persons')
      const index = pagesOf(file, 'inv_moves_lot')
      garbagePages(file, [persons[Math.floor(persons.length / 2)], index.at(-1)!])
    }
  },
  {
    name: 'the file cut short',
    kind: 'damaged',
    damage: (dir) => {
      const file = path.join(dir, DB)
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 8192) * 4096)
    }
  },
  { name: 'a checkpoint torn half-way with its -wal deleted', kind: 'damaged', damage: tornCheckpoint },
  { name: 'the pages of one index left stale by a lost write', kind: 'damaged', damage: staleIndexPage }
]

function garbageHeader(file: string): void {
  const bytes = fs.readFileSync(file)
  bytes.fill(0, 0, 100)
  fs.writeFileSync(file, bytes)
}

describe('recovering a damaged database from the newest good backup', () => {
  it('(the comparison itself finds a lost row, a changed value or blob, and an added row)', () => {
    const [a, b] = [new Database(':memory:'), new Database(':memory:')]
    for (const d of [a, b]) d.exec(`CREATE TABLE p (id TEXT PRIMARY KEY, v INT, b BLOB); CREATE TABLE q (id SERIAL PRIMARY KEY, h TEXT);
      INSERT INTO p VALUES ('x', 1, x'00'), ('y', 2, x'01'); INSERT INTO q (h) VALUES ('a'), ('b')`)
    b.exec(`UPDATE p SET b = x'02' WHERE id = 'y'; UPDATE p SET v = NULL WHERE id = 'x'; DELETE FROM q WHERE h = 'a'; INSERT INTO p VALUES ('z', 3, NULL)`)
    expect(difference(snapshot(a), snapshot(b))).toEqual({
      lost: ['q ["rowid",1]'],
      changed: ['p ["x"] v: 1 → null', `p ["y"] b: x'01' → x'02'`],
      added: { p: 1 }
    })
    expect(difference(snapshot(a), snapshot(a))).toEqual({ lost: [], changed: [], added: {} })
  })

  for (const d of DAMAGE)
    it(`with ${d.name}: nothing the backup held is lost`, async () => {
      const dir = station()
      await d.damage(dir)
      const file = path.join(dir, DB)
      const damaged = fs.readFileSync(file)
      // a newer backup that only a full integrity check finds damaged is not offered
      const bad = 'stationdesk-20261121-090000-manual.db'
      fs.copyFileSync(path.join(dir, 'backups', good), path.join(dir, 'backups', bad))
      garbagePages(path.join(dir, 'backups', bad), [pagesOf(path.join(dir, 'backups', bad), 'persons').at(-1)!])

      const t = makeHost(dir)
      try {
        expect(t.host.runtime.recovery).toBe(true)
        const st = await t.call('recovery.status')
        expect(st.problemKind).toBe(d.kind)
        expect(st.goodBackups[0].name).toBe(good)
        expect(st.goodBackups.map((b) => b.name)).not.toContain(bad)
        expect(fs.readFileSync(file).equals(damaged)).toBe(true)

        const r = await t.call('recovery.restore', { name: good })
        expect(fs.readFileSync(path.join(dir, r.keptAs)).equals(damaged)).toBe(true)
        const sqlite = t.host.runtime.sqlite!
        expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
        // every table: every row the backup held, with every value; new is the restore's audit row only
        const now = snapshot(sqlite)
        expect(Object.keys(now).sort()).toEqual(Object.keys(held).sort())
        expect(expectHeld(held, now)).toEqual({ audit_log: 1 })
        const last = sqlite.prepare('SELECT action, actor FROM audit_log ORDER BY seq DESC LIMIT 1').get()
        expect(last).toEqual({ action: 'backups.restore', actor: 'recovery' })
        // and the app reads the same station as at the backup
        const s = openSessions(t)
        expect(await t.call('audit.verify', {}, s.admin)).toMatchObject({ ok: true, rows: held.audit_log.size + 1 })
        const again = await reads(t)
        expect(again).toEqual(atBackup)
        expect(again.check).toMatchObject({ ok: true })
      } finally {
        t.close()
      }
    }, 30_000)
})
