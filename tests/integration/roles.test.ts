/**
 * The role matrix, generated from the contract: for every method and every role, the call is
 * refused with FORBIDDEN exactly when the contract does not list the role. A new method gets
 * its rows here without anyone writing them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type MethodName } from '../../src/api'
import { ROLES, type MethodDef, type Role } from '../../src/api/contract'
import { makeHost, setUpStation, type TestHost } from '../helpers/host'

let t: TestHost
let userIds: Record<Role, string>

beforeAll(async () => {
  t = makeHost()
  await setUpStation(t)
  const admin = await t.login('admin', 'admin-pass-1')
  const users = await t.call('users.list', {}, admin)
  userIds = Object.fromEntries(users.rows.map((u) => [u.role, u.id])) as Record<Role, string>
})
afterAll(() => t.close())

/** a fresh session per call, so a method like auth.logout cannot spoil the next row */
function sessionFor(role: Role): string {
  return t.host.openLocalSession({ userId: userIds[role], username: role, displayName: role, role, roles: [role], actor: role })
}

/** inputs that fail validation where they can, so allowed calls change nothing */
const INVALID: Record<string, unknown> = { page: -1 }

const methods = (Object.keys(api) as MethodName[]).filter((m) => !(api[m] as MethodDef).desktopOnly && (api[m] as MethodDef).roles !== 'public')

describe('role matrix', () => {
  for (const m of methods) {
    const def = api[m] as MethodDef
    for (const role of ROLES) {
      const allowed = (def.roles as readonly Role[]).includes(role)
      it(`${m} ${allowed ? 'allows' : 'refuses'} ${role}`, async () => {
        const r = await t.host.call(m, m.startsWith('auth.') ? INVALID : { ...INVALID, id: 42, name: 42 }, { sessionId: sessionFor(role), transport: 'test' })
        if (allowed) expect(r.result.ok ? 'ok' : r.result.error.code).not.toBe('FORBIDDEN')
        else expect(r.result.ok ? 'ok' : r.result.error.code).toBe('FORBIDDEN')
      })
    }
  }
  it('refuses every role-checked method without a session', async () => {
    for (const m of methods) {
      const r = await t.host.call(m, {}, { transport: 'test' })
      expect(r.result.ok ? 'ok' : r.result.error.code, m).toBe('UNAUTHENTICATED')
    }
  })
  it('matches the intent of DESIGN.md §2b for the foundation domains', () => {
    const roles = (m: MethodName) => [...((api[m] as MethodDef).roles as Role[])].sort()
    expect(roles('users.create')).toEqual(['admin'])
    expect(roles('backups.restore')).toEqual(['admin'])
    expect(roles('station.update')).toEqual(['admin', 'head'])
    expect(roles('station.get')).toEqual(['admin', 'clerk', 'clinician', 'head'])
    expect(roles('audit.list')).toEqual(['admin', 'head'])
  })
})
