/**
 * Roster import at 100,000 rows (issue 3): a township-style xlsx through persons.import in a
 * child process (its peak memory is the import's), and a raw better-sqlite3 prepared insert of
 * the same rows in one transaction for the ratio. "The same rows" are everything the import
 * writes for a person: the person and the registration event of the history; the ratio to the
 * person rows alone is printed too.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { writeRosterFile } from './rosterFile'

type Add = (figure: string, value: string, goal: string, pass: boolean) => void

export async function benchImport(add: Add, base: string, n = 100_000): Promise<void> {
  const file = path.join(base, `roster-${n}.xlsx`)
  const b0 = performance.now()
  await writeRosterFile(file, n)
  const built = performance.now() - b0
  // best of two runs, each in a fresh process and data folder, for the import and the raw insert
  // alike: this machine is shared, and one run's figures move by ±15%
  type Run = { imported: number; rejected: number; total: number; phaseStart: Record<string, number>; rawPersons: number; rawEvents: number; peakRss: number; bytes: number }
  const runs: Run[] = []
  for (let i = 0; i < 2; i++) {
    const dir = path.join(base, `import-${i}`)
    fs.mkdirSync(dir, { recursive: true })
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'importChild.ts'), file, dir], { encoding: 'utf8', maxBuffer: 1 << 24 })
    if (child.status !== 0) throw new Error(`import bench failed: ${child.stderr}`)
    runs.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Run)
  }
  const r = runs.reduce((a, b) => (b.total < a.total ? b : a))
  const bestRaw = runs.reduce((a, b) => (b.rawPersons + b.rawEvents < a.rawPersons + a.rawEvents ? b : a))
  r.peakRss = Math.max(...runs.map((x) => x.peakRss))
  if (r.imported !== n || r.rejected !== 0) throw new Error(`import bench: ${r.imported} imported, ${r.rejected} rejected of ${n}`)
  const k = `${(n / 1000).toFixed(0)}k`
  const rate = (ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} rows/s`
  const p = r.phaseStart
  const phase = (from: string, to: string) => ((p[to] ?? r.total) - (p[from] ?? 0)) / 1000
  add(`import ${k}-row roster xlsx (${(r.bytes / 2 ** 20).toFixed(1)} MB; file built in ${(built / 1000).toFixed(0)} s)`, `${(r.total / 1000).toFixed(1)} s`, '—', true)
  add(`import ${k}: read ${phase('reading', 'checking').toFixed(1)} s, check ${phase('checking', 'writing').toFixed(1)} s, write ${phase('writing', 'done').toFixed(1)} s`, rate(r.total), '—', true)
  const raw = bestRaw.rawPersons + bestRaw.rawEvents
  add(`raw prepared insert of the same rows (people + registration events), one transaction`, rate(raw), '—', true)
  add(`import rows/s ÷ raw insert rows/s (best of 2 each)`, (raw / r.total).toFixed(2), '≥ 0.5', raw / r.total >= 0.5)
  add(`  (÷ raw insert of the people rows alone: ${rate(bestRaw.rawPersons)})`, (bestRaw.rawPersons / r.total).toFixed(2), '—', true)
  add(`import ${k}: peak memory of the process (RSS)`, `${Math.round(r.peakRss / 2 ** 20)} MB`, '≤ 1024 MB', r.peakRss <= 2 ** 30)
}
