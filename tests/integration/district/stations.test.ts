/**
 * The district's stations and keys: registering a station from its own key file (and the
 * refusals), replacing a key (the old one retired, its packets still accepted), the office's
 * info and its signed key list (which a station accepts as its district key and trusted list),
 * the data folder's mode and the roles.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { MethodName } from '../../../src/api'
import { districtApi } from '../../../src/api/district'
import type { KeyFile } from '../../../src/api/keys'
import { signKeyFile, verifyKeyFile } from '../../../src/core/keys/keyfile'
import { keyInfo } from '../../../src/core/keys/keystore'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { fakeStation, importFiles, makeDistrict, packetOf, type District } from './kit'

const closing: { close(): void }[] = []
afterEach(() => {
  for (const c of closing.splice(0)) c.close()
})
async function district(passphrase = ''): Promise<District> {
  const d = await makeDistrict(passphrase)
  closing.push(d.t)
  return d
}
const auditMsgs = (t: TestHost, action: string) =>
  (t.host.runtime.sqlite!.prepare('SELECT message FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { message: string | null }[]).map((r) => (r.message ? JSON.parse(r.message) : null))

describe('district.stationAdd', () => {
  it("registers a station from its own key file; the same file again changes nothing", async () => {
    const d = await district()
    const a = fakeStation('411523101', '沙窝镇服务站')
    const s = await d.t.call('district.stationAdd', { content: a.keyFile() }, d.admin)
    expect(s).toMatchObject({ code: a.code, name: '沙窝镇服务站', packets: 0, last: null, missingSeqs: [], chainBreaks: [], keys: [{ keyId: a.keyId, status: 'active' }] })
    expect(await d.t.call('district.stationAdd', { content: a.keyFile() }, d.head)).toEqual(s)
    // the second call is audited (every write is) as changing nothing
    expect(auditMsgs(d.t, 'district.stationAdd')).toEqual([
      ['district.stationAdded', { code: a.code, name: '沙窝镇服务站', keyId: a.keyId }],
      ['district.stationKeyAgain', { code: a.code, name: '沙窝镇服务站', keyId: a.keyId }]
    ])
    expect(await d.t.call('district.info', {}, d.head)).toMatchObject({ code: '411523000', name: '新县卫生健康委员会', stations: 1, keyId: d.seal.recipientKeyId })
  })

  it('another key for a registered station needs replace; the old key is kept retired and its packets still import', async () => {
    const d = await district()
    const old = fakeStation('411523101', '沙窝镇服务站')
    const renewed = { ...fakeStation('411523101', '沙窝镇服务站'), code: old.code }
    await d.t.call('district.stationAdd', { content: old.keyFile() }, d.head)
    const e = await d.t.fail('district.stationAdd', { content: renewed.keyFile() }, d.head)
    expect(e).toMatchObject({ code: 'CONFLICT', details: { keyId: old.keyId, fields: [{ path: 'content', rule: 'station_key_set' }] } })
    const s = await d.t.call('district.stationAdd', { content: renewed.keyFile(), replace: true }, d.head)
    expect(s.keys.map((k) => [k.keyId, k.status])).toEqual([
      [renewed.keyId, 'active'],
      [old.keyId, 'retired']
    ])
    expect(auditMsgs(d.t, 'district.stationAdd').map((m) => m[0])).toEqual(['district.stationAdded', 'district.stationKeyReplaced'])
    const p1 = packetOf(old, { seq: 1, period: '2026-09' })
    const p2 = packetOf(renewed, { seq: 2, period: '2026-10', prev: p1.sha256 })
    const r = await importFiles(d, [
      { name: 'old', bytes: p1.bytes },
      { name: 'new', bytes: p2.bytes }
    ])
    expect(r.imported).toBe(2)
    // the district's list carries only the active key
    const list = JSON.parse(Buffer.from((await d.t.call('district.keysExport', {}, d.head)).base64, 'base64').toString()) as KeyFile
    expect(list.keys.map((k) => k.keyId)).toEqual([d.seal.recipientKeyId, renewed.keyId])
  })

  it('refuses what is not a station’s own key file', async () => {
    const d = await district()
    const a = fakeStation()
    const b = fakeStation('411523102')
    const rule = async (content: string) => {
      const e = await d.t.fail('district.stationAdd', { content }, d.head)
      return [e.code, e.details?.fields?.[0]?.rule]
    }
    expect(await rule('not json')).toEqual(['VALIDATION', 'key_file_format'])
    const file = JSON.parse(a.keyFile()) as KeyFile
    expect(await rule(JSON.stringify({ ...file, signature: null, signedBy: null }))).toEqual(['SIGNATURE_INVALID', 'station_key_unsigned'])
    expect(await rule(JSON.stringify({ ...file, keys: [{ ...file.keys[0], name: '改过的名字' }] }))).toEqual(['SIGNATURE_INVALID', 'station_key_unsigned'])
    // signed by another key
    expect(await rule(JSON.stringify(signKeyFile(file.keys, b.keyId, b.privateKey)))).toEqual(['SIGNATURE_INVALID', 'station_key_unsigned'])
    const two = signKeyFile([file.keys[0], JSON.parse(b.keyFile()).keys[0]], a.keyId, a.privateKey)
    expect(await rule(JSON.stringify(two))).toEqual(['VALIDATION', 'station_key_one'])
    const own = Buffer.from((await d.t.call('keys.exportPublic', {}, d.admin)).base64, 'base64').toString()
    expect(await rule(own)).toEqual(['VALIDATION', 'station_key_own'])
    await d.t.call('district.stationAdd', { content: a.keyFile() }, d.head)
    // a's key claiming another station code
    const moved = signKeyFile([{ ...file.keys[0], stationCode: '411523109' }], a.keyId, a.privateKey)
    expect(await rule(JSON.stringify(moved))).toEqual(['CONFLICT', 'key_other_station'])
    expect((await d.t.call('district.stations', {}, d.head)).map((s) => s.code)).toEqual([a.code])
  })
})

describe("the district's key list", () => {
  it('is signed by the district, its own entry first with the seal key; a station takes it as district key and trusted list', async () => {
    const d = await district()
    const a = fakeStation('411523101', '沙窝镇服务站')
    const b = fakeStation('411523102', '新集镇服务站')
    for (const s of [b, a]) await d.t.call('district.stationAdd', { content: s.keyFile() }, d.head)
    const out = await d.t.call('district.keysExport', {}, d.head)
    expect(out.filename).toBe('stationdesk-keys-411523000-2026-11-20.json')
    const list = JSON.parse(Buffer.from(out.base64, 'base64').toString()) as KeyFile
    const info = keyInfo(d.t.host.runtime.paths.privateKey)
    expect(verifyKeyFile(list, info.publicKey)).toBe(true)
    expect(list.keys.map((k) => k.stationCode)).toEqual(['411523000', a.code, b.code])
    expect(list.keys[0]).toMatchObject({ keyId: info.keyId, sealKey: d.seal.sealKey })
    expect(list.keys.slice(1).every((k) => !k.sealKey)).toBe(true)
    expect(auditMsgs(d.t, 'district.keysExport')).toEqual([['district.keysExported', { count: 2 }]])

    const st = makeHost()
    closing.push(st)
    const s = await setUpStation(st)
    const content = Buffer.from(out.base64, 'base64').toString()
    await st.call('keys.districtSet', { content, replace: false }, s.admin)
    const trust = await st.call('keys.trustImport', { content }, s.admin)
    expect(trust.district).toMatchObject({ keyId: info.keyId, sealKey: d.seal.sealKey })
    expect(trust.keys.filter((k) => k.source === 'district').map((k) => k.keyId)).toEqual(expect.arrayContaining([a.keyId, b.keyId]))
  })

  it('a protected district key: PASSPHRASE_REQUIRED without the passphrase', async () => {
    const saved = process.env.STATIONDESK_KEY_PASSPHRASE
    delete process.env.STATIONDESK_KEY_PASSPHRASE
    try {
      const d = await district('district-pass-1')
      // not known until the protected key is opened once
      expect((await d.t.call('district.info', {}, d.head)).sealKeyId).toBeNull()
      expect((await d.t.fail('district.keysExport', {}, d.head)).code).toBe('PASSPHRASE_REQUIRED')
      expect((await d.t.fail('district.keysExport', { passphrase: 'wrong-pass-1' }, d.head)).code).toBe('BAD_PASSPHRASE')
      await d.t.call('district.keysExport', { passphrase: 'district-pass-1' }, d.head)
      // known from then on, without the passphrase
      expect((await d.t.call('district.info', {}, d.head)).sealKeyId).toMatch(/^[0-9a-f]{16}$/)
    } finally {
      if (saved !== undefined) process.env.STATIONDESK_KEY_PASSPHRASE = saved
    }
  })
})

describe('mode and roles', () => {
  it('a district folder answers district.* and not the register; a station folder refuses district.*', async () => {
    const d = await district()
    const e = await d.t.fail('persons.search', {}, d.head)
    expect(e.code).toBe('UNSUPPORTED')
    const st = makeHost()
    closing.push(st)
    const s = await setUpStation(st)
    for (const m of Object.keys(districtApi) as MethodName[]) expect((await st.fail(m, {} as never, s.head)).code, m).toBe('UNSUPPORTED')
  })

  it('only admin and head may call district methods', async () => {
    const d = await district()
    const a = fakeStation()
    const inputs: Record<string, unknown> = {
      'district.info': {},
      'district.stations': {},
      'district.stationAdd': { content: a.keyFile() },
      'district.import': { files: [{ name: 'x.sdpkt', base64: packetOf(a, { seq: 1, period: '2026-10' }).bytes.toString('base64') }] },
      'district.packets': {},
      'district.arrivals': { year: 2026 },
      'district.report': { period: '2026-10' },
      'district.reportExport': { period: '2026-10' },
      'district.keysExport': {}
    }
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(districtApi).sort())
    for (const [m, input] of Object.entries(inputs)) {
      expect((await d.t.fail(m as MethodName, input as never, d.clerk)).code, m).toBe('FORBIDDEN')
      await d.t.call(m as MethodName, input as never, d.head)
      await d.t.call(m as MethodName, input as never, d.admin)
    }
    expect((await d.t.fail('district.info', {}, null)).code).toBe('UNAUTHENTICATED')
  })
})
