/**
 * The IPC transport: one channel, 'rpc', answered only for the app's own main frame. The
 * session id stays here, per web contents; the renderer never sees it.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { ApiResult } from '../../src/api/contract'
import type { CallOutcome } from '../../src/core/host'
import { isTrustedSender } from './security'

export interface RpcBackend {
  call(method: string, input: unknown, sessionId: string | null): Promise<CallOutcome>
  forget(sessionId: string): void
}

export const REFUSED: ApiResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'this page may not call StationDesk' } }

export class RpcSessions {
  private byContents = new Map<number, string>()
  get(contentsId: number): string | null {
    return this.byContents.get(contentsId) ?? null
  }
  set(contentsId: number, sessionId: string | null): void {
    if (sessionId) this.byContents.set(contentsId, sessionId)
    else this.byContents.delete(contentsId)
  }
  /** the web contents is gone: returns the session it held, if any */
  drop(contentsId: number): string | null {
    const s = this.get(contentsId)
    this.byContents.delete(contentsId)
    return s
  }
  clear(): void {
    this.byContents.clear()
  }
}

type RpcEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { id: number; once?: (event: 'destroyed', l: () => void) => unknown } }

/** The handler alone (no ipcMain), for tests. */
export function rpcHandler(backend: RpcBackend, sessions: RpcSessions, appUrl: () => string) {
  const watched = new Set<number>()
  return async (event: RpcEvent, method: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event, appUrl())) {
      console.warn(`[stationdesk] refused an rpc call from ${event.senderFrame?.url ?? 'a gone frame'}`)
      return REFUSED
    }
    if (typeof method !== 'string' || method.length > 100)
      return { ok: false, error: { code: 'VALIDATION', message: 'method missing', details: { fields: [{ path: 'method', rule: 'required', message: 'method missing' }] } } }
    const id = event.sender.id
    if (!watched.has(id) && event.sender.once) {
      watched.add(id)
      event.sender.once('destroyed', () => {
        watched.delete(id)
        const s = sessions.drop(id)
        if (s) backend.forget(s)
      })
    }
    const outcome = await backend.call(method, input, sessions.get(id))
    if (outcome.session !== undefined) sessions.set(id, outcome.session)
    return outcome.result
  }
}

export function registerRpc(ipcMain: IpcMain, backend: RpcBackend, sessions: RpcSessions, appUrl: () => string): void {
  ipcMain.handle('rpc', rpcHandler(backend, sessions, appUrl))
}
