/**
 * Fuzzing the backup files an administrator restores (backups.restoreFile: plain backups and
 * encrypted exports, with, without and with a wrong passphrase) and the files the recovery
 * screen offers (recovery.status, recovery.restore of a file in the backups folder), starting
 * from real backups of a demo station (tests/fuzz/backupKit.ts mutates them).
 *
 * Each input is either refused with a clear error — the live database's content, its audit
 * chain and the data folder's files untouched, the app still answering — or, when the file is
 * still a sound StationDesk database (SQLite's integrity check, its tables, one station, a
 * schema this version knows), restored: the live database then holds exactly the file's rows
 * plus the restore's audit row. Never a half-restored database.
 * FUZZ_SEED=<n> replays a run; a failing input is kept in tests/.tmp/fuzz-failures/.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError } from '../../src/api/contract'
import { verifyChain } from '../../src/core/audit/chain'
import { createDemoStation } from '../../src/core/demo/demo'
import { makeHost, tmpDir, type TestHost } from '../helpers/host'
import { decryptBackup } from '../../src/core/backups/crypto'
import { digestOf, mutateExport, mutateSqlite, sealLight, sqlMutant, withFile, type Digest, type Mutant } from './backupKit'
import { keepFailure, unclearError } from './clearError'
import { FUZZ_SEED, mutateText, rng, scaled, type Rng } from './mutate'
import { soundDatabase } from './backupSound'

const PASS = 'usb stick pass'
type Call = { ok: true; data: unknown } | { ok: false; error: ApiError }

let t: TestHost
let plain: Buffer
let exported: Buffer
/** the database inside the export (the export wrote an audit row of its own, so it is not `plain`) */
let exportedInner: Buffer
let scratch: string
let original: Digest
/** the live database's digest as the last trial left it (a refusal must leave it so) */
let baseline: Digest

const operator = () => t.host.openLocalSession({ userId: null, username: 'fuzz', displayName: 'fuzz', role: 'admin', roles: ['admin', 'head'], actor: 'fuzz' })
const call = async (method: string, input: unknown, sid: string | null = operator()): Promise<Call> =>
  (await t.host.call(method, input, { sessionId: sid, transport: 'test' })).result as Call
const live = () => t.host.runtime.sqlite!
const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort().join(',') : '')

beforeAll(async () => {
  t = makeHost()
  await createDemoStation(t.host, 'cli:demo', { persons: 60 })
  const b = (await call('backups.create', {})) as { ok: true; data: { name: string } }
  plain = fs.readFileSync(path.join(t.host.runtime.paths.backups, b.data.name))
  exported = Buffer.from(((await call('backups.export', { passphrase: PASS })) as { ok: true; data: { base64: string } }).data.base64, 'base64')
  exportedInner = decryptBackup(exported, PASS)
  scratch = tmpDir('sd-fuzz-backups-')
  original = digestOf(live())
  baseline = original
  expect(soundDatabase(plain, scratch)).toBeNull()
}, 60_000)
afterAll(() => t?.close())

interface Trial {
  /** the file's bytes as the administrator picked it */
  bytes: Buffer
  passphrase: string
  how: string
  /** the database inside, when the file would open to one (a plain file: itself; an export: what was sealed) */
  inner: Buffer | null
}

/** one restore attempt and what is wrong with its outcome (null when it is sound) */
async function attempt(trial: Trial, stats: Record<string, number>): Promise<string | null> {
  const rt = t.host.runtime
  const before = { digest: baseline, root: files(rt.paths.root), backups: files(rt.paths.backups) }
  const out = await call('backups.restoreFile', { base64: trial.bytes.toString('base64'), passphrase: trial.passphrase })
  if (rt.recovery) return `the runtime is in recovery mode after the restore (${out.ok ? 'restored' : out.error.code}): ${rt.problem}`
  if (!out.ok) {
    stats[`refused ${out.error.code}`] = (stats[`refused ${out.error.code}`] ?? 0) + 1
    const unclear = unclearError(out.error)
    if (unclear) return `refused unclearly: ${unclear}`
    if (JSON.stringify(digestOf(live())) !== JSON.stringify(before.digest)) return `refused (${out.error.code}) but the live database changed`
    if (files(rt.paths.root) !== before.root || files(rt.paths.backups) !== before.backups)
      return `refused (${out.error.code}) but files changed: ${before.root} | ${before.backups} -> ${files(rt.paths.root)} | ${files(rt.paths.backups)}`
    return null
  }
  stats.restored = (stats.restored ?? 0) + 1
  const kept = path.join(rt.paths.backups, (out.data as { keptAs: string }).keptAs)
  try {
    if (!trial.inner) return 'restored a file that holds no database'
    const unsound = soundDatabase(trial.inner, scratch)
    if (unsound) return `restored a file that is not a sound StationDesk database: ${unsound}`
    return sameAsFile(trial.inner) ?? (fs.existsSync(kept) ? null : `the data before the restore is not kept as ${kept}`)
  } finally {
    fs.rmSync(kept, { force: true })
    // back to the demo station when the restored rows changed who it is (its station, users, schema, settings)
    const now = digestOf(live())
    if (Object.keys(original).some((k) => k !== 'audit_log' && now[k] !== original[k])) stats['restored, rows changed'] = (stats['restored, rows changed'] ?? 0) + 1
    if (['station', 'users', '__drizzle_migrations', 'meta'].some((k) => now[k] !== original[k])) {
      const back = await call('backups.restoreFile', { base64: plain.toString('base64') })
      if (!back.ok) throw new Error(`the original backup no longer restores: ${back.error.code} ${back.error.message}`)
      fs.rmSync(path.join(rt.paths.backups, (back.data as { keptAs: string }).keptAs))
    }
    baseline = digestOf(live())
  }
}

const maxSeq = (db: import('better-sqlite3').Database) => (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n

/** the live database holds exactly the file's rows and one audit row more, and it works */
function sameAsFile(inner: Buffer, db = live()): string | null {
  const file = path.join(scratch, 'inner.db')
  fs.writeFileSync(file, inner)
  const { digest, seq, chain } = withFile(file, (f) => ({ digest: digestOf(f), seq: maxSeq(f), chain: verifyChain(f).ok }))
  if (maxSeq(db) !== seq + 1) return `restored with ${maxSeq(db)} audit rows, the file had ${seq} (+1 expected)`
  const now = digestOf(db, seq)
  const differ = Object.keys({ ...digest, ...now }).filter((k) => digest[k] !== now[k])
  if (differ.length) return `restored, but the live tables differ from the file's: ${differ.join(', ')}`
  if (JSON.stringify(db.pragma('integrity_check')) !== JSON.stringify([{ integrity_check: 'ok' }])) return 'restored, but the live database fails its integrity check'
  if (verifyChain(db).ok !== chain) return `restored, and the audit chain ${chain ? 'broke' : 'mended itself'}`
  return null
}

function record(failures: string[], reader: string, i: number, trial: Trial, why: string | null): void {
  if (!why) return
  const file = keepFailure(reader, FUZZ_SEED, i, trial.bytes, 'bin')
  failures.push(`#${i} seed ${FUZZ_SEED} [${trial.how}${trial.passphrase === PASS ? '' : `; passphrase ${JSON.stringify(trial.passphrase)}`}]: ${why} (input kept in ${file})`)
}

function plainTrial(r: Rng): Trial {
  const m: Mutant = r.next() < 0.06 ? sqlMutant(plain, scratch, r) : mutateSqlite(plain, r)
  return { bytes: m.bytes, passphrase: r.next() < 0.1 ? PASS : '', how: `plain ${m.how}`, inner: m.bytes.subarray(0, 6).toString('latin1') === 'SDBAK1' ? null : m.bytes }
}

function encryptedTrial(r: Rng): Trial {
  const k = r.int(20)
  if (k < 8) {
    const m = mutateExport(exported, r)
    return { bytes: m.bytes, passphrase: PASS, how: `export ${m.how}`, inner: exportedInner }
  }
  if (k < 17) {
    const m = r.next() < 0.1 ? sqlMutant(plain, scratch, r) : mutateSqlite(plain, r)
    return { bytes: sealLight(m.bytes, PASS), passphrase: PASS, how: `sealed again around plain ${m.how}`, inner: m.bytes }
  }
  if (k < 19) {
    const pass = r.pick(['', ' ', 'wrong pass!', `${PASS} `, PASS.toUpperCase(), 'usb stick pas', '😀'.repeat(50)])
    return { bytes: exported, passphrase: pass, how: 'the export, another passphrase', inner: exportedInner }
  }
  const m = mutateText(exported.toString('base64'), r)
  return { bytes: Buffer.from(m.text, 'base64'), passphrase: PASS, how: `the export's base64: ${m.how}`, inner: exportedInner }
}

describe('backups.restoreFile, mutated files', () => {
  const PLAIN = scaled(320)
  const ENCRYPTED = scaled(150)
  it(`${PLAIN} plain backups and ${ENCRYPTED} encrypted exports (seed ${FUZZ_SEED}): refused clearly with the live data untouched, or restored whole`, async () => {
    const r = rng(FUZZ_SEED)
    const failures: string[] = []
    const stats: Record<string, number> = {}
    const t0 = Date.now()
    const ms: Record<string, number> = {}
    for (let i = 0; i < PLAIN + ENCRYPTED && failures.length < 20; i++) {
      const t1 = Date.now()
      const trial = i < PLAIN ? plainTrial(r) : encryptedTrial(r)
      record(failures, i < PLAIN ? 'backup-plain' : 'backup-export', i, trial, await attempt(trial, stats))
      const kind = trial.how.split(' ').slice(0, 2).join(' ')
      ms[kind] = (ms[kind] ?? 0) + Date.now() - t1
      if (t.host.runtime.recovery) break
    }
    console.log(`backup fuzz, seed ${FUZZ_SEED}: ${PLAIN + ENCRYPTED} inputs in ${Date.now() - t0} ms: ${JSON.stringify(stats)}; ms by kind ${JSON.stringify(ms)}`)
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([])
    // the demo station's own backup still restores, whole, and the app works on it
    const back = await call('backups.restoreFile', { base64: plain.toString('base64') })
    expect(back, JSON.stringify(back)).toMatchObject({ ok: true })
    expect(sameAsFile(plain)).toBeNull()
    expect((await call('audit.verify', {})) as { ok: true; data: { ok: boolean } }).toMatchObject({ ok: true, data: { ok: true } })
    expect(await call('dashboard.summary', {})).toMatchObject({ ok: true, data: { audit: { chainOk: true } } })
    expect(await call('staff.list', {})).toMatchObject({ ok: true })
    if (PLAIN >= 200) expect(stats.restored ?? 0, 'no mutated file was ever restored: the fuzz never reached a restore').toBeGreaterThan(0)
  }, 90_000)
})

describe('recovery mode, mutated files in the backups folder', () => {
  const N = scaled(80)
  it(`${N} mutated backups offered to a station that cannot open its database (seed ${FUZZ_SEED}): listed only when sound, restored whole or refused with the damaged file untouched`, async () => {
    const r = rng(FUZZ_SEED + 1)
    const dir = tmpDir('sd-fuzz-recovery-')
    const db = path.join(dir, 'stationdesk.db')
    const damaged = Buffer.from(plain).fill(0x42, 0, 100)
    fs.mkdirSync(path.join(dir, 'backups'))
    fs.writeFileSync(db, damaged)
    let rh = makeHost(dir)
    const failures: string[] = []
    const stats: Record<string, number> = {}
    const t0 = Date.now()
    try {
      for (let i = 0; i < N && failures.length < 20; i++) {
        const m = r.next() < 0.1 ? sqlMutant(plain, scratch, r) : mutateSqlite(plain, r)
        const name = `stationdesk-20261119-${String(90000 + i).padStart(6, '0')}-manual.db`
        const file = path.join(dir, 'backups', name)
        fs.writeFileSync(file, m.bytes)
        const trial: Trial = { bytes: m.bytes, passphrase: '', how: `in the backups folder: ${m.how}`, inner: m.bytes }
        const rcall = async (method: string, input: unknown, sid: string | null = null) => (await rh.host.call(method, input, { sessionId: sid, transport: 'test' })).result as Call
        const why = await (async (): Promise<string | null> => {
          if (!rh.host.runtime.recovery) return 'not in recovery mode before the trial'
          const status = (await rcall('recovery.status', {})) as { ok: true; data: { goodBackups: { name: string }[] } }
          const listed = status.ok && status.data.goodBackups.some((b) => b.name === name)
          const sound = soundDatabase(m.bytes, scratch)
          if (listed && sound) return `the recovery screen offers an unsound file: ${sound}`
          const root = files(dir)
          const damagedKept = fs.readdirSync(dir).filter((n) => n.includes('.damaged-')).length
          // as the recovery screen does, or (every third) as the CLI operator restoring a picked file
          const viaFile = i % 3 === 2
          const sid = viaFile ? rh.host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'admin', roles: ['admin'], actor: 'op' }) : null
          const out = viaFile ? await rcall('backups.restoreFile', { base64: m.bytes.toString('base64') }, sid) : await rcall('recovery.restore', { name })
          const key = `${viaFile ? 'file' : 'recovery'} ${out.ok ? 'restored' : `refused ${out.error.code}`}${listed ? ' (listed)' : ''}`
          stats[key] = (stats[key] ?? 0) + 1
          if (!out.ok) {
            const unclear = unclearError(out.error)
            if (unclear) return `refused unclearly: ${unclear}`
            if (!rh.host.runtime.recovery) return 'refused, yet the station left recovery mode'
            if (!fs.existsSync(db) || !fs.readFileSync(db).equals(damaged)) return 'refused, but the damaged file was changed or moved'
            if (files(dir) !== root) return `refused, but files changed: ${root} -> ${files(dir)}`
            return null
          }
          if (rh.host.runtime.recovery) return 'restored, yet still in recovery mode'
          if (!listed) return 'restored a file the recovery screen did not offer'
          if (sound) return `restored a file that is not a sound StationDesk database: ${sound}`
          const kept = (out.data as { keptAs: string }).keptAs
          if (!fs.existsSync(path.join(dir, kept)) || !fs.readFileSync(path.join(dir, kept)).equals(damaged)) return `the damaged file is not kept whole as ${kept}`
          if (fs.readdirSync(dir).filter((n) => n.includes('.damaged-')).length !== damagedKept + 1) return 'an earlier damaged file was overwritten'
          return sameAsFile(m.bytes, rh.host.runtime.sqlite!)
        })()
        if (why) record(failures, 'backup-recovery', i, trial, why)
        fs.rmSync(file, { force: true })
        if (!rh.host.runtime.recovery) {
          // damage the live file again for the next trial
          rh.close()
          for (const ext of ['-wal', '-shm']) fs.rmSync(db + ext, { force: true })
          fs.writeFileSync(db, damaged)
          rh = makeHost(dir)
        }
      }
    } finally {
      rh.close()
    }
    console.log(`recovery fuzz, seed ${FUZZ_SEED}: ${N} inputs in ${Date.now() - t0} ms: ${JSON.stringify(stats)}`)
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([])
    if (N >= 50) expect(Object.keys(stats).some((k) => k.includes('restored'))).toBe(true)
  }, 60_000)
})
