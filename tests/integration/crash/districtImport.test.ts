/**
 * Crash safety of a district import: `stationdesk district import INBOX` of six sealed packets
 * (two stations, three months each: new people, then corrections of them and more new ones), the
 * first already imported, in a child process killed at random points. Each packet is its own
 * transaction, so after a kill the district's tables must be exactly those after the first k files
 * of the folder (name order) imported whole — packet row, every data row, report and audit row —
 * for some k; importing the folder again then brings in the rest, the others found duplicates.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeHost, tmpDir } from '../../helpers/host'
import { fakeStation, importFiles, makeDistrict, packetOf, personRow, type District } from '../district/kit'
import { cliJson, closeTemplate, runCrashTrials, type CrashCase, type Folder } from './harness'
import type { Database } from 'better-sqlite3'

const MONTHS = ['2026-08', '2026-09', '2026-10']
const ROWS = 300

interface Prepared {
  dir: string
  inbox: string
  files: string[]
  /** the district's tables after the first k files of the inbox imported, k = 0 … files.length */
  digests: string[]
}

/** everything a packet's import writes, as one string */
function digestOf(db: Database): string {
  const q = (sql: string) => JSON.stringify(db.prepare(sql).raw().all())
  return [
    q('SELECT station_code, seq, period, sha256, chain, rows, sealed, skipped_from FROM district_packets ORDER BY station_code, seq'),
    q('SELECT station_code, tbl, id, updated_at, business_date, data, packet_seq FROM district_rows ORDER BY station_code, tbl, id'),
    q('SELECT station_code, period, report, packet_seq, data FROM district_reports ORDER BY station_code, period, report'),
    q(`SELECT count(*) FROM audit_log WHERE message LIKE '["district.imported"%'`)
  ].join('\n')
}

async function prepare(): Promise<Prepared> {
  const d: District = await makeDistrict()
  const stations = [fakeStation('411523101', '沙窝镇计划生育服务站'), fakeStation('411523102', '卡房乡计划生育服务站')]
  for (const st of stations) await d.t.call('district.stationAdd', { content: st.keyFile() }, d.head)
  const inbox = tmpDir('sd-crash-inbox-')
  const packets: { name: string; bytes: Buffer }[] = []
  for (const st of stations) {
    let prev: string | null = null
    MONTHS.forEach((period, m) => {
      // month m: corrections of the previous month's second half, then new people
      const rows = Array.from({ length: ROWS }, (_, i) => {
        const n = m * (ROWS / 2) + i
        return personRow(`${st.code}-p${n}`, `人${n}（${period}）`, `${period}-03T01:00:00.000Z`)
      })
      const p = packetOf(st, { seq: m + 1, period, prev, rows: { persons: rows }, seal: d.seal })
      prev = p.sha256
      packets.push({ name: `${st.code}-${period}-${String(m + 1).padStart(4, '0')}.sdpkt`, bytes: p.bytes })
    })
  }
  for (const p of packets) fs.writeFileSync(path.join(inbox, p.name), p.bytes)
  const files = packets.map((p) => p.name).sort()
  // the folder's first packet came before: the import finds it a duplicate
  await importFiles(d, [packets.find((p) => p.name === files[0])!])
  const dir = closeTemplate(d.t)

  // what the tables hold after each file, on a copy of the template
  const ref = tmpDir('sd-crash-district-ref-')
  fs.cpSync(dir, ref, { recursive: true })
  const t = makeHost(ref)
  const r = { ...d, t, head: await t.login('head', 'head-pass-1') }
  const digests = [digestOf(t.host.runtime.sqlite!)]
  for (const name of files) {
    await importFiles(r, [{ name, bytes: fs.readFileSync(path.join(inbox, name)) }])
    digests.push(digestOf(t.host.runtime.sqlite!))
  }
  t.close()
  fs.rmSync(ref, { recursive: true, force: true })
  expect(new Set(digests).size).toBe(files.length) // the first file changes nothing
  return { dir, inbox, files, digests }
}

function crashCase(p: Prepared): CrashCase {
  const done = (f: Folder) => {
    const digest = digestOf(f.t.host.runtime.sqlite!)
    const k = p.digests.lastIndexOf(digest)
    expect(k, 'the tables are not those after some whole packets').toBeGreaterThanOrEqual(0)
    return k
  }
  return {
    op: 'district',
    trials: 12,
    template: p.dir,
    args: () => ({ inbox: p.inbox }),
    async check(f) {
      const k = done(f)
      // the folder's first file was here before: k − 1 of the others are in
      f.note(`${k - 1} of ${p.files.length - 1} new packets in`)
      return k === p.files.length ? 'whole' : k <= 1 ? 'absent' : 'some'
    },
    async again(f) {
      const k = done(f)
      const r = await cliJson(['district', 'import', p.inbox, '--data', f.dir])
      expect(r.items.map((i: { file: string; outcome: string }) => `${i.file} ${i.outcome}`)).toEqual(p.files.map((name, i) => `${name} ${i < Math.max(k, 1) ? 'duplicate' : 'imported'}`))
      expect(digestOf(f.t.host.runtime.sqlite!)).toBe(p.digests.at(-1))
    }
  }
}

describe('crash safety: district import', () => {
  let p: Prepared
  beforeAll(async () => {
    p = await prepare()
  }, 60_000)

  it('imports each packet whole or not at all, whenever the process is killed; importing the folder again completes', async () => {
    const r = await runCrashTrials(crashCase(p))
    expect(r.states.whole + r.states.some + r.states.absent).toBe(12)
  }, 180_000)
})
