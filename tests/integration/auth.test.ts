import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeHost, setUpStation, ADMIN, type TestHost } from '../helpers/host'
import type { Role } from '../../src/api/contract'

let t: TestHost
let s: Record<Role, string>
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
})
afterEach(() => t.close())

const login = (username: string, password: string) => t.host.call('auth.login', { username, password }, { transport: 'test' })

describe('login', () => {
  it('answers an unknown user and a wrong password with one generic message', async () => {
    const a = await login('nobody', 'whatever-1')
    const b = await login('clerk', 'wrong-pass-1')
    expect(a.result.ok || a.result.error).toMatchObject({ code: 'LOGIN_FAILED', message: 'wrong username or password' })
    expect(b.result.ok || b.result.error).toMatchObject({ code: 'LOGIN_FAILED', message: 'wrong username or password' })
  })

  it('locks the account for 15 minutes after 5 wrong passwords, even for the right password', async () => {
    for (let i = 1; i <= 4; i++) expect((await login('clerk', 'bad-password')).result).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } })
    expect((await login('clerk', 'bad-password')).result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
    expect((await login('clerk', 'clerk-pass-1')).result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
    t.clock.advance(14 * 60_000)
    expect((await login('clerk', 'clerk-pass-1')).result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
    t.clock.advance(61_000)
    expect((await login('clerk', 'clerk-pass-1')).result.ok).toBe(true)
    const admin = await t.login('admin', 'admin-pass-1') // the old admin session has locked meanwhile
    const audit = await t.call('audit.list', { action: 'auth.account_locked' }, admin)
    expect(audit.total).toBe(1)
    expect((await t.call('audit.list', { action: 'auth.login_failed', actor: 'clerk' }, admin)).total).toBe(4)
  })

  it('lets an admin reset a locked-out user back in', async () => {
    for (let i = 0; i < 5; i++) await login('clerk', 'bad-password')
    const users = await t.call('users.list', { q: 'clerk' }, s.admin)
    expect(users.rows[0].lockedUntil).not.toBeNull()
    await t.call('users.resetPassword', { id: users.rows[0].id, password: 'new-clerk-pass' }, s.admin)
    expect((await login('clerk', 'new-clerk-pass')).result.ok).toBe(true)
  })

  it('refuses a disabled account and ends its sessions', async () => {
    const id = (await t.call('users.list', { q: 'clerk' }, s.admin)).rows[0].id
    await t.call('users.setDisabled', { id, disabled: true }, s.admin)
    expect((await t.fail('station.get', {}, s.clerk)).code).toBe('UNAUTHENTICATED')
    expect((await login('clerk', 'clerk-pass-1')).result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_DISABLED' } })
  })

  it('logs out', async () => {
    const out = await t.host.call('auth.logout', {}, { sessionId: s.head, transport: 'test' })
    expect(out.session).toBeNull()
    expect((await t.fail('station.get', {}, s.head)).code).toBe('UNAUTHENTICATED')
  })
})

describe('idle lock', () => {
  it('locks a session after 15 idle minutes; only the password unlocks it', async () => {
    t.clock.advance(15 * 60_000 + 1000)
    expect((await t.fail('station.get', {}, s.clerk)).code).toBe('SESSION_LOCKED')
    const info = await t.call('system.info', {}, s.clerk)
    expect(info.session?.locked).toBe(true)
    const bad = await t.fail('auth.unlock', { password: 'nope-nope' }, s.clerk)
    expect(bad.code).toBe('VALIDATION')
    expect(bad.details?.fields?.[0]).toMatchObject({ path: 'password', rule: 'wrong_password' })
    await t.call('auth.unlock', { password: 'clerk-pass-1' }, s.clerk)
    expect((await t.call('station.get', {}, s.clerk)).code).toBe('410102001')
  })
  it('stays unlocked while in use', async () => {
    for (let i = 0; i < 4; i++) {
      t.clock.advance(10 * 60_000)
      await t.call('station.get', {}, s.clerk)
    }
  })
})

describe('users', () => {
  it('refuses a duplicate username with CONFLICT on the field', async () => {
    const e = await t.fail('users.create', { username: 'Clerk', displayName: 'x', role: 'clerk', password: 'password-1' }, s.admin)
    expect(e.code).toBe('CONFLICT')
    expect(e.details?.fields?.[0].path).toBe('username')
  })
  it('refuses a short password and a bad username with field errors', async () => {
    const e = await t.fail('users.create', { username: 'a b', displayName: 'x', role: 'clerk', password: 'short' }, s.admin)
    expect(e.code).toBe('VALIDATION')
    expect(e.details?.fields?.map((f) => `${f.path}:${f.rule}`).sort()).toEqual(['password:password_short', 'username:username'])
  })
  it('keeps at least one active administrator', async () => {
    const admin = (await t.call('users.list', { q: ADMIN.username }, s.admin)).rows[0]
    expect((await t.fail('users.setDisabled', { id: admin.id, disabled: true }, s.admin)).code).toBe('CONFLICT')
    expect((await t.fail('users.update', { id: admin.id, displayName: 'x', role: 'head' }, s.admin)).code).toBe('CONFLICT')
  })
  it('changes the own password only with the current one', async () => {
    expect((await t.fail('auth.changePassword', { oldPassword: 'wrong', newPassword: 'new-password-1' }, s.clerk)).details?.fields?.[0].path).toBe('oldPassword')
    await t.call('auth.changePassword', { oldPassword: 'clerk-pass-1', newPassword: 'new-password-1' }, s.clerk)
    expect((await login('clerk', 'new-password-1')).result.ok).toBe(true)
  })
  it('stores scrypt hashes, never the password', async () => {
    const row = t.host.runtime.sqlite!.prepare(`SELECT password_hash FROM users WHERE username = 'clerk'`).get() as { password_hash: string }
    expect(row.password_hash).toMatch(/^scrypt\$/)
    expect(row.password_hash).not.toContain('clerk-pass-1')
  })
})
