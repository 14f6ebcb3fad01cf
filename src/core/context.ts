import type { Clock } from './clock'
import type { Db, Sqlite } from './db/open'
import type { Session } from './auth/sessions'
import type { Runtime } from './runtime'
import type { AuditMessage } from '../api/audit'
import type { JobControl } from './jobs/control'

export interface AuditNote {
  /** defaults to the method name */
  action?: string
  entity?: string
  entityId?: string
  /** English, for the CLI and logs */
  summary?: string
  /** the same as an i18n key (audit.msg.<key>) with its parameters, for the UI */
  msg?: AuditMessage
  details?: unknown
  /** for public methods without a session (e.g. a failed login): who it was */
  actor?: string
  userId?: string | null
}

/** What every handler receives: the database, the caller's session, the clock. */
export interface Ctx {
  db: Db
  sqlite: Sqlite
  session: Session | null
  clock: Clock
  runtime: Runtime
  method: string
  transport: TransportKind
  /** adds an audit row in the same transaction as the write */
  audit(note: AuditNote): void
  /** the transport keeps this session id for later calls (login) or forgets it (logout) */
  setSession(session: Session | null): void
  /** commit what was written (e.g. a failed-login count), then answer with this error */
  failAfterCommit(err: Error): void
  /** UTC ISO timestamp now */
  nowIso(): string
  /** the session, required: handlers of role-checked methods */
  user(): Session
  /** a long job's progress and cancellation (for other methods: a control no one watches) */
  job: JobControl
  /**
   * A job's one write: fn runs in one BEGIN IMMEDIATE transaction together with the audit rows
   * noted so far. (A write method's handler already runs in its transaction: fn just runs.)
   */
  commit<T>(fn: () => T): T
}

export type TransportKind = 'ipc' | 'web' | 'cli' | 'test'
