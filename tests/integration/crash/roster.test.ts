/**
 * Crash safety of a roster import (persons.import, run as a job): a workbook of 5,100 women, the
 * first 100 in the register already, imported in a child process killed at random points. 5,000
 * new people into a register of 100 take the bulk path (secondary indexes dropped and built again
 * inside the transaction). After each kill the register holds 100 or 5,100 people, with as many
 * registration events, the import's audit row only with them, and every index as before; the
 * file imported again then adds the 5,000, or finds all 5,100 there.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeHost, setUpStation, tmpDir } from '../../helpers/host'
import { rosterXlsx, validRow } from '../../helpers/roster'
import { closeTemplate, runCrashTrials, type CrashCase, type Folder } from './harness'

const BEFORE = 100
const NEW = 5000
const FILENAME = '示例乡花名册.xlsx'

interface Prepared {
  dir: string
  file: string
  indexes: string[]
}

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => validRow(from + i))

const indexesOf = (sqlite: import('better-sqlite3').Database) =>
  (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('persons', 'person_events') ORDER BY name").all() as { name: string }[]).map((r) => r.name)

async function prepare(): Promise<Prepared> {
  const t = makeHost()
  const s = await setUpStation(t)
  await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)
  const first = await t.call('persons.import', { filename: '上月花名册.xlsx', base64: (await rosterXlsx(rows(1, BEFORE))).toString('base64') }, s.clerk)
  expect(first.imported).toBe(BEFORE)
  const indexes = indexesOf(t.host.runtime.sqlite!)
  closeTemplate(t)
  const file = path.join(tmpDir('sd-crash-roster-file-'), FILENAME)
  fs.writeFileSync(file, await rosterXlsx(rows(1, BEFORE + NEW), { mergeVillages: true }))
  return { dir: t.dir, file, indexes }
}

function crashCase(p: Prepared): CrashCase {
  const n = (f: Folder, sql: string) => (f.t.host.runtime.sqlite!.prepare(sql).get() as { n: number }).n
  const imports = (f: Folder) =>
    (f.t.host.runtime.sqlite!.prepare("SELECT message FROM audit_log WHERE action = 'persons.import' ORDER BY seq").all() as { message: string }[]).map((r) => JSON.parse(r.message)[1])
  const importAgain = (f: Folder) => f.call('persons.import', { filename: FILENAME, base64: fs.readFileSync(p.file).toString('base64') })
  return {
    op: 'roster',
    trials: 13,
    template: p.dir,
    args: () => ({ file: p.file, filename: FILENAME }),
    async check(f) {
      const people = n(f, 'SELECT count(*) AS n FROM persons')
      const registered = n(f, "SELECT count(*) AS n FROM person_events WHERE type = 'registered'")
      expect(indexesOf(f.t.host.runtime.sqlite!)).toEqual(p.indexes)
      const audit = imports(f)
      if (people === BEFORE) {
        expect([registered, audit.length]).toEqual([BEFORE, 1])
        return 'absent'
      }
      expect([people, registered]).toEqual([BEFORE + NEW, BEFORE + NEW])
      expect(audit).toHaveLength(2)
      expect(audit[1]).toEqual({ file: FILENAME, imported: NEW, updated: 0, skipped: BEFORE, rejected: 0 })
      // the rows are findable: the rebuilt search indexes hold them
      const last = await f.call('persons.search', { q: String(validRow(BEFORE + NEW)[4]) })
      expect(last.rows).toHaveLength(1)
      return 'whole'
    },
    async again(f, state) {
      const r = await importAgain(f)
      expect(r).toMatchObject(state === 'absent' ? { imported: NEW, skipped: BEFORE, rejected: 0 } : { imported: 0, skipped: BEFORE + NEW, rejected: 0 })
      expect(n(f, 'SELECT count(*) AS n FROM persons')).toBe(BEFORE + NEW)
      expect(indexesOf(f.t.host.runtime.sqlite!)).toEqual(p.indexes)
    }
  }
}

describe('crash safety: roster import', () => {
  let p: Prepared
  beforeAll(async () => {
    p = await prepare()
  }, 60_000)

  it('imports the roster whole or not at all, whenever the process is killed; importing again completes', async () => {
    const r = await runCrashTrials(crashCase(p))
    expect(r.states.whole + r.states.absent).toBe(13)
    expect(r.count).toBeGreaterThan(2 * NEW)
  }, 240_000)
})
