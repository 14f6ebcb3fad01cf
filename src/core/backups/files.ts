import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { BackupRow } from '../../api/backups'
import dayjs from 'dayjs'
import { DEFAULT_TIME_ZONE, stampForFile, type Clock } from '../clock'
import { removeStaleTmp, renameAtomic, tmpBeside } from '../files/atomic'
import { appliedMigrations, checkIntegrity, looksLikeSqlite, migrationCount, type Sqlite } from '../db/open'
import { schemaProblem } from './schema'

export type BackupReason = BackupRow['reason']
const NAME = /^stationdesk-(\d{8})-(\d{6})(?:-\d+)?-(daily|manual|migration|before-restore)\.db$/
export const DAILY_KEEP = 14

/** A consistent copy of the live database (VACUUM INTO), named by time and reason, complete or absent. */
export function backupDatabase(sqlite: Sqlite, dir: string, reason: BackupReason, clock: Clock): BackupRow {
  fs.mkdirSync(dir, { recursive: true })
  const stamp = stampForFile(clock)
  let name = `stationdesk-${stamp}-${reason}.db`
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `stationdesk-${stamp}-${i}-${reason}.db`
  const file = path.join(dir, name)
  // made under a temporary name and renamed when complete: a crash never leaves a torn file named like a good backup
  removeStaleTmp(dir)
  const tmp = tmpBeside(file)
  try {
    sqlite.prepare('VACUUM INTO ?').run(tmp)
    renameAtomic(tmp, file)
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  }
  if (reason === 'daily') pruneDaily(dir)
  return describe(dir, name, clock.timeZone)!
}

/** a backup's name carries the station's wall time; createdAt is UTC ISO like every timestamp */
function describe(dir: string, name: string, timeZone: string): BackupRow | null {
  const m = NAME.exec(name)
  if (!m) return null
  const st = fs.statSync(path.join(dir, name))
  const d = m[1]
  const t = m[2]
  return {
    name,
    createdAt: dayjs.tz(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`, timeZone).toISOString(),
    size: st.size,
    reason: m[3] as BackupReason
  }
}

/** Backups in the folder, newest first. */
export function listBackups(dir: string, timeZone = DEFAULT_TIME_ZONE): BackupRow[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .map((n) => describe(dir, n, timeZone))
    .filter((b): b is BackupRow => b !== null)
    .sort((a, b) => (a.name < b.name ? 1 : -1))
}

export function pruneDaily(dir: string, keep = DAILY_KEEP): void {
  const daily = listBackups(dir).filter((b) => b.reason === 'daily')
  for (const b of daily.slice(keep)) fs.rmSync(path.join(dir, b.name), { force: true })
}

const REQUIRED_TABLES = ['station', 'users', 'audit_log', '__drizzle_migrations']

/**
 * Is this file a StationDesk database this version can use? Checks the SQLite header, a full
 * integrity check, the tables, the schema version and (at this version's) every table, column,
 * index and trigger of the schema. Returns null when good, else the problem.
 */
export function checkBackupFile(file: string, migrationsFolder: string): string | null {
  if (!fs.existsSync(file)) return 'file not found'
  if (!looksLikeSqlite(file)) return 'not an SQLite database file'
  let db: Sqlite | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const integrity = checkIntegrity(db, true)
    if (integrity !== 'ok') return `integrity check failed: ${integrity}`
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((r) => r.name))
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t))
    if (missing.length) return `not a StationDesk database (missing ${missing.join(', ')})`
    const applied = appliedMigrations(db)
    const current = migrationCount(migrationsFolder)
    if (applied > current) return 'made by a newer version of StationDesk'
    const st = db.prepare('SELECT count(*) AS n FROM station').get() as { n: number }
    if (st.n !== 1) return 'the backup holds no station'
    // an older schema is held against this version's once migrated, when it is restored (restore.ts)
    return applied === current ? schemaProblem(db, migrationsFolder) : null
  } catch (e) {
    return (e as Error).message
  } finally {
    db?.close()
  }
}

/** Good backups, newest first (each fully checked: use for the recovery screen). */
export function goodBackups(dir: string, migrationsFolder: string, timeZone = DEFAULT_TIME_ZONE): BackupRow[] {
  return listBackups(dir, timeZone).filter((b) => checkBackupFile(path.join(dir, b.name), migrationsFolder) === null)
}
