/**
 * The station key that signs certificate QRs. Opening a protected key costs one scrypt
 * derivation (N=2^15, r=8: ≈ 125 ms measured here, more than the rest of an issue), so the opened key is
 * kept per runtime, tied to the key file's state and to the passphrase that opened it: the same
 * passphrase again (typed, kept in the keychain, or in STATIONDESK_KEY_PASSPHRASE) skips the
 * derivation, while a call without any passphrase still gets PASSPHRASE_REQUIRED, and a changed
 * key file (new passphrase) is read again.
 */
import fs from 'node:fs'
import { createHash, type KeyObject } from 'node:crypto'
import type { Ctx } from '../context'
import { keyInfo, loadPrivateKey } from '../keys/keystore'
import { keyPassphrase } from '../keys/passphrase'
import type { Runtime } from '../runtime'

export interface Signer {
  keyId: string
  privateKey: KeyObject
}

interface Cached extends Signer {
  /** the key file's size and modification time when it was read */
  stamp: string
  /** SHA-256 of the passphrase that opened it ('' for an unprotected key) */
  pass: string
}

const cache = new WeakMap<Runtime, Cached>()

function stampOf(file: string): string {
  const st = fs.statSync(file, { throwIfNoEntry: false })
  return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : ''
}

const hashOf = (s: string | null) => (s ? createHash('sha256').update(s, 'utf8').digest('hex') : '')

/** the station's signing key, opened with the first passphrase available (PASSPHRASE_REQUIRED / BAD_PASSPHRASE otherwise) */
export function stationSigner(ctx: Ctx, typed?: string): Signer {
  const rt = ctx.runtime
  const file = rt.paths.privateKey
  const stamp = stampOf(file)
  const info = keyInfo(file)
  const passphrase = info.unprotected ? null : keyPassphrase(rt, typed)
  const pass = hashOf(passphrase)
  const hit = cache.get(rt)
  if (hit && hit.stamp === stamp && hit.pass === pass && hit.keyId === info.keyId) return hit
  const privateKey = loadPrivateKey(file, passphrase)
  const entry: Cached = { keyId: info.keyId, privateKey, stamp, pass }
  cache.set(rt, entry)
  return entry
}
