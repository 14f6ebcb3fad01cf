/**
 * Helpers for the backup tests: every table of a database read into memory (rows keyed by their
 * primary key), a comparison that says which rows a database lost or changed against another
 * (the backup it was restored from, the fixture it was migrated from), and the first release's
 * data folder (tests/fixtures/first-release) unpacked into a temporary folder.
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { expect } from 'vitest'
import { tmpDir } from '../../helpers/host'

export type Row = Record<string, unknown>
/** table -> primary key (JSON) -> row */
export type Snapshot = Record<string, Map<string, Row>>

/** user tables of the database (no sqlite_ internals) */
export function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name)
}

function keyColumns(db: Database.Database, table: string): string[] {
  const cols = db.pragma(`table_info("${table}")`) as { name: string; pk: number }[]
  return cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name)
}

/**
 * every row of every table (or of the tables named), keyed by primary key; by rowid where a
 * table has none, or a key column may hold NULL (drizzle's `id SERIAL` of __drizzle_migrations)
 */
export function snapshot(db: Database.Database, tables = tableNames(db)): Snapshot {
  const out: Snapshot = {}
  for (const table of tables) {
    const key = keyColumns(db, table)
    const rows = new Map<string, Row>()
    for (const r of db.prepare(`SELECT rowid AS "__rowid", * FROM "${table}"`).all() as Row[]) {
      const byKey = key.length > 0 && key.every((c) => r[c] !== null)
      const k = JSON.stringify(byKey ? key.map((c) => r[c]) : ['rowid', r.__rowid])
      delete r.__rowid
      rows.set(k, r)
    }
    out[table] = rows
  }
  return out
}

/** a database file's snapshot, read-only */
export function snapshotFile(file: string, tables?: string[]): Snapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return snapshot(db, tables)
  } finally {
    db.close()
  }
}

export interface Difference {
  /** rows of `held` that `now` no longer has: "table key" */
  lost: string[]
  /** rows whose values differ, on the columns `held` has: "table key column: was → is" */
  changed: string[]
  /** rows `now` has that `held` did not: table -> count */
  added: Record<string, number>
}

/**
 * What `now` lost or changed of what `held` holds, table by table, comparing only the columns
 * `held` has (a later schema may add some). `ignore` names "table.column"s expected to move
 * (a user's last login after logging in, …).
 */
export function difference(held: Snapshot, now: Snapshot, ignore: string[] = []): Difference {
  const d: Difference = { lost: [], changed: [], added: {} }
  for (const [table, rows] of Object.entries(held)) {
    const cur = now[table]
    if (!cur) {
      d.lost.push(`${table} (the whole table)`)
      continue
    }
    for (const [k, row] of rows) {
      const r = cur.get(k)
      if (!r) {
        d.lost.push(`${table} ${k}`)
        continue
      }
      for (const [col, v] of Object.entries(row)) {
        if (ignore.includes(`${table}.${col}`)) continue
        const is = r[col]
        const same = Buffer.isBuffer(v) && Buffer.isBuffer(is) ? v.equals(is) : Object.is(v, is)
        if (!same) d.changed.push(`${table} ${k} ${col}: ${shown(v)} → ${shown(is)}`)
      }
    }
    const extra = [...cur.keys()].filter((k) => !rows.has(k)).length
    if (extra) d.added[table] = extra
  }
  return d
}

const shown = (v: unknown): string => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : String(v))

/** asserts `now` holds every row of `held` unchanged; returns the rows it added per table */
export function expectHeld(held: Snapshot, now: Snapshot, ignore: string[] = []): Record<string, number> {
  const d = difference(held, now, ignore)
  expect(d.lost, 'rows lost').toEqual([])
  expect(d.changed, 'values changed').toEqual([])
  return d.added
}

export const rowCounts = (s: Snapshot): Record<string, number> => Object.fromEntries(Object.entries(s).map(([t, rows]) => [t, rows.size]))

export const FIRST_RELEASE = path.join(__dirname, '..', '..', 'fixtures', 'first-release')

export interface FirstReleaseExpected {
  madeAt: string
  passwords: Record<string, string>
  disabled: string[]
  locked: string[]
  manualBackup: string
  files: string[]
}

export const firstReleaseExpected = (): FirstReleaseExpected => JSON.parse(fs.readFileSync(path.join(FIRST_RELEASE, 'expected.json'), 'utf8'))

/** the first release's data folder, unpacked (gzip'd files un-gzip'd) into a new temporary folder */
export function unpackFirstRelease(dir = tmpDir('sd-first-')): string {
  const src = path.join(FIRST_RELEASE, 'data')
  const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]))
  for (const file of walk(src)) {
    const rel = path.relative(src, file)
    const gz = rel.endsWith('.gz')
    const target = path.join(dir, gz ? rel.slice(0, -3) : rel)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const bytes = fs.readFileSync(file)
    fs.writeFileSync(target, gz ? zlib.gunzipSync(bytes) : bytes, { mode: rel.startsWith('keys') ? 0o600 : 0o644 })
  }
  return dir
}
