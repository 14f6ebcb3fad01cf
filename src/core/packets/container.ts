/**
 * The .sdpkt file (src/api/packets.ts): a zip archive whose comment, the last 112 bytes of the
 * file, is `SDSIG1 <key id> <base64 Ed25519 signature>`; the signature covers every byte before
 * its own 88, so a change anywhere (an entry, the manifest, the zip's own records, the key id)
 * is refused. Any zip tool can list an unsealed packet; nothing here reads a byte of the archive
 * before the signature has verified.
 *
 * Data files are stored gzip-compressed (data/<table>.jsonl.gz, compressed by node:zlib) in an
 * archive that only stores: zlib is native, several times faster than a JavaScript deflate, and
 * the month's export has a one-second budget. The manifest lists the stored (.gz) bytes; the
 * payload a reader gets back (openPayload) is plain data/<table>.jsonl again.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto'
import { constants } from 'node:buffer'
import { gunzipSync, gzipSync } from 'node:zlib'
import { unzipSync, zipSync, type Zippable } from 'fflate'
import { PACKET_FORMAT, type PacketFileEntry, type PacketManifest, type PacketSkipped } from '../../api/packets'
import type { PacketTotals } from '../../api/packetReports'
import { publicKeyFromRaw } from '../keys/keystore'
import type { SealKeyPair } from '../keys/sealKey'
import { packetError } from './errors'
import { parseContents, parseManifest } from './manifest'
import { seal, unseal, type SealTarget } from './seal'

const SIG_LEN = 88
const TRAILER = /^SDSIG(\d+) ([0-9a-f]{16}) ([A-Za-z0-9+/]{86}==)$/
const COMMENT_LEN = 'SDSIG1 '.length + 16 + 1 + SIG_LEN
const EOCD_LEN = 22
const EOCD_SIG = 0x06054b50

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

export interface PacketFile {
  /** data/<table>.jsonl or reports/<kind>.json */
  path: string
  bytes: Uint8Array
  rows: number | null
}

export interface PacketInput {
  station: PacketManifest['station']
  period: string
  seq: number
  prevSha256: string | null
  closeNo: number
  /** the sequence numbers skipped just before this packet (its prevSha256 names packet from − 1) */
  skipped?: PacketSkipped | null
  createdAt: string
  createdBy: string
  files: PacketFile[]
  totals: PacketTotals
  /** the district's seal key; null: signed but not encrypted */
  seal: SealTarget | null
  privateKey: KeyObject
}

/** the additional data binding a sealed payload to its packet */
const sealAad = (m: Pick<PacketManifest, 'station' | 'period' | 'seq'>): Buffer => Buffer.from(`${PACKET_FORMAT}\n${m.station.code}\n${m.period}\n${m.seq}`, 'utf8')

const entryOf = (f: PacketFile): PacketFileEntry => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length, rows: f.rows })

/** data files as stored: gzip, under their name + .gz; reports as they are */
const stored = (f: PacketFile): PacketFile => (f.path.startsWith('data/') ? { path: `${f.path}.gz`, bytes: gzipSync(f.bytes, { level: 6 }), rows: f.rows } : f)
/**
 * The most a data file may inflate to: what one string can hold (the district reads a file as
 * text), and the most a packet's data files may inflate to together. A signed packet only, but
 * bounded all the same: a few hundred kilobytes of gzip can stand for gigabytes.
 */
const MAX_INFLATED = constants.MAX_STRING_LENGTH
const MAX_INFLATED_TOTAL = 1 << 30

export function writePacket(p: PacketInput): { bytes: Buffer; sha256: string; manifest: PacketManifest } {
  const mtime = new Date(p.createdAt)
  const z = (entries: Record<string, Uint8Array>): Uint8Array => {
    const zippable: Zippable = {}
    for (const [name, data] of Object.entries(entries)) zippable[name] = [data, { level: 0, mtime }]
    return zipSync(zippable)
  }
  const files = p.files.map(stored)
  const base = { format: PACKET_FORMAT as typeof PACKET_FORMAT, station: p.station, period: p.period, seq: p.seq, prevSha256: p.prevSha256, closeNo: p.closeNo, skipped: p.skipped ?? null, createdAt: p.createdAt, createdBy: p.createdBy }
  const entries = files.map(entryOf)
  let manifest: PacketManifest
  let archive: Record<string, Uint8Array>
  if (p.seal) {
    const inner: Record<string, Uint8Array> = { 'contents.json': Buffer.from(JSON.stringify({ files: entries, totals: p.totals })) }
    for (const f of files) inner[f.path] = f.bytes
    const { header, ciphertext } = seal(z(inner), p.seal, sealAad(base))
    manifest = { ...base, files: [entryOf({ path: 'payload.sealed', bytes: ciphertext, rows: null })], totals: null, sealed: header }
    archive = { 'manifest.json': Buffer.from(JSON.stringify(manifest, null, 1)), 'payload.sealed': ciphertext }
  } else {
    manifest = { ...base, files: entries, totals: p.totals, sealed: null }
    archive = { 'manifest.json': Buffer.from(JSON.stringify(manifest, null, 1)) }
    for (const f of files) archive[f.path] = f.bytes
  }
  const zip = Buffer.from(z(archive))
  // the archive's comment: its length goes into the end record, its text closes the file
  if (zip.readUInt32LE(zip.length - EOCD_LEN) !== EOCD_SIG || zip.readUInt16LE(zip.length - 2) !== 0) throw new Error('unexpected zip end record')
  zip.writeUInt16LE(COMMENT_LEN, zip.length - 2)
  const signed = Buffer.concat([zip, Buffer.from(`SDSIG1 ${p.station.keyId} `, 'ascii')])
  const signature = sign(null, signed, p.privateKey).toString('base64')
  const bytes = Buffer.concat([signed, Buffer.from(signature, 'ascii')])
  return { bytes, sha256: sha256(bytes), manifest }
}

export interface SignerKey {
  stationCode: string
  /** raw Ed25519 public key, base64 */
  publicKey: string
}

export interface VerifiedPacket {
  manifest: PacketManifest
  keyId: string
  sha256: string
  size: number
  /** the archive's entries other than manifest.json */
  entries: Record<string, Uint8Array>
}

/** the key id named by the file's signature trailer, after checking the file is whole */
export function trailerOf(bytes: Uint8Array): { keyId: string; signed: Buffer; signature: Buffer } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const looksZip = buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50
  if (buf.length < EOCD_LEN + COMMENT_LEN) throw packetError(looksZip ? 'truncated' : 'not_a_packet')
  const m = TRAILER.exec(buf.subarray(buf.length - COMMENT_LEN).toString('latin1'))
  if (!m) {
    const newer = /SDSIG(\d+) /.exec(buf.subarray(Math.max(0, buf.length - COMMENT_LEN - 16)).toString('latin1'))
    if (newer && Number(newer[1]) > 1) throw packetError('newer_format')
    throw packetError(looksZip ? 'truncated' : 'not_a_packet')
  }
  if (Number(m[1]) !== 1) throw packetError('newer_format')
  // canonical base64 only: the last character's 4 unused bits would otherwise give 15 other
  // files (other SHA-256s) with the same valid signature
  const signature = Buffer.from(m[3], 'base64')
  if (signature.toString('base64') !== m[3]) throw packetError('bad_signature', { keyId: m[2] })
  const eocd = buf.length - COMMENT_LEN - EOCD_LEN
  if (buf.readUInt32LE(eocd) !== EOCD_SIG || buf.readUInt16LE(eocd + 20) !== COMMENT_LEN) throw packetError(looksZip ? 'truncated' : 'not_a_packet')
  return { keyId: m[2], signed: buf.subarray(0, buf.length - SIG_LEN), signature }
}

/** the archive holds exactly the files listed, each once, with its listed size and hash */
function checkEntries(listed: PacketFileEntry[], present: Record<string, Uint8Array>): void {
  const names = Object.keys(present)
  if (names.length !== listed.length || new Set(listed.map((e) => e.path)).size !== listed.length) throw packetError('file_mismatch')
  for (const e of listed) {
    const b = present[e.path]
    if (!b || b.length !== e.size || sha256(b) !== e.sha256) throw packetError('file_mismatch', { path: e.path })
  }
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes)
  } catch {
    throw packetError('not_a_packet')
  }
}

/**
 * Checks the signature with the key its trailer names (keyFor answers null for an unknown key),
 * then reads the manifest and checks every listed entry's size and SHA-256.
 */
export function verifyPacket(bytes: Uint8Array, keyFor: (keyId: string) => SignerKey | null): VerifiedPacket {
  const t = trailerOf(bytes)
  const key = keyFor(t.keyId)
  if (!key) throw packetError('unknown_key', { keyId: t.keyId })
  let ok = false
  try {
    ok = verify(null, t.signed, publicKeyFromRaw(Buffer.from(key.publicKey, 'base64')), t.signature)
  } catch {
    ok = false
  }
  if (!ok) throw packetError('bad_signature', { keyId: t.keyId })
  const all = unzip(bytes)
  const manifest = parseManifest(all['manifest.json'])
  if (manifest.station.keyId !== t.keyId || manifest.station.code !== key.stationCode)
    throw packetError('wrong_station', { keyId: t.keyId, stationCode: manifest.station.code, keyStation: key.stationCode })
  const { 'manifest.json': _m, ...entries } = all
  checkEntries(manifest.files, entries)
  if (manifest.sealed ? manifest.files.length !== 1 || manifest.files[0].path !== 'payload.sealed' : manifest.files.some((f) => f.path === 'payload.sealed'))
    throw packetError('file_mismatch')
  return { manifest, keyId: t.keyId, sha256: sha256(bytes), size: bytes.length, entries }
}

export interface OpenedPayload {
  /** data/<table>.jsonl (inflated) and reports/<kind>.json */
  files: Record<string, Uint8Array>
  /** as listed, with data paths without .gz (sha256 and size are of the stored .gz bytes) */
  entries: PacketFileEntry[]
  totals: PacketTotals
}

function plain(entries: PacketFileEntry[], present: Record<string, Uint8Array>, totals: PacketTotals): OpenedPayload {
  const files: Record<string, Uint8Array> = {}
  const out: PacketFileEntry[] = []
  let total = 0
  for (const e of entries) {
    if (!e.path.endsWith('.gz')) {
      files[e.path] = present[e.path]
      out.push(e)
      continue
    }
    const path = e.path.slice(0, -3)
    try {
      files[path] = gunzipSync(present[e.path], { maxOutputLength: Math.max(1, Math.min(MAX_INFLATED, MAX_INFLATED_TOTAL - total)) })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw packetError('too_big', { path: e.path })
      throw packetError('file_mismatch', { path: e.path })
    }
    total += files[path].length
    out.push({ ...e, path })
  }
  return { files, entries: out, totals }
}

/** the payload's files: as they are, or decrypted with the district's seal key; data inflated */
export function openPayload(v: VerifiedPacket, sealKey: SealKeyPair | null): OpenedPayload {
  const m = v.manifest
  if (!m.sealed) return plain(m.files, v.entries, m.totals!)
  if (!sealKey) throw packetError('sealed_no_key', { recipientKeyId: m.sealed.recipientKeyId })
  const inner = unzip(unseal(v.entries['payload.sealed'], m.sealed, sealKey, sealAad(m)))
  const contents = parseContents(inner['contents.json'])
  const { 'contents.json': _c, ...files } = inner
  checkEntries(contents.files, files)
  return plain(contents.files, files, contents.totals)
}

/** one data file's rows */
export function readJsonl(bytes: Uint8Array): Record<string, unknown>[] {
  const text = Buffer.from(bytes).toString('utf8')
  const out: Record<string, unknown>[] = []
  for (const line of text.split('\n')) if (line) out.push(JSON.parse(line) as Record<string, unknown>)
  return out
}

export function writeJsonl(rows: readonly unknown[]): Uint8Array {
  return Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8')
}
