/**
 * Certificates (issue 6): printing through the method table — one PDF batch of 500 certificates
 * (the contract's largest), A4 and booklet, certificates per second and bytes per certificate,
 * and a lone certificate's PDF — and the QR check (checkQrText: decode, Ed25519 verify, parse)
 * p95 over 3,000 texts. One certificate is issued by certificates.issue; the other 499 are copies
 * of its row with their own number, name and signed QR, written directly (not measured).
 *
 * Runs by itself too: `npx tsx tests/bench/certificates.ts`.
 */
import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ManualClock } from '../../src/core/clock'
import { createHost } from '../../src/core/host'
import { newId } from '../../src/core/ids'
import { checkQrText, encodeQr, type TrustedSigner } from '../../src/core/certificates/qr'
import { rawPublicKey } from '../../src/core/keys/keystore'
import { makeId } from '../helpers/persons'

type Add = (figure: string, value: string, goal: string, pass: boolean) => void
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = ['秀英', '桂兰', '丽', '敏', '静', '芳', '海燕', '淑珍', '晓红', '玉兰']

export async function benchCertificates(add: Add, base: string, N = 500): Promise<void> {
  const host = createHost({ dataDir: path.join(base, 'certificates'), clock: new ManualClock(new Date('2026-11-20T02:00:00Z')), idleMinutes: 24 * 60 })
  const call = async <T>(method: string, input: unknown, sid?: string): Promise<T> => {
    const r = await host.call(method, input, { sessionId: sid, transport: 'test' })
    if (!r.result.ok) throw new Error(`${method}: ${r.result.error.code} ${r.result.error.message}`)
    return r.result.data as T
  }
  await call('setup.init', { station: { level: 'township', code: '410102001', name: '婚育证明测速站', address: '', phone: '', buildingArea: null }, admin: { username: 'admin', displayName: 'A', password: 'bench-pass-1' }, keyPassphrase: '' })
  const admin = (await host.call('auth.login', { username: 'admin', password: 'bench-pass-1' }, { transport: 'test' })).session as string
  await call('users.create', { username: 'clerk', displayName: '王会计', role: 'clerk', password: 'bench-pass-2' }, admin)
  const clerk = (await host.call('auth.login', { username: 'clerk', password: 'bench-pass-2' }, { transport: 'test' })).session as string
  const village = (await call<{ id: string }>('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, admin)).id
  const person = await call<{ id: string }>(
    'persons.create',
    {
      idNumber: makeId('410102', '19920408', 7, 'female'),
      name: '王秀英',
      hukouRegion: '410102',
      hukouAddress: '林山寨街道建设路12号院3号楼2单元501',
      servicePointId: village,
      maritalStatus: 'married',
      maritalDate: '2016-06-01',
      spouseName: '李建国',
      spouseIdNumber: makeId('410102', '19900101', 9, 'male'),
      boys: 1,
      girls: 1,
      contraception: 'iud',
      contraceptionSince: '2019-08-15',
      migrantStatus: 'out',
      migrantPlace: '广东省深圳市宝安区西乡街道',
      migrantSince: '2026-02-01'
    },
    clerk
  )
  const first = await call<{ id: string; number: string; facts: Record<string, unknown> }>('certificates.issue', { personId: person.id }, clerk)

  // 499 more: the issued row copied with its own number, name and a QR signed for them
  const sqlite = host.runtime.sqlite!
  const { privateKey } = generateKeyPairSync('ed25519')
  const copy = sqlite.prepare(
    `INSERT INTO certificates (id, created_at, updated_at, updated_by, number, year, serial, person_id, status, facts, issuing_authority, station_code, issue_date, valid_until, qr, key_id, print_count, created_by)
     SELECT ?, created_at, updated_at, updated_by, ?, year, ?, person_id, 'valid', ?, issuing_authority, station_code, issue_date, valid_until, ?, key_id, 0, created_by FROM certificates WHERE id = ?`
  )
  const ids = [first.id]
  sqlite.transaction(() => {
    for (let i = 1; i < N; i++) {
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length]
      const number = `410102001-2026-${String(1000 + i).padStart(5, '0')}`
      const facts = { ...first.facts, name, girls: i % 3, hukouAddress: `林山寨街道建设路${i}号院${1 + (i % 9)}号楼` }
      const qr = encodeQr({ number, stationCode: '410102001', name, idNumber: String(first.facts.idNumber), issueDate: '2026-11-20', validUntil: '2029-11-19', maritalStatus: 'married', boys: 1, girls: i % 3 }, '0123456789abcdef', privateKey)
      const id = newId()
      copy.run(id, number, 1000 + i, JSON.stringify(facts), qr, first.id)
      ids.push(id)
    }
  })()

  // a lone certificate (the font's first load on the way), then the batches
  let t0 = performance.now()
  const lone = await call<{ base64: string }>('certificates.print', { ids: [first.id] }, clerk)
  const cold = performance.now() - t0
  const loneKb = Buffer.from(lone.base64, 'base64').length / 1024
  add('certificate, first print (font load + layout, certificates.print)', ms(cold), '≤ 1,500 ms', cold <= 1500)
  add('certificate PDF, one alone (A4, font subset, QR)', `${loneKb.toFixed(1)} KB`, '≤ 150 KB', loneKb <= 150)
  for (const layout of ['a4', 'booklet'] as const) {
    t0 = performance.now()
    const out = await call<{ base64: string; count: number }>('certificates.print', { ids, layout }, clerk)
    const s = (performance.now() - t0) / 1000
    const perSec = out.count / s
    const kb = Buffer.from(out.base64, 'base64').length / 1024 / out.count
    const what = layout === 'a4' ? 'A4' : 'booklet'
    add(`certificates per second, one ${what} PDF of ${N} (certificates.print)`, `${perSec.toFixed(1)}/s`, layout === 'a4' ? '≥ 20/s' : '—', layout === 'booklet' || perSec >= 20)
    add(`bytes per certificate in that ${what} batch`, `${kb.toFixed(1)} KB`, '≤ 150 KB', kb <= 150)
  }
  host.close()

  // the QR check: 3,000 signed texts, each checked against the trusted key
  const keys = generateKeyPairSync('ed25519')
  const signer: TrustedSigner = { stationCode: '410102001', name: '婚育证明测速站', keyId: 'fedcba9876543210', publicKey: rawPublicKey(keys.publicKey).toString('base64'), own: false }
  const texts: string[] = []
  for (let i = 0; i < 3000; i++) {
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length]
    texts.push(encodeQr({ number: `410102001-2026-${String(i + 1).padStart(5, '0')}`, stationCode: '410102001', name, idNumber: makeId('410102', '19900101', i % 900, 'female'), issueDate: '2026-01-02', validUntil: '2029-01-01', maritalStatus: 'married', boys: i % 2, girls: i % 3 }, signer.keyId, keys.privateKey))
  }
  const find = (id: string) => (id === signer.keyId ? signer : null)
  for (let i = 0; i < 300; i++) checkQrText(texts[i], find, '2026-11-20') // warm up
  const times: number[] = []
  let valid = 0
  for (const text of texts) {
    const t = performance.now()
    if (checkQrText(text, find, '2026-11-20').result === 'valid') valid++
    times.push(performance.now() - t)
  }
  if (valid !== texts.length) throw new Error(`only ${valid} of ${texts.length} QR texts checked valid`)
  const p95 = quantile(times, 0.95)
  add(`QR check p95 (checkQrText: decode, Ed25519 verify, parse; ${texts.length.toLocaleString('en')} texts)`, ms(p95), '≤ 5 ms', p95 <= 5)
}

/** by itself: the certificate figures only */
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-bench-cert-'))
  const rows: [string, string, string, boolean][] = []
  benchCertificates((f, v, g, p) => rows.push([f, v, g, p]), base)
    .then(() => {
      const w = Math.max(...rows.map((r) => r[0].length))
      for (const [f, v, g, p] of rows) console.log(`${f.padEnd(w)}  ${v.padStart(10)}  ${g.padEnd(12)}  ${p ? 'pass' : 'FAIL'}`)
      process.exitCode = rows.every((r) => r[3]) ? 0 : 1
    })
    .finally(() => fs.rmSync(base, { recursive: true, force: true }))
}
