/**
 * `npm run bench`: figures, with the goal each must meet and pass/fail.
 * Later issues add their own figures to this table.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ManualClock } from '../../src/core/clock'
import { createHost, type Host } from '../../src/core/host'
import { findAppRoot } from '../../src/core/runtime'
import { openDatabase } from '../../src/core/db/open'
import { readStation } from '../../src/core/station/profile'
import { checkDigit } from '../../src/api/idNumber'
import { createDemoStation } from '../../src/core/demo/demo'
import { generateDemoPersons } from '../../src/core/demo/persons'
import { startWebServer } from '../../src/web/server'
import type { Ctx } from '../../src/core/context'
import { benchCertificates } from './certificates'
import { benchImport } from './import'
import { benchInventory } from './inventory'
import { benchScreening } from './screening'
import { benchCertificateRates } from './certificateRates'
import { benchPackets } from './packets'
import { benchWebLoad } from './webLoad'
import { benchPages } from './pages'

interface Row {
  figure: string
  value: string
  goal: string
  pass: boolean
}
const rows: Row[] = []
const add = (figure: string, value: string, goal: string, pass: boolean) => rows.push({ figure, value, goal, pass })

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-'))
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

function benchOpen(): void {
  const migrations = path.join(findAppRoot(), 'src', 'core', 'db', 'migrations')
  const times: number[] = []
  for (let i = 0; i < 10; i++) {
    const file = path.join(base, `open-${i}.db`)
    const t0 = performance.now()
    const { sqlite } = openDatabase({ file, migrationsFolder: migrations })
    times.push(performance.now() - t0)
    sqlite.close()
  }
  const p50 = quantile(times, 0.5)
  add('open + migrate a new database (p50 of 10)', ms(p50), '≤ 200 ms', p50 <= 200)
  const reopen: number[] = []
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now()
    const { sqlite } = openDatabase({ file: path.join(base, 'open-0.db'), migrationsFolder: migrations })
    reopen.push(performance.now() - t0)
    sqlite.close()
  }
  add('open an existing database (p50 of 10)', ms(quantile(reopen, 0.5)), '≤ 50 ms', quantile(reopen, 0.5) <= 50)
}

async function setUp(host: Host): Promise<string> {
  const r = await host.call(
    'setup.init',
    { station: { level: 'township', code: '411523101', name: '基准测试站', address: '', phone: '', buildingArea: null }, admin: { username: 'admin', displayName: 'A', password: 'bench-pass-1' } },
    { transport: 'test' }
  )
  if (!r.result.ok) throw new Error(r.result.error.message)
  const login = await host.call('auth.login', { username: 'admin', password: 'bench-pass-1' }, { transport: 'test' })
  return login.session as string
}

async function benchCallOverhead(host: Host, sid: string): Promise<void> {
  const N = 20_000
  const ctx = { db: host.runtime.db!, sqlite: host.runtime.sqlite! } as unknown as Ctx
  for (let i = 0; i < 2000; i++) readStation(ctx) // warm up
  let t0 = performance.now()
  for (let i = 0; i < N; i++) readStation(ctx)
  const direct = (performance.now() - t0) / N
  for (let i = 0; i < 2000; i++) await host.call('station.get', {}, { sessionId: sid, transport: 'test' })
  t0 = performance.now()
  for (let i = 0; i < N; i++) await host.call('station.get', {}, { sessionId: sid, transport: 'test' })
  const viaTable = (performance.now() - t0) / N
  add('station.get, direct function call', ms(direct), '—', true)
  add('station.get through the method table', ms(viaTable), '≤ 1 ms', viaTable <= 1)
  // the ratio grows as the direct call gets cheaper; the absolute cost per call is what a user feels
  add('method-table overhead per call (table − direct)', ms(viaTable - direct), '≤ 0.1 ms', viaTable - direct <= 0.1)
  add('method-table overhead ratio (table / direct)', `${(viaTable / direct).toFixed(2)}×`, '≤ 10×', viaTable / direct <= 10)

  const W = 2000
  t0 = performance.now()
  for (let i = 0; i < W; i++) await host.call('equipment.save', { name: `设备${i}`, count: 1, state: 'in_use' }, { sessionId: sid, transport: 'test' })
  const write = (performance.now() - t0) / W
  add('a write with its audit row (equipment.save, mean of 2,000)', ms(write), '≤ 5 ms', write <= 5)
  t0 = performance.now()
  const r = await host.call('audit.verify', {}, { sessionId: sid, transport: 'test' })
  const verify = performance.now() - t0
  const n = r.result.ok ? (r.result.data as { rows: number }).rows : 0
  add(`audit chain verify (${n.toLocaleString('en')} rows)`, ms(verify), '≤ 500 ms', verify <= 500)
}

async function benchWeb(host: Host): Promise<void> {
  const ui = path.join(base, 'ui')
  fs.mkdirSync(ui, { recursive: true })
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html>')
  const srv = await startWebServer({ host, uiDir: ui })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ method: 'system.info', input: {} })
      const req = http.request(
        { host: '127.0.0.1', port: srv.port, path: '/rpc', method: 'POST', agent, headers: { Host: `127.0.0.1:${srv.port}`, Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume()
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))))
        }
      )
      req.on('error', reject)
      req.end(body)
    })
  for (let i = 0; i < 200; i++) await once()
  const times: number[] = []
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now()
    await once()
    times.push(performance.now() - t0)
  }
  const p50 = quantile(times, 0.5)
  const p95 = quantile(times, 0.95)
  add('web preview round trip p50 (system.info, 2,000 calls)', ms(p50), '≤ 5 ms', p50 <= 5)
  add('web preview round trip p95', ms(p95), '≤ 20 ms', p95 <= 20)
  agent.destroy()
  await srv.close()
}

/** the information card through the method table: the first (font load), then warm cards */
async function benchPrint(host: Host, adminSid: string): Promise<void> {
  const call = async <T>(method: string, input: unknown, sessionId: string): Promise<T> => {
    const r = await host.call(method, input, { sessionId, transport: 'test' })
    if (!r.result.ok) throw new Error(`${method}: ${r.result.error.message}`)
    return r.result.data as T
  }
  await call('users.create', { username: 'printhead', displayName: '刘站长', role: 'head', password: 'bench-pass-2' }, adminSid)
  const login = await host.call('auth.login', { username: 'printhead', password: 'bench-pass-2' }, { transport: 'test' })
  const sid = login.session as string
  const village = await call<{ id: string }>('servicePoints.save', { kind: 'village_room', code: '411523101201', name: '一村服务室' }, sid)
  const id18 = (first17: string) => first17 + checkDigit(first17)
  const p = await call<{ id: string }>(
    'persons.create',
    { idNumber: id18('41152319900307452'), name: '王秀英', phone: '13812345678', hukouRegion: '411523', hukouAddress: '建设路12号', servicePointId: village.id, residenceAddress: '一村二组18号' },
    sid
  )
  await call('persons.recordEvent', { personId: p.id, type: 'marriage', date: '2014-05-01', reason: '持结婚证登记', changes: { maritalStatus: 'married', maritalDate: '2014-05-01', spouseName: '李建国', spouseIdNumber: id18('41152319881102351') } }, sid)
  await call('persons.recordEvent', { personId: p.id, type: 'birth', date: '2015-09-20', reason: '生育一孩', changes: { boys: 1 } }, sid)
  await call('persons.recordEvent', { personId: p.id, type: 'contraception', date: '2016-01-10', reason: '产后复查后落实', changes: { contraception: 'iud', contraceptionSince: '2016-01-10' } }, sid)

  let t0 = performance.now()
  const first = await call<{ base64: string }>('persons.card', { id: p.id }, sid)
  const cold = performance.now() - t0
  for (let i = 0; i < 5; i++) await call('persons.card', { id: p.id }, sid) // warm up
  const N = 50
  t0 = performance.now()
  for (let i = 0; i < N; i++) await call('persons.card', { id: p.id }, sid)
  const perSec = N / ((performance.now() - t0) / 1000)
  const kb = Buffer.from(first.base64, 'base64').length / 1024
  add('information card, first (font load + layout, persons.card)', ms(cold), '≤ 1,000 ms', cold <= 1000)
  add(`information cards per second, warm (${N}, persons.card)`, `${perSec.toFixed(1)}/s`, '≥ 10/s', perSec >= 10)
  add('information card PDF size (one A4 page, font subset)', `${kb.toFixed(1)} KB`, '≤ 100 KB', kb <= 100)
}

/**
 * The people register at 200,000 people made by the demo generator: the generator's speed, then
 * each way clerks search, through the method table as the UI calls it (p95 of 300 queries
 * drawn from the register).
 */
async function benchRegister(): Promise<void> {
  const N = 200_000
  const host = createHost({ dataDir: path.join(base, 'register'), clock: new ManualClock(new Date('2026-11-20T02:00:00Z')), idleMinutes: 24 * 60 })
  await createDemoStation(host, 'bench', {})
  const sqlite = host.runtime.sqlite!
  const made = generateDemoPersons(sqlite, host.runtime.clock, { count: N, actor: 'bench' })
  add(`demo register: ${N.toLocaleString('en')} people, one transaction`, `${(made.ms / 1000).toFixed(1)} s`, '≤ 30 s', made.ms <= 30_000)
  add('demo register: people per second (with their registered events)', `${Math.round((N / made.ms) * 1000).toLocaleString('en')}/s`, '—', true)

  const login = await host.call('auth.login', { username: 'clerk', password: 'demo-clerk-1' }, { transport: 'test' })
  const sid = login.session as string
  const sample = sqlite
    .prepare("SELECT id_number AS id, name, pinyin, initials, phone FROM persons WHERE state = 'active' AND phone <> '' AND rowid % 613 = 0 LIMIT 300")
    .all() as { id: string; name: string; pinyin: string; initials: string; phone: string }[]
  const villages = (sqlite.prepare("SELECT id FROM service_points WHERE kind = 'village_room'").all() as { id: string }[]).map((v) => v.id)
  const bands: [number, number][] = [[15, 29], [20, 49], [30, 39], [40, 49], [50, 70]]

  const search = async (input: Record<string, unknown>): Promise<number> => {
    const t0 = performance.now()
    const r = await host.call('persons.search', input, { sessionId: sid, transport: 'test' })
    const dt = performance.now() - t0
    if (!r.result.ok) throw new Error(`persons.search ${JSON.stringify(input)}: ${r.result.error.message}`)
    return dt
  }
  const kinds: [string, (p: (typeof sample)[number], i: number) => Record<string, unknown>, string][] = [
    ['full ID number', (p) => ({ q: p.id }), '≤ 10 ms'],
    ['ID last 4 digits', (p) => ({ q: p.id.slice(-4) }), '≤ 10 ms'],
    ['ID last 6 digits', (p) => ({ q: p.id.slice(-6) }), '≤ 10 ms'],
    ['name', (p) => ({ q: p.name }), '≤ 10 ms'],
    ['full pinyin', (p) => ({ q: p.pinyin }), '≤ 10 ms'],
    ['pinyin initials', (p) => ({ q: p.initials }), '≤ 10 ms'],
    ['phone', (p) => ({ q: p.phone }), '≤ 10 ms'],
    ['village + marital status + age band', (_p, i) => ({ servicePointId: villages[i % villages.length], maritalStatus: 'married', ageFrom: bands[i % bands.length][0], ageTo: bands[i % bands.length][1] }), '≤ 10 ms'],
    ['the whole register, first page by name', () => ({}), '≤ 10 ms'],
    ['given name only (no name starts so: contains, a scan)', (p) => ({ q: p.name.slice(-2) + '之' }), '—']
  ]
  for (const [label, input, goal] of kinds) {
    for (let i = 0; i < 20; i++) await search(input(sample[i], i)) // warm up
    const times: number[] = []
    for (let i = 0; i < sample.length; i++) times.push(await search(input(sample[i], i)))
    const p95 = quantile(times, 0.95)
    add(`search p95 at ${(N / 1000).toFixed(0)}k people: ${label}`, ms(p95), goal, goal === '—' || p95 <= 10)
  }
  await benchScreening(add, host)
  await benchCertificateRates(add, host)
  host.close()
}

async function main(): Promise<void> {
  console.log(`StationDesk bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`)
  benchOpen()
  const host = createHost({ dataDir: path.join(base, 'station'), clock: new ManualClock(new Date('2026-11-20T02:00:00Z')), idleMinutes: 24 * 60 })
  const sid = await setUp(host)
  await benchCallOverhead(host, sid)
  await benchWeb(host)
  await benchWebLoad(add, host, base, { username: 'admin', password: 'bench-pass-1' })
  await benchPrint(host, sid)
  host.close()
  await benchRegister()
  await benchImport(add, base)
  await benchInventory(add, base)
  await benchCertificates(add, base)
  await benchPackets(add, base)
  await benchPages(add, base)
  fs.rmSync(base, { recursive: true, force: true })

  const w = [Math.max(...rows.map((r) => r.figure.length)), Math.max(...rows.map((r) => r.value.length)), Math.max(...rows.map((r) => r.goal.length))]
  console.log(`\n${'figure'.padEnd(w[0])}  ${'value'.padStart(w[1])}  ${'goal'.padEnd(w[2])}  result`)
  console.log('-'.repeat(w[0] + w[1] + w[2] + 14))
  for (const r of rows) console.log(`${r.figure.padEnd(w[0])}  ${r.value.padStart(w[1])}  ${r.goal.padEnd(w[2])}  ${r.pass ? 'pass' : 'FAIL'}`)
  const failed = rows.filter((r) => !r.pass).length
  console.log(`\n${rows.length - failed} of ${rows.length} figures within their goals`)
  process.exitCode = failed ? 1 : 0
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
