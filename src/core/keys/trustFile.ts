/**
 * Reading a key file (DESIGN.md §4, `stationdesk-keys/1`) as the user chose it: JSON with the
 * format, each entry's 9-digit station code, name, key id (the first 16 hex digits of the
 * SHA-256 of the raw public key) and 32-byte Ed25519 public key (base64), optionally the
 * district's 32-byte X25519 seal key (sealKey, base64), and the signer's key
 * id and signature (or null for an unsigned file). Nothing is trusted here: the signature is
 * checked by the caller (trust.ts, the CLI's `cert verify` which trusts the file its operator
 * names).
 *
 * A malformed file is VALIDATION on `content`, rule 'key_file_format', with details.reason:
 *   json        not JSON
 *   format      not a stationdesk-keys/1 file
 *   no_keys     no entries
 *   entry       an entry lacks a field or has a wrong one (details.entry: its index, details.field)
 *   key_id      an entry's key id is not the one of its public key (details.entry)
 *   duplicate   the same key twice (details.entry)
 *   signature   signedBy / signature present but not strings
 */
import type { KeyFile } from '../../api/keys'
import { fieldError } from '../errors'
import { keyIdOf } from './keystore'

export type KeyFileReason = 'json' | 'format' | 'no_keys' | 'entry' | 'key_id' | 'duplicate' | 'signature'

const MESSAGES: Record<KeyFileReason, string> = {
  json: 'the file is not a key file (not JSON)',
  format: 'the file is not a StationDesk key file (format stationdesk-keys/1)',
  no_keys: 'the key file holds no keys',
  entry: 'a key in the file is incomplete or wrong',
  key_id: "a key's id does not match its public key",
  duplicate: 'the same key is listed twice',
  signature: 'the signature fields of the file are not readable'
}

function bad(reason: KeyFileReason, extra: Record<string, unknown> = {}): never {
  const where = 'entry' in extra ? ` (key ${Number(extra.entry) + 1}${extra.field ? `, ${String(extra.field)}` : ''})` : ''
  throw fieldError('content', 'key_file_format', MESSAGES[reason] + where, { reason, ...extra })
}

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max

/** a 32-byte key in canonical base64, else null */
function rawKey(v: unknown): Buffer | null {
  if (typeof v !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(v)) return null
  const raw = Buffer.from(v, 'base64')
  return raw.length === 32 && raw.toString('base64') === v ? raw : null
}

/** parses and checks a key file's text; throws VALIDATION (rule key_file_format) when malformed */
export function parseKeyFile(content: string): KeyFile {
  let doc: unknown
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch {
    bad('json')
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad('format')
  const d = doc as Record<string, unknown>
  if (d.format !== 'stationdesk-keys/1' || !Array.isArray(d.keys)) bad('format')
  const list = d.keys as unknown[]
  if (list.length === 0) bad('no_keys')
  const seen = new Set<string>()
  const keys = list.map((e, entry): KeyFile['keys'][number] => {
    if (typeof e !== 'object' || e === null) bad('entry', { entry })
    const k = e as Record<string, unknown>
    if (typeof k.stationCode !== 'string' || !/^\d{9}$/.test(k.stationCode)) bad('entry', { entry, field: 'stationCode' })
    if (!isText(k.name, 60)) bad('entry', { entry, field: 'name' })
    if (typeof k.keyId !== 'string' || !/^[0-9a-f]{16}$/.test(k.keyId)) bad('entry', { entry, field: 'keyId' })
    const raw = rawKey(k.publicKey)
    if (!raw) bad('entry', { entry, field: 'publicKey' })
    if (keyIdOf(raw) !== k.keyId) bad('key_id', { entry })
    if (seen.has(k.keyId)) bad('duplicate', { entry })
    seen.add(k.keyId)
    if (k.sealKey !== undefined && !rawKey(k.sealKey)) bad('entry', { entry, field: 'sealKey' })
    return { stationCode: k.stationCode, name: k.name as string, keyId: k.keyId, publicKey: k.publicKey as string, ...(k.sealKey ? { sealKey: k.sealKey as string } : {}) }
  })
  const signedBy = d.signedBy ?? null
  const signature = d.signature ?? null
  if ((signedBy !== null && typeof signedBy !== 'string') || (signature !== null && typeof signature !== 'string')) bad('signature')
  return { format: 'stationdesk-keys/1', keys, signedBy: signedBy as string | null, signature: signature as string | null }
}
