import { sign, verify, type KeyObject } from 'node:crypto'
import type { KeyFile } from '../../api/keys'
import { keyIdOf, publicKeyFromRaw } from './keystore'

/** the bytes a key file's signature covers: its format and keys, as canonical JSON */
export function keyFileSigningBytes(k: Pick<KeyFile, 'format' | 'keys'>): Buffer {
  // sealKey only when present, so files signed before it existed keep their signature
  const keys = k.keys.map((e) => ({ stationCode: e.stationCode, name: e.name, keyId: e.keyId, publicKey: e.publicKey, ...(e.sealKey ? { sealKey: e.sealKey } : {}) }))
  return Buffer.from(JSON.stringify({ format: k.format, keys }), 'utf8')
}

export function signKeyFile(keys: KeyFile['keys'], signerKeyId: string, privateKey: KeyObject): KeyFile {
  const body = { format: 'stationdesk-keys/1' as const, keys }
  const signature = sign(null, keyFileSigningBytes(body), privateKey).toString('base64')
  return { ...body, signedBy: signerKeyId, signature }
}

/** true when signed by the holder of `signerPublicKey` (raw, base64) */
export function verifyKeyFile(k: KeyFile, signerPublicKey: string): boolean {
  if (!k.signature || !k.signedBy) return false
  // canonical base64 only (as a packet's signature): Node reads spaces, a missing or extra '=' and
  // the last character's unused bits past, so other texts would pass as the same signed file
  const signature = Buffer.from(k.signature, 'base64')
  if (signature.length !== 64 || signature.toString('base64') !== k.signature) return false
  const raw = Buffer.from(signerPublicKey, 'base64')
  if (keyIdOf(raw) !== k.signedBy) return false
  return verify(null, keyFileSigningBytes(k), publicKeyFromRaw(raw), signature)
}
