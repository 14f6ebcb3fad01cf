/**
 * The packet's protection: sealed to the district's seal key once keys.districtSet has stored
 * one (opened only with that district's key; another district's is refused by name), signed with
 * the station key, whose passphrase a protected key needs before anything is read or written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readCounters } from '../../../src/core/counters'
import { openPayload } from '../../../src/core/packets/container'
import { refusalOf } from '../../../src/core/packets/errors'
import { bytesOf, dataOf, districtKey, packetData, packetStation, type PacketStation } from './kit'

let st: PacketStation
let saved: string | undefined
beforeEach(async () => {
  saved = process.env.STATIONDESK_KEY_PASSPHRASE
  delete process.env.STATIONDESK_KEY_PASSPHRASE
  st = await packetStation()
})
afterEach(() => {
  st.t.close()
  if (saved !== undefined) process.env.STATIONDESK_KEY_PASSPHRASE = saved
})

function refusal(fn: () => unknown): string | null {
  try {
    fn()
    return null
  } catch (e) {
    return refusalOf(e) ?? String(e)
  }
}

describe('sealing', () => {
  it('seals the payload to the district set with a seal key; only that district opens it', async () => {
    const { t, s } = st
    const district = districtKey()
    await t.call('keys.districtSet', { content: district.file, replace: false }, s.admin)
    const list = await t.call('packets.list', {}, s.head)
    expect(list.district).toEqual({ keyId: district.keyId, name: '新县卫生健康委员会', sealKeyId: district.seal.sealKeyId })

    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    const p = await st.exportMonth('2026-10')
    expect(p.packet).toMatchObject({ sealed: true, recipientKeyId: district.keyId })
    const v = st.verify(bytesOf(p))
    expect(v.manifest.sealed).toMatchObject({ recipientKeyId: district.keyId, sealKeyId: district.seal.sealKeyId })
    expect(v.manifest.totals).toBeNull()
    expect(Object.keys(v.entries)).toEqual(['payload.sealed'])
    // nothing readable without the district's key
    const text = bytesOf(p).toString('latin1')
    const someone = st.sqlite().prepare('SELECT id_number AS n FROM persons LIMIT 1').get() as { n: string }
    expect(text).not.toContain(someone.n)
    expect(refusal(() => openPayload(v, null))).toBe('sealed_no_key')
    expect(refusal(() => openPayload(v, districtKey('411524000', '另一个区县').seal))).toBe('not_for_this_district')

    const opened = openPayload(v, district.seal)
    const data = dataOf(opened.files)
    expect(data.persons).toHaveLength(st.count('SELECT count(*) AS n FROM persons'))
    expect(Object.keys(opened.files).filter((f) => f.startsWith('reports/'))).toHaveLength(4)
    expect(opened.totals.screened).toBeGreaterThanOrEqual(0)
    // exported again: the same sealed bytes (not sealed afresh)
    expect((await st.exportMonth('2026-10')).file).toEqual(p.file)
  })

  it('signs but does not seal when the district key has no seal key', async () => {
    const { t, s } = st
    const district = districtKey('411523000', '新县卫健委', false)
    await t.call('keys.districtSet', { content: district.file, replace: false }, s.admin)
    expect((await t.call('packets.list', {}, s.head)).district).toEqual({ keyId: district.keyId, name: '新县卫健委', sealKeyId: null })
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    const p = await st.exportMonth('2026-10')
    expect(p.packet).toMatchObject({ sealed: false, recipientKeyId: null })
    expect(st.verify(bytesOf(p)).manifest.sealed).toBeNull()
    expect(packetData(st, p).persons.length).toBeGreaterThan(0)
  })
})

describe('the signing key passphrase', () => {
  it('is required for a protected key before anything is written; a wrong one is refused; the right one builds', async () => {
    const { t, s } = st
    await t.call('keys.setPassphrase', { newPassphrase: 'station-pass-1' }, s.admin)
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    const log = st.count('SELECT count(*) AS n FROM change_log')
    const audit = st.count('SELECT count(*) AS n FROM audit_log')

    const none = await t.fail('packets.export', { period: '2026-10' }, s.head)
    expect(none.code).toBe('PASSPHRASE_REQUIRED')
    const wrong = await t.fail('packets.export', { period: '2026-10', passphrase: 'not-the-one' }, s.head)
    expect(wrong.code).toBe('BAD_PASSPHRASE')
    expect(st.count('SELECT count(*) AS n FROM packets')).toBe(0)
    expect(st.count('SELECT count(*) AS n FROM change_log')).toBe(log)
    expect(st.count('SELECT count(*) AS n FROM audit_log')).toBe(audit)
    expect(readCounters(t.host.runtime.paths.counters).packet).toBeUndefined()

    const p = await st.exportMonth('2026-10', 'station-pass-1')
    expect(p.packet.seq).toBe(1)
    st.verify(bytesOf(p))
    // the stored packet needs no key to be exported again
    expect((await t.call('packets.export', { period: '2026-10' }, s.head)).file).toEqual(p.file)
  })

  it('comes from STATIONDESK_KEY_PASSPHRASE when none is typed', async () => {
    const { t, s } = st
    await t.call('keys.setPassphrase', { newPassphrase: 'station-pass-2' }, s.admin)
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    process.env.STATIONDESK_KEY_PASSPHRASE = 'station-pass-2'
    try {
      expect((await st.exportMonth('2026-10')).built).toBe(true)
    } finally {
      delete process.env.STATIONDESK_KEY_PASSPHRASE
    }
  })
})
