/**
 * The main process's handle on the core's utility process: starts it, sends calls and
 * matches answers by id, serves the core's desktop and passphrase requests, restarts a core
 * that died (sessions lived there, so the windows must log in again), stops it on quit.
 * `fork` is injected so the logic is tested without Electron.
 */
import type { ErrorCode } from '../../src/api/contract'
import type { CallOutcome } from '../../src/core/host'
import type { CoreToMain, DesktopMethod, InitMessage, MainToCore } from '../core/protocol'

export interface ChildLike {
  postMessage(message: MainToCore): void
  on(event: 'message', listener: (message: CoreToMain) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  kill(): boolean
}

export interface CoreProcessOptions {
  fork: () => ChildLike
  /** built at every (re)start, so a restarted core gets the current passphrase */
  init: () => InitMessage
  onDesktop: (method: DesktopMethod, input: unknown) => Promise<unknown>
  onPassphrase: (value: string) => void
  /** the core cannot start (wrong native build, unreadable install): tell the user, quit */
  onFatal: (reason: 'native' | 'start' | 'crashed', message: string) => void
  /** a new core process is running: every session id held so far is void */
  onRestart?: () => void
  maxRestarts?: number
}

export interface ReadyInfo {
  abilities: string[]
  recovery: boolean
  problem: string | null
}

const fail = (code: ErrorCode, message: string): CallOutcome => ({ result: { ok: false, error: { code, message } } })

export class CoreProcess {
  private child: ChildLike | null = null
  private ready: Promise<ReadyInfo> | null = null
  private pending = new Map<number, (outcome: CallOutcome) => void>()
  private nextId = 1
  private restarts = 0
  private stopping = false
  private dead: string | null = null
  private exited: (() => void) | null = null

  constructor(private readonly o: CoreProcessOptions) {}

  start(): Promise<ReadyInfo> {
    const child = this.o.fork()
    this.child = child
    this.ready = new Promise<ReadyInfo>((resolve, reject) => {
      child.on('message', (m: CoreToMain) => {
        switch (m.type) {
          case 'ready':
            return resolve({ abilities: m.abilities, recovery: m.recovery, problem: m.problem })
          case 'fatal':
            this.dead = m.message
            reject(new Error(m.message))
            return this.o.onFatal(m.reason, m.message)
          case 'result': {
            const done = this.pending.get(m.id)
            this.pending.delete(m.id)
            return done?.(m.outcome)
          }
          case 'desktop':
            return void this.o.onDesktop(m.method, m.input).then(
              (data) => child.postMessage({ type: 'desktop.reply', id: m.id, ok: true, data }),
              (e: Error) => child.postMessage({ type: 'desktop.reply', id: m.id, ok: false, message: e?.message ?? String(e) })
            )
          case 'passphrase.set':
            return this.o.onPassphrase(m.value)
          case 'closed':
            return
        }
      })
      child.on('exit', (code: number) => {
        if (this.child !== child) return
        this.child = null
        for (const done of this.pending.values()) done(fail('INTERNAL', 'the core stopped; please try again'))
        this.pending.clear()
        if (this.stopping) return this.exited?.()
        reject(new Error(`the core exited with code ${code}`))
        if (this.dead) return
        if (this.restarts >= (this.o.maxRestarts ?? 3)) {
          this.dead = `the core stopped ${this.restarts + 1} times (last exit code ${code})`
          return this.o.onFatal('crashed', this.dead)
        }
        this.restarts++
        console.error(`[stationdesk] the core exited with code ${code}; restarting`)
        this.start().catch(() => undefined)
        this.o.onRestart?.()
      })
    })
    this.ready.catch(() => undefined)
    child.postMessage(this.o.init())
    return this.ready
  }

  async call(method: string, input: unknown, sessionId: string | null): Promise<CallOutcome> {
    if (this.dead) return fail('INTERNAL', this.dead)
    try {
      await this.ready
    } catch {
      if (!this.ready || this.dead) return fail('INTERNAL', this.dead ?? 'the core is not running')
      try {
        await this.ready // a restart is under way
      } catch (e) {
        return fail('INTERNAL', (e as Error).message)
      }
    }
    const child = this.child
    if (!child || this.stopping) return fail('INTERNAL', 'the core is not running')
    const id = this.nextId++
    return new Promise<CallOutcome>((resolve) => {
      this.pending.set(id, resolve)
      child.postMessage({ type: 'call', id, method, input, sessionId })
    })
  }

  forget(sessionId: string): void {
    this.child?.postMessage({ type: 'forget', sessionId })
  }

  /** asks the core to close the database cleanly; kills it after `timeoutMs` */
  stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true
    const child = this.child
    if (!child) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill()
        resolve()
      }, timeoutMs)
      this.exited = () => {
        clearTimeout(timer)
        resolve()
      }
      child.postMessage({ type: 'shutdown' })
    })
  }
}
