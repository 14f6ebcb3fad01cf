/**
 * Sequence numbers a station declares skipped (manifest skipped: it restored an older backup, so
 * its next packet takes a number above every one used and chains to the last packet the restored
 * database holds): the district counts them as skipped, not missing, checks that packet's chain
 * against skipped.from − 1, and keeps packets it already has inside the range as superseded.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { fakeStation, importFiles, makeDistrict, packetOf, personRow, type District, type FakeStation } from './kit'

let open: District[] = []
afterEach(() => {
  for (const d of open) d.t.close()
  open = []
})

async function setUp(): Promise<{ d: District; a: FakeStation }> {
  const d = await makeDistrict()
  open.push(d)
  const a = fakeStation('411523101', '沙窝镇服务站')
  await d.t.call('district.stationAdd', { content: a.keyFile() }, d.head)
  return { d, a }
}

const restored = (from: number, to: number) => ({ from, to, reason: 'restored_backup' as const })
const file = (seq: number, p: { bytes: Buffer }) => ({ name: `411523101-${seq}.sdpkt`, bytes: p.bytes })

async function state(d: District) {
  const [s] = await d.t.call('district.stations', {}, d.head)
  const packets = (await d.t.call('district.packets', {}, d.head)).map((p) => ({ seq: p.seq, chain: p.chain, skipped: p.skipped, superseded: p.superseded }))
  const line = (await d.t.call('district.arrivals', { year: 2026 }, d.head)).stations[0]
  return { s, packets, line }
}

describe('declared skipped sequence numbers at the district', () => {
  it('a packet declaring 3 skipped after 1 and 2: chain ok, nothing missing, 3 skipped', async () => {
    const { d, a } = await setUp()
    const p1 = packetOf(a, { seq: 1, period: '2026-08' })
    const p2 = packetOf(a, { seq: 2, period: '2026-09', prev: p1.sha256 })
    const p4 = packetOf(a, { seq: 4, period: '2026-10', prev: p2.sha256, skipped: restored(3, 3) })
    const r = await importFiles(d, [file(1, p1), file(2, p2), file(4, p4)])
    expect(r).toMatchObject({ imported: 3, refused: 0 })
    const { s, packets, line } = await state(d)
    expect(s).toMatchObject({ packets: 3, missingSeqs: [], skippedSeqs: [3], supersededSeqs: [], chainBreaks: [] })
    expect(line).toMatchObject({ missingSeqs: [], skippedSeqs: [3], supersededSeqs: [], chainBreaks: [] })
    expect(packets).toEqual([
      { seq: 4, chain: 'ok', skipped: restored(3, 3), superseded: false },
      { seq: 2, chain: 'ok', skipped: null, superseded: false },
      { seq: 1, chain: 'first', skipped: null, superseded: false }
    ])
    const stored = d.t.host.runtime.sqlite!.prepare('SELECT skipped_from AS f, skipped_to AS t, skipped_reason AS r FROM district_packets WHERE seq = 4').get()
    expect(stored).toEqual({ f: 3, t: 3, r: 'restored_backup' })
  })

  it('packets here inside the declared range stay, reported as superseded; the chain goes to from − 1', async () => {
    const { d, a } = await setUp()
    const p1 = packetOf(a, { seq: 1, period: '2026-08', rows: { persons: [personRow('x1', '张三', '2026-08-03T01:00:00.000Z')] } })
    const p2 = packetOf(a, { seq: 2, period: '2026-09', prev: p1.sha256, rows: { persons: [personRow('x1', '张三丰', '2026-09-03T01:00:00.000Z')] } })
    const p3 = packetOf(a, { seq: 3, period: '2026-10', prev: p2.sha256 })
    await importFiles(d, [file(1, p1), file(2, p2), file(3, p3)])
    // the station restored the backup it made after packet 1: packet 4 chains to 1, its row older than packet 2's
    const p4 = packetOf(a, { seq: 4, period: '2026-10', prev: p1.sha256, closeNo: 2, skipped: restored(2, 3), rows: { persons: [personRow('x1', '张三', '2026-08-03T01:00:00.000Z')] } })
    expect(await importFiles(d, [file(4, p4)])).toMatchObject({ imported: 1 })
    const { s, packets, line } = await state(d)
    expect(s).toMatchObject({ packets: 4, missingSeqs: [], skippedSeqs: [], supersededSeqs: [2, 3], chainBreaks: [] })
    expect(line).toMatchObject({ missingSeqs: [], supersededSeqs: [2, 3], chainBreaks: [] })
    expect(packets.map((p) => [p.seq, p.chain, p.superseded])).toEqual([
      [4, 'ok', false],
      [3, 'ok', true],
      [2, 'ok', true],
      [1, 'first', false]
    ])
    // rows newest-wins as ever: packet 2's newer version of the person stays
    const row = d.t.host.runtime.sqlite!.prepare("SELECT packet_seq AS seq FROM district_rows WHERE id = 'x1'").get()
    expect(row).toEqual({ seq: 2 })
  })

  it('whichever order they arrive in: unknown until from − 1 is here, a late packet inside the range superseded', async () => {
    const { d, a } = await setUp()
    const p1 = packetOf(a, { seq: 1, period: '2026-08' })
    const p2 = packetOf(a, { seq: 2, period: '2026-09', prev: p1.sha256 })
    const p3 = packetOf(a, { seq: 3, period: '2026-10', prev: p2.sha256 })
    const p4 = packetOf(a, { seq: 4, period: '2026-10', prev: p2.sha256, closeNo: 2, skipped: restored(3, 3) })
    const p5 = packetOf(a, { seq: 5, period: '2026-11', prev: p4.sha256 })
    await importFiles(d, [file(1, p1), file(4, p4), file(5, p5)])
    let st = await state(d)
    expect(st.s).toMatchObject({ missingSeqs: [2], skippedSeqs: [3], supersededSeqs: [] })
    expect(st.packets.map((p) => [p.seq, p.chain])).toEqual([
      [5, 'ok'],
      [4, 'unknown'],
      [1, 'first']
    ])
    // packet 2 arrives: both 3 (had it come) and 4 chain to it; only 4 is here
    await importFiles(d, [file(2, p2)])
    st = await state(d)
    expect(st.s).toMatchObject({ missingSeqs: [], skippedSeqs: [3], supersededSeqs: [], chainBreaks: [] })
    expect(st.packets.find((p) => p.seq === 4)!.chain).toBe('ok')
    // the packet the station sent before its restore turns up late: kept, superseded, nothing re-checked wrongly
    await importFiles(d, [file(3, p3)])
    st = await state(d)
    expect(st.s).toMatchObject({ packets: 5, missingSeqs: [], skippedSeqs: [], supersededSeqs: [3], chainBreaks: [] })
    expect(st.packets.map((p) => [p.seq, p.chain, p.superseded])).toEqual([
      [5, 'ok', false],
      [4, 'ok', false],
      [3, 'ok', true],
      [2, 'ok', false],
      [1, 'first', false]
    ])
  })

  it('a skip from 1: first when it names no previous packet, break when it names one; a wrong hash breaks as ever', async () => {
    const { d, a } = await setUp()
    const b = fakeStation('411523102', '新集镇服务站')
    await d.t.call('district.stationAdd', { content: b.keyFile() }, d.head)
    const first = packetOf(a, { seq: 3, period: '2026-10', skipped: { from: 1, to: 2, reason: 'not_recorded' } })
    const b1 = packetOf(b, { seq: 1, period: '2026-08' })
    const bad = packetOf(b, { seq: 3, period: '2026-10', prev: 'f'.repeat(64), skipped: restored(2, 2) })
    await importFiles(d, [{ name: 'a3', bytes: first.bytes }, { name: 'b1', bytes: b1.bytes }, { name: 'b3', bytes: bad.bytes }])
    const [sa, sb] = await d.t.call('district.stations', {}, d.head)
    expect(sa).toMatchObject({ code: a.code, missingSeqs: [], skippedSeqs: [1, 2], chainBreaks: [] })
    expect(sb).toMatchObject({ code: b.code, missingSeqs: [], skippedSeqs: [2], chainBreaks: [3] })
    const chains = (await d.t.call('district.packets', {}, d.head)).map((p) => [p.stationCode, p.seq, p.chain])
    expect(chains).toEqual([
      [a.code, 3, 'first'],
      [b.code, 3, 'break'],
      [b.code, 1, 'first']
    ])
    const c = fakeStation('411523103', '陡山河乡服务站')
    await d.t.call('district.stationAdd', { content: c.keyFile() }, d.head)
    await importFiles(d, [{ name: 'c2', bytes: packetOf(c, { seq: 2, period: '2026-10', prev: 'e'.repeat(64), skipped: restored(1, 1) }).bytes }])
    expect((await d.t.call('district.packets', { stationCode: c.code }, d.head))[0].chain).toBe('break')
  })
})
