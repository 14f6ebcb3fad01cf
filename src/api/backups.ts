import { z } from 'zod'
import { method, type FileOut } from './contract'
import { empty } from './common'

export interface BackupRow {
  name: string
  /** UTC ISO (the file name carries the station's wall time) */
  createdAt: string
  size: number
  reason: 'daily' | 'manual' | 'migration' | 'before-restore'
}

export interface RecoveryStatus {
  recovery: boolean
  /** why the database could not be opened */
  problem: string | null
  /** the kind of problem, for the user's language: not an SQLite file, unreadable, damaged, made by a newer version */
  problemKind: 'not_sqlite' | 'unreadable' | 'damaged' | 'newer_version' | null
  /** the file kept aside, never overwritten */
  dbPath: string
  /** backups that pass the integrity and schema check, newest first */
  goodBackups: BackupRow[]
}

const backupName = z.string().regex(/^stationdesk-[0-9A-Za-z_.-]+\.db$/, { message: 'backup_name' })

export const backupsApi = {
  'backups.list': method<BackupRow[]>()({ input: empty, roles: ['admin'], kind: 'read' }),
  'backups.create': method<BackupRow>()({ input: empty, roles: ['admin'], kind: 'write' }),
  /** replaces the live data with a backup from the backups folder (current file kept as a backup first) */
  'backups.restore': method<{ restored: string; keptAs: string }>()({
    input: z.object({ name: backupName }),
    roles: ['admin'],
    kind: 'write'
  }),
  /** an encrypted copy (scrypt + AES-256-GCM) to carry on a USB stick */
  'backups.export': method<FileOut>()({
    input: z.object({ passphrase: z.string().min(8, { message: 'passphrase_short' }).max(200) }),
    roles: ['admin'],
    kind: 'sensitive-read'
  }),
  /** restore from an exported (encrypted) or plain backup file the user picked */
  'backups.restoreFile': method<{ restored: string; keptAs: string }>()({
    input: z.object({ base64: z.string().min(1), passphrase: z.string().max(200).default('') }),
    roles: ['admin'],
    kind: 'write'
  }),
  'recovery.status': method<RecoveryStatus>()({ input: empty, roles: 'public', kind: 'read' }),
  /** only in recovery mode: put a good backup in place; the damaged file is moved aside, never overwritten */
  'recovery.restore': method<{ restored: string; keptAs: string }>()({
    input: z.object({ name: backupName }),
    roles: 'public',
    kind: 'write'
  })
}
