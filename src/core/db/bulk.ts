import type { Sqlite } from './open'

/**
 * A bulk load: the tables' secondary (non-unique) indexes are dropped and built again once the
 * rows are in, inside the caller's transaction — SQLite's DDL is transactional, so a failure or
 * a crash leaves them as they were. Building an index over all rows at once sorts them once,
 * instead of one B-tree descent per row and index. Worth it only when the rows added are many
 * compared with the rows already there (the caller decides). Unique indexes stay: inserts rely
 * on them (ON CONFLICT).
 */
export function withIndexesRebuilt<T>(sqlite: Sqlite, tables: string[], fn: () => T): T {
  if (!sqlite.inTransaction) throw new Error('withIndexesRebuilt must run inside a transaction')
  const indexes = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[]
  const secondary = indexes.filter((i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql))
  for (const i of secondary) sqlite.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`)
  const out = fn()
  for (const i of secondary) sqlite.exec(i.sql)
  return out
}
