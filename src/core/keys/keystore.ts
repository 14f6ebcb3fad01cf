import fs from 'node:fs'
import path from 'node:path'
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { AppError } from '../errors'
import { openWithPassphrase, sealWithPassphrase, type Sealed } from '../backups/crypto'

/**
 * The station's Ed25519 signing key. The private key never leaves the machine in clear: it is
 * stored encrypted under a passphrase (scrypt + AES-256-GCM), or, without one, in a 0600 file
 * with a warning shown by the app and the CLI.
 */
interface StoredKey {
  format: 'stationdesk-private-key/1'
  keyId: string
  /** raw 32-byte Ed25519 public key, base64 */
  publicKey: string
  protected: boolean
  /** PKCS#8 DER, base64: clear when unprotected, ciphertext when protected */
  privateKey: string
  sealed?: Sealed
}

const AAD = Buffer.from('stationdesk-private-key/1', 'utf8')

export function rawPublicKey(pub: KeyObject): Buffer {
  const jwk = pub.export({ format: 'jwk' }) as { x: string }
  return Buffer.from(jwk.x, 'base64url')
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new AppError('VALIDATION', 'an Ed25519 public key has 32 bytes')
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
}

/** first 16 hex digits of the SHA-256 of the raw public key */
export function keyIdOf(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16)
}

export interface GeneratedKey {
  keyId: string
  publicKey: string
  unprotected: boolean
}

export function generateStationKey(file: string, passphrase: string): GeneratedKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return writeStationKey(file, privateKey, rawPublicKey(publicKey), passphrase)
}

/** Puts a passphrase on the stored key, or changes it: the key pair itself stays the same. */
export function reprotectStationKey(file: string, current: string | null, next: string): GeneratedKey {
  const priv = loadPrivateKey(file, current)
  return writeStationKey(file, priv, rawPublicKey(createPublicKey(priv)), next)
}

function writeStationKey(file: string, privateKey: KeyObject, raw: Buffer, passphrase: string): GeneratedKey {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer
  const keyId = keyIdOf(raw)
  let stored: StoredKey
  if (passphrase) {
    const { header, ciphertext } = sealWithPassphrase(der, passphrase, AAD)
    stored = { format: 'stationdesk-private-key/1', keyId, publicKey: raw.toString('base64'), protected: true, privateKey: ciphertext.toString('base64'), sealed: header }
  } else {
    stored = { format: 'stationdesk-private-key/1', keyId, publicKey: raw.toString('base64'), protected: false, privateKey: der.toString('base64') }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2), { mode: 0o600 })
  fs.renameSync(tmp, file)
  fs.chmodSync(file, 0o600)
  return { keyId, publicKey: stored.publicKey, unprotected: !passphrase }
}

function readStored(file: string): StoredKey {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', 'the station signing key is missing', { file })
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredKey
}

export function keyInfo(file: string): GeneratedKey {
  const s = readStored(file)
  return { keyId: s.keyId, publicKey: s.publicKey, unprotected: !s.protected }
}

/** The private key, decrypted with the first passphrase available. */
export function loadPrivateKey(file: string, passphrase: string | null): KeyObject {
  const s = readStored(file)
  let der: Buffer
  if (!s.protected) der = Buffer.from(s.privateKey, 'base64')
  else {
    if (!passphrase) throw new AppError('PASSPHRASE_REQUIRED', 'the signing key is protected: enter its passphrase')
    der = openWithPassphrase(s.sealed!, Buffer.from(s.privateKey, 'base64'), passphrase, AAD)
  }
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
}
