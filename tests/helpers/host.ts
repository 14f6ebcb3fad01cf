import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ManualClock } from '../../src/core/clock'
import { createHost, type Host } from '../../src/core/host'
import type { Input, MethodName, Output } from '../../src/api'
import type { ApiError, Role } from '../../src/api/contract'

export const T0 = new Date('2026-11-20T02:00:00Z')

export function tmpDir(prefix = 'sd-test-'): string {
  const base = path.join(os.tmpdir(), 'stationdesk-tests')
  fs.mkdirSync(base, { recursive: true })
  return fs.mkdtempSync(path.join(base, prefix))
}

export interface TestHost {
  host: Host
  dir: string
  clock: ManualClock
  /** call with a session id (or none) and return data, throwing on error */
  call<M extends MethodName>(method: M, input?: Input<M>, sessionId?: string | null): Promise<Output<M>>
  /** call and return the error (throws if the call succeeded) */
  fail<M extends MethodName>(method: M, input?: Input<M>, sessionId?: string | null): Promise<ApiError>
  login(username: string, password: string): Promise<string>
  close(): void
}

export function makeHost(dir = tmpDir(), clock = new ManualClock(T0)): TestHost {
  const host = createHost({ dataDir: dir, clock })
  const t: TestHost = {
    host,
    dir,
    clock,
    async call(method, input, sessionId) {
      const r = await host.call(method, input, { sessionId, transport: 'test' })
      if (!r.result.ok) throw Object.assign(new Error(`${method}: ${r.result.error.code} ${r.result.error.message}`), { apiError: r.result.error })
      return r.result.data as never
    },
    async fail(method, input, sessionId) {
      const r = await host.call(method, input, { sessionId, transport: 'test' })
      if (r.result.ok) throw new Error(`${method} succeeded but was expected to fail`)
      return r.result.error
    },
    async login(username, password) {
      const r = await host.call('auth.login', { username, password }, { transport: 'test' })
      if (!r.result.ok) throw new Error(`login ${username}: ${r.result.error.code}`)
      return r.session as string
    },
    close: () => host.close()
  }
  return t
}

export const ADMIN = { username: 'admin', displayName: '管理员', password: 'admin-pass-1' }
export const STATION = { level: 'township' as const, code: '410102001', name: '示例乡计划生育服务站', address: '示例路1号', phone: '0371-12345678', buildingArea: 320 }

/** a set-up station with one user per role; returns their session ids */
export async function setUpStation(t: TestHost): Promise<Record<Role, string>> {
  await t.call('setup.init', { station: STATION, admin: ADMIN, keyPassphrase: '' })
  const admin = await t.login(ADMIN.username, ADMIN.password)
  const sessions: Partial<Record<Role, string>> = { admin }
  for (const role of ['head', 'clinician', 'clerk'] as const) {
    await t.call('users.create', { username: role, displayName: role, role, password: `${role}-pass-1` }, admin)
    sessions[role] = await t.login(role, `${role}-pass-1`)
  }
  return sessions as Record<Role, string>
}

/** calls as the local operator (the CLI's kind of session) with these roles, throwing on an error */
export function operatorCaller(h: Host, roles: Role[] = ['head']) {
  const sid = h.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: roles[0], roles, actor: 'op' })
  return async <M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> => {
    const r = await h.call(m, input, { sessionId: sid, transport: 'test' })
    if (!r.result.ok) throw new Error(`${m}: ${r.result.error.code} ${r.result.error.message}`)
    return r.result.data as Output<M>
  }
}
