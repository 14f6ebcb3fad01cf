import fs from 'node:fs'
import path from 'node:path'
import { SessionStore } from './auth/sessions'
import { systemClock, type Clock } from './clock'
import { CorruptDatabaseError, openDatabase, type DatabaseProblem, type Db, type Sqlite } from './db/open'
import { dataPaths, type DataPaths } from './paths'
import { backupDatabase } from './backups/files'
import { JobRegistry } from './jobs/registry'

/** Keeps the key passphrase somewhere safer than memory (the desktop app: OS keychain). */
export interface PassphraseStore {
  get(): string | null
  set(passphrase: string): void
}

export interface RuntimeOptions {
  dataDir: string
  migrationsFolder?: string
  nativeBinding?: string
  clock?: Clock
  /** minutes without a call before the session locks (default 15) */
  idleMinutes?: number
  passphraseStore?: PassphraseStore
  version?: string
}

/** Finds the app's root (the folder holding src/core/db/migrations) from this file upwards. */
export function findAppRoot(start = __dirname): string {
  let dir = start
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'src', 'core', 'db', 'migrations', 'meta', '_journal.json'))) return dir
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  return process.cwd()
}

/** The core's state: the data folder, the open database (null in recovery mode), sessions. */
export class Runtime {
  readonly paths: DataPaths
  readonly clock: Clock
  readonly sessions = new SessionStore()
  /** long jobs (imports …) running or recently finished */
  readonly jobs: JobRegistry
  readonly idleMs: number
  readonly migrationsFolder: string
  readonly version: string
  private opened: { sqlite: Sqlite; db: Db } | null = null
  /** desktop-only methods the transport registered */
  abilities: string[] = []
  /** why the database could not be opened, when in recovery mode */
  problem: string | null = null
  problemKind: DatabaseProblem | null = null

  constructor(readonly options: RuntimeOptions) {
    this.paths = dataPaths(path.resolve(options.dataDir))
    this.clock = options.clock ?? systemClock()
    this.jobs = new JobRegistry(() => this.clock.now())
    this.idleMs = (options.idleMinutes ?? Number(process.env.STATIONDESK_IDLE_MINUTES || 15)) * 60_000
    this.migrationsFolder = options.migrationsFolder ?? path.join(findAppRoot(), 'src', 'core', 'db', 'migrations')
    this.version = options.version ?? '0.1.0'
  }

  get sqlite(): Sqlite | null {
    return this.opened?.sqlite ?? null
  }
  get db(): Db | null {
    return this.opened?.db ?? null
  }
  get recovery(): boolean {
    return this.opened === null
  }

  /** Opens the database; on a damaged file, enters recovery mode instead (file untouched). */
  open(): void {
    fs.mkdirSync(this.paths.root, { recursive: true })
    try {
      this.opened = openDatabase({
        file: this.paths.db,
        migrationsFolder: this.migrationsFolder,
        nativeBinding: this.options.nativeBinding,
        beforeMigrate: (sqlite) => {
          backupDatabase(sqlite, this.paths.backups, 'migration', this.clock)
        }
      })
      this.problem = null
      this.problemKind = null
    } catch (e) {
      if (!(e instanceof CorruptDatabaseError)) throw e
      this.opened = null
      this.problem = e.problem
      this.problemKind = e.kind
    }
  }

  close(): void {
    if (this.opened) {
      try {
        this.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)')
      } catch {
        /* closing anyway */
      }
      this.opened.sqlite.close()
      this.opened = null
    }
  }
}
