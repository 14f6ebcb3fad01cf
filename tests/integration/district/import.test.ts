/**
 * district.import's rules, through the method table on a real district data folder: refusals by
 * reason (nothing written, audited), replays, sequence conflicts, gaps and the chain, newest row
 * wins, reports by the highest sequence number, sealed packets.
 */
import { sign } from 'node:crypto'
import { unzipSync, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { counts, fakeStation, importFiles, makeDistrict, packetOf, personRow, reportsFor, type District, type FakeStation } from './kit'

let open: District[] = []
afterEach(() => {
  for (const d of open) d.t.close()
  open = []
})

async function district(passphrase = ''): Promise<District> {
  const d = await makeDistrict(passphrase)
  open.push(d)
  return d
}

async function registered(d: District, ...sts: FakeStation[]): Promise<void> {
  for (const st of sts) await d.t.call('district.stationAdd', { content: st.keyFile() }, d.head)
}

const rowsOf = (d: District) =>
  d.t.host.runtime.sqlite!.prepare('SELECT station_code AS code, tbl, id, updated_at AS updatedAt, business_date AS date, data, packet_seq AS seq FROM district_rows ORDER BY tbl, id').all() as {
    code: string
    tbl: string
    id: string
    updatedAt: string
    date: string | null
    data: string
    seq: number
  }[]

const auditKeys = (d: District) =>
  (d.t.host.runtime.sqlite!.prepare("SELECT message FROM audit_log WHERE action = 'district.import' ORDER BY seq").all() as { message: string }[]).map((r) => JSON.parse(r.message)[0])

describe('district.import: refusals', () => {
  it('names each refusal by code and reason, writes nothing of it, and audits it', async () => {
    const d = await district()
    const a = fakeStation('411523101', '沙窝镇服务站')
    const b = fakeStation('411523102', '新集镇服务站')
    const stranger = fakeStation('411523103', '未登记服务站')
    await registered(d, a, b)
    const good = packetOf(a, { seq: 1, period: '2026-10', rows: { persons: [personRow('p1', '张三', '2026-10-03T01:00:00.000Z')] } }).bytes

    const flipped = Buffer.from(good)
    flipped[200] ^= 0x55
    const forged = packetOf(b, { seq: 1, period: '2026-10' }).bytes // b's key, b's code: fine
    // b's key signing a packet that names station a
    const bAsA = packetOf({ ...b, code: a.code }, { seq: 2, period: '2026-10' }).bytes
    const v2 = Buffer.from(good)
    v2.write('SDSIG2', good.length - 112, 'latin1')

    const r = await importFiles(d, [
      { name: 'flipped.sdpkt', bytes: flipped },
      { name: 'stranger.sdpkt', bytes: packetOf(stranger, { seq: 1, period: '2026-10' }).bytes },
      { name: 'b-as-a.sdpkt', bytes: bAsA },
      { name: 'cut.sdpkt', bytes: good.subarray(0, good.length - 40) },
      { name: 'text.sdpkt', bytes: Buffer.from('just some text that was renamed to .sdpkt, nothing else in here at all'.repeat(3)) },
      { name: 'newer.sdpkt', bytes: v2 },
      { name: 'empty.sdpkt', bytes: Buffer.alloc(0) } // a 0-byte file (a copy that failed) is refused on its own line, not the whole import
    ])
    expect(r.items.map((i) => [i.file, i.outcome, i.code, i.reason])).toEqual([
      ['flipped.sdpkt', 'refused', 'SIGNATURE_INVALID', 'bad_signature'],
      ['stranger.sdpkt', 'refused', 'SIGNATURE_INVALID', 'unknown_key'],
      ['b-as-a.sdpkt', 'refused', 'SIGNATURE_INVALID', 'wrong_station'],
      ['cut.sdpkt', 'refused', 'VALIDATION', 'truncated'],
      ['text.sdpkt', 'refused', 'VALIDATION', 'not_a_packet'],
      ['newer.sdpkt', 'refused', 'UNSUPPORTED', 'newer_format'],
      ['empty.sdpkt', 'refused', 'VALIDATION', 'not_a_packet']
    ])
    for (const i of r.items) expect(i.message).toMatch(/\(.+\)/)
    expect(r.items.find((i) => i.reason === 'newer_format')!.message).toMatch(/newer StationDesk/)
    expect(r).toMatchObject({ imported: 0, duplicates: 0, refused: 7 })
    expect(counts(d)).toMatchObject({ packets: 0, rows: 0, reports: 0 })
    expect(auditKeys(d)).toEqual(Array(7).fill('district.refused'))
    // b's own packet still imports
    expect((await importFiles(d, [{ name: 'b.sdpkt', bytes: forged }])).imported).toBe(1)
  })

  it('a newer manifest format under a good signature: a clear message, nothing imported', async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const files = unzipSync(packetOf(a, { seq: 1, period: '2026-10' }).bytes)
    const m = JSON.parse(Buffer.from(files['manifest.json']).toString())
    m.format = 'stationdesk-packet/2'
    const zip = Buffer.from(zipSync({ ...files, 'manifest.json': Buffer.from(JSON.stringify(m)) }))
    zip.writeUInt16LE(112, zip.length - 2)
    const signed = Buffer.concat([zip, Buffer.from(`SDSIG1 ${a.keyId} `)])
    const bytes = Buffer.concat([signed, Buffer.from(sign(null, signed, a.privateKey).toString('base64'))])
    const r = await importFiles(d, [{ name: 'v2.sdpkt', bytes }])
    expect(r.items[0]).toMatchObject({ outcome: 'refused', code: 'UNSUPPORTED', reason: 'newer_format' })
    expect(r.items[0].message).toContain('update this one first')
    expect(counts(d).packets).toBe(0)
  })

  it('sealed packets: opened with the district key; sealed to another district refused as not for this district', async () => {
    const d = await district()
    const other = await district()
    const a = fakeStation()
    await registered(d, a)
    const mine = packetOf(a, { seq: 1, period: '2026-10', seal: d.seal, rows: { persons: [personRow('p1', '张三', '2026-10-03T01:00:00.000Z')] } })
    const theirs = packetOf(a, { seq: 2, period: '2026-11', seal: other.seal, prev: mine.sha256 })
    expect(mine.bytes.includes(Buffer.from('张三'))).toBe(false)
    const r = await importFiles(d, [
      { name: 'mine.sdpkt', bytes: mine.bytes },
      { name: 'theirs.sdpkt', bytes: theirs.bytes }
    ])
    expect(r.items.map((i) => [i.outcome, i.reason])).toEqual([
      ['imported', undefined],
      ['refused', 'not_for_this_district']
    ])
    expect(r.items[1].message).toMatch(/not for this district/)
    expect(JSON.parse(rowsOf(d)[0].data).name).toBe('张三')
    const packets = await d.t.call('district.packets', {}, d.head)
    expect(packets).toMatchObject([{ seq: 1, sealed: true, chain: 'first', rows: 1 }])
  })

  it('a protected district key: PASSPHRASE_REQUIRED before anything is written; with it the sealed packet opens', async () => {
    const d = await district('district-pass-1')
    const saved = process.env.STATIONDESK_KEY_PASSPHRASE
    delete process.env.STATIONDESK_KEY_PASSPHRASE
    try {
      const a = fakeStation()
      const b = fakeStation('411523102')
      await registered(d, a, b)
      const plain = packetOf(b, { seq: 1, period: '2026-10' })
      const sealed = packetOf(a, { seq: 1, period: '2026-10', seal: d.seal })
      const files = [
        { name: 'plain.sdpkt', bytes: plain.bytes },
        { name: 'sealed.sdpkt', bytes: sealed.bytes }
      ]
      const e = await d.t.fail('district.import', { files: files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })) }, d.head)
      expect(e.code).toBe('PASSPHRASE_REQUIRED')
      expect(counts(d).packets).toBe(0)
      const wrong = await d.t.fail('district.import', { files: files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })), passphrase: 'not-the-one' }, d.head)
      expect(wrong.code).toBe('BAD_PASSPHRASE')
      expect(counts(d).packets).toBe(0)
      const ok = await importFiles(d, files, d.head, 'district-pass-1')
      expect(ok.imported).toBe(2)
      // both imported already: no passphrase needed to see them again as duplicates
      expect((await importFiles(d, files)).duplicates).toBe(2)
      expect((await d.t.call('district.info', {}, d.head)).sealKeyId).toMatch(/^[0-9a-f]{16}$/)
    } finally {
      if (saved !== undefined) process.env.STATIONDESK_KEY_PASSPHRASE = saved
    }
  })
})

describe('district.import: replays, sequence numbers, the chain', () => {
  it('the same packet again is a no-op; a different packet with a used sequence number is refused as a conflict', async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const p1 = packetOf(a, { seq: 1, period: '2026-10', rows: { persons: [personRow('p1', '张三', '2026-10-03T01:00:00.000Z')] } })
    expect((await importFiles(d, [{ name: '1.sdpkt', bytes: p1.bytes }])).imported).toBe(1)
    const before = counts(d)
    const audits = auditKeys(d).length
    const again = await importFiles(d, [{ name: '1-copy.sdpkt', bytes: p1.bytes }])
    expect(again).toMatchObject({ imported: 0, duplicates: 1, refused: 0 })
    expect(again.items[0]).toMatchObject({ outcome: 'duplicate', stationCode: a.code, seq: 1, rows: 0 })
    expect(counts(d)).toEqual(before)
    expect(auditKeys(d)).toHaveLength(audits)

    const other = packetOf(a, { seq: 1, period: '2026-10', rows: { persons: [personRow('p1', '张三丰', '2026-10-09T01:00:00.000Z')] } })
    const r = await importFiles(d, [{ name: '1-other.sdpkt', bytes: other.bytes }])
    expect(r.items[0]).toMatchObject({ outcome: 'refused', code: 'CONFLICT', reason: 'seq_conflict', seq: 1 })
    expect(counts(d)).toEqual(before)
    expect(JSON.parse(rowsOf(d)[0].data).name).toBe('张三')
  })

  it('a gap is flagged until the packet arrives; the chain is checked both ways', async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const p1 = packetOf(a, { seq: 1, period: '2026-08' })
    const p2 = packetOf(a, { seq: 2, period: '2026-09', prev: p1.sha256 })
    const p3 = packetOf(a, { seq: 3, period: '2026-10', prev: p2.sha256 })
    await importFiles(d, [
      { name: '1', bytes: p1.bytes },
      { name: '3', bytes: p3.bytes }
    ])
    let st = (await d.t.call('district.stations', {}, d.head))[0]
    expect(st).toMatchObject({ packets: 2, missingSeqs: [2], chainBreaks: [], last: { seq: 3, period: '2026-10' } })
    const chains = async () => (await d.t.call('district.packets', { stationCode: a.code }, d.head)).map((p) => [p.seq, p.chain])
    expect(await chains()).toEqual([
      [3, 'unknown'],
      [1, 'first']
    ])
    await importFiles(d, [{ name: '2', bytes: p2.bytes }])
    st = (await d.t.call('district.stations', {}, d.head))[0]
    expect(st).toMatchObject({ packets: 3, missingSeqs: [], chainBreaks: [] })
    expect(await chains()).toEqual([
      [3, 'ok'],
      [2, 'ok'],
      [1, 'first']
    ])
  })

  it('a packet whose previous hash is not the packet here breaks the chain, found whichever arrives first', async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const p1 = packetOf(a, { seq: 1, period: '2026-08' })
    const p2 = packetOf(a, { seq: 2, period: '2026-09', prev: 'f'.repeat(64) })
    const p4 = packetOf(a, { seq: 4, period: '2026-11', prev: 'e'.repeat(64) })
    const p3 = packetOf(a, { seq: 3, period: '2026-10', prev: p2.sha256 })
    await importFiles(d, [p1, p2, p4, p3].map((p, i) => ({ name: `${i}`, bytes: p.bytes })))
    const st = (await d.t.call('district.stations', {}, d.head))[0]
    expect(st.chainBreaks).toEqual([2, 4])
    expect(st.missingSeqs).toEqual([])
    const arr = await d.t.call('district.arrivals', { year: 2026 }, d.head)
    expect(arr.stations[0].chainBreaks).toEqual([2, 4])
  })
})

describe('district.import: rows and reports', () => {
  it('a newer row replaces the older; a late older packet overwrites nothing; business dates by table', async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const p1 = packetOf(a, {
      seq: 1,
      period: '2026-09',
      rows: {
        persons: [personRow('p1', '张三', '2026-09-03T01:00:00.000Z'), personRow('p2', '李四', '2026-09-04T01:00:00.000Z')],
        screening_records: [{ id: 'r1', exam_date: '2026-09-10', updated_at: '2026-09-10T03:00:00.000Z' }],
        inv_moves: [{ id: 'm1', date: '2026-09-12', updated_at: '2026-09-12T03:00:00.000Z' }],
        certificates: [{ id: 'c1', issue_date: '2026-09-15', updated_at: '2026-09-15T03:00:00.000Z' }],
        verifications: [{ id: 'v1', verified_on: '2026-09-16', updated_at: '2026-09-16T03:00:00.000Z' }],
        person_events: [{ id: 'e1', date: '2026-09-17', updated_at: '2026-09-17T03:00:00.000Z' }]
      }
    })
    const p2 = packetOf(a, { seq: 2, period: '2026-10', prev: p1.sha256, rows: { persons: [personRow('p1', '张三（更正）', '2026-10-05T01:00:00.000Z')] } })
    // the newer packet first, the older one late
    await importFiles(d, [{ name: '2', bytes: p2.bytes }])
    await importFiles(d, [{ name: '1', bytes: p1.bytes }])
    const rows = rowsOf(d)
    const p1Row = rows.find((r) => r.id === 'p1')!
    expect(JSON.parse(p1Row.data).name).toBe('张三（更正）')
    expect(p1Row).toMatchObject({ seq: 2, updatedAt: '2026-10-05T01:00:00.000Z', date: null })
    expect(JSON.parse(rows.find((r) => r.id === 'p2')!.data).name).toBe('李四')
    expect(Object.fromEntries(rows.filter((r) => r.tbl !== 'persons').map((r) => [r.tbl, r.date]))).toEqual({
      screening_records: '2026-09-10',
      inv_moves: '2026-09-12',
      certificates: '2026-09-15',
      verifications: '2026-09-16',
      person_events: '2026-09-17'
    })

    // in order: the correction replaces what it corrects
    const d2 = await district()
    await registered(d2, a)
    await importFiles(d2, [
      { name: '1', bytes: p1.bytes },
      { name: '2', bytes: p2.bytes }
    ])
    expect(JSON.parse(rowsOf(d2).find((r) => r.id === 'p1')!.data).name).toBe('张三（更正）')
  })

  it("a month's reports come from its packet with the highest sequence number, whichever arrives first", async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const first = packetOf(a, { seq: 1, period: '2026-10', reports: reportsFor('2026-10', 1) })
    const correction = packetOf(a, { seq: 2, period: '2026-10', prev: first.sha256, closeNo: 2, reports: reportsFor('2026-10', 3) })
    await importFiles(d, [{ name: '2', bytes: correction.bytes }])
    await importFiles(d, [{ name: '1', bytes: first.bytes }])
    const rep = await d.t.call('district.report', { period: '2026-10' }, d.head)
    expect(rep.stations[0]).toMatchObject({ arrived: true, packetSeq: 2, screened: 90, certificatesIssued: 6 })
    const arr = await d.t.call('district.arrivals', { year: 2026 }, d.head)
    expect(arr.stations[0].cells[9]).toEqual({ period: '2026-10', status: 'arrived', seqs: [1, 2], corrected: true })
  })

  it('a packet with a row lacking its id is refused whole', async () => {
    const d = await district()
    const a = fakeStation()
    await registered(d, a)
    const bad = packetOf(a, { seq: 1, period: '2026-10', rows: { persons: [personRow('p1', '张三', '2026-10-03T01:00:00.000Z'), { name: 'no id', updated_at: '2026-10-03T01:00:00.000Z' }] } })
    const r = await importFiles(d, [{ name: 'bad', bytes: bad.bytes }])
    expect(r.items[0]).toMatchObject({ outcome: 'refused', code: 'VALIDATION', reason: 'bad_row' })
    expect(counts(d)).toMatchObject({ packets: 0, rows: 0 })
  })
})
