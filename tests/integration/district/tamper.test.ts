/**
 * Any single changed byte anywhere in a real packet (the demo station's export, unsealed and
 * sealed) is refused at the district, and nothing is imported: 1,000 random changes, the
 * district's packets and rows exactly as before; the untouched packets then import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesOf, packetStation, type PacketStation } from '../packets/kit'
import { counts, importFiles, makeDistrict, type District } from './kit'

let st: PacketStation
let d: District
let plain: Buffer
let sealed: Buffer

beforeAll(async () => {
  st = await packetStation()
  d = await makeDistrict()
  const own = await st.t.call('keys.exportPublic', {}, st.s.admin)
  await d.t.call('district.stationAdd', { content: Buffer.from(own.base64, 'base64').toString('utf8') }, d.head)
  // an unsealed packet (no district key at the station yet), then a sealed one
  await st.t.call('periods.close', { period: '2026-09', acceptWarnings: true }, st.s.head)
  plain = bytesOf(await st.exportMonth('2026-09'))
  const list = await d.t.call('district.keysExport', {}, d.head)
  await st.t.call('keys.districtSet', { content: Buffer.from(list.base64, 'base64').toString('utf8'), replace: false }, st.s.admin)
  await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
  sealed = bytesOf(await st.exportMonth('2026-10'))
  // the district holds something already, so "unchanged" means more than empty
  const other = await st.t.call('packets.list', {}, st.s.head)
  expect(other.packets.map((p) => p.sealed)).toEqual([true, false])
}, 60_000)

afterAll(() => {
  st.t.close()
  d.t.close()
})

function mutants(good: Buffer, n: number, seed: number): { name: string; bytes: Buffer }[] {
  let s = seed
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  return Array.from({ length: n }, (_, i) => {
    const bad = Buffer.from(good)
    const at = Math.floor(rand() * bad.length)
    bad[at] = (bad[at] + 1 + Math.floor(rand() * 255)) % 256
    return { name: `mutant-${i}-at-${at}.sdpkt`, bytes: bad }
  })
}

describe('tampered packets', () => {
  it('1,000 random single-byte changes: every one refused, nothing imported', async () => {
    // the unsealed packet imported first: the district has rows to keep unchanged
    expect((await importFiles(d, [{ name: 'plain.sdpkt', bytes: plain }])).imported).toBe(1)
    const before = counts(d)
    expect(before.rows).toBeGreaterThan(100)
    const reasons = new Map<string, number>()
    for (const [good, seed] of [
      [plain, 7],
      [sealed, 11]
    ] as const) {
      const all = mutants(good, 500, seed)
      for (let i = 0; i < all.length; i += 100) {
        const r = await importFiles(d, all.slice(i, i + 100))
        expect(r.imported + r.duplicates, r.items.filter((x) => x.outcome !== 'refused').map((x) => x.file).join(', ')).toBe(0)
        for (const item of r.items) reasons.set(item.reason!, (reasons.get(item.reason!) ?? 0) + 1)
      }
    }
    expect([...reasons.values()].reduce((a, b) => a + b, 0)).toBe(1000)
    expect(reasons.get('bad_signature')).toBeGreaterThan(900)
    expect(counts(d)).toEqual(before)
    // the genuine sealed packet still imports, its chain intact
    const ok = await importFiles(d, [{ name: 'sealed.sdpkt', bytes: sealed }])
    expect(ok.items[0]).toMatchObject({ outcome: 'imported', seq: 2 })
    expect((await d.t.call('district.packets', {}, d.head)).map((p) => p.chain)).toEqual(['ok', 'first'])
  }, 120_000)

  it("the signature's last character: none of the 63 others is accepted (their unused bits included)", async () => {
    const at = sealed.length - 3
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
    const files = [...alphabet]
      .filter((ch) => ch.charCodeAt(0) !== sealed[at])
      .map((ch) => {
        const b = Buffer.from(sealed)
        b[at] = ch.charCodeAt(0)
        return { name: `sig-${ch}.sdpkt`, bytes: b }
      })
    const before = counts(d)
    const r = await importFiles(d, files)
    expect(r.refused).toBe(63)
    expect(new Set(r.items.map((i) => i.reason))).toEqual(new Set(['bad_signature']))
    expect(counts(d)).toEqual(before)
  })
})
