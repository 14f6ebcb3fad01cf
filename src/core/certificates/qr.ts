/**
 * The certificate QR text: `SD1:` followed by digits only.
 *
 * Why digits: a keyboard-wedge scanner types the text as keystrokes, and on a machine with a
 * Chinese input method letters go into the composition window while digits pass straight
 * through (SMART Health Cards chose digits for the same reason). The prefix is matched
 * case-insensitively, full-width characters are folded (an IME may turn `:` into `：`), and
 * blanks are ignored.
 *
 * The digits carry bytes, 7 bytes per 17 digits (2^56 < 10^17; a last chunk of k bytes takes
 * the fewest digits that hold 2^(8k) values), so QR numeric mode stores them at 3.3 bits a
 * digit: about as dense as raw bytes. The bytes:
 *
 *   [version 0x01][key id: 8 bytes][payload: UTF-8][Ed25519 signature: 64 bytes]
 *
 * The signature covers every byte before it, and is checked over exactly the decoded bytes
 * before the payload is read, so any altered character is refused. The key id (the first 16 hex
 * digits of the SHA-256 of the public key, DESIGN.md §4) finds the trusted key. The payload is
 * the facts joined by `|`: number, station code, name, ID number, issue date and last valid day
 * (YYYYMMDD), marital status (its index in MARITAL_STATUSES), boys, girls.
 */
import { sign, verify, type KeyObject } from 'node:crypto'
import { isoDate } from '../../api/common'
import { MARITAL_STATUSES, personFactsInput } from '../../api/persons'
import type { CertificateCheck, QrFacts } from '../../api/verifications'
import { publicKeyFromRaw } from '../keys/keystore'

export const QR_VERSION = 1
export const QR_PREFIX = `SD${QR_VERSION}:`
const KEY_ID_BYTES = 8
const SIG_BYTES = 64
/** digits for a chunk of k bytes, k = 0..7 */
const DIGITS = [0, 3, 5, 8, 10, 13, 15, 17]
const BYTES_OF_DIGITS = new Map(DIGITS.map((d, k) => [d, k]))

export function bytesToDigits(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 7) {
    const chunk = bytes.subarray(i, Math.min(i + 7, bytes.length))
    let v = 0n
    for (const b of chunk) v = (v << 8n) | BigInt(b)
    out += v.toString().padStart(DIGITS[chunk.length], '0')
  }
  return out
}

/** null when the digits cannot be bytes of this encoding (a wrong length, or a chunk too large) */
export function digitsToBytes(digits: string): Buffer | null {
  const full = Math.floor(digits.length / 17)
  const rest = digits.length - full * 17
  const restBytes = BYTES_OF_DIGITS.get(rest)
  if (restBytes === undefined) return null
  const out = Buffer.alloc(full * 7 + restBytes)
  let o = 0
  for (let i = 0; i < digits.length; ) {
    const len = i + 17 <= digits.length ? 17 : rest
    const k = len === 17 ? 7 : restBytes
    let v = BigInt(digits.slice(i, i + len))
    if (v >= 1n << BigInt(8 * k)) return null
    for (let j = k - 1; j >= 0; j--) {
      out[o + j] = Number(v & 0xffn)
      v >>= 8n
    }
    o += k
    i += len
  }
  return out
}

const compact = (d: string) => d.replaceAll('-', '')
const expand = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`

function payloadOf(f: QrFacts): string {
  for (const v of [f.number, f.stationCode, f.name, f.idNumber]) if (v.includes('|')) throw new Error(`a QR field may not contain '|': ${v}`)
  return [f.number, f.stationCode, f.name, f.idNumber, compact(f.issueDate), compact(f.validUntil), MARITAL_STATUSES.indexOf(f.maritalStatus), f.boys, f.girls].join('|')
}

/** the signed QR text of a certificate */
export function encodeQr(facts: QrFacts, keyId: string, privateKey: KeyObject): string {
  if (!/^[0-9a-f]{16}$/.test(keyId)) throw new Error('a key id has 16 hex digits')
  const head = Buffer.concat([Buffer.from([QR_VERSION]), Buffer.from(keyId, 'hex'), Buffer.from(payloadOf(facts), 'utf8')])
  const signature = sign(null, head, privateKey)
  return QR_PREFIX + bytesToDigits(Buffer.concat([head, signature]))
}

export type Decoded =
  | { ok: true; keyId: string; signed: Buffer; signature: Buffer }
  | { ok: false; reason: 'prefix' | 'version' | 'digits' | 'length' }

/** folds what a scanner or an input method may have done to the text: full width, case, blanks */
export function normalizeQrText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** undoes the text encoding; nothing of the payload is read */
export function decodeQr(text: string): Decoded {
  const t = normalizeQrText(text)
  const m = /^SD(\d+):(.*)$/.exec(t)
  if (!m) return { ok: false, reason: 'prefix' }
  if (Number(m[1]) !== QR_VERSION) return { ok: false, reason: 'version' }
  if (!/^\d*$/.test(m[2])) return { ok: false, reason: 'digits' }
  const bytes = digitsToBytes(m[2])
  if (!bytes || bytes.length < 1 + KEY_ID_BYTES + SIG_BYTES + 1) return { ok: false, reason: 'length' }
  if (bytes[0] !== QR_VERSION) return { ok: false, reason: 'version' }
  return {
    ok: true,
    keyId: bytes.subarray(1, 1 + KEY_ID_BYTES).toString('hex'),
    signed: bytes.subarray(0, bytes.length - SIG_BYTES),
    signature: bytes.subarray(bytes.length - SIG_BYTES)
  }
}

/**
 * the facts of a payload whose signature was checked; null when they do not parse or could not
 * be a certificate's: a date that does not exist, a last valid day before the issue date, child
 * counts outside the register's (a good signature vouches for the signer, not for the facts)
 */
export function parsePayload(signed: Buffer): QrFacts | null {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(signed.subarray(1 + KEY_ID_BYTES))
  } catch {
    return null
  }
  const p = text.split('|')
  if (p.length !== 9) return null
  const [number, stationCode, name, idNumber, issue, until, marital, boys, girls] = p
  if (!/^\d{8}$/.test(issue) || !/^\d{8}$/.test(until) || !/^\d{1,2}$/.test(marital) || !/^\d{1,3}$/.test(boys) || !/^\d{1,3}$/.test(girls)) return null
  const maritalStatus = MARITAL_STATUSES[Number(marital)]
  if (!maritalStatus || !number || !name || !idNumber) return null
  const [issueDate, validUntil] = [expand(issue), expand(until)]
  if (!isoDate.safeParse(issueDate).success || !isoDate.safeParse(validUntil).success || validUntil < issueDate) return null
  const count = personFactsInput.shape.boys
  if (!count.safeParse(Number(boys)).success || !count.safeParse(Number(girls)).success) return null
  return { number, stationCode, name, idNumber, issueDate, validUntil, maritalStatus, boys: Number(boys), girls: Number(girls) }
}

export interface TrustedSigner {
  stationCode: string
  name: string
  keyId: string
  /** raw 32-byte Ed25519 key, base64 */
  publicKey: string
  own: boolean
}

const MESSAGES: Record<string, string> = {
  prefix: `not a certificate QR text: it should start with ${QR_PREFIX}`,
  version: 'a certificate QR of another format version: this StationDesk reads version 1',
  digits: `after ${QR_PREFIX} a certificate QR text has digits only`,
  length: 'the QR text is cut short or has extra digits: scan it again',
  payload: 'the signed facts cannot be read'
}

/**
 * Checks a QR text: decoding, then the signature against the trusted key its key id names,
 * then the dates against `today`. Never throws on bad input.
 */
export function checkQrText(text: string, findKey: (keyId: string) => TrustedSigner | null, today: string): CertificateCheck {
  const d = decodeQr(text)
  if (!d.ok) return { result: 'malformed', reason: d.reason, message: MESSAGES[d.reason] }
  const key = findKey(d.keyId)
  if (!key) return { result: 'unknown_issuer', keyId: d.keyId, message: `signed by a key this station does not trust (key id ${d.keyId}): import the district's current list of station keys` }
  let good = false
  try {
    good = verify(null, d.signed, publicKeyFromRaw(Buffer.from(key.publicKey, 'base64')), d.signature)
  } catch {
    good = false
  }
  if (!good) return { result: 'invalid_signature', keyId: d.keyId, message: 'the signature does not match: the text was altered or mis-scanned' }
  const facts = parsePayload(d.signed)
  if (!facts) return { result: 'malformed', reason: 'payload', keyId: d.keyId, message: MESSAGES.payload }
  const issuer = { stationCode: key.stationCode, name: key.name, keyId: key.keyId, own: key.own }
  if (facts.stationCode !== key.stationCode)
    return { result: 'unknown_issuer', keyId: d.keyId, message: `the certificate names station ${facts.stationCode} but was signed with the key of station ${key.stationCode}` }
  if (today > facts.validUntil) return { result: 'expired', keyId: d.keyId, issuer, facts, message: `expired: valid until ${facts.validUntil}` }
  if (today < facts.issueDate) return { result: 'not_yet_valid', keyId: d.keyId, issuer, facts, message: `issued on ${facts.issueDate}, a date still to come` }
  return { result: 'valid', keyId: d.keyId, issuer, facts, message: 'valid' }
}
