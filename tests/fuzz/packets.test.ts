/**
 * Fuzzing the monthly packet's readers: district.import and the offline `stationdesk packet
 * verify` (run in-process), each given every input.
 *  1. outside the signature: 1–3 byte changes of whole genuine files (the app's own writer,
 *     sealed and not): each refused in words, nothing written;
 *  2. behind it: packets the fuzzer signs with the station's key after breaking their content
 *     (rows, data files, gzip, reports, the archive's entries, the manifest, the seal;
 *     packetMutants.ts): each imported (and then readable: the district's pages answer, the
 *     rows it took are well formed) or refused in words with nothing of it written; never
 *     INTERNAL, never a crash.
 * A failure prints the seed (FUZZ_SEED=<n> replays it) and the mutation, and saves the input to
 * tests/.tmp/fuzz-failures/; the input in hand is kept there too while it is read, so a crash of
 * the worker leaves it behind.
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DistrictImportResult } from '../../src/api/district'
import { run } from '../../src/cli/main'
import { tmpDir } from '../helpers/host'
import { counts, fakeStation, fileOf, makeDistrict, packetOf, personRow, type District, type FakeStation } from '../integration/district/kit'
import { FUZZ_SEED, mutateBytesMany, rng, scaled } from './mutate'
import { packetMutant } from './packetMutants'
import { assemble, draftOf, saveFailure, type PacketDraft } from './signedKit'

const OUTSIDE = scaled(600)
const BEHIND = scaled(1400)
const PERIOD = '2026-10'

const locale = (lang: string, domain: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../src/ui/locales/${lang}/${domain}.json`), 'utf8')) as Record<string, Record<string, unknown>>
const LANGS = ['zh-CN', 'en']
const codeKnown = (code: string) => LANGS.every((l) => typeof locale(l, 'errors').code[code] === 'string')
const reasonKnown = (reason: string) => LANGS.every((l) => typeof locale(l, 'district').reason[reason] === 'string')

let d: District
let st: FakeStation
let dir: string
const inflight = path.resolve(__dirname, '../.tmp/fuzz-failures/packets-inflight')

beforeAll(async () => {
  d = await makeDistrict()
  st = fakeStation()
  await d.t.call('district.stationAdd', { content: st.keyFile() }, d.head)
  dir = tmpDir('sd-fuzz-pkt-')
  fs.writeFileSync(path.join(dir, 'trust.json'), st.keyFile())
  fs.mkdirSync(path.dirname(inflight), { recursive: true })
  countWrites()
}, 60_000)

afterAll(() => {
  d.t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const DISTRICT_TABLES = ['district_packets', 'district_rows', 'district_reports', 'district_stations']

/**
 * Every insert, update and delete of the district's tables, counted by temporary triggers on the
 * core's own connection (they live as long as it), so "nothing written" costs nothing to check
 * however many rows the imported mutants left.
 */
function countWrites(): void {
  const db = d.t.host.runtime.sqlite!
  db.exec('CREATE TEMP TABLE fuzz_writes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)')
  for (const tbl of DISTRICT_TABLES) {
    db.prepare('INSERT INTO fuzz_writes VALUES (?, 0)').run(tbl)
    for (const op of ['INSERT', 'UPDATE', 'DELETE'])
      db.exec(`CREATE TEMP TRIGGER fuzz_${tbl}_${op} AFTER ${op} ON main.${tbl} BEGIN UPDATE fuzz_writes SET n = n + 1 WHERE tbl = '${tbl}'; END`)
  }
}

/** the writes so far to each district table */
function fingerprint(): Record<string, number> {
  const rows = d.t.host.runtime.sqlite!.prepare('SELECT tbl, n FROM fuzz_writes').all() as { tbl: string; n: number }[]
  return Object.fromEntries(rows.map((r) => [r.tbl, r.n]))
}

const ISO_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/
function realDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const t = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
  return !!m && !!t && t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() === Number(m[2]) - 1 && t.getUTCDate() === Number(m[3])
}

/** what an imported packet left must be well formed: its rows, and the pages reading them */
async function importedProblems(seq: number, period: string): Promise<string[]> {
  const out: string[] = []
  const rows = d.t.host.runtime.sqlite!.prepare('SELECT tbl, id, updated_at AS u, business_date AS b, data FROM district_rows WHERE station_code = ? AND packet_seq = ?').all(st.code, seq) as {
    tbl: string
    id: string
    u: string
    b: string | null
    data: string
  }[]
  for (const r of rows) {
    let doc: Record<string, unknown> | null = null
    try {
      doc = JSON.parse(r.data) as Record<string, unknown>
    } catch {
      out.push(`${r.tbl} ${r.id}: data is not JSON`)
    }
    if (doc && (doc.id !== r.id || doc.updated_at !== r.u)) out.push(`${r.tbl}: id/updated_at columns differ from the row's JSON`)
    if (!ISO_STAMP.test(r.u)) out.push(`${r.tbl} ${r.id.slice(0, 20)}: updated_at ${JSON.stringify(r.u.slice(0, 30))} is not a time`)
    if (r.b !== null && !realDate(r.b)) out.push(`${r.tbl} ${r.id.slice(0, 20)}: business date ${JSON.stringify(r.b.slice(0, 30))} is not a date`)
  }
  const reads: [string, unknown][] = [
    ['district.packets', { period }],
    ['district.stations', {}],
    ['district.report', { period }],
    ['district.arrivals', { year: Number(period.slice(0, 4)) }]
  ]
  for (const [method, input] of reads) {
    const res = await d.t.host.call(method as 'district.report', input as { period: string }, { sessionId: d.head, transport: 'test' })
    if (!res.result.ok) out.push(`${method} after the import: ${res.result.error.code} ${res.result.error.message}`)
    else if (method === 'district.report') {
      const totals = JSON.stringify((res.result.data as { totals: unknown }).totals)
      if (/null|"[a-zA-Z]+":"/.test(totals)) out.push(`district.report totals not numbers: ${totals.slice(0, 200)}`)
    }
  }
  return out.slice(0, 5)
}

/** district.import of one file: the problems (empty when imported cleanly or refused in words) */
async function importProblems(bytes: Buffer, mustRefuse: boolean): Promise<{ problems: string[]; outcome: string }> {
  const before = fingerprint()
  const res = await d.t.host.call('district.import', { files: [fileOf('f.sdpkt', bytes)] }, { sessionId: d.head, transport: 'test' })
  if (!res.result.ok) return { problems: [`the import failed as a whole: ${res.result.error.code} ${res.result.error.message}`], outcome: 'error' }
  const item = (res.result.data as DistrictImportResult).items[0]
  const problems: string[] = []
  if (item.outcome === 'refused') {
    if (!item.code || item.code === 'INTERNAL' || !codeKnown(item.code)) problems.push(`refused with code ${item.code}: ${item.message}`)
    if (!item.message?.trim()) problems.push('refused without a message')
    if (!item.reason || !reasonKnown(item.reason)) problems.push(`refused with a reason not in words: ${item.reason} (${item.message})`)
    if (JSON.stringify(fingerprint()) !== JSON.stringify(before)) problems.push(`refused, yet the district's tables changed: ${JSON.stringify(before)} → ${JSON.stringify(fingerprint())}`)
  } else if (mustRefuse) problems.push(`a changed file was ${item.outcome}`)
  else if (item.outcome === 'imported') {
    if (fingerprint().district_packets <= before.district_packets) problems.push('imported, but no packet row written')
    problems.push(...(await importedProblems(item.seq!, item.period!)))
  }
  return { problems, outcome: item.outcome === 'refused' ? `refused:${item.reason}` : item.outcome }
}

/** `stationdesk packet verify FILE --trust … --district-key … --json` in-process */
async function verifyProblems(bytes: Buffer, mustRefuse: boolean): Promise<{ problems: string[]; outcome: string }> {
  const file = path.join(dir, 'p.sdpkt')
  fs.writeFileSync(file, bytes)
  let stdout = ''
  const argv = ['packet', 'verify', file, '--trust', path.join(dir, 'trust.json'), '--district-key', d.t.host.runtime.paths.privateKey, '--json']
  const exit = await run(argv, { stdout: (s) => (stdout += s), stderr: () => undefined, cwd: dir, env: {}, readLine: async () => null })
  let out: { valid?: boolean; error?: { code: string; message: string; details?: { reason?: string } } } = {}
  try {
    out = JSON.parse(stdout.trim().split('\n').pop() ?? '') as typeof out
  } catch {
    return { problems: [`exit ${exit}, output not JSON: ${stdout.slice(0, 200)}`], outcome: 'error' }
  }
  if (exit === 0 && out.valid) return { problems: mustRefuse ? ['a changed file verified as valid'] : [], outcome: 'valid' }
  const e = out.error
  const reason = e?.details?.reason
  const problems = exit !== 1 || !e || e.code === 'INTERNAL' || !codeKnown(e.code) || !e.message || !reason || !reasonKnown(reason) ? [`exit ${exit}: ${JSON.stringify(out).slice(0, 300)}`] : []
  return { problems, outcome: `refused:${reason}` }
}

interface Tally {
  failures: string[]
  outcomes: Map<string, number>
}

async function check(kind: string, i: number, bytes: Buffer, how: string, mustRefuse: boolean, tally: Tally): Promise<void> {
  fs.writeFileSync(inflight, bytes)
  fs.writeFileSync(`${inflight}.how.txt`, `${kind} #${i}: ${how}\nreplay: FUZZ_SEED=${FUZZ_SEED}\n`)
  for (const [reader, f] of [['import', importProblems], ['verify', verifyProblems]] as const) {
    const r = await f(bytes, mustRefuse)
    const key = `${reader} ${r.outcome}`
    tally.outcomes.set(key, (tally.outcomes.get(key) ?? 0) + 1)
    if (r.problems.length && tally.failures.length < 20) {
      const saved = saveFailure(`${kind}-${reader}`, FUZZ_SEED, i, bytes, `${how}\n${r.problems.join('\n')}`)
      tally.failures.push(`seed ${FUZZ_SEED} ${kind} #${i} (${reader}) ${how}: ${r.problems.join('; ')} [saved ${saved}]`)
    }
  }
}

const summary = (t: Tally) => [...t.outcomes].sort().map(([k, n]) => `${k} ${n}`).join(', ')

describe(`packets: fuzz (seed ${FUZZ_SEED})`, () => {
  it(`outside the signature: ${OUTSIDE} byte-mutated packets, each refused in words by both readers, nothing written`, async () => {
    const r = rng(FUZZ_SEED)
    const rows = { persons: Array.from({ length: 40 }, (_, i) => personRow(`g-${i}`, `人${i}`, '2026-10-03T01:00:00.000Z')) }
    const genuine = [packetOf(st, { seq: 1, period: PERIOD, rows }).bytes, packetOf(st, { seq: 2, period: PERIOD, rows, seal: d.seal }).bytes]
    // the district holds something, so "nothing written" means more than empty
    expect((await d.t.call('district.import', { files: [fileOf('g1.sdpkt', genuine[0])] }, d.head)).imported).toBe(1)
    const tally: Tally = { failures: [], outcomes: new Map() }
    for (let i = 0; i < OUTSIDE; i++) {
      const m = mutateBytesMany(genuine[i % 2], r)
      await check('outside', i, m.bytes, `${i % 2 ? 'sealed' : 'plain'} packet: ${m.how}`, true, tally)
    }
    console.log(`packets outside the signature (seed ${FUZZ_SEED}): ${summary(tally)}`)
    expect(tally.failures).toEqual([])
    expect(counts(d).packets).toBe(1)
  }, 240_000)

  it(`behind the signature: ${BEHIND} malformed packets signed anew, each imported cleanly or refused in words, never INTERNAL`, async () => {
    const r = rng(FUZZ_SEED + 1)
    const tally: Tally = { failures: [], outcomes: new Map() }
    for (let i = 0; i < BEHIND; i++) {
      const sealed = i % 2 === 1
      const m = packetMutant(r, sealed)
      // ten years of months, so each month's report reads a few packets' rows
      const period = `${2016 + Math.floor((i % 120) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
      const draft = draftOf(`m${i}`, 10 + i, period, sealed ? d.seal : null)
      let bytes: Buffer
      try {
        m.draft?.(draft)
        bytes = assemble(st, draft, m.hooks)
      } catch (e) {
        throw new Error(`seed ${FUZZ_SEED} #${i}: the fuzzer could not build ${m.how}: ${String(e)}`)
      }
      await check('behind', i, bytes, `${sealed ? 'sealed' : 'plain'} packet: ${m.how}`, false, tally)
    }
    console.log(`packets behind the signature (seed ${FUZZ_SEED}): ${summary(tally)}`)
    expect(tally.failures).toEqual([])
    // the mutants reached the readers behind the signature: most were refused for their content, some imported
    const refusedFor = (reason: string) => tally.outcomes.get(`import refused:${reason}`) ?? 0
    expect(refusedFor('bad_signature')).toBe(0)
    expect(refusedFor('file_mismatch') + refusedFor('not_a_packet') + refusedFor('bad_row')).toBeGreaterThan(BEHIND / 4)
    if (BEHIND >= 200) expect(tally.outcomes.get('import imported') ?? 0).toBeGreaterThan(0)
  }, 300_000)

  it('the malformed packets each fix was made for: refused in words (a gzip bomb too), or imported and readable', async () => {
    const member = gzipSync(Buffer.alloc(64 << 20, 0x0a), { level: 1 })
    const draft = (seq: number, edit?: (d: PacketDraft) => void) => {
      const x = draftOf(`k${seq}`, seq, '2025-06', seq % 2 ? d.seal : null)
      edit?.(x)
      return x
    }
    const cases: [string, string, () => Buffer][] = [
      ['seq 2^31: the district would count the missing numbers up to it', 'not_a_packet', () => assemble(st, draft(5001), { manifest: (m) => ({ ...m, seq: 2 ** 31 }) })],
      ['skipped 1…10^9', 'not_a_packet', () => assemble(st, draft(5002), { manifest: (m) => ({ ...m, seq: 1e9 + 1, skipped: { from: 1, to: 1e9, reason: 'restored_backup' } }) })],
      ['period 9999-12', 'not_a_packet', () => assemble(st, draft(5003), { manifest: (m) => ({ ...m, period: '9999-12' }) })],
      ['createdAt not a time', 'not_a_packet', () => assemble(st, draft(5004), { manifest: (m) => ({ ...m, createdAt: 'yesterday' }) })],
      ['a listed entry twice, another unlisted', 'file_mismatch', () => assemble(st, draft(5005), { listed: (e) => [e[0], e[0], ...e.slice(2)] })],
      ['a data file with more rows than listed', 'file_mismatch', () => assemble(st, draft(5006), { stored: (f) => f.map((x) => (x.rows ? { ...x, rows: x.rows - 1 } : x)) })],
      ['updated_at not a time', 'bad_row', () => assemble(st, draft(5007, (x) => (x.rows.persons[0].updated_at = 'zzzz')))],
      ['exam date 2026-02-30', 'bad_row', () => assemble(st, draft(5008, (x) => (x.rows.screening_records[0].exam_date = '2026-02-30')))],
      ['a screening report whose campaigns are not a list', 'bad_row', () => assemble(st, draft(5009, (x) => ((x.reports.screening as { campaigns: unknown }).campaigns = 'x')))],
      ['a certificates report without its verifications', 'bad_row', () => assemble(st, draft(5010, (x) => delete (x.reports.certificates as { verifications?: unknown }).verifications))],
      ['a data file inflating past what a string holds (9 × 64 MB gzip members)', 'too_big', () => assemble(st, draft(5011), { stored: (f) => f.map((x) => (x.path.startsWith('data/persons') ? { ...x, bytes: Buffer.concat(Array(9).fill(member)) } : x)) })],
      ['a report named __proto__ beside the four', 'imported', () => assemble(st, draft(5012), { files: (f) => [...f, { path: 'reports/__proto__.json', bytes: Buffer.from('{"screening":{"campaigns":7}}'), rows: null }] })]
    ]
    const tally: Tally = { failures: [], outcomes: new Map() }
    for (const [i, [how, want, build]] of cases.entries()) {
      await check('known', i, build(), how, want !== 'imported', tally)
      const got = [...tally.outcomes.keys()].filter((k) => k.startsWith('import ')).map((k) => k.slice(7))
      expect(got, how).toContain(want === 'imported' ? 'imported' : `refused:${want}`)
      tally.outcomes.clear()
    }
    expect(tally.failures).toEqual([])
    fs.rmSync(inflight, { force: true })
    fs.rmSync(`${inflight}.how.txt`, { force: true })
  }, 120_000)
})
