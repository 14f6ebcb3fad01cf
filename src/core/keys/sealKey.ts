import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject } from 'node:crypto'
import { keyIdOf } from './keystore'

/**
 * The district's X25519 key that stations seal packets to (DESIGN.md §4). It is derived from
 * the district's Ed25519 signing key with HKDF-SHA256 under its own label, so one secret,
 * protected by one passphrase, holds both, and the two keys are still never the same key used
 * for two purposes. The public half travels as `sealKey` on the district's entry of its key
 * files; its id is the first 16 hex digits of its SHA-256.
 */
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')
const INFO = Buffer.from('stationdesk seal key/1', 'utf8')

export interface SealKeyPair {
  privateKey: KeyObject
  /** raw 32-byte X25519 public key */
  publicRaw: Buffer
  /** base64 of publicRaw, as in key files */
  publicKey: string
  sealKeyId: string
}

export function sealKeyFromSigningKey(signing: KeyObject): SealKeyPair {
  const seed = Buffer.from((signing.export({ format: 'jwk' }) as { d: string }).d, 'base64url')
  const scalar = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), INFO, 32))
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, scalar]), format: 'der', type: 'pkcs8' })
  const publicRaw = Buffer.from((createPublicKey(privateKey).export({ format: 'jwk' }) as { x: string }).x, 'base64url')
  return { privateKey, publicRaw, publicKey: publicRaw.toString('base64'), sealKeyId: keyIdOf(publicRaw) }
}

export function x25519PublicFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' })
}
