/**
 * The role matrix, generated from the contract: for every method and every role, the call is
 * refused with FORBIDDEN exactly when the contract does not list the role. A new method gets
 * its rows here without anyone writing them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type MethodName } from '../../src/api'
import { ROLES, type MethodDef, type Role } from '../../src/api/contract'
import { methodInMode } from '../../src/api/modes'
import { ADMIN, makeHost, setUpStation, STATION, type TestHost } from '../helpers/host'

let station: TestHost
let district: TestHost
const userIds = new Map<TestHost, Record<Role, string>>()

/** each method is called in a data folder of a mode that answers it (the others refuse it as UNSUPPORTED) */
const hostFor = (m: string): TestHost => (methodInMode(m, 'station') ? station : district)

async function withUsers(t: TestHost, mode: 'station' | 'district'): Promise<TestHost> {
  if (mode === 'station') await setUpStation(t)
  else {
    await t.call('setup.init', { mode, station: { ...STATION, level: 'district', code: '410102000' }, admin: ADMIN, keyPassphrase: '' })
    const admin = await t.login(ADMIN.username, ADMIN.password)
    for (const role of ['head', 'clinician', 'clerk'] as const) await t.call('users.create', { username: role, displayName: role, role, password: `${role}-pass-1` }, admin)
  }
  const admin = await t.login('admin', 'admin-pass-1')
  const users = await t.call('users.list', {}, admin)
  userIds.set(t, Object.fromEntries(users.rows.map((u) => [u.role, u.id])) as Record<Role, string>)
  return t
}

beforeAll(async () => {
  station = await withUsers(makeHost(), 'station')
  district = await withUsers(makeHost(), 'district')
})
afterAll(() => {
  station.close()
  district.close()
})

/** a fresh session per call, so a method like auth.logout cannot spoil the next row */
function sessionFor(t: TestHost, role: Role): string {
  return t.host.openLocalSession({ userId: userIds.get(t)![role], username: role, displayName: role, role, roles: [role], actor: role })
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
        const t = hostFor(m)
        const r = await t.host.call(m, m.startsWith('auth.') ? INVALID : { ...INVALID, id: 42, name: 42 }, { sessionId: sessionFor(t, role), transport: 'test' })
        if (allowed) expect(r.result.ok ? 'ok' : r.result.error.code).not.toBe('FORBIDDEN')
        else expect(r.result.ok ? 'ok' : r.result.error.code).toBe('FORBIDDEN')
      })
    }
  }
  it('refuses every role-checked method without a session', async () => {
    for (const m of methods) {
      const r = await hostFor(m).host.call(m, {}, { transport: 'test' })
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
