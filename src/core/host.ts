/**
 * The method table: the only way into the core. Every transport (Electron IPC, the web
 * preview, the CLI, tests) calls `host.call(method, input, { sessionId })`. Here, and only
 * here: input validation (zod), session and role check, one transaction per write with its
 * audit row, error mapping.
 */
import { ZodError } from 'zod'
import { api, isMethodName, type MethodName } from '../api'
import type { ApiError, ApiResult, FieldIssue, MethodDef } from '../api/contract'
import type { Session } from './auth/sessions'
import { appendAudit } from './audit/chain'
import type { AuditNote, Ctx, TransportKind } from './context'
import { AppError, zodToFields } from './errors'
import type { AnyHandler } from './handler'
import { coreHandlers } from './handlers'
import { Runtime, type RuntimeOptions } from './runtime'
import { isSetUp, stationMode } from './setup/state'
import { methodInMode } from '../api/modes'
import { dailyBackupIfDue } from './backups/daily'
import { stmt } from './db/stmt'
import { directJob, type JobControl } from './jobs/control'
import { jobOwner } from './jobs/registry'
import { precheckPassword } from './auth/precheck'

export interface CallContext {
  sessionId?: string | null
  transport: TransportKind
}

export interface CallOutcome<T = unknown> {
  result: ApiResult<T>
  /** set when the call changed the session: a new id to keep, or null to forget */
  session?: string | null
}

export interface HostOptions extends RuntimeOptions {
  /** handlers of desktop-only methods, given by the Electron transport */
  desktopHandlers?: Partial<Record<MethodName, AnyHandler>>
}

/**
 * Methods that work while the database is unusable (recovery mode). backups.restoreFile still
 * needs an admin session, which only a local caller (the CLI operator) can hold then.
 */
const RECOVERY_METHODS = new Set<string>(['system.info', 'recovery.status', 'recovery.restore', 'backups.restoreFile'])
/** Methods that work before the setup wizard has run. */
const SETUP_METHODS = new Set<string>(['system.info', 'setup.init', 'codes.lookup', 'recovery.status'])
/** Methods a locked screen still allows. */
const LOCKED_METHODS = new Set<string>(['system.info', 'auth.unlock', 'auth.logout'])
/**
 * Writes of files rather than rows (SQLite cannot VACUUM INTO inside a transaction, and a
 * restore swaps the database file): they run outside a transaction. Their audit notes are
 * written afterwards; a restore writes its own row into the restored database.
 */
const OUTSIDE_TX_METHODS = new Set<string>(['backups.create', 'backups.restore', 'backups.restoreFile', 'recovery.restore'])

export class Host {
  readonly runtime: Runtime
  private readonly table: Map<string, AnyHandler>

  constructor(options: HostOptions) {
    this.table = new Map(Object.entries(coreHandlers as Record<string, AnyHandler>))
    // answered in dispatch (it runs another method in the background); the entry marks it as handled
    this.table.set('jobs.start', () => {
      throw new Error('jobs.start is answered by the host')
    })
    for (const [name, h] of Object.entries(options.desktopHandlers ?? {})) if (h) this.table.set(name, h)
    // refuse at start-up, not at call time: every non-desktop method has a handler, and no handler lacks a method
    for (const name of Object.keys(api)) {
      const def = api[name as MethodName] as MethodDef
      if (!def.desktopOnly && !this.table.has(name)) throw new Error(`method ${name} has no handler`)
    }
    for (const name of this.table.keys()) if (!isMethodName(name)) throw new Error(`handler ${name} has no method in the contract`)
    this.runtime = new Runtime(options)
    this.runtime.abilities = this.abilities()
    this.runtime.open()
    if (this.runtime.sqlite && isSetUp(this.runtime.sqlite)) dailyBackupIfDue(this.runtime)
  }

  /** Methods this transport offers beyond the core (e.g. desktop.saveFile). */
  abilities(): string[] {
    return [...this.table.keys()].filter((n) => (api[n as MethodName] as MethodDef).desktopOnly)
  }

  has(name: string): boolean {
    return this.table.has(name)
  }

  /** A session for a trusted local caller (the CLI operator, tests). Never reachable over a transport. */
  openLocalSession(s: Omit<Session, 'id' | 'locked' | 'lastActivity'>): string {
    return this.runtime.sessions.create({ ...s, lastActivity: this.runtime.clock.now().getTime() }).id
  }

  async call<T = unknown>(method: string, input: unknown, cc: CallContext): Promise<CallOutcome<T>> {
    try {
      return (await this.dispatch(method, input, cc)) as CallOutcome<T>
    } catch (e) {
      return { result: { ok: false, error: toApiError(e) } }
    }
  }

  private async dispatch(method: string, rawInput: unknown, cc: CallContext): Promise<CallOutcome> {
    if (!isMethodName(method) || !this.table.has(method))
      throw new AppError(isMethodName(method) ? 'UNSUPPORTED' : 'VALIDATION', `unknown method ${method}`, {
        fields: [{ path: 'method', rule: 'unknown_method', message: `unknown method ${method}` }]
      })
    const def = api[method] as MethodDef
    const rt = this.runtime
    if (rt.recovery && !RECOVERY_METHODS.has(method)) throw new AppError('RECOVERY_MODE', 'the database cannot be opened: restore a backup first')

    const sqlite = rt.sqlite
    if (sqlite && !SETUP_METHODS.has(method) && !isSetUp(sqlite)) throw new AppError('NOT_SET_UP', 'the station is not set up yet')

    // who may call comes before what they send: a refused caller learns nothing of the input's shape
    const session = this.checkSession(method, def, cc)
    // then whether this data folder answers it at all (a station does not import packets; a district keeps no register)
    this.checkMode(method)
    const input = parseInput(def, rawInput)
    if (method === 'jobs.start') return { result: { ok: true, data: this.startJob(session!, cc, input as { method: string; input: unknown }) } }
    await precheckPassword(rt.sqlite, method, input, session)
    return this.execute(method, def, session, cc, input, directJob)
  }

  /** jobs.start: the job method's own roles and input schema, then it runs in the background */
  private startJob(session: Session, cc: CallContext, req: { method: string; input: unknown }): { jobId: string } {
    const name = req.method
    const def = isMethodName(name) ? (api[name] as MethodDef) : null
    if (!def?.job || !this.table.has(name))
      throw new AppError('VALIDATION', `${name} is not a job`, { fields: [{ path: 'method', rule: 'not_a_job', message: `${name} is not a job` }] })
    if (def.roles !== 'public' && !def.roles.some((r) => session.roles.includes(r))) throw new AppError('FORBIDDEN', `your role may not call ${name}`, { method: name })
    this.checkMode(name)
    const input = parseInput(def, req.input)
    const job = this.runtime.jobs.create(name, jobOwner(session))
    this.execute(name, def, session, cc, input, job).then(
      (out) => (out.result.ok ? job.finish(out.result.data) : job.fail(out.result.error)),
      (e) => job.fail(toApiError(e))
    )
    return { jobId: job.id }
  }

  /** runs a handler: a write in one transaction with its audit rows; a job with its own commit */
  private async execute(method: string, def: MethodDef, session: Session | null, cc: CallContext, input: unknown, job: JobControl): Promise<CallOutcome> {
    const rt = this.runtime
    let pendingError: Error | null = null
    let sessionChange: string | null | undefined
    const notes: AuditNote[] = []
    const flush = (generic: boolean) => {
      const at = ctx.nowIso()
      if (notes.length === 0 && generic) notes.push({})
      for (const n of notes.splice(0))
        appendAudit(ctx.sqlite, {
          at,
          userId: n.userId !== undefined ? n.userId : (session?.userId ?? null),
          actor: n.actor ?? session?.actor ?? 'anonymous',
          action: n.action ?? method,
          entity: n.entity,
          entityId: n.entityId,
          summary: n.summary,
          message: n.msg,
          details: n.details
        })
    }
    const ctx: Ctx = {
      db: rt.db!,
      sqlite: rt.sqlite!,
      session,
      clock: rt.clock,
      runtime: rt,
      method,
      transport: cc.transport,
      audit: (n) => notes.push(n),
      setSession: (s) => {
        sessionChange = s ? s.id : null
      },
      failAfterCommit: (err) => {
        pendingError = err
      },
      nowIso: () => rt.clock.now().toISOString(),
      user: () => {
        if (!session) throw new AppError('UNAUTHENTICATED', 'please log in')
        return session
      },
      job,
      commit: <T>(fn: () => T): T => {
        if (ctx.sqlite.inTransaction) return fn()
        const live = rt.sqlite
        if (!live || live !== ctx.sqlite) throw new AppError('CONFLICT', 'the database was replaced (a backup was restored) while this job ran: nothing was written')
        return live
          .transaction(() => {
            const out = fn()
            flush(true)
            return out
          })
          .immediate()
      }
    }
    const handler = this.table.get(method)!

    let data: unknown
    if (def.kind === 'write' && !def.job && !OUTSIDE_TX_METHODS.has(method)) {
      data = ctx.sqlite
        .transaction(() => {
          const out = handler(ctx, input)
          if (out instanceof Promise) throw new Error(`write handler ${method} must be synchronous`)
          flush(true)
          return out
        })
        .immediate()
    } else {
      data = await handler(ctx, input)
      const live = rt.sqlite
      if (live && (def.kind === 'sensitive-read' || notes.length > 0)) {
        ctx.sqlite = live
        live.transaction(() => flush(def.kind === 'sensitive-read')).immediate()
      }
    }
    if (pendingError) throw pendingError
    return sessionChange === undefined ? { result: { ok: true, data } } : { result: { ok: true, data }, session: sessionChange }
  }

  /** a station's folder does not answer district methods, a district's no register, screening, stock… (api/modes.ts) */
  private checkMode(method: string): void {
    const sqlite = this.runtime.sqlite
    if (!sqlite || this.runtime.recovery) return
    const mode = stationMode(sqlite)
    if (mode && !methodInMode(method, mode))
      throw new AppError('UNSUPPORTED', mode === 'district' ? `${method} is for a service station, not a district office` : `${method} is for a district office`, { method, mode })
  }

  private checkSession(method: string, def: MethodDef, cc: CallContext): Session | null {
    const rt = this.runtime
    const s = rt.sessions.get(cc.sessionId)
    if (def.roles === 'public') return s ?? null
    if (!s) throw new AppError('UNAUTHENTICATED', 'please log in')
    const now = rt.clock.now().getTime()
    if (!s.locked && now - s.lastActivity > rt.idleMs) s.locked = true
    if (s.locked && !LOCKED_METHODS.has(method)) throw new AppError('SESSION_LOCKED', 'the screen is locked: enter your password')
    if (s.userId && rt.sqlite) {
      const u = stmt(rt.sqlite, 'SELECT role, disabled FROM users WHERE id = ?').get(s.userId) as { role: string; disabled: number } | undefined
      if (!u || u.disabled) {
        rt.sessions.delete(s.id)
        throw new AppError('UNAUTHENTICATED', 'this account is no longer active')
      }
      if (u.role !== s.role) {
        s.role = u.role as Session['role']
        s.roles = [s.role]
      }
    }
    if (!def.roles.some((r) => s.roles.includes(r))) throw new AppError('FORBIDDEN', `your role may not call ${method}`, { method })
    if (!s.locked) s.lastActivity = now
    return s
  }

  /** periodic upkeep for long-running transports: the daily backup */
  maintenance(): void {
    const rt = this.runtime
    if (rt.sqlite && isSetUp(rt.sqlite)) {
      try {
        dailyBackupIfDue(rt)
      } catch (e) {
        console.error('[stationdesk] daily backup failed:', e)
      }
    }
  }

  close(): void {
    this.runtime.close()
  }
}

function parseInput(def: MethodDef, raw: unknown): unknown {
  const parsed = def.input.safeParse(raw ?? undefined)
  if (!parsed.success) throw new AppError('VALIDATION', 'invalid input', { fields: zodToFields(parsed.error) })
  return parsed.data
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof AppError) return e.toApi()
  if (e instanceof ZodError) return { code: 'VALIDATION', message: 'invalid data', details: { fields: zodToFields(e) } }
  const err = e as { code?: string; message?: string }
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT_UNIQUE'))
    return { code: 'CONFLICT', message: 'a record with the same key exists already' }
  console.error('[stationdesk] internal error:', e)
  return { code: 'INTERNAL', message: 'internal error: ' + (err?.message ?? String(e)) }
}

export function createHost(options: HostOptions): Host {
  return new Host(options)
}
