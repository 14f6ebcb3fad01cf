/**
 * A crash in the middle of an import leaves the district database as it was: the CLI imports a
 * folder in a child process that is killed (SIGKILL, the test hook STATIONDESK_TEST_CRASH_AFTER_ROWS)
 * halfway through a packet's rows; the database then opens with integrity_check ok, nothing of
 * that packet in it, and the packet imports whole afterwards.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { makeHost, tmpDir } from '../../helpers/host'
import { counts, fakeStation, importFiles, makeDistrict, packetOf, personRow } from './kit'

const ROOT = path.resolve(__dirname, '../../..')

describe('a crash during an import', () => {
  it('leaves the database as before; the packet imports whole afterwards', async () => {
    const d = await makeDistrict()
    const dir = d.t.dir
    const dbFile = d.t.host.runtime.paths.db
    const a = fakeStation()
    await d.t.call('district.stationAdd', { content: a.keyFile() }, d.head)
    const p1 = packetOf(a, { seq: 1, period: '2026-09', rows: { persons: Array.from({ length: 50 }, (_, i) => personRow(`p${i}`, `人${i}`, '2026-09-03T01:00:00.000Z')) } })
    await importFiles(d, [{ name: 'p1.sdpkt', bytes: p1.bytes }])
    const before = counts(d)
    d.t.close()

    // the next month: corrections of the 50 and 550 new people
    const rows = Array.from({ length: 600 }, (_, i) => personRow(`p${i}`, `人${i}（新）`, '2026-10-03T01:00:00.000Z'))
    const p2 = packetOf(a, { seq: 2, period: '2026-10', prev: p1.sha256, rows: { persons: rows } })
    const inbox = tmpDir('sd-district-crash-')
    fs.writeFileSync(path.join(inbox, 'p2.sdpkt'), p2.bytes)
    const child = spawnSync(process.execPath, ['bin/stationdesk.cjs', 'district', 'import', inbox, '--data', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, STATIONDESK_TEST_CRASH_AFTER_ROWS: '300', STATIONDESK_NOW: '2026-11-20T02:00:00Z' },
      timeout: 60_000
    })
    expect(child.signal, child.stderr).toBe('SIGKILL')
    expect(child.stdout).not.toContain('imported')

    const db = new Database(dbFile)
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect((db.prepare('SELECT count(*) AS n FROM district_packets WHERE seq = 2').get() as { n: number }).n).toBe(0)
      expect((db.prepare('SELECT count(*) AS n FROM district_rows WHERE packet_seq = 2').get() as { n: number }).n).toBe(0)
      expect((db.prepare("SELECT count(*) AS n FROM audit_log WHERE message LIKE '%district.imported%'").get() as { n: number }).n).toBe(1)
    } finally {
      db.close()
    }

    const t = makeHost(dir)
    const head = await t.login('head', 'head-pass-1')
    const again = { ...d, t, head }
    expect(counts(again)).toEqual(before)
    const audit = await t.call('audit.verify', {}, head)
    expect(audit.ok).toBe(true)
    const r = await importFiles(again, [{ name: 'p2.sdpkt', bytes: p2.bytes }])
    expect(r.items[0]).toMatchObject({ outcome: 'imported', rows: 600 })
    expect(counts(again).rows).toBe(600)
    t.close()
  }, 90_000)
})
