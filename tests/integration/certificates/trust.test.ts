/**
 * The keys a station trusts (keys.trust, keys.districtSet, keys.trustImport) through the method
 * table: the district key set once (its own self-signed file, or its signed list), replaced only
 * on purpose; a district-signed list imported whole; an unsigned, wrongly signed or altered
 * list, or a malformed file, refused with nothing changed; audit rows; roles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { STATION } from '../../helpers/host'
import { DISTRICT, freshStation, keyFile, NEIGHBOUR, stationKey, type Station } from './verifyKit'

let st: Station
beforeEach(async () => {
  st = await freshStation()
})
afterEach(() => st.t.close())

const call = <M extends Parameters<Station['t']['call']>[0]>(m: M, input: Parameters<Station['t']['call']>[1], who: keyof Station['s'] = 'admin') =>
  st.t.call(m, input as never, st.s[who])
const fail = (m: Parameters<Station['t']['fail']>[0], input: unknown, who: keyof Station['s'] = 'admin') => st.t.fail(m, input as never, st.s[who])
const audits = (action: string) => st.sql<{ message: string }>('SELECT message FROM audit_log WHERE action = ? ORDER BY seq', action).map((r) => JSON.parse(r.message))

describe('keys.trust', () => {
  it("lists the station's own key first, with no district key or list before they are set", async () => {
    const state = await call('keys.trust', {}, 'clerk')
    const info = await call('keys.info', {}, 'head')
    expect(state.district).toBeNull()
    expect(state.list).toBeNull()
    expect(state.keys).toEqual([{ stationCode: STATION.code, name: STATION.name, keyId: info.keyId, publicKey: info.publicKey, source: 'own' }])
  })
})

describe('keys.districtSet', () => {
  it("takes the district's self-signed key file; the same key again changes nothing", async () => {
    const d = DISTRICT()
    const state = await call('keys.districtSet', { content: keyFile([d.entry], d) })
    expect(state.district).toMatchObject({ code: '410102000', name: d.entry.name, keyId: d.entry.keyId, publicKey: d.entry.publicKey })
    expect(state.district!.setAt).toBe('2026-11-20T02:00:00.000Z')
    expect(audits('keys.districtSet')).toEqual([['key.districtSet', { name: d.entry.name, keyId: d.entry.keyId }]])
    st.t.clock.advance(60_000)
    const again = await call('keys.districtSet', { content: keyFile([d.entry], d) })
    expect(again.district).toEqual(state.district)
    // the host notes the call; nothing was changed, so no message of a change
    expect(audits('keys.districtSet').slice(1)).toEqual([null])
  })

  it("takes the district's signed list, whose signer is one of its entries", async () => {
    const d = DISTRICT()
    const n = NEIGHBOUR()
    const state = await call('keys.districtSet', { content: keyFile([n.entry, d.entry], d) })
    expect(state.district?.keyId).toBe(d.entry.keyId)
  })

  it('refuses a file not signed by its own key: unsigned, signed by another, or a list signed from outside', async () => {
    const d = DISTRICT()
    const other = stationKey('410103000', '二七区')
    for (const content of [keyFile([d.entry]), keyFile([d.entry], other), keyFile([d.entry, NEIGHBOUR().entry], other)]) {
      const e = await fail('keys.districtSet', { content })
      expect(e.code).toBe('SIGNATURE_INVALID')
      expect(e.details?.fields?.[0]).toMatchObject({ path: 'content', rule: 'district_unsigned' })
    }
    expect((await call('keys.trust', {})).district).toBeNull()
  })

  it('replacing a set key needs replace; the list the old key signed is then dropped', async () => {
    const d1 = DISTRICT()
    const d2 = DISTRICT()
    const n = NEIGHBOUR()
    await call('keys.districtSet', { content: keyFile([d1.entry], d1) })
    await call('keys.trustImport', { content: keyFile([n.entry], d1) })
    const e = await fail('keys.districtSet', { content: keyFile([d2.entry], d2) })
    expect(e.code).toBe('CONFLICT')
    expect(e.details).toMatchObject({ keyId: d1.entry.keyId, fields: [{ path: 'content', rule: 'district_key_set' }] })
    expect((await call('keys.trust', {})).district?.keyId).toBe(d1.entry.keyId)

    const state = await call('keys.districtSet', { content: keyFile([d2.entry], d2), replace: true })
    expect(state.district?.keyId).toBe(d2.entry.keyId)
    expect(state.list).toBeNull()
    expect(state.keys.map((k) => k.source)).toEqual(['own'])
    expect(audits('keys.districtSet').at(-1)).toEqual(['key.districtReplaced', { name: d2.entry.name, keyId: d2.entry.keyId, dropped: 1 }])
  })

  it('admin only', async () => {
    const d = DISTRICT()
    for (const who of ['head', 'clerk', 'clinician'] as const) expect((await fail('keys.districtSet', { content: keyFile([d.entry], d) }, who)).code).toBe('FORBIDDEN')
  })
})

describe('keys.trustImport', () => {
  it('needs the district key first', async () => {
    const d = DISTRICT()
    const e = await fail('keys.trustImport', { content: keyFile([NEIGHBOUR().entry], d) })
    expect(e.code).toBe('VALIDATION')
    expect(e.details?.fields?.[0]).toMatchObject({ path: 'content', rule: 'district_key_missing' })
  })

  it('imports a district-signed list whole, replacing the one in force, audited', async () => {
    const d = DISTRICT()
    const n1 = NEIGHBOUR()
    const n2 = stationKey('410105003', '金水区另一乡计划生育服务站')
    const n3 = stationKey('410122001', '中牟县某乡计划生育服务站')
    await call('keys.districtSet', { content: keyFile([d.entry], d) })
    st.t.clock.advance(60_000)
    let state = await call('keys.trustImport', { content: keyFile([n1.entry, n2.entry], d) }, 'head')
    expect(state.list).toEqual({ importedAt: '2026-11-20T02:01:00.000Z', signedBy: d.entry.keyId, count: 2 })
    expect(state.keys.map((k) => [k.source, k.stationCode])).toEqual([
      ['own', STATION.code],
      ['district', '410105002'],
      ['district', '410105003']
    ])
    state = await call('keys.trustImport', { content: keyFile([n3.entry, n2.entry], d) })
    expect(state.keys.map((k) => k.keyId)).toEqual([state.keys[0].keyId, n2.entry.keyId, n3.entry.keyId])
    expect(st.count('trusted_keys')).toBe(2)
    expect(audits('keys.trustImport')).toEqual([
      ['key.trustImported', { count: 2, added: 2, removed: 0 }],
      ['key.trustImported', { count: 2, added: 1, removed: 1 }]
    ])
  })

  it('refuses an unsigned list, one signed by another key, and an altered one: nothing changes', async () => {
    const d = DISTRICT()
    const n = NEIGHBOUR()
    await call('keys.districtSet', { content: keyFile([d.entry], d) })
    await call('keys.trustImport', { content: keyFile([n.entry], d) })
    const before = st.sql('SELECT * FROM trusted_keys')
    const auditRows = st.count('audit_log')

    const intruder = stationKey('410105009', '冒充的服务站')
    const altered = JSON.parse(keyFile([n.entry], d))
    altered.keys.push(intruder.entry)
    const cases: [string, string][] = [
      [keyFile([n.entry, intruder.entry]), 'list_unsigned'],
      [keyFile([n.entry, intruder.entry], intruder), 'list_other_signer'],
      [JSON.stringify(altered), 'list_bad_signature']
    ]
    for (const [content, rule] of cases) {
      const e = await fail('keys.trustImport', { content }, 'head')
      expect(e.code, rule).toBe('SIGNATURE_INVALID')
      expect(e.message).toMatch(/^这份密钥清单没有区县的有效签名/)
      expect(e.details?.fields?.[0]).toMatchObject({ path: 'content', rule })
    }
    expect(st.sql('SELECT * FROM trusted_keys')).toEqual(before)
    expect(st.count('audit_log')).toBe(auditRows)
  })

  it('refuses a malformed file with the reason', async () => {
    const d = DISTRICT()
    await call('keys.districtSet', { content: keyFile([d.entry], d) })
    const n = NEIGHBOUR()
    const good = JSON.parse(keyFile([n.entry], d))
    const variant = (f: (x: any) => void) => {
      const x = structuredClone(good)
      f(x)
      return JSON.stringify(x)
    }
    const cases: [string, string, Record<string, unknown>?][] = [
      ['not json', 'json'],
      ['[]', 'format'],
      [variant((x) => (x.format = 'stationdesk-keys/2')), 'format'],
      [variant((x) => (x.keys = [])), 'no_keys'],
      [variant((x) => (x.keys[0].stationCode = '4101')), 'entry', { entry: 0, field: 'stationCode' }],
      [variant((x) => (x.keys[0].name = ' ')), 'entry', { entry: 0, field: 'name' }],
      [variant((x) => (x.keys[0].publicKey = Buffer.alloc(31).toString('base64'))), 'entry', { entry: 0, field: 'publicKey' }],
      [variant((x) => (x.keys[0].keyId = '0123456789abcdef')), 'key_id', { entry: 0 }],
      [variant((x) => x.keys.push(x.keys[0])), 'duplicate', { entry: 1 }],
      [variant((x) => (x.signature = 42)), 'signature']
    ]
    for (const [content, reason, extra] of cases) {
      const e = await fail('keys.trustImport', { content })
      expect(e.code, reason).toBe('VALIDATION')
      expect(e.details, reason).toMatchObject({ reason, fields: [{ path: 'content', rule: 'key_file_format' }], ...(extra ?? {}) })
    }
    expect(st.count('trusted_keys')).toBe(0)
  })

  it('head and admin import; clerk and clinician may not; the clerk reads the trust state, the clinician not', async () => {
    const d = DISTRICT()
    await call('keys.districtSet', { content: keyFile([d.entry], d) })
    for (const who of ['clerk', 'clinician'] as const) expect((await fail('keys.trustImport', { content: keyFile([NEIGHBOUR().entry], d) }, who)).code).toBe('FORBIDDEN')
    expect((await fail('keys.trust', {}, 'clinician')).code).toBe('FORBIDDEN')
    expect((await call('keys.trust', {}, 'clerk')).district?.keyId).toBe(d.entry.keyId)
  })
})
