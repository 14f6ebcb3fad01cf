/**
 * Sealing a packet's payload to the district (DESIGN.md §4): X25519 with a one-time key pair,
 * HKDF-SHA256 over the shared secret (salt: both public keys), AES-256-GCM with a random
 * 12-byte nonce, the packet's identity as additional data. A lost USB stick then leaks nothing
 * but the manifest's station, month and sequence number.
 */
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto'
import { SEAL_ALG, type PacketManifest } from '../../api/packets'
import { keyIdOf } from '../keys/keystore'
import type { SealKeyPair } from '../keys/sealKey'
import { x25519PublicFromRaw } from '../keys/sealKey'
import { packetError } from './errors'

const INFO = Buffer.from('stationdesk-packet/1 seal', 'utf8')
const TAG = 16

export type SealHeader = NonNullable<PacketManifest['sealed']>

export interface SealTarget {
  /** the district's X25519 public key, raw base64 (sealKey of its key-file entry) */
  sealKey: string
  /** the district's Ed25519 key id */
  recipientKeyId: string
}

function aesKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), INFO, 32))
}

const rawOf = (k: ReturnType<typeof createPublicKey>): Buffer => Buffer.from((k.export({ format: 'jwk' }) as { x: string }).x, 'base64url')

export function seal(plain: Uint8Array, target: SealTarget, aad: Buffer): { header: SealHeader; ciphertext: Buffer } {
  const recipient = Buffer.from(target.sealKey, 'base64')
  const eph = generateKeyPairSync('x25519')
  const ephRaw = rawOf(eph.publicKey)
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: x25519PublicFromRaw(recipient) })
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', aesKey(shared, ephRaw, recipient), nonce)
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  return {
    header: { alg: SEAL_ALG, recipientKeyId: target.recipientKeyId, sealKeyId: keyIdOf(recipient), ephemeralPublicKey: ephRaw.toString('base64'), nonce: nonce.toString('base64') },
    ciphertext
  }
}

/** the plain payload; refused as not_for_this_district when sealed to another seal key */
export function unseal(ciphertext: Uint8Array, header: SealHeader, own: SealKeyPair, aad: Buffer): Buffer {
  if (header.sealKeyId !== own.sealKeyId) throw packetError('not_for_this_district', { sealKeyId: header.sealKeyId, ownSealKeyId: own.sealKeyId })
  const ct = Buffer.from(ciphertext)
  if (ct.length < TAG) throw packetError('seal_broken')
  try {
    const ephRaw = Buffer.from(header.ephemeralPublicKey, 'base64')
    const shared = diffieHellman({ privateKey: own.privateKey, publicKey: x25519PublicFromRaw(ephRaw) })
    const decipher = createDecipheriv('aes-256-gcm', aesKey(shared, ephRaw, own.publicRaw), Buffer.from(header.nonce, 'base64'))
    decipher.setAAD(aad)
    decipher.setAuthTag(ct.subarray(ct.length - TAG))
    return Buffer.concat([decipher.update(ct.subarray(0, ct.length - TAG)), decipher.final()])
  } catch {
    throw packetError('seal_broken')
  }
}
