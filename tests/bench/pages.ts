/**
 * Every page at full load (issue 8, load): ONE station data folder holding all of it at once —
 * 200,000 people, 40,000 screening records, 1,000,000 stock moves, the demo's certificates and
 * verifications, ten years of closed months and their 120 packets (./pagesStation.ts) — and a
 * district office with ten years of packets from five stations (./pagesDistrict.ts). Then for
 * every page of the UI, its backend calls on opening and on its common action, through the
 * method table as the UI makes them (./pagesCalls.ts, ./pagesTiming.ts): a row per page, the
 * page's calls together within 100 ms (p95 of 20). The data's sizes and the setup's parts are
 * rows with goal '—'.
 *
 * Runs by itself too: `npx tsx tests/bench/pages.ts`. For work on the timings,
 * BENCH_PAGES_KEEP=<dir> keeps the data folders there and reuses them on the next run.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ManualClock } from '../../src/core/clock'
import { createHost } from '../../src/core/host'
import { districtPages, pick, stationPages } from './pagesCalls'
import { fillDistrict, makeDistrictOffice, type DistrictOffice } from './pagesDistrict'
import { buildStation, caller, FIRST_MONTH, loginAll, type Station } from './pagesStation'
import { timePages, type Add } from './pagesTiming'

const TODAY = new Date('2026-11-20T02:00:00Z')
const s = (n: number) => `${n.toFixed(1)} s`

export async function benchPages(add: Add, base: string): Promise<void> {
  const clock = new ManualClock(TODAY)
  const keep = process.env.BENCH_PAGES_KEEP
  const dir = keep ?? base
  const built = keep !== undefined && fs.existsSync(path.join(keep, 'pages-station', 'stationdesk.db'))

  let station: Station
  let district: DistrictOffice
  if (built) {
    const host = createHost({ dataDir: path.join(dir, 'pages-station'), clock, idleMinutes: 24 * 60 })
    station = { host, sessions: await loginAll(host), setup: [], sizes: [] }
    const dhost = createHost({ dataDir: path.join(dir, 'pages-district'), clock, idleMinutes: 24 * 60 })
    const head = (await dhost.call('auth.login', { username: 'head', password: 'bench-pass-2' }, { transport: 'test' })).session as string
    district = { host: dhost, sessions: { admin: head, head, clinician: head, clerk: head }, keyFile: '' }
  } else {
    fs.mkdirSync(dir, { recursive: true })
    district = await makeDistrictOffice(dir, clock)
    station = await buildStation(dir, clock, district.keyFile)
    for (const [part, secs] of station.setup) add(`pages setup: ${part}`, s(secs), '—', true)
    const filled = await fillDistrict(district, FIRST_MONTH)
    add('pages setup: district, 5 stations × 120 months of packets made and imported', s(filled.seconds), '—', true)
    for (const [what, value] of [...station.sizes, ...filled.sizes]) add(`pages data: ${what}`, value, '—', true)
  }

  const alerts = await caller(station.host)<{ amcMonths: string[] }>('inventory.alerts', {}, station.sessions.head)
  const picks = pick(station.host.runtime.sqlite!, alerts.amcMonths[alerts.amcMonths.length - 1])
  const slow = await timePages(add, station.host, station.sessions, stationPages(picks))
  // pages whose counts are kept until the next write, opened right after one (a working day)
  let n = 0
  const write = async () => {
    const r = await station.host.call('equipment.save', { name: `页面基准设备${n++}`, count: 1, state: 'in_use' }, { sessionId: station.sessions.head, transport: 'test' })
    if (!r.result.ok) throw new Error(r.result.error.message)
  }
  const kept = new Set(['/ (home)', '/screening/view', '/rates'])
  slow.push(...(await timePages(add, station.host, station.sessions, stationPages(picks).filter((c) => kept.has(c.page)), 'right after a write', write)))
  const dslow = await timePages(add, district.host, district.sessions, districtPages(2026, picks.lastMonth, picks.monthBefore, '411523101'))
  // the slowest calls, for the reader of the log (the table has the pages)
  for (const t of [...slow, ...dslow].filter((x) => x.p95 > 25)) console.log(`  ${t.page}: ${t.calls.map(([m, v, cpu]) => `${m} ${v.toFixed(1)} ms (cpu ${cpu.toFixed(1)})`).join(', ')}`)
  station.host.close()
  district.host.close()
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-pages-'))
  const rows: string[] = []
  const t0 = Date.now()
  benchPages((f, v, g, p) => rows.push(`${f.padEnd(150)} ${v.padStart(12)}  ${g.padEnd(10)} ${p ? 'pass' : 'FAIL'}`), base)
    .then(() => console.log(`${rows.join('\n')}\n(${((Date.now() - t0) / 1000).toFixed(0)} s in all)`))
    .catch((e) => {
      console.log(rows.join('\n'))
      console.error(e)
      process.exitCode = 1
    })
    .finally(() => fs.rmSync(base, { recursive: true, force: true }))
}
