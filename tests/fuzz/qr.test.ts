/**
 * Fuzzing the certificate QR texts the station scans (certificates.check and
 * certificates.verificationSave by QR): thousands of mutations of real QRs — certificates this
 * station issued (its own key) and a trusted neighbour's — as text, as decoded bytes, and as
 * payload fields signed again with the key their key id names, so that mutations reach the
 * payload's parser behind the signature (tests/fuzz/qrKit.ts).
 *
 * Each input: the check answers (never an error, never INTERNAL) with one of its results and a
 * message; only a payload a trusted key signed under its own key id is ever read as a
 * certificate; a scanner's folding changes nothing. The save then either records exactly one
 * verification whose result fits what the check found, or refuses clearly with nothing written
 * (verifications, persons, their events and the audit rows counted before and after).
 * FUZZ_SEED=<n> replays a run; a failing input is kept in tests/.tmp/fuzz-failures/.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Input } from '../../src/api'
import type { ApiError } from '../../src/api/contract'
import { CHECK_RESULTS, VERIFICATION_RESULTS, type CertificateCheck, type CheckResult, type Verification, type VerificationResult } from '../../src/api/verifications'
import { decodeQr } from '../../src/core/certificates/qr'
import { loadPrivateKey } from '../../src/core/keys/keystore'
import { makeId } from '../helpers/persons'
import { certificateStation, type CertStation } from '../integration/certificates/setup'
import { DISTRICT, HOLDER_ID, keyFile, NEIGHBOUR, ownQr, qrOf, stationKey } from '../integration/certificates/verifyKit'
import { keepFailure, unclearError } from './clearError'
import { FUZZ_SEED, rng, scaled } from './mutate'
import { QrFuzzer, type FuzzKey } from './qrKit'

const TODAY = '2026-11-20'
const MALFORMED_REASONS = Object.keys(JSON.parse(fs.readFileSync(`${__dirname}/../../src/ui/locales/en/verify.json`, 'utf8')).malformed as object)
/** what a clerk may record for what the check found (the verification's rules, said again here) */
const RECORDABLE: Record<CheckResult, VerificationResult[]> = {
  valid: ['valid', 'facts_differ'],
  expired: ['expired', 'facts_differ'],
  invalid_signature: ['invalid_signature'],
  unknown_issuer: ['unknown_issuer'],
  not_yet_valid: ['invalid_signature'],
  malformed: ['invalid_signature']
}
const READ_AS_CERTIFICATE: CheckResult[] = ['valid', 'expired', 'not_yet_valid']
const HOLDER_IDS = [HOLDER_ID, makeId('410102', '19960315', 11, 'female'), makeId('410105', '19880808', 31, 'female'), '410105199506122128', '12345']

let st: CertStation
let fz: QrFuzzer
type Call = { ok: true; data: unknown } | { ok: false; error: ApiError }
const call = async (method: string, input: unknown, session: string): Promise<Call> =>
  (await st.t.host.call(method, input, { sessionId: session, transport: 'test' })).result as Call
const count = (table: string) => (st.sqlite().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const counts = () => ({ verifications: count('verifications'), persons: count('persons'), events: count('person_events'), audit: count('audit_log') })

beforeAll(async () => {
  st = await certificateStation()
  const district = DISTRICT()
  const neighbour = NEIGHBOUR()
  const stranger = stationKey('410105004', '未列入清单的服务站')
  await st.t.call('keys.districtSet', { content: keyFile([district.entry], district) }, st.s.admin)
  await st.t.call('keys.trustImport', { content: keyFile([neighbour.entry], district) }, st.s.admin)
  // certificates this station issued (signed with its own key, stored unprotected here)
  const issued = await st.issue(st.people.married)
  const file = st.t.host.runtime.paths.privateKey
  const ownKeyId = (JSON.parse(fs.readFileSync(file, 'utf8')) as { keyId: string }).keyId
  const trusted = new Set((st.sqlite().prepare('SELECT key_id AS k FROM trusted_keys').all() as { k: string }[]).map((x) => x.k).concat(ownKeyId))
  const keys: FuzzKey[] = [
    { keyId: ownKeyId, privateKey: loadPrivateKey(file, null) },
    { keyId: neighbour.entry.keyId, privateKey: neighbour.privateKey },
    { keyId: district.entry.keyId, privateKey: district.privateKey },
    { keyId: stranger.entry.keyId, privateKey: stranger.privateKey }
  ].map((k) => ({ ...k, trusted: trusted.has(k.keyId) }))
  const seeds = [
    issued.qr,
    ownQr(st.t, { idNumber: HOLDER_IDS[1], name: '王秀英', maritalStatus: 'remarried', boys: 2, girls: 0 }),
    qrOf(neighbour),
    qrOf(neighbour, { issueDate: '2023-01-01', validUntil: '2025-12-31', maritalStatus: 'divorced' }),
    qrOf(neighbour, { issueDate: '2026-12-01', validUntil: '2029-11-30', maritalStatus: 'unmarried', boys: 0, girls: 0 }),
    qrOf(neighbour, { idNumber: HOLDER_IDS[2], name: '欧阳娜娜', number: '410105002-2026-00123', boys: 0, girls: 2 }),
    qrOf(stranger)
  ]
  fz = new QrFuzzer(seeds, keys)
  for (const s of seeds.slice(0, -1)) expect(READ_AS_CERTIFICATE).toContain(((await call('certificates.check', { qrText: s }, st.s.clerk)) as { data: CertificateCheck }).data.result)
}, 60_000)
afterAll(() => st?.t.close())

function realDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** what is wrong with a check's answer (null when it is sound) */
function unsoundCheck(text: string, out: Call, sameAs: CertificateCheck | null): string | null {
  if (!out.ok) return text.length > 4000 ? unclearError(out.error) : `the check failed: ${out.error.code} ${out.error.message}`
  const c = out.data as CertificateCheck
  if (!CHECK_RESULTS.includes(c.result)) return `unknown result ${c.result}`
  if (typeof c.message !== 'string' || !c.message) return 'no message'
  if (c.result === 'malformed' && !MALFORMED_REASONS.includes(c.reason ?? '')) return `malformed for a reason without words: ${c.reason}`
  if (READ_AS_CERTIFICATE.includes(c.result) !== Boolean(c.facts)) return `${c.result} ${c.facts ? 'with' : 'without'} facts`
  if (c.facts) {
    const d = decodeQr(text)
    if (!d.ok || !fz.genuine.has(d.signed.toString('hex'))) return `read as a certificate (${c.result}) though no trusted key signed it`
    const f = c.facts
    if (f.stationCode !== c.issuer?.stationCode) return `facts of station ${f.stationCode} accepted under the key of ${c.issuer?.stationCode}`
    if (!realDate(f.issueDate) || !realDate(f.validUntil) || f.validUntil < f.issueDate) return `read dates ${f.issueDate} .. ${f.validUntil}`
    if (![f.boys, f.girls].every((n) => Number.isInteger(n) && n >= 0 && n <= 20)) return `read children ${f.boys} / ${f.girls} (the register holds 0–20)`
    if (!f.number || !f.name || !f.idNumber) return `read empty facts ${JSON.stringify(f)}`
    const expected: CheckResult = TODAY > f.validUntil ? 'expired' : TODAY < f.issueDate ? 'not_yet_valid' : 'valid'
    if (c.result !== expected) return `${c.result} for dates ${f.issueDate}..${f.validUntil}`
  }
  if (sameAs && (c.result !== sameAs.result || JSON.stringify(c.facts) !== JSON.stringify(sameAs.facts))) return `a scanner's folding changed the answer: ${sameAs.result} -> ${c.result}`
  return null
}

type Save = Extract<Input<'certificates.verificationSave'>, { method: 'qr' }>

/** what is wrong with a save's outcome (null when it is sound) */
function unsoundSave(check: CertificateCheck | null, input: Save, out: Call, before: ReturnType<typeof counts>, after: ReturnType<typeof counts>): string | null {
  if (!out.ok) {
    if (JSON.stringify(before) !== JSON.stringify(after)) return `refused (${out.error.code}) yet rows changed: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`
    const unclear = unclearError(out.error, ['verify', 'persons'])
    return unclear ? `refused unclearly: ${unclear}` : null
  }
  const v = out.data as Verification
  if (after.verifications !== before.verifications + 1) return `saved, but verifications ${before.verifications} -> ${after.verifications}`
  if (!check) return 'saved a text the check refused'
  if (check.result === 'malformed' && !input.confirmMalformed) return 'saved a malformed text without the clerk confirming'
  if (!RECORDABLE[check.result].includes(v.result)) return `saved ${v.result} where the check found ${check.result}`
  if (['valid', 'expired', 'facts_differ'].includes(v.result) && !check.facts) return `saved ${v.result} for a payload that did not verify`
  if (v.certificateNumber !== (check.facts?.number ?? '')) return `saved certificate number ${v.certificateNumber} for ${check.facts?.number}`
  return null
}

describe('certificate QR texts, mutated', () => {
  const N = scaled(3000)
  it(`${N} mutated QR texts (seed ${FUZZ_SEED}): checked without an error, saved only as the check allows, refused clearly with nothing written`, async () => {
    const r = rng(FUZZ_SEED)
    const failures: string[] = []
    const seen: Partial<Record<string, number>> = {}
    const saved: Partial<Record<string, number>> = {}
    const refused: Partial<Record<string, number>> = {}
    const sameCache = new Map<string, CertificateCheck>()
    const t0 = Date.now()
    for (let i = 0; i < N; i++) {
      const c = fz.next(r)
      let sameAs: CertificateCheck | null = null
      if (c.sameAs) {
        if (!sameCache.has(c.sameAs)) sameCache.set(c.sameAs, ((await call('certificates.check', { qrText: c.sameAs }, st.s.clerk)) as { data: CertificateCheck }).data)
        sameAs = sameCache.get(c.sameAs)!
      }
      const checked = await call('certificates.check', { qrText: c.text }, st.s.clerk)
      const fail = (why: string) => {
        const file = keepFailure('qr', FUZZ_SEED, i, c.text, 'txt')
        failures.push(`#${i} seed ${FUZZ_SEED} [${c.how}]: ${why} (input kept in ${file})`)
      }
      const bad = unsoundCheck(c.text, checked, sameAs)
      if (bad) fail(bad)
      const check = checked.ok ? (checked.data as CertificateCheck) : null
      if (check) seen[check.result] = (seen[check.result] ?? 0) + 1
      if (r.next() < 0.2) {
        const on = r.pick(['2000-01-01', '2025-12-31', '2026-03-01', '2029-02-28', '2029-03-01', '9999-12-31'])
        const other = await call('certificates.check', { qrText: c.text, on }, st.s.head)
        if (!other.ok && c.text.length <= 4000) fail(`the check on ${on} failed: ${other.error.code} ${other.error.message}`)
      }

      // the save, mostly with a result the check allows, at times with another
      const allowed = check ? RECORDABLE[check.result] : VERIFICATION_RESULTS
      const facts = check?.facts
      const input: Save = {
        method: 'qr',
        qrText: c.text,
        result: r.next() < 0.85 ? r.pick(allowed) : r.pick(VERIFICATION_RESULTS),
        confirmMalformed: r.next() < 0.5,
        holder: {
          idNumber: facts && r.next() < 0.75 ? facts.idNumber : r.pick(HOLDER_IDS),
          name: facts && facts.name.length <= 30 && r.next() < 0.8 ? facts.name : '周晓梅',
          ...(r.next() < 0.9 ? { maritalDate: '2018-10-01' } : {})
        }
      }
      const before = counts()
      const out = await call('certificates.verificationSave', input, st.s.clerk)
      const after = counts()
      const badSave = unsoundSave(check, input, out, before, after)
      if (badSave) fail(`save ${input.result}${input.confirmMalformed ? ' (confirmed)' : ''}: ${badSave}`)
      const tally = out.ok ? (out.data as Verification).result : `${out.error.code}:${out.error.details?.fields?.[0]?.rule ?? ''}`
      const into = out.ok ? saved : refused
      into[tally] = (into[tally] ?? 0) + 1
      if (failures.length >= 25) break
    }
    const ms = Date.now() - t0
    console.log(`QR fuzz, seed ${FUZZ_SEED}: ${N} inputs in ${ms} ms; checks ${JSON.stringify(seen)}; saved ${JSON.stringify(saved)}; refused ${JSON.stringify(refused)}`)
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([])
    // the mutations reached every answer of the check, and the saves wrote as well as refused
    if (N >= 1000) {
      for (const res of CHECK_RESULTS) expect(seen[res] ?? 0, `no input was found ${res}`).toBeGreaterThan(0)
      expect(Object.keys(saved).length).toBeGreaterThan(2)
    }
    const audit = await st.t.call('audit.verify', {}, st.s.admin)
    expect(audit.ok).toBe(true)
    expect(st.sqlite().pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
  }, 85_000)
})
