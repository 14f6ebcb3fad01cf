/**
 * Malformed key files (stationdesk-keys/1) behind a valid signature: a key list's body changed
 * (mutateJson, or a change aimed at one field of an entry: bad base64, keys of the wrong length,
 * non-canonical base64, ids that are not the key's, duplicates, odd codes and names, a list of
 * thousands), then signed by whoever the fuzzer holds the key of (signedKit.ts signKeyBody).
 */
import { generateKeyPairSync } from 'node:crypto'
import type { KeyFile } from '../../src/api/keys'
import { keyIdOf, rawPublicKey } from '../../src/core/keys/keystore'
import { mutateJson, type Rng } from './mutate'

export type Entry = KeyFile['keys'][number]
export type Body = { format: string; keys: Entry[] } & Record<string, unknown>

/** a fresh valid entry (its own key pair) */
export function freshEntry(code: string, name: string): Entry {
  const raw = rawPublicKey(generateKeyPairSync('ed25519').publicKey)
  return { stationCode: code, name, keyId: keyIdOf(raw), publicKey: raw.toString('base64') }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** the same bytes in another text: the last character's unused bits set (padded base64 only) */
export function nonCanonical(b64: string): string {
  const data = b64.replace(/=+$/, '')
  const pad = b64.length - data.length
  const mask = pad === 1 ? 3 : pad === 2 ? 15 : 0
  const i = B64.indexOf(data[data.length - 1])
  return data.slice(0, -1) + B64[(i & ~mask) | ((i + 1) & mask)] + '='.repeat(pad)
}

const bytes = (n: number) => Buffer.alloc(n, 9).toString('base64')

const KEY_TEXTS = (k: string): unknown[] => [
  '', '@@@@', 'abc', bytes(31), bytes(33), bytes(64), nonCanonical(k), `${k}\n`, ` ${k}`, k.replace(/=$/, ''), k.toUpperCase(), 12345, null, [], {}, Buffer.from(k, 'base64').toString('hex')
]
const FIELD_VALUES: Record<string, (e: Entry) => unknown[]> = {
  stationCode: () => ['', '41152310', '4115231011', ' 411523101', '４１１５２３１０１', 411523101, '41152310a', null],
  name: () => ['', '   ', 'x'.repeat(61), '中'.repeat(60), '\u0000', '\u202e站', 7, null, '\n'],
  keyId: (e) => [String(e.keyId).toUpperCase(), String(e.keyId).slice(1), `${String(e.keyId)}0`, '0'.repeat(16), 1234, null, ''],
  publicKey: (e) => KEY_TEXTS(String(e.publicKey)),
  sealKey: (e) => [...KEY_TEXTS(String(e.publicKey)), undefined]
}

/** one change aimed at a list's entries */
function entryChange(body: Body, r: Rng, pool: () => Entry): string {
  const keys = body.keys
  const i = r.int(keys.length)
  switch (r.int(6)) {
    case 0:
    case 1: {
      const field = r.pick(Object.keys(FIELD_VALUES))
      const v = r.pick(FIELD_VALUES[field](keys[i]))
      ;(keys[i] as unknown as Record<string, unknown>)[field] = v
      return `entry ${i} ${field} = ${JSON.stringify(v)?.slice(0, 40)}`
    }
    case 2:
      keys.splice(i, 0, { ...keys[i] })
      return `entry ${i} twice`
    case 3:
      keys.push({ ...pool(), keyId: keys[i].keyId })
      return `another entry with the key id of entry ${i}`
    case 4: {
      const n = r.pick([0, 200, 3000])
      for (let j = 0; j < n; j++) keys.push(pool())
      if (n === 0) keys.length = 0
      return n ? `${n} more entries` : 'no entries'
    }
    default: {
      const v = r.pick<unknown>([null, 5, 'key', [], [[]], { ...keys[i], extra: { deep: [1, 2] } }])
      ;(keys as unknown[])[i] = v
      return `entry ${i} is ${JSON.stringify(v)?.slice(0, 40)}`
    }
  }
}

/** the body changed 1–2 times: JSON-mutated, or an entry's field */
export function bodyMutant(body: Body, r: Rng, pool: () => Entry): { body: unknown; how: string } {
  let cur: unknown = structuredClone(body)
  const hows: string[] = []
  for (let n = 1 + r.int(2); n > 0; n--) {
    const c = cur as Body
    if (r.next() < 0.6 && c && typeof c === 'object' && Array.isArray(c.keys) && c.keys.length && c.keys.every((k) => k && typeof k === 'object')) hows.push(entryChange(c, r, pool))
    else {
      const m = mutateJson(cur, r)
      cur = m.value
      hows.push(m.how)
    }
  }
  return { body: cur, how: hows.join('; ') }
}

/** a signed file's signature fields changed after signing (an outside change aimed at them) */
export function signatureMutant(file: Record<string, unknown>, r: Rng, otherKeyId: string): { file: Record<string, unknown>; how: string } {
  const sig = String(file.signature)
  const v = r.pick<[string, unknown]>([
    ['signature', nonCanonical(sig)],
    ['signature', `${sig}=`],
    ['signature', sig.slice(0, -4)],
    ['signature', `${sig.slice(0, -2)}`],
    ['signature', ` ${sig}`],
    ['signature', 42],
    ['signature', null],
    ['signedBy', otherKeyId],
    ['signedBy', String(file.signedBy).toUpperCase()],
    ['signedBy', 7],
    ['signedBy', null]
  ])
  return { file: { ...file, [v[0]]: v[1] }, how: `${v[0]} = ${JSON.stringify(v[1])?.slice(0, 30)}` }
}
