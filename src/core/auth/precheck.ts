/**
 * Password checks run ahead of their write, off the core's thread.
 *
 * A login, an unlock and a password change are writes (audit rows, lockout counters) and run
 * synchronously in one transaction, so a scrypt check inside them (≈40 ms) held the core's one
 * thread: 50 people logging in to the web preview at once stalled every other call for two
 * seconds. The host now runs the same check first with the asynchronous scrypt (libuv's thread
 * pool), and the handler's verifyPassword takes that answer once, keyed by the stored hash and
 * a digest of the password. If the stored hash changed in between, the key no longer matches
 * and the handler checks again itself: the answer is never stale.
 */
import { scrypt, timingSafeEqual } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Session } from './sessions'
import { stmt } from '../db/stmt'
import { DUMMY_HASH, precheckKey, setPrechecked } from './passwords'

function parse(stored: string): { salt: Buffer; expected: Buffer; n: number; r: number; p: number } | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [n, r, p] = parts.slice(1, 4).map(Number)
  return { n, r, p, salt: Buffer.from(parts[4], 'base64'), expected: Buffer.from(parts[5], 'base64') }
}

export function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const s = parse(stored)
  if (!s) return Promise.resolve(false)
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), s.salt, s.expected.length, { N: s.n, r: s.r, p: s.p, maxmem: 256 * s.n * s.r }, (err, got) =>
      err ? reject(err) : resolve(timingSafeEqual(got, s.expected))
    )
  )
}

/** the methods whose handler checks a password, and which one */
function candidate(sqlite: Database.Database, method: string, input: unknown, session: Session | null): { password: string; stored: string } | null {
  const i = input as Record<string, unknown>
  const hashOf = (where: string, v: string) => (stmt(sqlite, `SELECT password_hash AS h FROM users WHERE ${where} = ?`).get(v) as { h: string } | undefined)?.h
  if (method === 'auth.login' && typeof i.username === 'string' && typeof i.password === 'string')
    return { password: i.password, stored: hashOf('username', i.username.toLowerCase()) ?? DUMMY_HASH }
  if (!session?.userId) return null
  const own = hashOf('id', session.userId)
  if (!own) return null
  if (method === 'auth.unlock' && typeof i.password === 'string') return { password: i.password, stored: own }
  if (method === 'auth.changePassword' && typeof i.oldPassword === 'string') return { password: i.oldPassword, stored: own }
  return null
}

/** runs the call's password check on the thread pool and leaves its answer for the handler */
export async function precheckPassword(sqlite: Database.Database | null, method: string, input: unknown, session: Session | null): Promise<void> {
  if (!sqlite || !method.startsWith('auth.')) return
  const c = candidate(sqlite, method, input, session)
  if (!c) return
  setPrechecked(precheckKey(c.password, c.stored), await verifyPasswordAsync(c.password, c.stored))
}
