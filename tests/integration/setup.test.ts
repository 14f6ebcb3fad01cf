import fs from 'node:fs'
import { verify } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { keyFileSigningBytes, verifyKeyFile } from '../../src/core/keys/keyfile'
import { keyIdOf, publicKeyFromRaw } from '../../src/core/keys/keystore'
import type { KeyFile } from '../../src/api/keys'
import { ADMIN, makeHost, STATION, type TestHost } from '../helpers/host'

let t: TestHost
afterEach(() => t?.close())

describe('setup', () => {
  it('refuses everything but setup before the station exists', async () => {
    t = makeHost()
    expect((await t.fail('auth.login', { username: 'a', password: 'b' })).code).toBe('NOT_SET_UP')
    expect((await t.call('system.info')).setUp).toBe(false)
  })

  it('sets up once, with the station code checked', async () => {
    t = makeHost()
    const bad = await t.fail('setup.init', { station: { ...STATION, code: '999999001' }, admin: ADMIN })
    expect(bad.details?.fields?.[0]).toMatchObject({ path: 'station.code', rule: 'county_unknown' })
    expect(fs.existsSync(t.host.runtime.paths.privateKey)).toBe(false)
    const r = await t.call('setup.init', { station: STATION, admin: ADMIN })
    expect(r.keyUnprotected).toBe(true)
    expect((await t.fail('setup.init', { station: STATION, admin: ADMIN })).code).toBe('ALREADY_SET_UP')
    const info = await t.call('system.info')
    expect(info).toMatchObject({ setUp: true, mode: 'station', stationName: STATION.name })
  })

  it('stores an unprotected key with 0600 permissions', async () => {
    t = makeHost()
    await t.call('setup.init', { station: STATION, admin: ADMIN })
    expect(fs.statSync(t.host.runtime.paths.privateKey).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(fs.readFileSync(t.host.runtime.paths.privateKey, 'utf8'))
    expect(stored.protected).toBe(false)
  })

  it('encrypts the key under a passphrase; the export needs it and is signed by it', async () => {
    t = makeHost()
    const r = await t.call('setup.init', { station: STATION, admin: ADMIN, keyPassphrase: 'correct horse battery' })
    expect(r.keyUnprotected).toBe(false)
    const stored = fs.readFileSync(t.host.runtime.paths.privateKey, 'utf8')
    expect(JSON.parse(stored).protected).toBe(true)
    expect(stored).not.toContain('PRIVATE KEY')
    const admin = await t.login(ADMIN.username, ADMIN.password)
    const prev = process.env.STATIONDESK_KEY_PASSPHRASE
    delete process.env.STATIONDESK_KEY_PASSPHRASE
    try {
      expect((await t.fail('keys.exportPublic', {}, admin)).code).toBe('PASSPHRASE_REQUIRED')
      expect((await t.fail('keys.exportPublic', { passphrase: 'wrong passphrase' }, admin)).code).toBe('BAD_PASSPHRASE')
      const file = await t.call('keys.exportPublic', { passphrase: 'correct horse battery' }, admin)
      const kf = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as KeyFile
      expect(kf.format).toBe('stationdesk-keys/1')
      expect(kf.keys).toHaveLength(1)
      expect(kf.keys[0]).toMatchObject({ stationCode: STATION.code, keyId: r.keyId })
      expect(keyIdOf(Buffer.from(kf.keys[0].publicKey, 'base64'))).toBe(r.keyId)
      expect(verifyKeyFile(kf, kf.keys[0].publicKey)).toBe(true)
      const tampered = { ...kf, keys: [{ ...kf.keys[0], name: '别的站' }] }
      expect(verifyKeyFile(tampered, kf.keys[0].publicKey)).toBe(false)
      expect(verify(null, keyFileSigningBytes(kf), publicKeyFromRaw(Buffer.from(kf.keys[0].publicKey, 'base64')), Buffer.from(kf.signature!, 'base64'))).toBe(true)
    } finally {
      if (prev !== undefined) process.env.STATIONDESK_KEY_PASSPHRASE = prev
    }
  })

  it('district mode requires the district level and a code ending in 000', async () => {
    t = makeHost()
    const e = await t.fail('setup.init', { mode: 'district', station: STATION, admin: ADMIN })
    expect(e.details?.fields?.map((f) => f.path)).toEqual(['station.level'])
    await t.call('setup.init', { mode: 'district', station: { ...STATION, level: 'district', code: '410102000', name: '中原区计生指导站' }, admin: ADMIN })
    expect((await t.call('system.info')).mode).toBe('district')
  })
})

describe('signing key passphrase', () => {
  it('puts a passphrase on an unprotected key and changes it, keeping the key pair', async () => {
    t = makeHost()
    const r = await t.call('setup.init', { station: STATION, admin: ADMIN })
    const admin = await t.login(ADMIN.username, ADMIN.password)
    const prev = process.env.STATIONDESK_KEY_PASSPHRASE
    delete process.env.STATIONDESK_KEY_PASSPHRASE
    try {
      expect((await t.fail('keys.setPassphrase', { newPassphrase: 'short' }, admin)).details?.fields?.[0]).toMatchObject({ path: 'newPassphrase', rule: 'passphrase_short' })
      const info = await t.call('keys.setPassphrase', { newPassphrase: 'first passphrase' }, admin)
      expect(info).toMatchObject({ keyId: r.keyId, unprotected: false })
      expect(fs.statSync(t.host.runtime.paths.privateKey).mode & 0o777).toBe(0o600)
      expect((await t.fail('keys.setPassphrase', { currentPassphrase: 'not the one', newPassphrase: 'second passphrase' }, admin)).code).toBe('BAD_PASSPHRASE')
      await t.call('keys.setPassphrase', { currentPassphrase: 'first passphrase', newPassphrase: 'second passphrase' }, admin)
      expect((await t.fail('keys.exportPublic', { passphrase: 'first passphrase' }, admin)).code).toBe('BAD_PASSPHRASE')
      const file = await t.call('keys.exportPublic', { passphrase: 'second passphrase' }, admin)
      expect(JSON.parse(Buffer.from(file.base64, 'base64').toString()).keys[0].keyId).toBe(r.keyId)
      expect((await t.call('audit.list', { entity: 'key' }, admin)).total).toBe(3)
    } finally {
      if (prev !== undefined) process.env.STATIONDESK_KEY_PASSPHRASE = prev
    }
  })
})
