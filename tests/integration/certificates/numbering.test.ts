/**
 * Certificate numbering through the method table: `<station code>-<year>-<5-digit serial>`,
 * sequential per year and restarting each year; never reused after restoring an older backup
 * (the counter outside the database), the skipped serials recorded with their explanation; a
 * damaged counters file refused loudly; several processes issuing at the same moment on one
 * data folder take distinct numbers with no gap.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { raiseCounter, readCounters } from '../../../src/core/counters'
import { facts, makeId } from '../../helpers/persons'
import { certificateCount, certificateStation, openSessions, type CertStation } from './setup'

let st: CertStation
beforeEach(async () => {
  st = await certificateStation()
})
afterEach(() => st.t.close())

let seq = 40
/** a married out-migrant woman of 30 */
async function woman(st: CertStation): Promise<string> {
  seq++
  const p = await st.t.call(
    'persons.create',
    facts({ idNumber: makeId('410102', '19960101', seq, 'female'), name: `测试${seq}`, migrantStatus: 'out', migrantPlace: '北京市', migrantSince: '2026-01-01' }),
    st.s.clerk
  )
  return p.id
}

const counters = (st: CertStation) => readCounters(st.t.host.runtime.paths.counters)

describe('numbering', () => {
  it('is sequential within a year, restarts at 00001 each year, and keeps the highest outside the database', async () => {
    const { t, people } = st
    expect((await st.issue(people.married, { issueDate: '2026-02-01' })).number).toBe('410102001-2026-00001')
    expect((await st.issue(await woman(st), { issueDate: '2025-12-31' })).number).toBe('410102001-2025-00001')
    expect((await st.issue(await woman(st))).number).toBe('410102001-2026-00002')
    expect((await st.issue(await woman(st), { issueDate: '2025-06-01' })).number).toBe('410102001-2025-00002')
    const next = await woman(st)
    t.clock.set(new Date('2027-01-02T02:00:00Z'))
    const later = openSessions(t)
    expect((await st.issue(next, {}, later.clerk)).number).toBe('410102001-2027-00001')
    expect(Object.fromEntries(Object.entries(counters(st)).map(([k, v]) => [k, v.value]))).toEqual({ 'certificate.2025': 2, 'certificate.2026': 2, 'certificate.2027': 1 })
    expect(await t.call('certificates.numbering', {}, later.clerk)).toEqual([
      { year: 2027, issued: 1, highest: 1, gaps: [] },
      { year: 2026, issued: 2, highest: 2, gaps: [] },
      { year: 2025, issued: 2, highest: 2, gaps: [] }
    ])
  })

  it('never reuses a number after an older backup is restored: the serials issued since are recorded as a restored_backup gap', async () => {
    const { t, people } = st
    let s = st.s
    await st.issue(people.married)
    const backup = await t.call('backups.create', {}, s.admin)
    const lost: string[] = []
    for (let i = 0; i < 3; i++) lost.push((await st.issue(await woman(st))).number)
    expect(lost.at(-1)).toBe('410102001-2026-00004')

    t.clock.advance(60_000)
    await t.call('backups.restore', { name: backup.name }, s.admin)
    s = openSessions(t)
    expect(certificateCount(st)).toBe(1)
    // the restore swaps the database file only: the counter still knows serial 4
    expect(counters(st)['certificate.2026'].value).toBe(4)
    // before the next issue, the numbering already shows the serials the database lost
    const pending = await t.call('certificates.numbering', {}, s.clerk)
    expect(pending).toMatchObject([{ year: 2026, issued: 1, highest: 4, gaps: [{ from: 2, to: 4, reason: 'restored_backup' }] }])

    t.clock.advance(60_000)
    const c = await t.call('certificates.issue', { personId: people.unmarried, migration: { destination: '北京市', since: '2026-11-01' } }, s.clerk)
    expect(c.number).toBe('410102001-2026-00005')
    const numbering = await t.call('certificates.numbering', {}, s.head)
    expect(numbering).toEqual([{ year: 2026, issued: 2, highest: 5, gaps: [{ from: 2, to: 4, reason: 'restored_backup', noticedAt: t.clock.now().toISOString() }] }])
    const gapAudit = st.sqlite().prepare("SELECT message FROM audit_log WHERE entity_id = 'numbering.2026'").all() as { message: string }[]
    expect(gapAudit.map((r) => JSON.parse(r.message))).toEqual([['certificate.gapRestored', { year: 2026, from: 2, to: 4 }]])
    // recorded once: the next issue finds nothing new to explain
    expect((await t.call('certificates.issue', { personId: (await t.call('persons.create', facts({ idNumber: makeId('410102', '19950101', 90, 'female'), name: '何丽', migrantStatus: 'out', migrantPlace: '北京市' }), s.clerk)).id }, s.clerk)).number).toBe('410102001-2026-00006')
    expect((st.sqlite().prepare('SELECT count(*) AS n FROM certificate_gaps').get() as { n: number }).n).toBe(1)
  })

  it('records serials the counter moved past without a certificate (a write that failed) as not_recorded', async () => {
    const { t, s, people } = st
    await st.issue(people.married)
    // a write that took serials 2 and 3 and never committed
    raiseCounter(t.host.runtime.paths.counters, 'certificate.2026', 3, t.clock.now().toISOString())
    t.clock.advance(1000)
    expect((await st.issue(await woman(st))).number).toBe('410102001-2026-00004')
    expect(await t.call('certificates.numbering', {}, s.clerk)).toMatchObject([{ year: 2026, issued: 2, highest: 4, gaps: [{ from: 2, to: 3, reason: 'not_recorded' }] }])
  })

  it('refuses to issue while the counters file is damaged, and leaves it for a person to look at', async () => {
    const { t, s, people } = st
    await st.issue(people.married)
    const file = t.host.runtime.paths.counters
    fs.writeFileSync(file, '{"format":"stationdesk-counters/1","counters":{"certificate.2026":{"value":1,')
    const e = await t.fail('certificates.issue', { personId: people.unmarried, migration: { destination: '北京市', since: '2026-11-01' } }, s.clerk)
    expect(e.code).toBe('INTERNAL')
    expect(e.details).toMatchObject({ problem: 'counters_damaged', file })
    expect(e.message).toContain('not reset')
    expect(certificateCount(st)).toBe(1)
    expect((await t.call('persons.get', { id: people.unmarried }, s.clerk)).migrantStatus).toBe('local')
    expect(fs.readFileSync(file, 'utf8')).toContain('"value":1,')
    expect((await t.fail('certificates.numbering', {}, s.clerk)).code).toBe('INTERNAL')
    // a missing file is no damage: the numbers continue from the database
    fs.rmSync(file)
    expect((await st.issue(await woman(st))).number).toBe('410102001-2026-00002')
  })

  it('gives distinct numbers, without gaps, to several processes issuing on one data folder at the same moment', async () => {
    const { t } = st
    const N = 4
    const ids: string[] = []
    for (let i = 0; i < N; i++) ids.push(await woman(st))
    const clerkId = (st.sqlite().prepare("SELECT id FROM users WHERE role = 'clerk'").get() as { id: string }).id
    const go = path.join(t.dir, 'go')
    const worker = path.join(__dirname, 'issueWorker.ts')
    const runs = ids.map(
      (personId) =>
        new Promise<{ ready: Promise<void>; done: Promise<string> }>((resolveStart) => {
          const child = spawn(process.execPath, ['--import', 'tsx', worker, t.dir, personId, clerkId, go], { stdio: ['ignore', 'pipe', 'pipe'] })
          let out = ''
          let err = ''
          let onReady: () => void
          const ready = new Promise<void>((r) => (onReady = r))
          child.stdout.on('data', (d) => {
            out += d
            if (out.startsWith('ready\n')) onReady()
          })
          child.stderr.on('data', (d) => (err += d))
          const done = new Promise<string>((resolve, reject) =>
            child.on('exit', (code) => (code === 0 ? resolve(out.split('\n')[1]) : reject(new Error(`worker exited ${code}: ${err}`))))
          )
          resolveStart({ ready, done })
        })
    )
    const started = await Promise.all(runs)
    await Promise.all(started.map((r) => r.ready))
    fs.writeFileSync(go, '')
    const results = (await Promise.all(started.map((r) => r.done))).map((line) => JSON.parse(line) as { ok: boolean; data: { number: string } })
    expect(results.every((r) => r.ok)).toBe(true)
    const numbers = results.map((r) => r.data.number).sort()
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => `410102001-2026-${String(i + 1).padStart(5, '0')}`))
    expect(await t.call('certificates.numbering', {}, st.s.clerk)).toEqual([{ year: 2026, issued: N, highest: N, gaps: [] }])
    expect(counters(st)['certificate.2026'].value).toBe(N)
  }, 60_000)
})
