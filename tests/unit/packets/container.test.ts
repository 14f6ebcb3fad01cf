import { generateKeyPairSync, sign } from 'node:crypto'
import { unzipSync, zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import type { PacketTotals } from '../../../src/api/packetReports'
import { openPayload, readJsonl, sha256, trailerOf, verifyPacket, writeJsonl, writePacket, type PacketInput, type SignerKey } from '../../../src/core/packets/container'
import { refusalOf } from '../../../src/core/packets/errors'
import { keyIdOf, rawPublicKey } from '../../../src/core/keys/keystore'
import { sealKeyFromSigningKey } from '../../../src/core/keys/sealKey'

const rate = { num: 3, den: 4, rate: 0.75 }
const totals: PacketTotals = { screened: 12, referred: 1, stockOut: 300, certificatesIssued: 2, verifications: 5, certificateRate: rate, verificationRate: rate }

function station(code = '110101001') {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  return { code, privateKey, keyId: keyIdOf(raw), publicKey: raw.toString('base64') }
}

const district = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return { keyId: keyIdOf(rawPublicKey(publicKey)), seal: sealKeyFromSigningKey(privateKey) }
})()

function input(st: ReturnType<typeof station>, sealed: boolean, over: Partial<PacketInput> = {}): PacketInput {
  const persons = [
    { id: '0190a1', name: '张三', updated_at: '2026-10-03T01:02:03.000Z' },
    { id: '0190a2', name: '李四', updated_at: '2026-10-04T01:02:03.000Z' }
  ]
  return {
    station: { code: st.code, name: '城关镇计生服务站', keyId: st.keyId },
    period: '2026-10',
    seq: 3,
    prevSha256: 'a'.repeat(64),
    closeNo: 1,
    createdAt: '2026-11-02T08:00:00.000Z',
    createdBy: 'head1',
    files: [
      { path: 'data/persons.jsonl', bytes: writeJsonl(persons), rows: 2 },
      { path: 'reports/stock.json', bytes: Buffer.from(JSON.stringify({ period: '2026-10', rows: [] })), rows: null }
    ],
    totals,
    seal: sealed ? { sealKey: district.seal.publicKey, recipientKeyId: district.keyId } : null,
    privateKey: st.privateKey,
    ...over
  }
}

const keysOf = (...sts: ReturnType<typeof station>[]) => (keyId: string): SignerKey | null => {
  const s = sts.find((x) => x.keyId === keyId)
  return s ? { stationCode: s.code, publicKey: s.publicKey } : null
}

function refusal(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (e) {
    return refusalOf(e) ?? `unexpected: ${String(e)}`
  }
}

describe('the .sdpkt container', () => {
  const st = station()

  test('an unsealed packet is a zip any tool lists; it verifies and gives back its files and totals', () => {
    const out = writePacket(input(st, false))
    expect(Object.keys(unzipSync(out.bytes)).sort()).toEqual(['data/persons.jsonl.gz', 'manifest.json', 'reports/stock.json'])
    const v = verifyPacket(out.bytes, keysOf(st))
    expect(v.sha256).toBe(out.sha256)
    expect(v.manifest).toMatchObject({ seq: 3, period: '2026-10', prevSha256: 'a'.repeat(64), sealed: null, totals })
    const p = openPayload(v, null)
    expect(readJsonl(p.files['data/persons.jsonl']).map((r) => r.name)).toEqual(['张三', '李四'])
    expect(p.entries.find((e) => e.path === 'data/persons.jsonl')?.rows).toBe(2)
  })

  test('a sealed packet shows only the manifest and ciphertext; the district opens it, another district cannot', () => {
    const out = writePacket(input(st, true))
    const names = Object.keys(unzipSync(out.bytes)).sort()
    expect(names).toEqual(['manifest.json', 'payload.sealed'])
    expect(Buffer.from(out.bytes).includes(Buffer.from('张三'))).toBe(false)
    const v = verifyPacket(out.bytes, keysOf(st))
    expect(v.manifest.totals).toBeNull()
    expect(v.manifest.sealed).toMatchObject({ recipientKeyId: district.keyId, sealKeyId: district.seal.sealKeyId })
    const p = openPayload(v, district.seal)
    expect(p.totals).toEqual(totals)
    expect(readJsonl(p.files['data/persons.jsonl'])).toHaveLength(2)
    const other = sealKeyFromSigningKey(generateKeyPairSync('ed25519').privateKey)
    expect(refusal(() => openPayload(v, other))).toBe('not_for_this_district')
    expect(refusal(() => openPayload(v, null))).toBe('sealed_no_key')
  })

  test('each of 1,000 random single-byte changes anywhere in the file is refused', () => {
    for (const sealed of [false, true]) {
      const good = writePacket(input(st, sealed)).bytes
      let seed = sealed ? 7 : 11
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
      const reasons = new Map<string, number>()
      for (let i = 0; i < 500; i++) {
        const bad = Buffer.from(good)
        const at = Math.floor(rand() * bad.length)
        bad[at] = (bad[at] + 1 + Math.floor(rand() * 255)) % 256
        const r = refusal(() => openPayload(verifyPacket(bad, keysOf(st)), district.seal))
        expect(r, `byte ${at} of ${bad.length}`).not.toBeNull()
        expect(r).not.toMatch(/^unexpected/)
        reasons.set(r!, (reasons.get(r!) ?? 0) + 1)
      }
      expect(reasons.get('bad_signature')).toBeGreaterThan(400)
    }
  })

  test('a truncated file, a file that is no packet, an unknown key, a key of another station, a newer format', () => {
    const good = writePacket(input(st, false)).bytes
    for (const cut of [1, 50, 88, 112, good.length - 30]) expect(refusal(() => verifyPacket(good.subarray(0, good.length - cut), keysOf(st)))).toBe('truncated')
    expect(refusal(() => verifyPacket(Buffer.from('hello, this is a text file that someone renamed to .sdpkt'.repeat(5)), keysOf(st)))).toBe('not_a_packet')
    expect(refusal(() => verifyPacket(good, keysOf(station())))).toBe('unknown_key')
    // a registered key of another station signing a packet that names this station
    const other = station('110101002')
    const forged = writePacket(input(other, false, { station: { code: st.code, name: 'x', keyId: other.keyId } })).bytes
    expect(refusal(() => verifyPacket(forged, keysOf(st, other)))).toBe('wrong_station')
    // a newer trailer version, and a newer manifest format under a valid signature
    const v2 = Buffer.from(good)
    v2.write('SDSIG2', good.length - 112, 'latin1')
    expect(refusal(() => verifyPacket(v2, keysOf(st)))).toBe('newer_format')
  })

  test("the signature's base64 is canonical: its last character's unused bits cannot make a second valid file", () => {
    const good = Buffer.from(writePacket(input(st, false)).bytes)
    const last = good.length - 3
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    const at = alphabet.indexOf(String.fromCharCode(good[last]))
    let sameDecoded = 0
    for (let d = 1; d < 16; d++) {
      const bad = Buffer.from(good)
      bad[last] = alphabet.charCodeAt((at & ~15) | ((at + d) & 15))
      if (Buffer.from(bad.subarray(good.length - 88).toString(), 'base64').equals(Buffer.from(good.subarray(good.length - 88).toString(), 'base64'))) sameDecoded++
      expect(refusal(() => verifyPacket(bad, keysOf(st)))).toBe('bad_signature')
    }
    expect(sameDecoded).toBe(15)
  })

  /** the packet again with its manifest edited, signed anew by the station */
  function resigned(edit: (m: Record<string, unknown>) => void, over: Partial<PacketInput> = {}): Buffer {
    const files = unzipSync(Buffer.from(writePacket(input(st, false, over)).bytes))
    const m = JSON.parse(Buffer.from(files['manifest.json']).toString()) as Record<string, unknown>
    edit(m)
    const zip = Buffer.from(zipSync({ ...files, 'manifest.json': Buffer.from(JSON.stringify(m)) }))
    zip.writeUInt16LE(112, zip.length - 2)
    const signed = Buffer.concat([zip, Buffer.from(`SDSIG1 ${st.keyId} `)])
    return Buffer.concat([signed, Buffer.from(sign(null, signed, st.privateKey).toString('base64'))])
  }

  test('skipped sequence numbers: declared and read back, absent in an older packet, refused unless they end just before the packet', () => {
    expect(verifyPacket(writePacket(input(st, false)).bytes, keysOf(st)).manifest.skipped).toBeNull()
    const skipped = { from: 1, to: 2, reason: 'restored_backup' as const }
    expect(verifyPacket(writePacket(input(st, true, { skipped })).bytes, keysOf(st)).manifest.skipped).toEqual(skipped)
    // a packet made before the field existed has no such key at all
    const old = verifyPacket(
      resigned((m) => delete m.skipped),
      keysOf(st)
    )
    expect(old.manifest.seq).toBe(3)
    expect(old.manifest.skipped ?? null).toBeNull()
    expect(refusal(() => verifyPacket(resigned((m) => (m.skipped = { from: 1, to: 1, reason: 'restored_backup' })), keysOf(st)))).toBe('not_a_packet')
    expect(refusal(() => verifyPacket(resigned((m) => (m.skipped = { from: 3, to: 2, reason: 'not_recorded' })), keysOf(st)))).toBe('not_a_packet')
    expect(refusal(() => verifyPacket(resigned((m) => (m.skipped = { from: 2, to: 2, reason: 'lost' })), keysOf(st)))).toBe('not_a_packet')
  })

  test('a newer manifest format under a good signature says so', () => {
    // rewrite: replace the format text inside the stored manifest (stored deflated, so rebuild by hand)
    const bytes = resigned((m) => (m.format = 'stationdesk-packet/2'))
    expect(trailerOf(bytes).keyId).toBe(st.keyId)
    expect(refusal(() => verifyPacket(bytes, keysOf(st)))).toBe('newer_format')
    expect(sha256(bytes)).toMatch(/^[0-9a-f]{64}$/)
  })
})
