/**
 * Packet sequence numbers are never reused: the highest ever used is kept in counters.json
 * outside the database, so after an older backup is restored the next packet takes the number
 * after the lost ones (audited as skipped because of the restore) and chains to the newest
 * packet the restored database holds; numbers a failed write took are skipped too.
 */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { raiseCounter, readCounters } from '../../../src/core/counters'
import { bytesOf, openSessions, packetStation, type PacketStation } from './kit'

let st: PacketStation
beforeEach(async () => {
  st = await packetStation()
})
afterEach(() => st.t.close())

const skipped = () =>
  (st.sqlite().prepare("SELECT message FROM audit_log WHERE entity = 'packet' AND entity_id = 'sequence' ORDER BY seq").all() as { message: string }[]).map((r) => JSON.parse(r.message))

async function closeAgain(period: string, reason: string) {
  await st.t.call('periods.reopen', { period, reason }, st.s.head)
  await st.t.call('periods.close', { period, acceptWarnings: true }, st.s.head)
}

describe('packet sequence numbers', () => {
  it('are not used again after an older backup is restored', async () => {
    const { t } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    const p1 = await st.exportMonth('2026-10')
    const backup = await t.call('backups.create', {}, st.s.admin)
    st.at(60_000)
    await closeAgain('2026-10', '补录')
    const p2 = await st.exportMonth('2026-10')
    expect(p2.packet.seq).toBe(2)
    expect(st.verify(bytesOf(p1)).manifest.skipped).toBeNull()
    expect(st.verify(bytesOf(p2)).manifest.skipped).toBeNull()

    st.at(60_000)
    await t.call('backups.restore', { name: backup.name }, st.s.admin)
    st.s = openSessions(t)
    expect(st.count('SELECT max(seq) AS n FROM packets')).toBe(1)
    expect(readCounters(t.host.runtime.paths.counters).packet.value).toBe(2)
    expect((await t.call('packets.list', {}, st.s.head)).nextSeq).toBe(3)

    st.at(60_000)
    await closeAgain('2026-10', '恢复备份后重新关账')
    const p3 = await st.exportMonth('2026-10')
    expect(p3.packet).toMatchObject({ seq: 3, closeNo: 2, prevSha256: p1.packet.sha256, filename: '411523101-2026-10-0003.sdpkt' })
    expect(p3.packet.sha256).not.toBe(p2.packet.sha256)
    // the packet after the restore declares the number it skips, for the district
    expect(st.verify(bytesOf(p3)).manifest).toMatchObject({ seq: 3, prevSha256: p1.packet.sha256, skipped: { from: 2, to: 2, reason: 'restored_backup' } })
    expect(skipped()).toEqual([['packet.seqSkippedRestored', { from: 2, to: 2 }]])
    expect(readCounters(t.host.runtime.paths.counters).packet.value).toBe(3)
    // noted once: the next packet finds nothing skipped
    st.at(60_000)
    await closeAgain('2026-10', '再次更正')
    const p4 = await st.exportMonth('2026-10')
    expect(p4.packet.seq).toBe(4)
    expect(st.verify(bytesOf(p4)).manifest.skipped).toBeNull()
    expect(skipped()).toHaveLength(1)
  })

  it('skips numbers a write took without saving (the counter ahead, no restore since)', async () => {
    const { t } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    raiseCounter(t.host.runtime.paths.counters, 'packet', 4, t.clock.now().toISOString())
    st.at(1000)
    const p = await st.exportMonth('2026-10')
    expect(p.packet).toMatchObject({ seq: 5, prevSha256: null, filename: '411523101-2026-10-0005.sdpkt' })
    expect(st.verify(bytesOf(p)).manifest.skipped).toEqual({ from: 1, to: 4, reason: 'not_recorded' })
    expect(skipped()).toEqual([['packet.seqSkippedNotRecorded', { from: 1, to: 4 }]])
  })

  it('refuses to build while counters.json is damaged, with nothing written', async () => {
    const { t } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    fs.writeFileSync(t.host.runtime.paths.counters, '{"format":"stationdesk-counters/1","counters":{"packet":')
    const e = await t.fail('packets.export', { period: '2026-10' }, st.s.head)
    expect(e.code).toBe('INTERNAL')
    expect(e.details).toMatchObject({ problem: 'counters_damaged' })
    expect(st.count('SELECT count(*) AS n FROM packets')).toBe(0)
    expect(st.count('SELECT count(*) AS n FROM change_log')).toBeGreaterThan(0)
  })
})
