/**
 * The district office for the page bench (./pages.ts): set up in district mode (its key is what
 * the bench station seals its packets to), then ten years of packets from five stations made
 * with the fake-station kit (tests/integration/district/kit.ts): 5 × 120 sealed packets, the
 * first of each station its register, each later month a few hundred changed people and the
 * month's dated records (stock moves, screening records, certificates, verifications), all
 * imported through district.import.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Role } from '../../src/api/contract'
import type { ManualClock } from '../../src/core/clock'
import { createHost, type Host } from '../../src/core/host'
import { addMonths } from '../../src/core/inventory/report'
import { keyInfo, loadPrivateKey } from '../../src/core/keys/keystore'
import { sealKeyFromSigningKey } from '../../src/core/keys/sealKey'
import { fakeStation, packetOf, personRow, reportsFor, type Rows } from '../integration/district/kit'
import { caller } from './pagesStation'

export interface DistrictOffice {
  host: Host
  sessions: Record<Role, string>
  /** its public key file, for the stations' keys.districtSet */
  keyFile: string
}

export async function makeDistrictOffice(base: string, clock: ManualClock): Promise<DistrictOffice> {
  const host = createHost({ dataDir: path.join(base, 'pages-district'), clock, idleMinutes: 24 * 60 })
  const call = caller(host)
  await call('setup.init', { mode: 'district', station: { level: 'district', code: '411523000', name: '新县卫生健康委员会', address: '', phone: '', buildingArea: null }, admin: { username: 'admin', displayName: '管理员', password: 'bench-pass-1' }, keyPassphrase: '' }, '')
  const admin = (await host.call('auth.login', { username: 'admin', password: 'bench-pass-1' }, { transport: 'test' })).session as string
  await call('users.create', { username: 'head', displayName: '区县负责人', role: 'head', password: 'bench-pass-2' }, admin)
  const head = (await host.call('auth.login', { username: 'head', password: 'bench-pass-2' }, { transport: 'test' })).session as string
  const keyFile = Buffer.from((await call<{ base64: string }>('keys.exportPublic', {}, admin)).base64, 'base64').toString('utf8')
  return { host, sessions: { admin, head, clinician: head, clerk: head }, keyFile }
}

/** one station's month: its changed people (the whole register in the first) and the month's dated records */
function monthRows(code: string, m: number, period: string, register: number): Rows {
  const at = `${addMonths(period, 1)}-02T02:00:00.000Z`
  const id = (kind: string, i: number) => `${code}-${kind}-${m}-${i}`
  const day = (i: number) => `${period}-${String(1 + (i % 28)).padStart(2, '0')}`
  const people = m === 0 ? register : 300
  return {
    persons: Array.from({ length: people }, (_, i) => personRow(`${code}-p-${m === 0 ? i : (m * 300 + i) % register}`, `居民${i}`, at, { phone: `139${String(m).padStart(8, '0')}` })),
    inv_moves: Array.from({ length: 300 }, (_, i) => ({ id: id('mv', i), created_at: at, updated_at: at, updated_by: 'clerk', kind: i % 3 ? 'dispense' : 'issue', date: day(i), quantity: -2, consumed: 2 })),
    screening_records: Array.from({ length: 40 }, (_, i) => ({ id: id('sr', i), created_at: at, updated_at: at, updated_by: 'doctor', exam_date: day(i), conclusion: 'normal', follow_up_state: i % 20 ? 'none' : 'open' })),
    certificates: Array.from({ length: 6 }, (_, i) => ({ id: id('ct', i), created_at: at, updated_at: at, updated_by: 'clerk', issue_date: day(i), status: 'valid' })),
    verifications: Array.from({ length: 5 }, (_, i) => ({ id: id('vf', i), created_at: at, updated_at: at, updated_by: 'clerk', verified_on: day(i), result: 'valid' }))
  }
}

/** stations × months sealed packets from fake stations, imported; returns the setup's seconds and the sizes */
export async function fillDistrict(d: DistrictOffice, firstMonth: string, stations = 5, months = 120, register = 5000): Promise<{ seconds: number; sizes: [string, string][] }> {
  const t0 = performance.now()
  const call = caller(d.host)
  const priv = loadPrivateKey(d.host.runtime.paths.privateKey, null)
  const seal = { sealKey: sealKeyFromSigningKey(priv).publicKey, recipientKeyId: keyInfo(d.host.runtime.paths.privateKey).keyId }
  let files: { name: string; base64: string }[] = []
  let rows = 0
  for (let s = 0; s < stations; s++) {
    const st = fakeStation(`411523${String(101 + s).padStart(3, '0')}`, `第${s + 1}计划生育服务站`)
    await call('district.stationAdd', { content: st.keyFile(), replace: false }, d.sessions.head)
    let prev: string | null = null
    for (let m = 0; m < months; m++) {
      const period = addMonths(firstMonth, m)
      const data = monthRows(st.code, m, period, register)
      rows += Object.values(data).reduce((n, r) => n + r.length, 0)
      const out = packetOf(st, { seq: m + 1, period, prev, rows: data, reports: reportsFor(period, 1 + s), seal, createdAt: `${addMonths(period, 1)}-03T08:00:00.000Z` })
      prev = out.sha256
      files.push({ name: `${st.code}-${period}-${String(m + 1).padStart(4, '0')}.sdpkt`, base64: out.bytes.toString('base64') })
    }
    // one station's ten years a call (the method takes up to 1,000 files)
    const imp = await call<{ imported: number; items: { reason?: string }[] }>('district.import', { files }, d.sessions.head)
    if (imp.imported !== files.length) throw new Error(`district import: ${imp.imported} of ${files.length} (${JSON.stringify(imp.items.find((i) => i.reason))})`)
    files = []
  }
  const sqlite = d.host.runtime.sqlite!
  const n = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n
  return {
    seconds: (performance.now() - t0) / 1000,
    sizes: [
      ['district: stations / packets', `${n('SELECT count(*) AS n FROM district_stations')} / ${n('SELECT count(*) AS n FROM district_packets')}`],
      ['district: rows the packets carried (newest of each) / reports', `${n('SELECT count(*) AS n FROM district_rows').toLocaleString('en')} / ${n('SELECT count(*) AS n FROM district_reports').toLocaleString('en')}`],
      [`district: rows imported (${stations} stations × ${months} months)`, rows.toLocaleString('en')]
    ]
  }
}
