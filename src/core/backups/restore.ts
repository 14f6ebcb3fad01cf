import fs from 'node:fs'
import path from 'node:path'
import { appendAudit } from '../audit/chain'
import { stampForFile } from '../clock'
import { AppError } from '../errors'
import type { Runtime } from '../runtime'
import { backupDatabase, checkBackupFile } from './files'

export interface RestoreOutcome {
  restored: string
  keptAs: string
}

function removeSidecars(db: string): void {
  for (const ext of ['-wal', '-shm']) fs.rmSync(db + ext, { force: true })
}

/**
 * Puts a checked backup in place of the live database. The current data is kept first: as a
 * 'before-restore' backup when it opens, or moved aside untouched when it is damaged.
 * On any failure the previous file is put back.
 */
export function restoreFrom(rt: Runtime, source: string, who: { actor: string; userId: string | null }, label: string): RestoreOutcome {
  const problem = checkBackupFile(source, rt.migrationsFolder)
  if (problem) throw new AppError('BAD_BACKUP', `this file cannot be restored: ${problem}`, { problem })
  const live = rt.paths.db
  let keptAs: string
  if (rt.sqlite) {
    keptAs = backupDatabase(rt.sqlite, rt.paths.backups, 'before-restore', rt.clock).name
    rt.close()
  } else {
    // recovery mode: the damaged file is moved aside, never overwritten or deleted
    keptAs = `${path.basename(live)}.damaged-${stampForFile(rt.clock)}`
    if (fs.existsSync(live)) fs.renameSync(live, path.join(path.dirname(live), keptAs))
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(live + ext)) fs.renameSync(live + ext, path.join(path.dirname(live), keptAs + ext))
  }
  const staging = `${live}.restoring`
  fs.copyFileSync(source, staging)
  const previous = `${live}.previous`
  if (fs.existsSync(live)) fs.renameSync(live, previous)
  removeSidecars(live)
  fs.renameSync(staging, live)
  rt.open()
  if (!rt.sqlite) {
    // could not open what we restored: put the previous file back
    fs.rmSync(live, { force: true })
    if (fs.existsSync(previous)) fs.renameSync(previous, live)
    rt.open()
    throw new AppError('BAD_BACKUP', `the restored file could not be opened: ${rt.problem ?? 'unknown problem'}`)
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
