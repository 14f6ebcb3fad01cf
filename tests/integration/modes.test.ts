import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN, makeHost, setUpStation, type TestHost } from '../helpers/host'

const hosts: TestHost[] = []
afterAll(() => hosts.forEach((h) => h.close()))

describe('a data folder answers the methods of its mode only (api/modes.ts)', () => {
  it('a station refuses district jobs started through jobs.start, after the role check', async () => {
    const st = makeHost()
    hosts.push(st)
    const s = await setUpStation(st)
    const job = { method: 'district.import', input: { files: [{ name: 'a.sdpkt', base64: 'AAAA' }] } }
    expect((await st.fail('jobs.start', job as never, s.head)).code).toBe('UNSUPPORTED')
    // a role that may not call it learns only that
    expect((await st.fail('jobs.start', job as never, s.clerk)).code).toBe('FORBIDDEN')
    expect((await st.fail('district.report', { period: '2026-10' }, null)).code).toBe('UNAUTHENTICATED')
  })

  it('a district office refuses the register, screening, stock, certificates, periods and packets, and answers the common ones', async () => {
    const d = makeHost()
    hosts.push(d)
    await d.call('setup.init', { mode: 'district', station: { level: 'district', code: '410102000', name: '示例区计划生育服务站', address: '', phone: '', buildingArea: null }, admin: ADMIN, keyPassphrase: '' })
    const admin = await d.login(ADMIN.username, ADMIN.password)
    await d.call('users.create', { username: 'head', displayName: 'head', role: 'head', password: 'head-pass-1' }, admin)
    const head = await d.login('head', 'head-pass-1')
    for (const [m, input] of [
      ['persons.search', {}],
      ['screening.campaigns', {}],
      ['inventory.stock', {}],
      ['certificates.list', {}],
      ['periods.list', {}],
      ['packets.list', {}],
      ['dashboard.summary', {}]
    ] as const)
      expect((await d.fail(m as never, input as never, head)).code, m).toBe('UNSUPPORTED')
    expect((await d.fail('jobs.start', { method: 'persons.import', input: {} } as never, head)).code).toBe('UNSUPPORTED')
    expect((await d.call('station.get', {}, head)).code).toBe('410102000')
    expect(await d.call('district.stations', {}, head)).toEqual([])
    expect((await d.call('audit.verify', {}, admin)).ok).toBe(true)
  })
})
