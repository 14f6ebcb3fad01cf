/**
 * Runs in its own process (so its peak memory is the import's): a set-up station, a copy of it
 * taken before the import for the raw baseline, then `persons.import` of the roster through
 * jobs.start (phases timed by polling jobs.status), then a raw better-sqlite3 prepared insert of
 * exactly the rows the import wrote, into the copy, in one transaction. Prints one JSON line.
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { ImportResult } from '../../src/api/personsImport'
import { openDatabase } from '../../src/core/db/open'
import { findAppRoot } from '../../src/core/runtime'
import { makeHost, setUpStation } from '../helpers/host'

async function main(): Promise<void> {
  const [file, dir] = process.argv.slice(2)
  const t = makeHost(dir)
  const s = await setUpStation(t)
  await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)
  const baseline = path.join(dir, 'baseline.db')
  t.host.runtime.sqlite!.prepare('VACUUM INTO ?').run(baseline)
  const data = fs.readFileSync(file)
  const rssBefore = process.memoryUsage().rss

  const t0 = performance.now()
  const { jobId } = await t.call('jobs.start', { method: 'persons.import', input: { filename: path.basename(file), base64: data.toString('base64') } }, s.clerk)
  const phaseStart: Record<string, number> = {}
  let st = await t.call('jobs.status', { jobId }, s.clerk)
  while (st.state === 'running') {
    phaseStart[st.phase] ??= performance.now() - t0
    await new Promise((r) => setTimeout(r, 5))
    st = await t.call('jobs.status', { jobId }, s.clerk)
  }
  const total = performance.now() - t0
  if (st.state !== 'done') throw new Error(`import ${st.state}: ${st.error?.message}`)
  const r = st.result as ImportResult
  const peakRss = process.resourceUsage().maxRSS * 1024

  // the rows the import wrote, inserted raw into the copy taken before it
  const live = t.host.runtime.sqlite!
  const persons = live.prepare('SELECT * FROM persons').raw().all() as unknown[][]
  const events = live.prepare('SELECT * FROM person_events').raw().all() as unknown[][]
  const cols = (table: string) => live.prepare(`SELECT * FROM ${table} LIMIT 1`).columns().map((c) => c.name)
  const pCols = cols('persons')
  const keep = pCols.map((c, i) => (c === 'id_tail' ? -1 : i)).filter((i) => i >= 0)
  const eCols = cols('person_events')
  t.close()
  const { sqlite } = openDatabase({ file: baseline, migrationsFolder: path.join(findAppRoot(), 'src', 'core', 'db', 'migrations') })
  const insP = sqlite.prepare(`INSERT INTO persons (${keep.map((i) => pCols[i]).join(', ')}) VALUES (${keep.map(() => '?').join(', ')})`)
  const insE = sqlite.prepare(`INSERT INTO person_events (${eCols.join(', ')}) VALUES (${eCols.map(() => '?').join(', ')})`)
  // one transaction, as the import writes them: the people, then their events (timed apart inside it)
  let rawPersons = 0
  let rawEvents = 0
  const p0 = performance.now()
  sqlite.transaction(() => {
    for (const row of persons) insP.run(keep.map((i) => row[i]))
    rawPersons = performance.now() - p0
    for (const row of events) insE.run(row)
  })()
  rawEvents = performance.now() - p0 - rawPersons
  sqlite.close()
  console.log(JSON.stringify({ imported: r.imported, rejected: r.rejected, total, phaseStart, rawPersons, rawEvents, peakRss, rssBefore, bytes: data.length }))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
