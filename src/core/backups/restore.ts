import fs from 'node:fs'
import path from 'node:path'
import { appendAudit } from '../audit/chain'
import { stampForFile } from '../clock'
import { CorruptDatabaseError, openDatabase } from '../db/open'
import { AppError } from '../errors'
import type { Runtime } from '../runtime'
import { backupDatabase, checkBackupFile } from './files'
import { schemaProblem } from './schema'

export interface RestoreOutcome {
  restored: string
  keptAs: string
}

function removeSidecars(db: string): void {
  for (const ext of ['-wal', '-shm']) fs.rmSync(db + ext, { force: true })
}

/**
 * Opens a copy of the file as the app will open it (read-write, WAL, its pending migrations run),
 * holds its schema against this version's, rewrites it whole (VACUUM), and throws it away: a file
 * SQLite reads but will not write (its header says a newer file format), whose migrations fail,
 * that lacks a table the app relies on, or that cannot be rewritten passes the read-only check,
 * yet would leave no database to work on.
 */
function opensAsLive(rt: Runtime, source: string): string | null {
  const trial = `${rt.paths.db}.checking`
  const remove = () => {
    for (const ext of ['', '-wal', '-shm', '-journal']) fs.rmSync(trial + ext, { force: true })
  }
  remove()
  fs.copyFileSync(source, trial)
  try {
    const { sqlite } = openDatabase({ file: trial, migrationsFolder: rt.migrationsFolder, nativeBinding: rt.options.nativeBinding })
    try {
      const problem = schemaProblem(sqlite, rt.migrationsFolder, rt.options.nativeBinding)
      if (problem) return problem
      // rewriting every table and index reads what the integrity check does not (an index whose
      // page another page's copy replaced passes it): what fails here would fail the next backup
      sqlite.exec('VACUUM')
      return null
    } finally {
      sqlite.close()
    }
  } catch (e) {
    return e instanceof CorruptDatabaseError ? e.problem : (e as Error).message
  } finally {
    remove()
  }
}

/**
 * Puts a checked backup in place of the live database. The current data is kept first: as a
 * 'before-restore' backup when it opens, or moved aside untouched when it is damaged.
 * On any failure the previous file is put back.
 */
export function restoreFrom(rt: Runtime, source: string, who: { actor: string; userId: string | null }, label: string): RestoreOutcome {
  const problem = checkBackupFile(source, rt.migrationsFolder) ?? opensAsLive(rt, source)
  if (problem) throw new AppError('BAD_BACKUP', `this file cannot be restored: ${problem}`, { problem })
  const live = rt.paths.db
  const dir = path.dirname(live)
  let keptAs: string
  /** recovery mode: where the damaged file was moved (to move it back should the restore fail) */
  let damaged: string | null = null
  if (rt.sqlite) {
    keptAs = backupDatabase(rt.sqlite, rt.paths.backups, 'before-restore', rt.clock).name
    rt.close()
  } else {
    // recovery mode: the damaged file is moved aside, never overwritten or deleted (nor an earlier one)
    keptAs = `${path.basename(live)}.damaged-${stampForFile(rt.clock)}`
    for (let i = 2; ['', '-wal', '-shm'].some((ext) => fs.existsSync(path.join(dir, keptAs + ext))); i++) keptAs = `${path.basename(live)}.damaged-${stampForFile(rt.clock)}-${i}`
    if (fs.existsSync(live)) fs.renameSync(live, (damaged = path.join(dir, keptAs)))
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(live + ext)) fs.renameSync(live + ext, path.join(dir, keptAs + ext))
  }
  const staging = `${live}.restoring`
  fs.copyFileSync(source, staging)
  const previous = `${live}.previous`
  if (fs.existsSync(live)) fs.renameSync(live, previous)
  removeSidecars(live)
  fs.renameSync(staging, live)
  let thrown: unknown = null
  try {
    rt.open()
  } catch (e) {
    thrown = e
  }
  if (!rt.sqlite) {
    // could not open what we restored: put the previous file back (in recovery mode, the damaged one)
    const why = thrown ? (thrown as Error).message : (rt.problem ?? 'unknown problem')
    fs.rmSync(live, { force: true })
    removeSidecars(live)
    if (fs.existsSync(previous)) fs.renameSync(previous, live)
    else if (damaged) {
      fs.renameSync(damaged, live)
      for (const ext of ['-wal', '-shm']) if (fs.existsSync(damaged + ext)) fs.renameSync(damaged + ext, live + ext)
    }
    rt.open()
    throw new AppError('BAD_BACKUP', `the restored file could not be opened: ${why}`, { problem: why })
  }
  fs.rmSync(previous, { force: true })
  rt.sessions.clear()
  rt.sqlite.transaction(() =>
    appendAudit(rt.sqlite!, {
      at: rt.clock.now().toISOString(),
      userId: who.userId,
      actor: who.actor,
      action: 'backups.restore',
      entity: 'backup',
      entityId: label,
      summary: `restored ${label}; the previous data is kept as ${keptAs}`,
      message: ['backup.restored', { label, keptAs }]
    })
  ).immediate()
  return { restored: label, keptAs }
}
