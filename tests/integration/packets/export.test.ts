/**
 * packets.export / list / download through the method table on the demo station: the first
 * packet carries every row of every table the change log follows (campaigns with their points,
 * stocktakes with their lines), the next only the rows written since; exporting again gives the
 * same bytes; a reopened and closed month gets a new packet chained to the previous one; the
 * month must be closed; head only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PACKET_REPORTS } from '../../../src/api/packetReports'
import { readCounters } from '../../../src/core/counters'
import { PACKET_TABLES } from '../../../src/core/packets/rows'
import { bytesOf, packetData, packetStation, type PacketStation } from './kit'

let st: PacketStation
beforeEach(async () => {
  st = await packetStation()
})
afterEach(() => st.t.close())

const someone = () => (st.sqlite().prepare("SELECT id FROM persons WHERE state = 'active' ORDER BY id LIMIT 1").get() as { id: string }).id
const correctPhone = (personId: string, date: string, phone = '13900000001') =>
  st.t.call('persons.recordEvent', { personId, type: 'correction', date, reason: '电话号码更正', changes: { phone } }, st.s.clerk)

describe('packets.export', () => {
  it('the first packet carries every row; the next one only the rows written since', async () => {
    const { t, s } = st
    const before = await t.call('packets.list', {}, s.head)
    const total = PACKET_TABLES.reduce((n, tb) => n + st.count(`SELECT count(*) AS n FROM ${tb}`), 0)
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    expect(before).toMatchObject({ packets: [], nextSeq: 1, district: null })
    expect(before.pendingRows).toBe(total)

    const p1 = await st.exportMonth('2026-10')
    expect(p1).toMatchObject({ built: true, packet: { seq: 1, period: '2026-10', closeNo: 1, prevSha256: null, sealed: false, exportCount: 1, filename: '411523101-2026-10-0001.sdpkt' } })
    expect(p1.file.filename).toBe(p1.packet.filename)
    const v = st.verify(bytesOf(p1))
    expect(v.sha256).toBe(p1.packet.sha256)
    expect(v.manifest).toMatchObject({ period: '2026-10', seq: 1, prevSha256: null, closeNo: 1, station: { code: '411523101' }, sealed: null })
    expect(v.manifest.totals).not.toBeNull()
    const data = packetData(st, p1)
    for (const tb of PACKET_TABLES) {
      const n = st.count(`SELECT count(*) AS n FROM ${tb}`)
      expect(data[tb]?.length ?? 0, tb).toBe(n)
      // ordered by id, each row as SELECT * gives it
      if (n) expect(data[tb].map((r) => r.id)).toEqual((st.sqlite().prepare(`SELECT id FROM ${tb} ORDER BY id`).all() as { id: string }[]).map((r) => r.id))
    }
    expect(Object.keys(v.entries).filter((p) => p.startsWith('reports/')).sort()).toEqual(PACKET_REPORTS.map((k) => `reports/${k}.json`).sort())
    expect(p1.packet.rows).toBe(total + 1) // and the month's periods row
    const person = st.sqlite().prepare('SELECT * FROM persons ORDER BY id LIMIT 1').get() as Record<string, unknown>
    expect(data.persons[0]).toEqual(person)
    // campaigns carry their service points, stocktakes their lines
    for (const c of data.screening_campaigns) {
      const points = (st.sqlite().prepare('SELECT service_point_id AS p FROM screening_campaign_points WHERE campaign_id = ? ORDER BY p').all(c.id) as { p: string }[]).map((r) => r.p)
      expect(points.length).toBeGreaterThan(0)
      expect(c.points).toEqual(points)
    }
    expect(data.inv_stocktakes.length).toBeGreaterThan(0)
    for (const k of data.inv_stocktakes) {
      const lines = st.sqlite().prepare('SELECT lot_id, product_id, expected, counted, reason, note FROM inv_stocktake_lines WHERE stocktake_id = ? ORDER BY lot_id').all(k.id)
      expect(lines.length).toBeGreaterThan(0)
      expect(k.lines).toEqual(lines)
    }
    // what it carried is no longer pending
    expect(st.count('SELECT count(*) AS n FROM change_log')).toBe(0)
    expect(await t.call('packets.list', {}, s.head)).toMatchObject({ nextSeq: 2, pendingRows: 0, unexported: [] })

    // one person's phone corrected in November: the next packet carries her and that event
    const id = someone()
    await correctPhone(id, '2026-11-05')
    expect((await t.call('packets.list', {}, s.head)).pendingRows).toBe(2)
    st.at('2026-12-02T02:00:00Z')
    await t.call('periods.close', { period: '2026-11', acceptWarnings: true }, st.s.head)
    expect((await t.call('packets.list', {}, st.s.head)).unexported).toEqual(['2026-11'])
    const p2 = await st.exportMonth('2026-11')
    expect(p2.packet).toMatchObject({ seq: 2, period: '2026-11', closeNo: 1, prevSha256: p1.packet.sha256, filename: '411523101-2026-11-0002.sdpkt' })
    const d2 = packetData(st, p2)
    expect(Object.keys(d2).sort()).toEqual(['periods', 'person_events', 'persons'])
    expect(d2.persons.map((r) => [r.id, r.phone])).toEqual([[id, '13900000001']])
    expect(d2.person_events).toHaveLength(1)
    expect(d2.person_events[0]).toMatchObject({ person_id: id, type: 'correction', date: '2026-11-05' })
    expect(d2.periods.map((r) => [r.period, r.status])).toEqual([['2026-11', 'closed']])
    expect(p2.packet.rows).toBe(3)
    expect(st.verify(bytesOf(p2)).manifest.prevSha256).toBe(p1.packet.sha256)
    expect(readCounters(t.host.runtime.paths.counters).packet.value).toBe(2)
  })

  it('exporting again gives the same bytes and hash, counted and audited; download gives them too', async () => {
    const { t, s } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    const first = await st.exportMonth('2026-10')
    st.at(3_600_000)
    await correctPhone(someone(), '2026-11-06') // written since: not in the stored packet
    const again = await st.exportMonth('2026-10')
    expect(again.built).toBe(false)
    expect(again.file).toEqual(first.file)
    expect(again.packet).toMatchObject({ seq: 1, sha256: first.packet.sha256, exportCount: 2, lastExportedAt: t.clock.now().toISOString() })
    const down = await t.call('packets.download', { seq: 1 }, st.s.head)
    expect(down).toEqual(first.file)
    expect((await t.fail('packets.download', { seq: 9 }, st.s.head)).code).toBe('NOT_FOUND')
    const list = await t.call('packets.list', {}, st.s.head)
    expect(list.packets).toHaveLength(1)
    expect(list.packets[0]).toMatchObject({ seq: 1, exportCount: 2, sha256: first.packet.sha256 })
    expect(list).toMatchObject({ nextSeq: 2, pendingRows: 2 })
    const audit = st.sqlite().prepare("SELECT action, actor, message FROM audit_log WHERE entity = 'packet' ORDER BY seq").all() as { action: string; actor: string; message: string }[]
    expect(audit.map((a) => [a.action, a.actor, JSON.parse(a.message)[0]])).toEqual([
      ['packets.export', 'head', 'packet.built'],
      ['packets.export', 'head', 'packet.exported'],
      ['packets.download', 'head', 'packet.downloaded']
    ])
  })

  it('a reopened month closed again gets the next packet, chained to the previous one, with close number 2', async () => {
    const { t, s } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    const p1 = await st.exportMonth('2026-10')
    await t.call('periods.reopen', { period: '2026-10', reason: '补录十月的更正' }, s.head)
    // open again: no export until it is closed
    const open = await t.fail('packets.export', { period: '2026-10' }, s.head)
    expect(open.code).toBe('CONFLICT')
    expect(open.details).toMatchObject({ rule: 'period_open', period: '2026-10', fields: [{ path: 'period', rule: 'period_open' }] })
    const id = someone()
    await correctPhone(id, '2026-10-15', '13900000002')
    await t.call('periods.close', { period: '2026-10' }, s.head)
    expect((await t.call('packets.list', {}, s.head)).unexported).toEqual(['2026-10'])
    const p2 = await st.exportMonth('2026-10')
    expect(p2).toMatchObject({ built: true, packet: { seq: 2, period: '2026-10', closeNo: 2, prevSha256: p1.packet.sha256, filename: '411523101-2026-10-0002.sdpkt' } })
    expect(st.verify(bytesOf(p2)).manifest).toMatchObject({ seq: 2, closeNo: 2, prevSha256: p1.packet.sha256 })
    const d = packetData(st, p2)
    expect(d.persons.map((r) => [r.id, r.phone])).toEqual([[id, '13900000002']])
    expect(d.periods.map((r) => [r.period, r.close_count, r.reopen_reason])).toEqual([['2026-10', 2, '补录十月的更正']])
    // the first close's packet is still there, unchanged
    expect(await t.call('packets.download', { seq: 1 }, s.head)).toEqual(p1.file)
    expect((await t.call('periods.list', {}, s.head)).rows.find((r) => r.period === '2026-10')?.packet).toEqual({ seq: 2, sha256: p2.packet.sha256, exportCount: 1 })
  })

  it('refuses a month that is not closed, with nothing written', async () => {
    const { t, s } = st
    const log = st.count('SELECT count(*) AS n FROM change_log')
    for (const period of ['2026-09', '2026-11', '2027-03']) {
      const e = await t.fail('packets.export', { period }, s.head)
      expect(e.code, period).toBe('CONFLICT')
      expect(e.details?.rule).toBe('period_open')
      expect(e.message).toContain(period)
    }
    expect((await t.fail('packets.export', { period: '2026-13' }, s.head)).code).toBe('VALIDATION')
    expect(st.count('SELECT count(*) AS n FROM packets')).toBe(0)
    expect(st.count('SELECT count(*) AS n FROM change_log')).toBe(log)
    expect(readCounters(t.host.runtime.paths.counters).packet).toBeUndefined()
  })

  it('runs as a job: progress through its phases, the packet as its result', async () => {
    const { t, s } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    const { jobId } = await t.call('jobs.start', { method: 'packets.export', input: { period: '2026-10' } }, s.head)
    let status = await t.call('jobs.status', { jobId }, s.head)
    for (let i = 0; i < 200 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10))
      status = await t.call('jobs.status', { jobId }, s.head)
    }
    expect(status.state).toBe('done')
    expect(status.result).toMatchObject({ built: true, packet: { seq: 1, period: '2026-10' } })
    expect(st.count('SELECT count(*) AS n FROM packets')).toBe(1)
    // another role cannot start it
    expect((await t.fail('jobs.start', { method: 'packets.export', input: { period: '2026-10' } }, s.clerk)).code).toBe('FORBIDDEN')
  })

  it('is for the head only', async () => {
    const { t, s } = st
    await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
    await st.exportMonth('2026-10')
    for (const role of ['admin', 'clinician', 'clerk'] as const) {
      expect((await t.fail('packets.list', {}, s[role])).code, role).toBe('FORBIDDEN')
      expect((await t.fail('packets.export', { period: '2026-10' }, s[role])).code, role).toBe('FORBIDDEN')
      expect((await t.fail('packets.download', { seq: 1 }, s[role])).code, role).toBe('FORBIDDEN')
    }
    expect(st.count('SELECT export_count AS n FROM packets WHERE seq = 1')).toBe(1)
  })
})
