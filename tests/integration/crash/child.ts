/**
 * The crash harness's child process (bundled by harness.ts, run with plain node). It runs one
 * operation on a data folder and can kill itself with SIGKILL at its N-th write: every call of
 * better-sqlite3's Statement#run and Database#exec (BEGIN and COMMIT are Statement#run too) and
 * of the fs functions that change files (open for writing, write, rename, fsync, mkdir, unlink…)
 * made once the operation has started is counted, and at the N-th the process dies, just before
 * the call or just after it. No hook in production code: the wrapping is done here.
 *
 * Its spec is the JSON in CRASH_SPEC: { op, dir, args, kill: { n, side } | null }. It prints lines
 * starting with @@crash (JSON): {event:'start'} when the operation starts (the parent's timed
 * kills count from there), {event:'done', count, ms, result} when it finished unkilled.
 */
import fs from 'node:fs'
import Database from 'better-sqlite3'
import type { MethodName } from '../../../src/api'
import type { JobStatus } from '../../../src/api/jobs'
import { run } from '../../../src/cli/main'
import { clockFromEnv } from '../../../src/core/clock'
import { createHost, type Host } from '../../../src/core/host'
import { MARK, type ChildEvent, type ChildSpec, type CrashOpName } from './protocol'

const writeOut = fs.writeSync.bind(fs)
const say = (o: ChildEvent) => writeOut(1, `${MARK}${JSON.stringify(o)}\n`)

let armed = false
let count = 0

function installHooks(kill: ChildSpec['kill']): void {
  // CRASH_TRACE=1: each counted write on stderr, to see where a kill point falls
  const trace = process.env.CRASH_TRACE === '1'
  const point = (name: string, args: unknown[], call: () => unknown) => {
    if (!armed) return call()
    count++
    if (trace) process.stderr.write(`write ${count}: ${name} ${String(args[0]).slice(0, 60).replace(/\s+/g, ' ')}\n`)
    const here = kill !== null && count === kill.n
    if (here && kill.side === 'before') process.kill(process.pid, 'SIGKILL')
    const out = call()
    if (here) process.kill(process.pid, 'SIGKILL')
    return out
  }
  const wrap = (obj: Record<string, unknown>, name: string, when: (args: unknown[]) => boolean = () => true) => {
    const orig = obj[name] as (...a: unknown[]) => unknown
    obj[name] = function (this: unknown, ...a: unknown[]) {
      return when(a) ? point(name, name === 'run' ? [(this as { source?: string }).source] : a, () => orig.apply(this, a)) : orig.apply(this, a)
    }
  }
  const probe = new Database(':memory:')
  wrap(Object.getPrototypeOf(probe.prepare('SELECT 1')), 'run')
  probe.close()
  wrap(Database.prototype as unknown as Record<string, unknown>, 'exec')
  const writing = (flags: unknown) =>
    typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT)) !== 0 : typeof flags === 'string' && flags !== 'r' && flags !== 'rs'
  const f = fs as unknown as Record<string, unknown>
  wrap(f, 'openSync', (a) => writing(a[1]))
  for (const name of ['writeSync', 'writeFileSync', 'appendFileSync', 'renameSync', 'fsyncSync', 'fdatasyncSync', 'copyFileSync', 'unlinkSync', 'rmSync', 'mkdirSync', 'ftruncateSync', 'truncateSync'])
    wrap(f, name)
  const p = fs.promises as unknown as Record<string, unknown>
  for (const name of ['writeFile', 'appendFile', 'rename', 'copyFile', 'unlink', 'rm', 'mkdir']) wrap(p, name)
}

async function call(host: Host, sid: string, method: MethodName, input: unknown): Promise<unknown> {
  const r = await host.call(method, input, { sessionId: sid, transport: 'test' })
  if (!r.result.ok) throw new Error(`${method}: ${r.result.error.code} ${r.result.error.message}`)
  return r.result.data
}

/** a host on the folder with a local operator of this role (no login: nothing written before the start) */
function hostAs(spec: ChildSpec, role: 'clerk' | 'head'): { host: Host; sid: string } {
  const host = createHost({ dataDir: spec.dir, clock: clockFromEnv(process.env) })
  const sid = host.openLocalSession({ userId: null, username: 'crash', displayName: 'crash', role, roles: [role], actor: 'crash' })
  return { host, sid }
}

async function roster(spec: ChildSpec): Promise<unknown> {
  const { host, sid } = hostAs(spec, 'clerk')
  const base64 = fs.readFileSync(spec.args.file).toString('base64')
  start()
  const { jobId } = (await call(host, sid, 'jobs.start', { method: 'persons.import', input: { filename: spec.args.filename, base64 } })) as { jobId: string }
  for (;;) {
    const s = (await call(host, sid, 'jobs.status', { jobId })) as JobStatus
    if (s.state === 'done') return s.result
    if (s.state !== 'running') throw new Error(`the import job ended ${s.state}: ${JSON.stringify(s.error)}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function stocktake(spec: ChildSpec): Promise<unknown> {
  const { host, sid } = hostAs(spec, 'head')
  start()
  return call(host, sid, 'inventory.stocktakeConfirm', { id: spec.args.id })
}

/** a command line of the CLI, in this process (it opens the data folder itself) */
async function cli(argv: string[]): Promise<unknown> {
  let stdout = ''
  let stderr = ''
  start()
  const code = await run(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) })
  if (code !== 0) throw new Error(`stationdesk ${argv.join(' ')} exited ${code}: ${stderr}${stdout}`)
  return JSON.parse(stdout.trimEnd().split('\n').at(-1)!)
}

let started = 0
function start(): void {
  say({ event: 'start' })
  started = performance.now()
  armed = true
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.CRASH_SPEC!) as ChildSpec
  installHooks(spec.kill)
  const ops: Record<CrashOpName, () => Promise<unknown>> = {
    roster: () => roster(spec),
    stocktake: () => stocktake(spec),
    packet: () => cli(['packet', 'export', '--period', spec.args.period, '--out', spec.args.out, '--data', spec.dir, '--json']),
    district: () => cli(['district', 'import', spec.args.inbox, '--data', spec.dir, '--json'])
  }
  const result = await ops[spec.op]()
  armed = false
  say({ event: 'done', count, ms: Math.round(performance.now() - started), result })
  // a host left open keeps nothing running that matters: the operation has ended
  process.exit(0)
}

// on the next turn: the launcher first keeps V8's code cache of this bundle (harness.ts)
setImmediate(() =>
  main().catch((e: unknown) => {
    armed = false
    say({ event: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) })
    process.exit(1)
  })
)
