/**
 * district.import as a job (jobs.start): progress per file, and a cancel between files, which
 * keeps the packets imported before it (each whole) and says how many in the CANCELLED error.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { counts, fakeStation, makeDistrict, packetOf, personRow, type District } from './kit'

/** starts the import as a job, cancels it once `n` files are done, and waits for it to end */
async function cancelAfter(d: District, files: { name: string; base64: string }[], n: number) {
  const { jobId } = await d.t.call('jobs.start', { method: 'district.import', input: { files } }, d.head)
  const phases = new Set<string>()
  for (let i = 0; i < 10_000; i++) {
    const s = await d.t.call('jobs.status', { jobId }, d.head)
    phases.add(s.phase)
    if (s.phase === 'importing' && s.done >= n) break
    await new Promise((r) => setImmediate(r))
  }
  await d.t.call('jobs.cancel', { jobId }, d.head)
  let s = await d.t.call('jobs.status', { jobId }, d.head)
  while (s.state === 'running') {
    await new Promise((r) => setTimeout(r, 5))
    s = await d.t.call('jobs.status', { jobId }, d.head)
  }
  return { s, phases }
}

let open: District[] = []
afterEach(() => {
  for (const d of open) d.t.close()
  open = []
})

describe('district.import as a job', () => {
  it('reports progress per file; a cancel between files keeps the packets imported before it, each whole, and says so', async () => {
    const d = await makeDistrict()
    open.push(d)
    const a = fakeStation()
    await d.t.call('district.stationAdd', { content: a.keyFile() }, d.head)
    let prev: string | null = null
    const files = Array.from({ length: 40 }, (_, i) => {
      const rows = Array.from({ length: 20 }, (_, j) => personRow(`p${i}-${j}`, `人${j}`, '2026-10-03T01:00:00.000Z'))
      const p = packetOf(a, { seq: i + 1, period: '2026-10', prev, rows: { persons: rows } })
      prev = p.sha256
      return { name: `${String(i + 1).padStart(2, '0')}.sdpkt`, base64: p.bytes.toString('base64') }
    })
    const { s, phases } = await cancelAfter(d, files, 3)
    expect(phases).toContain('importing')
    expect(s.state).toBe('cancelled')
    const imported = s.error!.details!.imported as number
    expect(imported).toBeGreaterThanOrEqual(3)
    expect(imported).toBeLessThan(40)
    expect(s.error!.message).toMatch(new RegExp(`${imported} packets imported before the cancel stay imported \\(each whole\\)`))
    expect(s.error!.details!.notRead).toHaveLength(40 - imported)
    expect(counts(d)).toMatchObject({ packets: imported, rows: imported * 20, reports: 4 })
  })
  it('refusals before a cancel are audited too', async () => {
    const d = await makeDistrict()
    open.push(d)
    const stranger = fakeStation()
    const files = Array.from({ length: 30 }, (_, i) => ({ name: `x${i}.sdpkt`, base64: packetOf(stranger, { seq: i + 1, period: '2026-10' }).bytes.toString('base64') }))
    const { s } = await cancelAfter(d, files, 3)
    expect(s.state).toBe('cancelled')
    const refused = s.error!.details!.refused as number
    expect(refused).toBeGreaterThanOrEqual(3)
    const audited = d.t.host.runtime.sqlite!.prepare("SELECT count(*) AS n FROM audit_log WHERE message LIKE '%district.refused%'").get() as { n: number }
    expect(audited.n).toBe(refused)
    expect(counts(d).packets).toBe(0)
  })
})
