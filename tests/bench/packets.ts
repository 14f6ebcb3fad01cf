/**
 * Monthly packets and the district (issue 7).
 *
 * Station side: a demo station of about 20,000 rows (7,500 people and their events, the demo's
 * two campaigns, a year of stock, certificates and verifications), the month closed, then
 * packets.export through the method table: rows read, reports built,
 * signed, sealed to the district and stored. Then the check a district makes of that file
 * (signature, manifest, every entry's SHA-256, decryption, inner hashes). Each is set beside
 * SHA-256 over the same bytes alone, the floor any check of every byte must pay.
 *
 * District side: 20 stations × 12 months = 240 sealed packets (the first of each station its
 * whole register, then a month's changes), imported by district.import in one job; then the
 * month's report across stations, which also recounts each station's dated records.
 *
 * Runs by itself too: `npx tsx tests/bench/packets.ts`.
 */
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ManualClock } from '../../src/core/clock'
import { createHost, type Host } from '../../src/core/host'
import { createDemoStation } from '../../src/core/demo/demo'
import { keyIdOf, loadPrivateKey, rawPublicKey } from '../../src/core/keys/keystore'
import { sealKeyFromSigningKey } from '../../src/core/keys/sealKey'
import { signKeyFile } from '../../src/core/keys/keyfile'
import { openPayload, readJsonl, verifyPacket, writeJsonl, writePacket, type PacketFile } from '../../src/core/packets/container'
import type { PacketTotals } from '../../src/api/packetReports'
import { addMonths } from '../../src/core/inventory/report'

/** the 12 months the district's packets are for: the demo's year of records, so the report's records check has rows to count */
const MONTHS = Array.from({ length: 12 }, (_, i) => addMonths('2025-11', i))

type Add = (figure: string, value: string, goal: string, pass: boolean) => void
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function caller(host: Host) {
  return async <T>(method: string, input: unknown, sid: string): Promise<T> => {
    const r = await host.call(method, input, { sessionId: sid, transport: 'test' })
    if (!r.result.ok) throw new Error(`${method}: ${r.result.error.code} ${r.result.error.message}`)
    return r.result.data as T
  }
}

const operator = (host: Host, roles: ('admin' | 'head')[]) =>
  host.openLocalSession({ userId: null, username: 'bench', displayName: 'bench', role: roles[0], roles, actor: 'bench' })

function hashTime(bytes: Buffer): number {
  const times: number[] = []
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now()
    createHash('sha256').update(bytes).digest('hex')
    times.push(performance.now() - t0)
  }
  return median(times)
}

export async function benchPackets(add: Add, base: string): Promise<void> {
  const clock = new ManualClock(new Date('2026-11-20T02:00:00Z'))
  // the district first: stations seal to its key
  const district = createHost({ dataDir: path.join(base, 'district'), clock, idleMinutes: 24 * 60 })
  const dcall = caller(district)
  await dcall('setup.init', { mode: 'district', station: { level: 'district', code: '411523000', name: '基准测试区计生服务站', address: '', phone: '', buildingArea: null }, admin: { username: 'admin', displayName: 'A', password: 'bench-pass-1' }, keyPassphrase: '' }, '')
  const dsid = operator(district, ['admin', 'head'])
  const districtKeyFile = Buffer.from((await dcall<{ base64: string }>('keys.exportPublic', {}, dsid)).base64, 'base64').toString('utf8')
  const districtPriv = loadPrivateKey(district.runtime.paths.privateKey, null)
  const seal = sealKeyFromSigningKey(districtPriv)
  const districtKeyId = keyIdOf(rawPublicKey(createPublicKey(districtPriv)))

  // a station of about 20,000 rows
  const station = createHost({ dataDir: path.join(base, 'packet-station'), clock, idleMinutes: 24 * 60 })
  // the demo's register with its campaigns, a year of stock, certificates and verifications
  await createDemoStation(station, 'bench', { persons: Number(process.env.BENCH_PACKET_PERSONS ?? 7_500) })
  const scall = caller(station)
  const ssid = operator(station, ['admin', 'head'])
  await scall('keys.districtSet', { content: districtKeyFile, replace: false }, ssid)
  await scall('periods.close', { period: '2026-10', acceptWarnings: true }, ssid)
  let t0 = performance.now()
  const exp = await scall<{ packet: { rows: number; size: number; sha256: string; sealed: boolean }; file: { base64: string } }>('packets.export', { period: '2026-10' }, ssid)
  const exportMs = performance.now() - t0
  const bytes = Buffer.from(exp.file.base64, 'base64')
  const hashMs = hashTime(bytes)
  const rows = exp.packet.rows
  const mb = bytes.length / 1024 / 1024
  add(`packet export: ${rows.toLocaleString('en')} rows, sealed (packets.export, first build)`, ms(exportMs), '≤ 1,000 ms', exportMs <= 1000)
  add(`  its file: ${mb.toFixed(2)} MB; SHA-256 of the same bytes alone`, ms(hashMs), '—', true)
  add('  export ÷ SHA-256 alone', `${(exportMs / hashMs).toFixed(0)}×`, '—', true)
  t0 = performance.now()
  await scall('packets.export', { period: '2026-10' }, ssid)
  const againMs = performance.now() - t0
  add('packet export again (the stored bytes)', ms(againMs), '≤ 100 ms', againMs <= 100)

  const keyInfo = JSON.parse(Buffer.from((await scall<{ base64: string }>('keys.exportPublic', {}, ssid)).base64, 'base64').toString()) as { keys: { stationCode: string; publicKey: string; keyId: string }[] }
  const signer = keyInfo.keys[0]
  const verifyTimes: number[] = []
  for (let i = 0; i < 7; i++) {
    const t = performance.now()
    const v = verifyPacket(bytes, (id) => (id === signer.keyId ? { stationCode: signer.stationCode, publicKey: signer.publicKey } : null))
    openPayload(v, seal)
    verifyTimes.push(performance.now() - t)
  }
  const verifyMs = median(verifyTimes)
  add('packet verify: signature, manifest, decrypt, every entry hash (median of 7)', ms(verifyMs), '≤ 500 ms', verifyMs <= 500)
  add('  verify ÷ SHA-256 alone', `${(verifyMs / hashMs).toFixed(1)}×`, '—', true)

  // 240 packets of 20 stations: the real packet's files, re-signed per station; later months a slice of changes
  const v = verifyPacket(bytes, (id) => (id === signer.keyId ? { stationCode: signer.stationCode, publicKey: signer.publicKey } : null))
  const opened = openPayload(v, seal)
  const full: PacketFile[] = opened.entries.map((e) => ({ path: e.path, bytes: opened.files[e.path], rows: e.rows }))
  const persons = readJsonl(opened.files['data/persons.jsonl'])
  const reports = full.filter((f) => f.path.startsWith('reports/'))
  const files: { name: string; base64: string }[] = []
  let totalRows = 0
  for (let s = 0; s < 20; s++) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const raw = rawPublicKey(publicKey)
    const code = `411523${String(101 + s).padStart(3, '0')}`
    const keyId = keyIdOf(raw)
    const kf = signKeyFile([{ stationCode: code, name: `第${s + 1}服务站`, keyId, publicKey: raw.toString('base64') }], keyId, privateKey)
    await dcall('district.stationAdd', { content: JSON.stringify(kf), replace: false }, dsid)
    let prev: string | null = null
    for (let m = 1; m <= 12; m++) {
      const period = MONTHS[m - 1]
      const at = `${period}-28T08:00:00.000Z`
      const changed = persons.slice((m * 700) % persons.length, ((m * 700) % persons.length) + 700).map((p) => ({ ...p, updated_at: at, phone: `139${String(m).padStart(8, '0')}` }))
      const data: PacketFile[] = m === 1 ? full.filter((f) => f.path.startsWith('data/')) : [{ path: 'data/persons.jsonl', bytes: writeJsonl(changed), rows: changed.length }]
      const reps = reports.map((r) => ({ ...r, bytes: Buffer.from(Buffer.from(r.bytes).toString().replace(/"period":"2026-10"/g, `"period":"${period}"`)) }))
      const out = writePacket({
        station: { code, name: `第${s + 1}服务站`, keyId },
        period,
        seq: m,
        prevSha256: prev,
        closeNo: 1,
        createdAt: at,
        createdBy: 'head',
        files: [...data, ...reps],
        totals: opened.totals as PacketTotals,
        seal: { sealKey: seal.publicKey, recipientKeyId: districtKeyId },
        privateKey
      })
      prev = out.sha256
      totalRows += data.reduce((n, f) => n + (f.rows ?? 0), 0)
      files.push({ name: `${code}-${period}-${String(m).padStart(4, '0')}.sdpkt`, base64: out.bytes.toString('base64') })
    }
  }
  t0 = performance.now()
  const imp = await dcall<{ imported: number; refused: number; items: { reason?: string }[] }>('district.import', { files }, dsid)
  const importMs = performance.now() - t0
  if (imp.imported !== 240) throw new Error(`district import: ${imp.imported} of 240 imported (${JSON.stringify(imp.items.find((i) => i.reason))})`)
  add(`district import: 20 stations × 12 months (240 sealed packets, ${totalRows.toLocaleString('en')} rows)`, `${(importMs / 1000).toFixed(1)} s`, '≤ 60 s', importMs <= 60_000)
  add('  rows per second', `${Math.round((totalRows / importMs) * 1000).toLocaleString('en')}/s`, '—', true)
  t0 = performance.now()
  const again = await dcall<{ duplicates: number }>('district.import', { files }, dsid)
  const againImport = performance.now() - t0
  add(`district import of the same 240 again (all no-ops: ${again.duplicates})`, `${(againImport / 1000).toFixed(1)} s`, '≤ 10 s', againImport <= 10_000 && again.duplicates === 240)
  const times: number[] = []
  for (let m = 1; m <= 12; m++) {
    const t = performance.now()
    await dcall('district.report', { period: MONTHS[m - 1] }, dsid)
    times.push(performance.now() - t)
  }
  add('district report of a month across 20 stations (median of 12)', ms(median(times)), '≤ 100 ms', median(times) <= 100)
  const at = performance.now()
  await dcall('district.arrivals', { year: 2026 }, dsid)
  const arrivalsMs = performance.now() - at
  add('district arrivals of a year (20 stations × 12 months)', ms(arrivalsMs), '≤ 100 ms', arrivalsMs <= 100)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-packets-'))
  const rows: string[] = []
  benchPackets((f, v, g, p) => rows.push(`${f.padEnd(90)} ${v.padStart(12)}  ${g.padEnd(12)} ${p ? 'pass' : 'FAIL'}`), base)
    .then(() => console.log(rows.join('\n')))
    .finally(() => fs.rmSync(base, { recursive: true, force: true }))
}
