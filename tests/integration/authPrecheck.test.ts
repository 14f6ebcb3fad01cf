/**
 * Password checks run before their write, on the thread pool (src/core/auth/precheck.ts): a
 * login no longer holds the core's thread, and the early answer can neither outlive its call
 * nor answer for another password or a changed hash.
 */
import { describe, expect, it } from 'vitest'
import { hashPassword, precheckKey, setPrechecked, verifyPassword } from '../../src/core/auth/passwords'
import { verifyPasswordAsync } from '../../src/core/auth/precheck'
import { makeHost, setUpStation } from '../helpers/host'

describe('password checks ahead of the write', () => {
  it('other calls are answered while a login checks its password', async () => {
    const t = makeHost()
    const s = await setUpStation(t)
    let loginDone = false
    const login = t.host.call('auth.login', { username: 'clerk', password: 'clerk-pass-1' }, { transport: 'test' }).then((r) => {
      loginDone = true
      return r
    })
    const station = await t.host.call('station.get', {}, { sessionId: s.clerk, transport: 'test' })
    expect(station.result.ok).toBe(true)
    expect(loginDone).toBe(false)
    const r = await login
    expect(r.result.ok).toBe(true)
    expect(r.session).toBeTruthy()
    t.close()
  })

  it('a wrong password, an unknown user and the lock screen give the same answers as before', async () => {
    const t = makeHost()
    const s = await setUpStation(t)
    expect((await t.fail('auth.login', { username: 'clerk', password: 'wrong-pass-1' })).code).toBe('LOGIN_FAILED')
    expect((await t.fail('auth.login', { username: 'nobody', password: 'clerk-pass-1' })).code).toBe('LOGIN_FAILED')
    await t.call('auth.lock', {}, s.clerk)
    expect((await t.fail('auth.unlock', { password: 'wrong-pass-1' }, s.clerk)).code).toBe('VALIDATION')
    await t.call('auth.unlock', { password: 'clerk-pass-1' }, s.clerk)
    expect((await t.fail('auth.changePassword', { oldPassword: 'wrong-pass-1', newPassword: 'clerk-pass-2x' }, s.clerk)).code).toBe('VALIDATION')
    await t.call('auth.changePassword', { oldPassword: 'clerk-pass-1', newPassword: 'clerk-pass-2x' }, s.clerk)
    expect((await t.fail('auth.login', { username: 'clerk', password: 'clerk-pass-1' })).code).toBe('LOGIN_FAILED')
    await t.login('clerk', 'clerk-pass-2x')
    t.close()
  })

  it('an early answer is taken once, and only for its own password and stored hash', async () => {
    const stored = hashPassword('right-pass-1')
    expect(await verifyPasswordAsync('right-pass-1', stored)).toBe(true)
    expect(await verifyPasswordAsync('wrong-pass-1', stored)).toBe(false)
    // an answer left for one password does not answer another, nor a changed hash
    setPrechecked(precheckKey('wrong-pass-1', stored), true)
    expect(verifyPassword('right-pass-1', stored)).toBe(true)
    expect(verifyPassword('wrong-pass-1', hashPassword('other-pass-1'))).toBe(false)
    // taken once: the second check computes again
    expect(verifyPassword('wrong-pass-1', stored)).toBe(true)
    expect(verifyPassword('wrong-pass-1', stored)).toBe(false)
  })
})
