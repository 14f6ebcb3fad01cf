/**
 * The schema this version's migrations make, to hold a database about to be restored against:
 * a file that passes SQLite's integrity check and counts the right migrations may still lack a
 * table, a column, an index or a trigger (the audit log's guards) the app relies on, and would
 * then fail at every call that reads it.
 */
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Sqlite } from '../db/open'

interface Schema {
  /** table, index and trigger names, with their kind */
  objects: Map<string, string>
  /** table -> its columns */
  columns: Map<string, Set<string>>
}

function schemaOf(db: Sqlite): Schema {
  const rows = db.prepare(`SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'`).all() as { type: string; name: string }[]
  const objects = new Map(rows.map((r) => [r.name, r.type]))
  const columns = new Map<string, Set<string>>()
  for (const r of rows)
    if (r.type === 'table') columns.set(r.name, new Set((db.pragma(`table_info("${r.name.replaceAll('"', '""')}")`) as { name: string }[]).map((c) => c.name)))
  return { objects, columns }
}

const expected = new Map<string, Schema>()

/** the schema the migrations in the folder make (worked out once, in memory) */
function expectedSchema(migrationsFolder: string, nativeBinding?: string): Schema {
  let s = expected.get(migrationsFolder)
  if (!s) {
    const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {})
    try {
      migrate(drizzle(db), { migrationsFolder })
      s = schemaOf(db)
    } finally {
      db.close()
    }
    expected.set(migrationsFolder, s)
  }
  return s
}

/** null when the (migrated) database has everything of this version's schema, else what it lacks */
export function schemaProblem(db: Sqlite, migrationsFolder: string, nativeBinding?: string): string | null {
  const want = expectedSchema(migrationsFolder, nativeBinding)
  const have = schemaOf(db)
  const missing: string[] = []
  for (const [name, type] of want.objects) {
    if (have.objects.get(name) !== type) {
      missing.push(`${type} ${name}`)
      continue
    }
    for (const col of want.columns.get(name) ?? []) if (!have.columns.get(name)?.has(col)) missing.push(`column ${name}.${col}`)
  }
  if (!missing.length) return null
  return `not a StationDesk database of this version (missing ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''})`
}
