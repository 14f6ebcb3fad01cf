import type Database from 'better-sqlite3'
import type { Sqlite } from './open'

/**
 * Prepared statements cached per connection: preparing costs more than running a small
 * query, and drizzle's query builder costs ~20× a prepared statement on hot paths
 * (see `npm run bench`). A restore opens a new connection, so the cache is keyed by it.
 */
const cache = new WeakMap<Sqlite, Map<string, Database.Statement>>()

export function stmt(sqlite: Sqlite, sql: string): Database.Statement {
  let m = cache.get(sqlite)
  if (!m) cache.set(sqlite, (m = new Map()))
  let s = m.get(sql)
  if (!s) m.set(sql, (s = sqlite.prepare(sql)))
  return s
}
