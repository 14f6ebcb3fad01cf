import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

const N = 1 << 14
const R = 8
const P = 1

/** scrypt$N$r$p$salt$hash, base64 parts */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`
}

export function verifyPassword(password: string, stored: string): boolean {
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
