/**
 * The crash harness: an operation runs in a child process (child.ts, bundled once with esbuild so
 * it starts in ~0.7 s instead of ~2.4 s under tsx) on a copy of a template data folder, and is
 * killed with SIGKILL at a random point: by count (the child kills itself at its N-th write, N
 * drawn between 1 and the number a counting run made, just before or just after that write) or
 * by time (the parent kills it a random delay after it says the operation started, up to a bit
 * more than the counting run took). After each trial the folder must hold a database that passes
 * PRAGMA integrity_check and whose audit chain verifies, the operation must be wholly there or
 * wholly absent (the case's check), and running it again there must complete (the case's again).
 *
 * CRASH_SEED replays a run's kill points (the timed ones depend on timing as well).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { buildSync } from 'esbuild'
import { expect } from 'vitest'
import { run } from '../../../src/cli/main'
import { dailyBackupIfDue } from '../../../src/core/backups/daily'
import { operatorCaller, T0, tmpDir, makeHost, type TestHost } from '../../helpers/host'
import { MARK, type ChildEvent, type ChildSpec, type CrashOpName } from './protocol'
import { mulberry32 } from '../../../src/core/demo/random'

const ROOT = path.resolve(__dirname, '../../..')
export const NOW = T0.toISOString()

/**
 * Loads the bundle through V8's code cache (made by the first run, kept beside it): the child's
 * start drops by ~0.3 s more. It is also the main module, so the bundled CLI's own
 * `require.main === module` entry does not run.
 */
const LAUNCHER = `'use strict'
const fs = require('node:fs'), path = require('node:path'), vm = require('node:vm'), Module = require('node:module')
const file = process.argv[2], cacheFile = file + '.v8cache'
const writeFile = fs.writeFileSync
let cachedData
try { cachedData = fs.readFileSync(cacheFile) } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData })
const m = new Module(file, module)
m.filename = file
m.paths = Module._nodeModulePaths(path.dirname(file))
script.runInThisContext().call(m.exports, m.exports, (id) => m.require(id), m, file, path.dirname(file))
if (!cachedData || script.cachedDataRejected) writeFile(cacheFile, script.createCachedData())
`

let bundle: { launcher: string; file: string } | null = null
/** child.ts as one CommonJS file (better-sqlite3 stays outside: the child's hooks wrap the one the core uses) */
function childBundle(): { launcher: string; file: string } {
  if (bundle) return bundle
  const dir = tmpDir('sd-crash-bundle-')
  const file = path.join(dir, 'child.cjs')
  buildSync({ entryPoints: [path.join(__dirname, 'child.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: file, external: ['better-sqlite3'], logLevel: 'error' })
  fs.writeFileSync(path.join(dir, 'launch.cjs'), LAUNCHER)
  return (bundle = { launcher: path.join(dir, 'launch.cjs'), file })
}

/** a command line of the CLI in this process (the operation again, as the child ran it): the last line of --json output */
export async function cliJson(argv: string[]): Promise<any> {
  let stdout = ''
  let stderr = ''
  const code = await run([...argv, '--json'], { stdout: (x) => void (stdout += x), stderr: (x) => void (stderr += x), env: { USER: 'crash', STATIONDESK_NOW: NOW }, cwd: ROOT })
  expect(code, `stationdesk ${argv.join(' ')}: ${stderr}${stdout}`).toBe(0)
  return JSON.parse(stdout.trimEnd().split('\n').at(-1)!)
}

/** closes a template's host once its daily backup is made (else every child would make it as it opens the folder) */
export function closeTemplate(t: TestHost): string {
  dailyBackupIfDue(t.host.runtime)
  t.close()
  return t.dir
}

export interface ChildRun {
  /** the parent or the child itself killed it with SIGKILL */
  killed: boolean
  /** it ran past 90 s and was stopped: a hang, not a trial */
  timedOut: boolean
  code: number | null
  done: Extract<ChildEvent, { event: 'done' }> | null
  error: string | null
  stderr: string
}

/** runs the child; killAfterMs: the parent kills it that long after it says the operation started */
export function runChild(spec: ChildSpec, killAfterMs?: number): Promise<ChildRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, CRASH_SPEC: JSON.stringify(spec), STATIONDESK_NOW: NOW, NODE_PATH: path.join(ROOT, 'node_modules'), USER: 'crash' }
  delete env.NODE_OPTIONS
  delete env.STATIONDESK_TEST_CRASH_AFTER_ROWS
  delete env.STATIONDESK_KEY_PASSPHRASE
  const { launcher, file } = childBundle()
  const child = spawn(process.execPath, [launcher, file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const out: ChildRun = { killed: false, timedOut: false, code: null, done: null, error: null, stderr: '' }
  const timers: NodeJS.Timeout[] = [
    setTimeout(() => {
      out.timedOut = true
      child.kill('SIGKILL')
    }, 90_000)
  ]
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s
    let nl: number
    while ((nl = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, nl)
      stdout = stdout.slice(nl + 1)
      if (!line.startsWith(MARK)) continue
      const ev = JSON.parse(line.slice(MARK.length)) as ChildEvent
      if (ev.event === 'start' && killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), killAfterMs))
      if (ev.event === 'done') out.done = ev
      if (ev.event === 'error') out.error = ev.message
    }
  })
  child.stderr.setEncoding('utf8').on('data', (s: string) => void (stderr += s))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t)
      resolve({ ...out, killed: signal === 'SIGKILL', code, stderr })
    })
  })
}

/** the demo's seeded generator (mulberry32), uniform in [0, 1) */
export const rng = mulberry32

/** CRASH_SEED, else a fresh one; each operation draws from its own stream of it */
function seedOf(op: CrashOpName): { base: number; seed: number } {
  const base = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) >>> 0 : Math.floor(Math.random() * 2 ** 32)
  let h = base
  for (const ch of op) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1) >>> 0
  return { base, seed: h }
}

/** a trial's data folder, opened after the child ended */
export interface Folder {
  dir: string
  t: TestHost
  /** calls as a local operator with admin and head rights */
  call: ReturnType<typeof operatorCaller>
  /** adds a word to the trial's line in the log (what the check found) */
  note(s: string): void
}

/** the operation wholly there, wholly absent, or (a folder of packets) some of its parts, each whole */
export type State = 'whole' | 'some' | 'absent'

export interface CrashCase {
  op: CrashOpName
  trials: number
  /** the prepared data folder, copied for each trial */
  template: string
  /** the child's arguments for a trial's folder */
  args(dir: string): Record<string, string>
  /** asserts the operation is wholly there or wholly absent, and says which */
  check(f: Folder): Promise<State>
  /** runs the operation again in the folder and asserts it completes (and what it finds) */
  again(f: Folder, state: State): Promise<void>
}

function integrity(dir: string): void {
  const db = new Database(path.join(dir, 'stationdesk.db'))
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  } finally {
    db.close()
  }
}

async function auditVerifies(call: Folder['call']): Promise<void> {
  const v = await call('audit.verify', {})
  expect(v.ok, JSON.stringify(v)).toBe(true)
}

/** the checks after a child ended (killed or not), then the operation again */
async function afterChild(c: CrashCase, dir: string, notes: string[] = []): Promise<State> {
  integrity(dir)
  const t = makeHost(dir)
  try {
    expect(t.host.runtime.recovery, t.host.runtime.problem ?? '').toBe(false)
    const f: Folder = { dir, t, call: operatorCaller(t.host, ['admin', 'head']), note: (s) => void notes.push(s) }
    await auditVerifies(f.call)
    const state = await c.check(f)
    await c.again(f, state)
    await auditVerifies(f.call)
    return state
  } finally {
    t.close()
  }
}

function copyTemplate(c: CrashCase): string {
  const dir = tmpDir(`sd-crash-${c.op}-`)
  fs.cpSync(c.template, dir, { recursive: true })
  return dir
}

export interface CrashReport {
  seed: number
  count: number
  ms: number
  states: Record<State, number>
  lines: string[]
}

/**
 * The counting run (the operation whole, unkilled: how many writes it makes and how long it
 * takes), then the trials, half killed by count and half by time.
 */
export async function runCrashTrials(c: CrashCase): Promise<CrashReport> {
  const { base, seed } = seedOf(c.op)
  console.log(`[crash ${c.op}] seed ${base} (CRASH_SEED=${base} replays the kill points)`)
  const random = rng(seed)

  const dir0 = copyTemplate(c)
  const counting = await runChild({ op: c.op, dir: dir0, args: c.args(dir0), kill: null })
  expect([counting.error ?? '', counting.timedOut], counting.stderr).toEqual(['', false])
  expect(counting.done, counting.stderr).not.toBeNull()
  const { count, ms } = counting.done!
  if (process.env.CRASH_TRACE === '1') console.log(`[crash ${c.op}] the counting run's writes:\n${counting.stderr}`)
  expect(await afterChild(c, dir0)).toBe('whole')
  fs.rmSync(dir0, { recursive: true, force: true })

  const report: CrashReport = { seed: base, count, ms, states: { whole: 0, some: 0, absent: 0 }, lines: [] }
  // stratified: the j-th of J kills by count falls in the j-th J-th of the points (each write, before
  // or after it), the j-th by time in the j-th J-th of 1.5 times the unkilled run's time, so the
  // kills spread over the whole operation
  const byCountTrials = Math.ceil(c.trials / 2)
  const byTimeTrials = c.trials - byCountTrials
  for (let i = 0; i < c.trials; i++) {
    const dir = copyTemplate(c)
    const byCount = i % 2 === 0
    const j = Math.floor(i / 2)
    const u = (j + random()) / (byCount ? byCountTrials : byTimeTrials)
    const point = Math.floor(u * 2 * count)
    const kill = byCount ? { n: 1 + Math.floor(point / 2), side: point % 2 === 0 ? ('before' as const) : ('after' as const) } : null
    const delay = byCount ? undefined : Math.round(u * ms * 1.5)
    const what = kill ? `write ${kill.n}/${count} (${kill.side})` : `${delay} ms of ${ms}`
    const r = await runChild({ op: c.op, dir, args: c.args(dir), kill }, delay)
    const where = `${c.op} trial ${i + 1} (${what}; seed ${base}; folder ${dir})`
    expect(r.error, `${where}: the operation failed`).toBeNull()
    expect(r.timedOut, `${where}: the child hung`).toBe(false)
    if (!r.killed) expect([r.code, r.done !== null], `${where}: ended without being killed or done\n${r.stderr}`).toEqual([0, true])
    let state: State
    const notes: string[] = []
    try {
      state = await afterChild(c, dir, notes)
    } catch (e) {
      ;(e as Error).message = `${where}: ${(e as Error).message}`
      throw e
    }
    report.states[state]++
    const line = `[crash ${c.op}] #${i + 1} ${byCount ? 'count' : 'time '} ${what}: ${r.killed ? 'killed' : 'finished'}, ${state}${notes.map((n) => `, ${n}`).join('')}`
    report.lines.push(line)
    console.log(line)
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const some = report.states.some ? `${report.states.some} in part (each part whole), ` : ''
  if (bundle) fs.rmSync(path.dirname(bundle.file), { recursive: true, force: true })
  bundle = null
  console.log(`[crash ${c.op}] ${c.trials} trials: ${report.states.whole} whole, ${some}${report.states.absent} absent (${count} writes, ${ms} ms unkilled)`)
  return report
}
