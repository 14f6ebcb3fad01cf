/**
 * Fuzzing the readers of key files (stationdesk-keys/1): keys.trustImport and keys.districtSet
 * at a station, district.stationAdd at the district.
 *  1. outside the signature: the genuine file's text changed (mutateText), its JSON changed and
 *     written again (mutateJson), or its signature fields changed: refused in words, or taken
 *     only when it still says exactly what the genuine file says (JSON whitespace, an unknown key);
 *  2. behind it: the fuzzer holds the signing keys (the district's, each station's), changes a
 *     file's content (keyListMutants.ts) and signs it validly: each is refused in words with the
 *     trust state (or the district's stations) unchanged, or taken, and then what is in force is
 *     exactly the file's entries, each a well-formed key. Never INTERNAL, never a crash.
 * A failure prints the seed (FUZZ_SEED=<n> replays it) and the mutation and saves the file to
 * tests/.tmp/fuzz-failures/.
 */
import { createHash, generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError } from '../../src/api/contract'
import { signKeyFile } from '../../src/core/keys/keyfile'
import { keyIdOf, rawPublicKey } from '../../src/core/keys/keystore'
import { sealKeyFromSigningKey } from '../../src/core/keys/sealKey'
import { makeHost, setUpStation, type TestHost } from '../helpers/host'
import { fakeStation, makeDistrict, type District } from '../integration/district/kit'
import { bodyMutant, freshEntry, signatureMutant, type Body, type Entry } from './keyListMutants'
import { FUZZ_SEED, mutateJson, mutateText, rng, scaled, type Rng } from './mutate'
import { keyFileMeaning, saveFailure, signKeyBody, type Signer } from './signedKit'

const OUTSIDE = scaled(1000)
const BEHIND = scaled(2000)

const locale = (lang: string, domain: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../src/ui/locales/${lang}/${domain}.json`), 'utf8')) as Record<string, Record<string, unknown>>
const WORDS = ['zh-CN', 'en'].map((l) => ({ errors: locale(l, 'errors'), district: locale(l, 'district') }))

/** null when the error is clear: a known code with words, a message, a rule in words */
function unclear(e: ApiError): string | null {
  const rule = e.details?.fields?.[0]?.rule
  if (e.code === 'INTERNAL' || !WORDS.every((w) => typeof w.errors.code[e.code] === 'string')) return `code ${e.code}: ${e.message}`
  if (!e.message?.trim()) return `${e.code} without a message`
  if (!rule || !WORDS.every((w) => typeof w.errors.rule[rule] === 'string' || typeof w.district.rule[rule] === 'string')) return `${e.code} with a rule not in words: ${rule} (${e.message})`
  return null
}

const canonicalKey = (v: unknown) => typeof v === 'string' && Buffer.from(v, 'base64').length === 32 && Buffer.from(v, 'base64').toString('base64') === v

/** what makes an entry a key the app may trust, checked without the app's parser */
function entryProblem(e: Entry): string | null {
  if (typeof e?.stationCode !== 'string' || !/^\d{9}$/.test(e.stationCode)) return `station code ${JSON.stringify(e?.stationCode)}`
  if (typeof e.name !== 'string' || !e.name.trim() || e.name.length > 60) return `name ${JSON.stringify(e.name)?.slice(0, 30)}`
  if (!canonicalKey(e.publicKey)) return `public key ${JSON.stringify(e.publicKey)?.slice(0, 50)}`
  if (e.keyId !== createHash('sha256').update(Buffer.from(e.publicKey, 'base64')).digest('hex').slice(0, 16)) return `key id ${e.keyId} not of its key`
  if (e.sealKey !== undefined && !canonicalKey(e.sealKey)) return `seal key ${JSON.stringify(e.sealKey)?.slice(0, 50)}`
  return null
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2) + '\n'

/** a pool of valid station entries, handed out in turn (lists of thousands take from it) */
function entryPool(n: number): () => Entry {
  const all = Array.from({ length: n }, (_, i) => freshEntry(`4115${String(10000 + i).slice(-5)}`, `服务站${i}`))
  let next = 0
  return () => ({ ...all[next++ % n] })
}
const pool = entryPool(3300)

function newSigner(): Signer & { publicKey: string; sealKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  return { keyId: keyIdOf(raw), privateKey, publicKey: raw.toString('base64'), sealKey: sealKeyFromSigningKey(privateKey).publicKey }
}

interface Tally {
  failures: string[]
  outcomes: Map<string, number>
}
const newTally = (): Tally => ({ failures: [], outcomes: new Map() })
const summary = (t: Tally) => [...t.outcomes].sort().map(([k, n]) => `${k} ${n}`).join(', ')

function note(t: Tally, reader: string, i: number, text: string, how: string, outcome: string, problems: string[]): void {
  t.outcomes.set(outcome, (t.outcomes.get(outcome) ?? 0) + 1)
  if (problems.length && t.failures.length < 20) {
    const saved = saveFailure(reader, FUZZ_SEED, i, text, `${how}\n${problems.join('\n')}`)
    t.failures.push(`seed ${FUZZ_SEED} ${reader} #${i} ${how}: ${problems.join('; ')} [saved ${saved}]`)
  }
}

/** the genuine file changed outside its signature: its text, its JSON, or its signature fields */
function outsideChange(genuine: Record<string, unknown>, r: Rng): { text: string; how: string } {
  const k = r.int(10)
  if (k < 5) {
    const m = mutateText(pretty(genuine), r)
    return { text: m.text, how: `text: ${m.how}` }
  }
  if (k < 8) {
    const m = mutateJson(genuine, r)
    return { text: r.next() < 0.5 ? pretty(m.value) : (JSON.stringify(m.value) ?? 'null'), how: `json: ${m.how}` }
  }
  const m = signatureMutant(genuine, r, pool().keyId)
  return { text: pretty(m.file), how: m.how }
}

let st: { t: TestHost; admin: string }
let d: District
const district = newSigner()
const districtEntry: Entry = { stationCode: '411523000', name: '新县卫生健康委员会', keyId: district.keyId, publicKey: district.publicKey, sealKey: district.sealKey }
const genuineList = signKeyFile([districtEntry, ...Array.from({ length: 20 }, pool)], district.keyId, district.privateKey) as unknown as Record<string, unknown>
const genuineOwn = signKeyFile([districtEntry], district.keyId, district.privateKey) as unknown as Record<string, unknown>

beforeAll(async () => {
  const t = makeHost()
  const s = await setUpStation(t)
  st = { t, admin: s.admin }
  await t.call('keys.districtSet', { content: pretty(genuineList), replace: false }, s.admin)
  await t.call('keys.trustImport', { content: pretty(genuineList) }, s.admin)
  d = await makeDistrict()
}, 60_000)

afterAll(() => {
  st.t.close()
  d.t.close()
})

/** the station's trust: the district key in force and the list's rows */
function trust(): string {
  const db = st.t.host.runtime.sqlite!
  return JSON.stringify([db.prepare("SELECT value FROM meta WHERE key = 'trust.district_key'").get(), db.prepare('SELECT * FROM trusted_keys ORDER BY key_id').all()])
}

async function stationCall(method: 'keys.trustImport' | 'keys.districtSet', content: string, replace: boolean) {
  const input = method === 'keys.districtSet' ? { content, replace } : { content }
  return (await st.t.host.call(method, input, { sessionId: st.admin, transport: 'test' })).result
}

/** back to the genuine district key and list */
async function resetTrust(): Promise<void> {
  await st.t.call('keys.districtSet', { content: pretty(genuineList), replace: true }, st.admin)
  await st.t.call('keys.trustImport', { content: pretty(genuineList) }, st.admin)
}

describe(`key lists: fuzz (seed ${FUZZ_SEED})`, () => {
  it(`keys.trustImport and keys.districtSet: ${OUTSIDE} files changed outside the signature each; refused in words or the same file, trust unchanged`, async () => {
    const r = rng(FUZZ_SEED)
    const baseline = trust()
    const tally = newTally()
    for (let i = 0; i < 2 * OUTSIDE; i++) {
      const method = i % 2 ? 'keys.districtSet' : 'keys.trustImport'
      const genuine = method === 'keys.districtSet' && r.next() < 0.5 ? genuineOwn : genuineList
      const c = outsideChange(genuine, r)
      const res = await stationCall(method, c.text, r.next() < 0.5)
      const problems: string[] = []
      if (res.ok && keyFileMeaning(c.text) !== keyFileMeaning(pretty(genuine))) problems.push('taken though it says something else than the signed file')
      if (!res.ok) problems.push(...[unclear(res.error)].filter((x): x is string => !!x))
      if (trust() !== baseline) problems.push('the trust state changed')
      note(tally, method, i, c.text, c.how, `${method} ${res.ok ? 'taken' : res.error.details?.fields?.[0]?.rule}`, problems)
      if (trust() !== baseline) await resetTrust()
    }
    console.log(`key files outside the signature (seed ${FUZZ_SEED}): ${summary(tally)}`)
    expect(tally.failures).toEqual([])
  }, 240_000)

  it(`keys.trustImport and keys.districtSet: ${BEHIND} malformed files validly signed each; refused with trust unchanged, or exactly their keys in force`, async () => {
    const r = rng(FUZZ_SEED + 1)
    const baseline = trust()
    const tally = newTally()
    for (let i = 0; i < 2 * BEHIND; i++) {
      const method = i % 2 ? 'keys.districtSet' : 'keys.trustImport'
      const base = (method === 'keys.districtSet' && r.next() < 0.5 ? genuineOwn : genuineList) as Body
      const { body, how } = bodyMutant({ format: base.format, keys: base.keys }, r, pool)
      // mostly the district signs; sometimes another key, in the list or not
      const other = r.next() < 0.15 ? newSigner() : null
      if (other && r.next() < 0.5 && Array.isArray((body as Body)?.keys)) (body as Body).keys.push({ stationCode: '411524000', name: '另一区县', keyId: other.keyId, publicKey: other.publicKey })
      const text = r.next() < 0.5 ? pretty(signKeyBody(body, other ?? district)) : (JSON.stringify(signKeyBody(body, other ?? district)) ?? 'null')
      const replace = r.next() < 0.5
      const res = await stationCall(method, text, replace)
      const problems: string[] = []
      if (!res.ok) {
        problems.push(...[unclear(res.error)].filter((x): x is string => !!x))
        if (trust() !== baseline) problems.push('refused, yet the trust state changed')
      } else {
        const keys = (body as Body).keys
        const bad = keys.map(entryProblem).find((p) => p)
        if (bad) problems.push(`taken with a malformed entry: ${bad}`)
        if (new Set(keys.map((k) => k.keyId)).size !== keys.length) problems.push('taken with a key id twice')
        const db = st.t.host.runtime.sqlite!
        if (method === 'keys.trustImport') {
          const rows = db.prepare('SELECT station_code AS stationCode, name, key_id AS keyId, public_key AS publicKey FROM trusted_keys ORDER BY key_id').all()
          const want = keys.map((k) => ({ stationCode: k.stationCode, name: k.name, keyId: k.keyId, publicKey: k.publicKey })).sort((a, b) => a.keyId.localeCompare(b.keyId))
          if (JSON.stringify(rows) !== JSON.stringify(want)) problems.push('the trusted keys are not the list taken')
        } else {
          const signer = keys.length === 1 ? keys[0] : keys.find((k) => k.keyId === (other ?? district).keyId)
          const now = JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'trust.district_key'").get() as { value: string }).value) as Entry
          if (!signer || now.keyId !== signer.keyId || now.publicKey !== signer.publicKey || (now.sealKey ?? null) !== (signer.sealKey ?? null)) problems.push("the district key in force is not the file's signer")
        }
      }
      const outcome = res.ok ? 'taken' : res.error.details?.fields?.[0]?.rule
      note(tally, method, i, text, `${other ? 'signed by another key' : 'signed by the district'}, replace ${replace}: ${how}`, `${method} ${outcome}`, problems)
      if (trust() !== baseline) await resetTrust()
      if (trust() !== baseline) throw new Error(`seed ${FUZZ_SEED} #${i}: the genuine files no longer restore the trust state`)
    }
    console.log(`key files behind the signature (seed ${FUZZ_SEED}): ${summary(tally)}`)
    expect(tally.failures).toEqual([])
    expect(tally.outcomes.get('keys.trustImport key_file_format') ?? 0).toBeGreaterThan(BEHIND / 4)
    if (BEHIND >= 200) expect(tally.outcomes.get('keys.trustImport taken') ?? 0).toBeGreaterThan(0)
  }, 300_000)

  it(`district.stationAdd: ${OUTSIDE} station key files changed outside the signature and ${BEHIND} malformed ones self-signed; refused in words with the stations unchanged, or registered as the file says`, async () => {
    const r = rng(FUZZ_SEED + 2)
    const db = d.t.host.runtime.sqlite!
    const stations = () => JSON.stringify(db.prepare('SELECT code, name, key_id, public_key, status, updated_at FROM district_stations ORDER BY key_id').all())
    const tally = newTally()
    for (let i = 0; i < OUTSIDE + BEHIND; i++) {
      const station = fakeStation(`4115${String(r.int(100000)).padStart(5, '0')}`, `服务站${i}`)
      const genuine = JSON.parse(station.keyFile()) as Body
      let text: string
      let how: string
      let entries: Entry[] | null = null
      if (i < OUTSIDE) ({ text, how } = outsideChange(genuine, r))
      else {
        const m = bodyMutant({ format: genuine.format, keys: genuine.keys }, r, pool)
        entries = (m.body as Body)?.keys ?? null
        text = pretty(signKeyBody(m.body, { keyId: station.keyId, privateKey: station.privateKey }))
        how = `self-signed: ${m.how}`
      }
      const before = stations()
      const res = (await d.t.host.call('district.stationAdd', { content: text, replace: r.next() < 0.3 }, { sessionId: d.head, transport: 'test' })).result
      const problems: string[] = []
      if (!res.ok) {
        problems.push(...[unclear(res.error)].filter((x): x is string => !!x))
        if (stations() !== before) problems.push("refused, yet the district's stations changed")
      } else {
        const e = entries ? entries[0] : genuine.keys[0]
        if (!entries && keyFileMeaning(text) !== keyFileMeaning(pretty(genuine))) problems.push('taken though it says something else than the signed file')
        if (entries && entries.length !== 1) problems.push(`taken with ${entries.length} entries`)
        const bad = entryProblem(e)
        if (bad) problems.push(`taken with a malformed entry: ${bad}`)
        const row = db.prepare('SELECT code, name, public_key AS publicKey, status FROM district_stations WHERE key_id = ?').get(e.keyId) as Record<string, string> | undefined
        if (!row || row.code !== e.stationCode || row.publicKey !== e.publicKey || row.status !== 'active') problems.push(`registered otherwise than the file says: ${JSON.stringify(row)}`)
      }
      note(tally, 'district.stationAdd', i, text, `${i < OUTSIDE ? 'outside' : 'behind'}: ${how}`, `${i < OUTSIDE ? 'outside' : 'behind'} ${res.ok ? 'taken' : res.error.details?.fields?.[0]?.rule}`, problems)
    }
    console.log(`station key files (seed ${FUZZ_SEED}): ${summary(tally)}`)
    expect(tally.failures).toEqual([])
    expect(tally.outcomes.get('behind key_file_format') ?? 0).toBeGreaterThan(BEHIND / 4)
  }, 300_000)
})
