import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { AppError } from '../errors'

/**
 * Passphrase encryption for files that leave the machine (backup exports) and for the
 * station's private key: scrypt (N=2^15, r=8, p=1) derives an AES-256-GCM key.
 */
export interface ScryptParams {
  N: number
  r: number
  p: number
}
export const SCRYPT: ScryptParams = { N: 1 << 15, r: 8, p: 1 }

export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams = SCRYPT): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 128 * params.N * params.r * 2 })
}

export interface Sealed {
  kdf: 'scrypt'
  N: number
  r: number
  p: number
  salt: string
  iv: string
  tag: string
}

export function sealWithPassphrase(plain: Buffer, passphrase: string, aad: Buffer): { header: Sealed; ciphertext: Buffer } {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const key = deriveKey(passphrase, salt)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()])
  return {
    header: { kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    ciphertext
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const bytesOf = (v: unknown): Buffer | null => (typeof v === 'string' && BASE64.test(v) ? Buffer.from(v, 'base64') : null)
const powerOfTwo = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 1 && ((n as number) & ((n as number) - 1)) === 0
const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1

/**
 * The sealed header's parameters, read as untrusted input (a file brought on a USB stick): why
 * they cannot be used, or null. The key derivation is bounded so that a crafted file cannot hold
 * the core for minutes or take its memory: at most 256 MB and 16 times the work we seal with.
 */
function sealedProblem(h: Partial<Sealed> | null): string | null {
  if (!h || typeof h !== 'object' || h.kdf !== 'scrypt') return 'unsupported key derivation'
  if (!powerOfTwo(h.N) || !count(h.r) || !count(h.p) || 128 * h.N * h.r > 256 * 2 ** 20 || h.N * h.r * h.p > 16 * SCRYPT.N * SCRYPT.r * SCRYPT.p)
    return 'unsupported key derivation parameters'
  const salt = bytesOf(h.salt)
  const iv = bytesOf(h.iv)
  const tag = bytesOf(h.tag)
  if (!salt || salt.length < 8 || !iv || iv.length !== 12 || !tag || tag.length !== 16) return 'its salt, nonce or tag is damaged'
  return null
}

export function openWithPassphrase(h: Sealed, ciphertext: Buffer, passphrase: string, aad: Buffer): Buffer {
  const problem = sealedProblem(h)
  if (problem) throw new AppError('BAD_BACKUP', `the file is damaged: ${problem}`, { problem })
  const key = deriveKey(passphrase, Buffer.from(h.salt, 'base64'), { N: h.N, r: h.r, p: h.p })
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(h.iv, 'base64'))
  decipher.setAAD(aad)
  decipher.setAuthTag(Buffer.from(h.tag, 'base64'))
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    throw new AppError('BAD_PASSPHRASE', 'wrong passphrase, or the file was altered')
  }
}

/** Encrypted backup export: "SDBAK1" + uint32 header length + JSON header + ciphertext. */
const MAGIC = Buffer.from('SDBAK1', 'latin1')

export function encryptBackup(dbFile: Buffer, passphrase: string): Buffer {
  const headerBase = { format: 'stationdesk-backup/1' }
  const aad = Buffer.concat([MAGIC, Buffer.from(JSON.stringify(headerBase))])
  const { header, ciphertext } = sealWithPassphrase(dbFile, passphrase, aad)
  const headerJson = Buffer.from(JSON.stringify({ ...headerBase, ...header }), 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(headerJson.length)
  return Buffer.concat([MAGIC, len, headerJson, ciphertext])
}

export function isEncryptedBackup(buf: Buffer): boolean {
  return buf.length > 10 && buf.subarray(0, 6).equals(MAGIC)
}

export function decryptBackup(buf: Buffer, passphrase: string): Buffer {
  if (!isEncryptedBackup(buf)) throw new AppError('BAD_BACKUP', 'not a StationDesk backup file')
  const len = buf.readUInt32BE(6)
  if (len > 4096 || 10 + len > buf.length) throw new AppError('BAD_BACKUP', 'the backup file is damaged')
  let header: (Sealed & { format: string }) | null
  try {
    header = JSON.parse(buf.subarray(10, 10 + len).toString('utf8'))
  } catch {
    throw new AppError('BAD_BACKUP', 'the backup file is damaged')
  }
  if (!header || typeof header !== 'object' || header.format !== 'stationdesk-backup/1') throw new AppError('BAD_BACKUP', 'not a StationDesk backup file')
  if (!passphrase) throw new AppError('PASSPHRASE_REQUIRED', 'this backup is encrypted: enter its passphrase')
  const aad = Buffer.concat([MAGIC, Buffer.from(JSON.stringify({ format: header.format }))])
  return openWithPassphrase(header, buf.subarray(10 + len), passphrase, aad)
}
