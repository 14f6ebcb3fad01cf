/**
 * The typed client: the UI's only way to the core. In the desktop app it goes through the
 * preload's `window.station.call`; in the browser preview it POSTs to /rpc with the per-run
 * token from the URL (#token=…), kept in sessionStorage so a reload still works.
 */
import type { Input, MethodName, Output } from '../../api'
import type { ApiError, ApiResult } from '../../api/contract'

declare global {
  interface Window {
    station?: { call(method: string, input: unknown): Promise<ApiResult<unknown>> }
  }
}

const TOKEN_KEY = 'stationdesk.token'

function webToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1])
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/')
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

let token: string | null = null

export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

type Listener = (e: ApiError, method: string) => void
const listeners = new Set<Listener>()
/** the app shell listens for UNAUTHENTICATED / SESSION_LOCKED to show login or the lock screen */
export function onCallError(l: Listener): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

async function transport(method: string, input: unknown): Promise<ApiResult<unknown>> {
  if (window.station) return window.station.call(method, input)
  if (token === null) token = webToken()
  let res: Response
  try {
    res = await fetch('/rpc', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
      body: JSON.stringify({ method, input }),
      credentials: 'same-origin'
    })
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'offline', details: { offline: true } } }
  }
  if (res.status === 401) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'token', details: { token: true } } }
  return (await res.json()) as ApiResult<unknown>
}

/** the raw result: for places that handle errors themselves (forms with field errors) */
export async function callResult<M extends MethodName>(method: M, input?: Input<M>): Promise<ApiResult<Output<M>>> {
  const r = (await transport(method, input ?? {})) as ApiResult<Output<M>>
  if (!r.ok) for (const l of listeners) l(r.error, method)
  return r
}

/** data, or a thrown CallError */
export async function call<M extends MethodName>(method: M, input?: Input<M>): Promise<Output<M>> {
  const r = await callResult(method, input)
  if (!r.ok) throw new CallError(r.error)
  return r.data
}
