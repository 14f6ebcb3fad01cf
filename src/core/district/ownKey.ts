/**
 * The district office's own keys: its Ed25519 signing key (the data folder's key, made at setup)
 * and the X25519 seal key derived from it (keys/sealKey.ts), which stations seal packets to.
 * The seal key's public half and id are remembered in the meta table once the private key has
 * been opened, so district.info can name it without the passphrase.
 */
import type { KeyObject } from 'node:crypto'
import type { Ctx } from '../context'
import { getMeta, setMeta } from '../meta'
import { keyInfo, loadPrivateKey } from '../keys/keystore'
import { keyPassphrase } from '../keys/passphrase'
import { sealKeyFromSigningKey, type SealKeyPair } from '../keys/sealKey'

const SEAL_META = 'district.seal_key'

interface SealMeta {
  keyId: string
  sealKeyId: string
  sealKey: string
}

/** the signing key, opened with the typed passphrase, the keychain's or STATIONDESK_KEY_PASSPHRASE (PASSPHRASE_REQUIRED when protected and none) */
export function ownSigningKey(ctx: Ctx, typed?: string): KeyObject {
  return loadPrivateKey(ctx.runtime.paths.privateKey, keyPassphrase(ctx.runtime, typed))
}

/** the seal key pair (opens the signing key) and remembers its public half */
export function ownSealKey(ctx: Ctx, typed?: string): SealKeyPair {
  const pair = sealKeyFromSigningKey(ownSigningKey(ctx, typed))
  remember(ctx, pair)
  return pair
}

export function remember(ctx: Ctx, pair: SealKeyPair): void {
  const keyId = keyInfo(ctx.runtime.paths.privateKey).keyId
  const known = readSealMeta(ctx)
  if (known?.keyId === keyId && known.sealKeyId === pair.sealKeyId) return
  setMeta(ctx.sqlite, SEAL_META, JSON.stringify({ keyId, sealKeyId: pair.sealKeyId, sealKey: pair.publicKey } satisfies SealMeta))
}

function readSealMeta(ctx: Ctx): SealMeta | null {
  const v = getMeta(ctx.sqlite, SEAL_META)
  return v ? (JSON.parse(v) as SealMeta) : null
}

/**
 * The seal key's id without asking for the passphrase: remembered, else derived when the key
 * opens without one being typed (unprotected, keychain, environment); null when not known yet
 * (a protected key not opened since: an import of a sealed packet or the key list's export opens it).
 */
export function knownSealKeyId(ctx: Ctx): string | null {
  const keyId = keyInfo(ctx.runtime.paths.privateKey).keyId
  const known = readSealMeta(ctx)
  if (known?.keyId === keyId) return known.sealKeyId
  try {
    return sealKeyFromSigningKey(ownSigningKey(ctx)).sealKeyId
  } catch {
    return null
  }
}

/** true when the signing key needs a passphrase and none is at hand (typed, keychain, environment) */
export function keyLocked(ctx: Ctx, typed?: string): boolean {
  return !keyInfo(ctx.runtime.paths.privateKey).unprotected && !keyPassphrase(ctx.runtime, typed)
}
