import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>
export type Sqlite = Database.Database

export interface OpenedDb {
  sqlite: Sqlite
  db: Db
}

/** The file is not a usable StationDesk database: the app offers the newest good backup. */
export type DatabaseProblem = 'not_sqlite' | 'unreadable' | 'damaged' | 'newer_version'

export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly kind: DatabaseProblem
  ) {
    super(`database ${file} cannot be used: ${problem}`)
    this.name = 'CorruptDatabaseError'
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

export function looksLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    const n = fs.readSync(fd, head, 0, 16, 0)
    return n === 16 && head.equals(SQLITE_MAGIC)
  } finally {
    fs.closeSync(fd)
  }
}

export function isSqliteBuffer(buf: Uint8Array): boolean {
  return buf.length >= 16 && Buffer.from(buf.subarray(0, 16)).equals(SQLITE_MAGIC)
}

export interface OpenOptions {
  file: string
  migrationsFolder: string
  /** path of a better_sqlite3.node built for this runtime's ABI (Electron) */
  nativeBinding?: string
  /** called with the number of pending migrations before they run on an existing database */
  beforeMigrate?: (sqlite: Sqlite, pending: number) => void
}

function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  // 64 MB of page cache (default 2 MB): the register's indexes of 200,000 people stay in memory,
  // which makes a roster import's inserts ~2× faster and searches steadier
  sqlite.pragma('cache_size = -65536')
}

export function migrationCount(migrationsFolder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
  return journal.entries.length
}

export function appliedMigrations(sqlite: Sqlite): number {
  const t = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'`).get()
  if (!t) return 0
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
}

/** integrity of an SQLite file: 'ok' or the first problem */
export function checkIntegrity(sqlite: Sqlite, full = false): string {
  const rows = sqlite.pragma(full ? 'integrity_check' : 'quick_check') as { integrity_check?: string; quick_check?: string }[]
  const first = rows[0] ? (rows[0].integrity_check ?? rows[0].quick_check ?? 'unknown') : 'unknown'
  return first
}

/**
 * Opens (or creates) the database, checks it, and applies pending migrations.
 * Throws CorruptDatabaseError for a file that is not a healthy SQLite database; the file is
 * left exactly as it was.
 */
export function openDatabase(opts: OpenOptions): OpenedDb {
  const exists = fs.existsSync(opts.file) && fs.statSync(opts.file).size > 0
  if (exists && !looksLikeSqlite(opts.file)) throw new CorruptDatabaseError(opts.file, 'not an SQLite database file', 'not_sqlite')
  fs.mkdirSync(path.dirname(opts.file), { recursive: true })
  let sqlite: Sqlite
  try {
    sqlite = new Database(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {})
  } catch (e) {
    throw new CorruptDatabaseError(opts.file, (e as Error).message, 'unreadable')
  }
  try {
    if (exists) {
      const integrity = checkIntegrity(sqlite)
      if (integrity !== 'ok') throw new CorruptDatabaseError(opts.file, integrity, 'damaged')
    }
    applyPragmas(sqlite)
    const total = migrationCount(opts.migrationsFolder)
    const applied = appliedMigrations(sqlite)
    if (applied > total) throw new CorruptDatabaseError(opts.file, `made by a newer StationDesk (schema ${applied} > ${total})`, 'newer_version')
    if (exists && applied < total && opts.beforeMigrate) opts.beforeMigrate(sqlite, total - applied)
    const db = drizzle(sqlite, { schema })
    if (applied < total) migrate(db, { migrationsFolder: opts.migrationsFolder })
    return { sqlite, db }
  } catch (e) {
    sqlite.close()
    if (e instanceof CorruptDatabaseError) throw e
    const msg = (e as Error).message
    if (/SQLITE_CORRUPT|malformed|not a database|SQLITE_NOTADB/i.test(msg + ((e as { code?: string }).code ?? ''))) throw new CorruptDatabaseError(opts.file, msg, 'damaged')
    throw e
  }
}
