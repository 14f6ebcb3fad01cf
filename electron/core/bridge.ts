/**
 * The core's side of the desktop transport, free of electron so a test can drive it with a
 * fake port under plain Node. worker.ts binds it to `process.parentPort`.
 *
 * - `init` (first message): probe better-sqlite3 for this runtime's ABI, create the Host with
 *   the desktop-only handlers, answer `ready` (or `fatal`).
 * - `call`: host.call(method, input, { sessionId, transport: 'ipc' }) -> `result`.
 * - desktop.* handlers run inside the host (so validation, session, roles and audit apply as
 *   for any method), then post `desktop` to main, which shows the dialog and replies.
 * - the PassphraseStore keeps the value main decrypted from the OS keychain; `set` hands a new
 *   value to main to encrypt and save (safeStorage exists in the main process only).
 */
import Database from 'better-sqlite3'
import type { ErrorCode } from '../../src/api/contract'
import { AppError } from '../../src/core/errors'
import type { AnyHandler } from '../../src/core/handler'
import { createHost, type Host } from '../../src/core/host'
import type { PassphraseStore } from '../../src/core/runtime'
import { DESKTOP_METHODS, type CorePort, type DesktopMethod, type InitMessage, type MainToCore } from './protocol'

export interface RunCoreOptions {
  /** how to end the process after `shutdown` (tests pass a spy) */
  exit?: (code: number) => void
  /** period of host.maintenance() (daily backup check) */
  maintenanceMs?: number
}

/** Throws if better-sqlite3 cannot load its native part in this runtime (wrong ABI, missing file). */
export function probeNative(nativeBinding?: string): void {
  const db = new Database(':memory:', nativeBinding ? { nativeBinding } : {})
  db.close()
}

export function runCore(port: CorePort, options: RunCoreOptions = {}): { host: () => Host | null } {
  const exit = options.exit ?? ((code: number) => process.exit(code))
  let host: Host | null = null
  let timer: NodeJS.Timeout | null = null
  let nextDesktopId = 1
  const pendingDesktop = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  const desktopHandler =
    (method: DesktopMethod): AnyHandler =>
    (_ctx, input) =>
      new Promise((resolve, reject) => {
        const id = nextDesktopId++
        pendingDesktop.set(id, { resolve, reject })
        port.postMessage({ type: 'desktop', id, method, input })
      })

  const start = (init: InitMessage) => {
    if (host) return
    try {
      probeNative(init.nativeBinding)
    } catch (e) {
      port.postMessage({ type: 'fatal', reason: 'native', message: (e as Error).message })
      return
    }
    let kept = init.passphrase
    const passphraseStore: PassphraseStore = {
      get: () => kept,
      set: (value) => {
        kept = value || null
        port.postMessage({ type: 'passphrase.set', value })
      }
    }
    try {
      host = createHost({
        dataDir: init.dataDir,
        migrationsFolder: init.migrationsFolder,
        nativeBinding: init.nativeBinding,
        passphraseStore,
        version: init.version,
        desktopHandlers: Object.fromEntries(DESKTOP_METHODS.map((m) => [m, desktopHandler(m)]))
      })
    } catch (e) {
      port.postMessage({ type: 'fatal', reason: 'start', message: (e as Error).message })
      return
    }
    const h = host
    timer = setInterval(() => h.maintenance(), options.maintenanceMs ?? 60 * 60_000)
    timer.unref()
    port.postMessage({ type: 'ready', abilities: h.abilities(), recovery: h.runtime.recovery, problem: h.runtime.problem })
  }

  const handle = async (msg: MainToCore) => {
    switch (msg.type) {
      case 'init':
        return start(msg)
      case 'call': {
        const outcome = host
          ? await host.call(msg.method, msg.input, { sessionId: msg.sessionId, transport: 'ipc' })
          : { result: { ok: false as const, error: { code: 'INTERNAL' as ErrorCode, message: 'the core has not started' } } }
        return port.postMessage({ type: 'result', id: msg.id, outcome })
      }
      case 'desktop.reply': {
        const p = pendingDesktop.get(msg.id)
        if (!p) return
        pendingDesktop.delete(msg.id)
        return msg.ok ? p.resolve(msg.data) : p.reject(new AppError(msg.code ?? 'INTERNAL', msg.message))
      }
      case 'forget':
        return host?.runtime.sessions.delete(msg.sessionId)
      case 'shutdown': {
        if (timer) clearInterval(timer)
        for (const p of pendingDesktop.values()) p.reject(new AppError('INTERNAL', 'the app is closing'))
        pendingDesktop.clear()
        try {
          host?.close()
        } finally {
          host = null
          port.postMessage({ type: 'closed' })
          exit(0)
        }
        return
      }
    }
  }

  port.on('message', (e) => {
    handle(e.data).catch((err) => console.error('[stationdesk core]', err))
  })
  return { host: () => host }
}
