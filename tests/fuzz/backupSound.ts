/**
 * The backup fuzz's own word on a database file (not the app's check): is it a sound
 * StationDesk database — SQLite's header, a full integrity check with every row readable, the
 * tables the app cannot do without, one station, a schema no newer than this version's, and a
 * copy of it can be made (VACUUM INTO, as every backup does).
 * A restore may refuse a sound file; it must never put an unsound one in place.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { findAppRoot } from '../../src/core/runtime'

const MIGRATIONS = (JSON.parse(fs.readFileSync(path.join(findAppRoot(), 'src', 'core', 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries
  .length
const NEEDED = ['station', 'users', 'audit_log', '__drizzle_migrations', 'persons']

/** null when sound, else why not */
export function soundDatabase(bytes: Buffer, dir: string): string | null {
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return 'no SQLite header'
  const file = path.join(dir, `sound-${process.pid}.db`)
  fs.writeFileSync(file, bytes)
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const check = db.pragma('integrity_check') as { integrity_check: string }[]
    if (check.length !== 1 || check[0].integrity_check !== 'ok') return `integrity: ${check[0]?.integrity_check}`
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((x) => x.name))
    const missing = NEEDED.filter((n) => !tables.has(n))
    if (missing.length) return `missing ${missing.join(', ')}`
    // every row of every table reads (a record's bytes can be wrong where the b-tree is right)
    for (const name of tables) db.prepare(`SELECT * FROM "${name}"`).all()
    const applied = (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
    if (applied > MIGRATIONS) return `schema ${applied} > ${MIGRATIONS}`
    const stations = (db.prepare('SELECT count(*) AS n FROM station').get() as { n: number }).n
    if (stations !== 1) return `${stations} stations`
    // and it can be backed up: VACUUM INTO reads every index, where the integrity check may not
    db.prepare('VACUUM INTO ?').run(`${file}.vacuum`)
    return null
  } catch (e) {
    return (e as Error).message
  } finally {
    db?.close()
    for (const ext of ['', '-wal', '-shm', '.vacuum']) fs.rmSync(file + ext, { force: true })
  }
}
