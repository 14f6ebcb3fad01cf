/**
 * Signed files built by hand for the fuzz tests: the fuzzer holds the signing keys (a fake
 * station's, the district's), so it can make packets and key lists whose signature is valid but
 * whose content is not. Nothing here calls the app's own writers (a stored zip of our own, which
 * allows duplicate or odd entry names); the seal is the app's (it needs only the public key).
 *
 * A packet is assembled in stages, each with a hook a mutation may use to change it:
 *   files (plain jsonl / report bytes) → stored (data gzipped) → listed (hashed entries) →
 *   [sealed: contents (contents.json doc) → inner (inner archive entries) → ciphertext → header] →
 *   manifest (the object) → manifestText → archive (outer entries) → signed
 */
import { sign, type KeyObject } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { crc32, gzipSync } from 'node:zlib'
import { PACKET_FORMAT } from '../../src/api/packets'
import { keyFileSigningBytes } from '../../src/core/keys/keyfile'
import { sha256 } from '../../src/core/packets/container'
import { seal, type SealTarget } from '../../src/core/packets/seal'
import { reportsFor, totalsOf, type FakeStation } from '../integration/district/kit'

export interface ZipEntry {
  name: string
  bytes: Uint8Array
}

/**
 * a zip that only stores (as the app's), entries in the order given, duplicates allowed: the
 * app's own writers cannot make those (zipFiles takes a name→bytes record and deflates)
 */
export function storedZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const data = Buffer.from(e.bytes)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // utf-8 names
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt32LE(0x5c420000, 10) // a fixed DOS date and time
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(20, 4)
    cd.writeUInt16LE(20, 6)
    cd.writeUInt16LE(0x0800, 8)
    cd.writeUInt32LE(0x5c420000, 12)
    cd.writeUInt32LE(crc, 16)
    cd.writeUInt32LE(data.length, 20)
    cd.writeUInt32LE(data.length, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    central.push(cd, name)
    offset += 30 + name.length + data.length
  }
  const cdBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cdBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cdBytes, end])
}

/** the archive signed as the app signs it: its comment `SDSIG1 <key id> <signature>` */
export function signArchive(zip: Buffer, keyId: string, privateKey: KeyObject): Buffer {
  const z = Buffer.from(zip)
  z.writeUInt16LE('SDSIG1 '.length + 16 + 1 + 88, z.length - 2)
  const signed = Buffer.concat([z, Buffer.from(`SDSIG1 ${keyId} `, 'latin1')])
  return Buffer.concat([signed, Buffer.from(sign(null, signed, privateKey).toString('base64'), 'latin1')])
}

export interface PlainFile {
  path: string
  bytes: Uint8Array
  rows: number | null
}
export type Json = unknown

/** where a mutation may step in; each returns the (changed) value */
export interface Hooks {
  files?(f: PlainFile[]): PlainFile[]
  stored?(f: PlainFile[]): PlainFile[]
  listed?(entries: Record<string, unknown>[]): Json
  contents?(doc: Record<string, unknown>): Json
  inner?(entries: ZipEntry[]): ZipEntry[]
  ciphertext?(ct: Buffer): Buffer
  header?(h: Record<string, unknown>): Json
  manifest?(m: Record<string, unknown>): Json
  manifestText?(text: string): string
  archive?(entries: ZipEntry[]): ZipEntry[]
}

export interface PacketDraft {
  seq: number
  period: string
  prev: string | null
  rows: Record<string, Record<string, unknown>[]>
  reports: Record<string, unknown>
  totals: unknown
  seal: SealTarget | null
}

/** a month's draft: a few rows of the tables the district counts, ids unique to `tag` */
export function draftOf(tag: string, seq: number, period: string, seal: SealTarget | null): PacketDraft {
  const at = `${period}-15T0${seq % 10}:00:00.000Z`
  const base = (id: string, extra: Record<string, unknown>) => ({ id: `${tag}-${id}`, created_at: at, updated_at: at, updated_by: 'clerk', ...extra })
  const reports = reportsFor(period)
  return {
    seq,
    period,
    prev: null,
    rows: {
      persons: [base('p1', { name: '张三', id_number: '410102199001011234' }), base('p2', { name: '李四', id_number: '41010219910202123X' })],
      screening_records: [base('s1', { person_id: `${tag}-p1`, exam_date: `${period}-03`, follow_up_state: 'none' }), base('s2', { person_id: `${tag}-p2`, exam_date: `${period}-04`, follow_up_state: 'pending' })],
      inv_moves: [base('m1', { date: `${period}-05`, kind: 'issue', quantity: -3, consumed: 3 })],
      certificates: [base('c1', { person_id: `${tag}-p2`, issue_date: `${period}-06`, number: 'A0001' })],
      verifications: [base('v1', { verified_on: `${period}-07`, result: 'valid' })]
    },
    reports: reports as unknown as Record<string, unknown>,
    totals: totalsOf(reports),
    seal
  }
}

const jsonl = (rows: unknown[]) => Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8')
const entryOf = (f: PlainFile) => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length, rows: f.rows })
const asObj = (v: Json) => v as Record<string, unknown>

/** the draft as a signed .sdpkt, each stage through its hook */
export function assemble(st: FakeStation, d: PacketDraft, h: Hooks = {}): Buffer {
  let files: PlainFile[] = [
    ...Object.entries(d.rows).map(([tbl, rows]) => ({ path: `data/${tbl}.jsonl`, bytes: jsonl(rows), rows: rows.length })),
    ...Object.entries(d.reports).map(([kind, rep]) => ({ path: `reports/${kind}.json`, bytes: Buffer.from(JSON.stringify(rep)), rows: null }))
  ]
  files = h.files?.(files) ?? files
  let stored = files.map((f) => (f.path.startsWith('data/') ? { path: `${f.path}.gz`, bytes: gzipSync(f.bytes), rows: f.rows } : f))
  stored = h.stored?.(stored) ?? stored
  const listed = h.listed ? h.listed(stored.map(entryOf)) : stored.map(entryOf)
  const base = { format: PACKET_FORMAT, station: { code: st.code, name: st.name, keyId: st.keyId }, period: d.period, seq: d.seq, prevSha256: d.prev, closeNo: 1, skipped: null, createdAt: `${d.period}-28T08:00:00.000Z`, createdBy: 'head' }
  let manifest: Json
  let outer: ZipEntry[]
  if (d.seal) {
    const contents = h.contents ? h.contents({ files: listed, totals: d.totals }) : { files: listed, totals: d.totals }
    let inner: ZipEntry[] = [{ name: 'contents.json', bytes: Buffer.from(JSON.stringify(contents)) }, ...stored.map((f) => ({ name: f.path, bytes: f.bytes }))]
    inner = h.inner?.(inner) ?? inner
    const aad = Buffer.from(`${PACKET_FORMAT}\n${st.code}\n${d.period}\n${d.seq}`, 'utf8')
    const s = seal(storedZip(inner), d.seal, aad)
    const ct = h.ciphertext?.(s.ciphertext) ?? s.ciphertext
    const header = h.header ? h.header({ ...s.header }) : s.header
    manifest = { ...base, files: [entryOf({ path: 'payload.sealed', bytes: ct, rows: null })], totals: null, sealed: header }
    outer = [{ name: 'payload.sealed', bytes: ct }]
  } else {
    manifest = { ...base, files: listed, totals: d.totals, sealed: null }
    outer = stored.map((f) => ({ name: f.path, bytes: f.bytes }))
  }
  if (h.manifest) manifest = h.manifest(asObj(manifest))
  const text = JSON.stringify(manifest, null, 1) ?? 'undefined'
  let archive: ZipEntry[] = [{ name: 'manifest.json', bytes: Buffer.from(h.manifestText?.(text) ?? text, 'utf8') }, ...outer]
  archive = h.archive?.(archive) ?? archive
  return signArchive(storedZip(archive), st.keyId, st.privateKey)
}

/** saves a failing input (and what was done to it) under tests/.tmp/fuzz-failures/ and says where */
export function saveFailure(kind: string, seed: number, i: number, bytes: Uint8Array | string, how: string): string {
  const dir = path.resolve(__dirname, '../.tmp/fuzz-failures')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${kind}-seed${seed}-${i}`)
  fs.writeFileSync(file, bytes)
  fs.writeFileSync(`${file}.how.txt`, `${how}\nreplay: FUZZ_SEED=${seed}\n`)
  return file
}

export interface Signer {
  keyId: string
  privateKey: KeyObject
}

/**
 * A key file (stationdesk-keys/1) of any content signed by `signer`: over the bytes the app's
 * check computes from it (keyFileSigningBytes: format and the five fields of each entry) when
 * its entries are objects, else over its JSON. A body that is no object is returned as it is.
 */
export function signKeyBody(body: unknown, signer: Signer): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body
  const b = body as { format?: unknown; keys?: unknown }
  let bytes: Buffer
  try {
    bytes = keyFileSigningBytes({ format: b.format, keys: b.keys } as Parameters<typeof keyFileSigningBytes>[0])
  } catch {
    bytes = Buffer.from(JSON.stringify(body))
  }
  return { ...b, signedBy: signer.keyId, signature: sign(null, bytes, signer.privateKey).toString('base64') }
}

/** what a key file says, for "the same file in other words": format, entries' fields, signer, signature */
export function keyFileMeaning(text: string): string | null {
  try {
    const d = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>
    const keys = (d.keys as Record<string, unknown>[]).map((k) => [k.stationCode, k.name, k.keyId, k.publicKey, k.sealKey])
    return JSON.stringify([d.format, keys, d.signedBy ?? null, d.signature ?? null])
  } catch {
    return null
  }
}
