/**
 * Malformed packets behind a valid signature: each mutant is one or two changes at a stage of
 * the packet's assembly (signedKit.ts), after which the file is signed anew, so it passes the
 * signature and reaches the manifest, archive, gzip, seal, row and report readers.
 */
import { gzipSync } from 'node:zlib'
import { mutateBytesMany, mutateJson, mutateText, type Rng } from './mutate'
import type { Hooks, PacketDraft, PlainFile, ZipEntry } from './signedKit'

export interface Mutant {
  hooks: Hooks
  how: string
  /** changes to the draft before assembly (rows, reports, seq, period) */
  draft?: (d: PacketDraft) => void
}

const HUGE = 'A'.repeat(200_000)
const BAD_DATES: unknown[] = ['2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '10000-01-01', '2026-10', '26-10-05', '', ' ', 20261005, null, true, {}, [], HUGE, '2026-10-05T00:00:00Z', '\u0000']
const BAD_STAMPS: unknown[] = ['', 'zzzz', '9999-99-99T99:99:99.999Z', '2026-10-05', 1_700_000_000_000, null, {}, [], HUGE, '2026-10-05 08:00:00', '\uffff']
const BAD_IDS: unknown[] = ['', 0, 12, null, true, {}, [], HUGE, '\u0000', ' ']
const DATE_COL: Record<string, string> = { screening_records: 'exam_date', inv_moves: 'date', certificates: 'issue_date', verifications: 'verified_on' }

/** mutateJson 1–3 times */
function json(v: unknown, r: Rng): { value: unknown; how: string } {
  let cur = v
  const hows: string[] = []
  for (let i = 1 + r.int(3); i > 0; i--) {
    const m = mutateJson(cur, r)
    cur = m.value
    hows.push(m.how)
  }
  return { value: cur, how: hows.join('; ') }
}

const gz = (text: string | Uint8Array) => gzipSync(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)

/** a row of the draft, changed in a way the district's row reader must notice or take */
function rowMutant(r: Rng): Mutant {
  const tables = ['persons', 'screening_records', 'inv_moves', 'certificates', 'verifications']
  const tbl = r.pick(tables)
  const kind = r.int(12)
  const on = (how: string, f: (rows: Record<string, unknown>[]) => void): Mutant => ({ how: `${tbl}: ${how}`, hooks: {}, draft: (d) => f(d.rows[tbl]) })
  switch (kind) {
    case 0:
      return on("a row's JSON changed", (rows) => {
        const i = r.int(rows.length)
        rows[i] = json(rows[i], r).value as Record<string, unknown>
      })
    case 1: {
      const v = r.pick(BAD_IDS)
      return on(`id ${JSON.stringify(v)?.slice(0, 20)}`, (rows) => (rows[0].id = v))
    }
    case 2:
      return on('no id', (rows) => delete rows[0].id)
    case 3: {
      const v = r.pick(BAD_STAMPS)
      return on(`updated_at ${JSON.stringify(v)?.slice(0, 30)}`, (rows) => (rows[0].updated_at = v))
    }
    case 4: {
      const t = r.pick(Object.keys(DATE_COL))
      const v = r.pick(BAD_DATES)
      return { how: `${t}: ${DATE_COL[t]} ${JSON.stringify(v)?.slice(0, 30)}`, hooks: {}, draft: (d) => (d.rows[t][0][DATE_COL[t]] = v) }
    }
    case 5:
      return on('the same id twice', (rows) => rows.push({ ...rows[0], name: 'dup' }))
    case 6: {
      const v = r.pick<unknown>([null, [], 'row', 5, [{ id: 'x', updated_at: '2026-10-01T00:00:00.000Z' }]])
      return on(`a row that is ${JSON.stringify(v)}`, (rows) => rows.push(v as Record<string, unknown>))
    }
    case 7: {
      const name = r.pick(['zzz_new_table', '__proto__', 'constructor', 'to_string', 'change_log', 'district_rows', 'sqlite_master', 'a'])
      return { how: `an unknown table ${name}`, hooks: {}, draft: (d) => (d.rows[name] = [{ id: 'u1', updated_at: '2026-10-02T00:00:00.000Z', x: 1 }]) }
    }
    case 8:
      return on('a huge field', (rows) => (rows[0].note = HUGE.repeat(1 + r.int(10))))
    case 9:
      return on('5,000 more rows', (rows) => {
        for (let i = 0; i < 5000; i++) rows.push({ ...rows[0], id: `${String(rows[0].id)}-n${i}` })
      })
    case 10:
      return on('prototype keys', (rows) => {
        // an id an earlier mutation removed stays absent (JSON.stringify(undefined) is no JSON)
        const id = rows[0].id === undefined ? '' : `"id":${JSON.stringify(rows[0].id)},`
        const text = `{"__proto__":{"id":"p"},"constructor":{"prototype":{"x":1}},${id}"updated_at":"2026-10-03T00:00:00.000Z"}`
        rows[0] = JSON.parse(text) as Record<string, unknown>
      })
    default:
      return on('every row emptied to {}', (rows) => rows.forEach((_, i) => (rows[i] = {})))
  }
}

/** a data file's text or bytes (before gzip), or its gzip (after), changed */
function fileMutant(r: Rng): Mutant {
  const row = (id: string) => `{"id":"${id}","updated_at":"2026-10-01T00:00:00.000Z"}\n`
  /** one data file of the packet changed at a stage */
  const onData = (how: string, stage: 'files' | 'stored', change: (x: PlainFile) => void): Mutant => ({
    how,
    hooks: {
      [stage]: (f: PlainFile[]) => {
        const data = f.filter((x) => x.path.startsWith('data/'))
        change(data.length ? r.pick(data) : f[0])
        return f
      }
    }
  })
  switch (r.int(9)) {
    case 0:
      return onData('a data file text-mutated', 'files', (x) => (x.bytes = Buffer.from(mutateText(Buffer.from(x.bytes).toString('utf8'), r).text)))
    case 1:
      return onData('a data file byte-mutated', 'files', (x) => (x.bytes = mutateBytesMany(x.bytes, r).bytes))
    case 2: {
      const v = r.pick(['', '\n\n\n', `\ufeff${row('b')}`, row('c').replace('\n', '\r\n'), '\xff\xfe\x00', '[1,2]\n', 'null\n', row('d').replace('}', `,"s":"${HUGE}"}`).repeat(30)])
      return onData(`a data file replaced by ${JSON.stringify(v.slice(0, 40))}`, 'files', (x) => (x.bytes = Buffer.from(v, 'latin1')))
    }
    case 3:
      return onData('a gzip byte-mutated', 'stored', (x) => (x.bytes = mutateBytesMany(x.bytes, r).bytes))
    case 4:
      return onData('a .gz not gzipped', 'stored', (x) => (x.bytes = Buffer.from(row('x'))))
    case 5:
      return onData('gzip with junk after it', 'stored', (x) => (x.bytes = Buffer.concat([x.bytes, Buffer.from([0x1f, 0x8b, 0, 1, 2, 3])])))
    case 6:
      return onData('two gzip members', 'stored', (x) => (x.bytes = Buffer.concat([x.bytes, gz(row('m2'))])))
    case 7:
      return onData('a gzip of 1 MB of newlines', 'stored', (x) => (x.bytes = gz(Buffer.alloc(1 << 20, 0x0a))))
    default: {
      const off = r.pick([1, -1, 1000, null])
      return onData(`a data entry's rows count ${off === null ? 'null' : `off by ${off}`}`, 'stored', (x) => (x.rows = off === null ? null : (x.rows ?? 0) + off))
    }
  }
}

/** a report, the reports set */
function reportMutant(r: Rng): Mutant {
  const kinds = ['screening', 'stock', 'certificates', 'rates']
  const k = r.pick(kinds)
  const kind = r.int(5)
  if (kind <= 1) return { how: `report ${k}: JSON changed`, hooks: {}, draft: (d) => (d.reports[k] = json(d.reports[k], r).value) }
  if (kind === 2) {
    const v = r.pick<unknown>([null, [], 'x', 0, {}, { period: '2026-10' }])
    return { how: `report ${k} is ${JSON.stringify(v)}`, hooks: {}, draft: (d) => (d.reports[k] = v) }
  }
  if (kind === 3) return { how: `report ${k} left out`, hooks: {}, draft: (d) => delete d.reports[k] }
  const name = r.pick(['__proto__', 'constructor', 'future_report', 'has_own_property'])
  return { how: `an unknown report ${name}`, hooks: { files: (f) => [...f, { path: `reports/${name}.json`, bytes: Buffer.from('{"screening":{"campaigns":7},"period":"2026-10"}'), rows: null }] } }
}

/** the archive's entries, or the manifest's list of them */
function entryMutant(r: Rng): Mutant {
  const kind = r.int(8)
  const dup = <T>(xs: T[]) => {
    const i = r.int(xs.length)
    return [...xs.slice(0, i + 1), xs[i], ...xs.slice(i + 1)]
  }
  const drop = <T>(xs: T[]) => {
    const i = r.int(xs.length)
    return [...xs.slice(0, i), ...xs.slice(i + 1)]
  }
  /** entry i listed again in place of the one after it, which goes unlisted */
  const twiceForAnother = <T>(xs: T[]) => {
    const i = r.int(xs.length)
    return xs.map((x, j) => (j === (i + 1) % xs.length ? xs[i] : x))
  }
  if (kind === 0) return { how: 'the listed entries JSON-mutated', hooks: { listed: (e) => json(e, r).value } }
  if (kind === 1) return { how: 'a listed entry twice (another left unlisted)', hooks: { listed: (e) => twiceForAnother(e) } }
  if (kind === 2) return { how: 'a listed entry twice', hooks: { listed: (e) => dup(e) } }
  if (kind === 3) return { how: 'a listed entry left out', hooks: { listed: (e) => drop(e) } }
  if (kind === 4) return { how: 'an archive entry twice', hooks: { archive: (a) => dup(a) } }
  if (kind === 5) return { how: 'an archive entry left out', hooks: { archive: (a) => drop(a) } }
  const name = r.pick(['../evil.json', 'data/', 'data/x.jsonl.gz', 'reports/extra.json', '/abs', 'manifest.json', 'contents.json', '\u0000'])
  return { how: `an extra archive entry ${JSON.stringify(name)}`, hooks: { archive: (a: ZipEntry[]) => [...a, { name, bytes: Buffer.from('{}') }] } }
}

/** the manifest: its object, its text, its odd fields */
function manifestMutant(r: Rng): Mutant {
  const kind = r.int(5)
  if (kind <= 1) return { how: 'the manifest JSON-mutated', hooks: { manifest: (m) => json(m, r).value } }
  if (kind === 2) return { how: 'the manifest text-mutated', hooks: { manifestText: (t) => mutateText(t, r).text } }
  const field = r.pick(['seq', 'skipped', 'period', 'createdAt', 'closeNo', 'prevSha256', 'totals'])
  const values: Record<string, unknown[]> = {
    seq: [0, -1, 1.5, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e6, '5', null],
    skipped: [{ from: 1, to: 2 ** 31 }, { from: 1, to: 1e9, reason: 'restored_backup' }, { from: 0, to: 0, reason: 'restored_backup' }, { from: 5, to: 3, reason: 'restored_backup' }, { from: 1, to: 1, reason: 'other' }, 'x', []],
    period: ['0000-01', '9999-12', '2026-00', '2026-13', '2026-1', '2026-10-01', '', null],
    createdAt: ['', 'x', '9999-99-99T00:00:00Z', 12, null, HUGE],
    closeNo: [0, -1, 2 ** 53, 1.5, null],
    prevSha256: ['', 'A'.repeat(64), '0'.repeat(63), 5],
    totals: [null, {}, { screened: -1 }, 'x']
  }
  const v = r.pick(values[field])
  // a skip is declared by the packet right after it
  const seq = field === 'skipped' && v && typeof v === 'object' && 'to' in v ? { seq: (v as { to: number }).to + 1 } : {}
  return { how: `manifest ${field} = ${JSON.stringify(v)?.slice(0, 40)}`, hooks: { manifest: (m) => ({ ...m, ...seq, [field]: v }) } }
}

/** the sealed payload: contents.json, the inner archive, the ciphertext, the seal header */
function sealMutant(r: Rng): Mutant {
  const kind = r.int(8)
  if (kind === 0) return { how: 'contents.json JSON-mutated', hooks: { contents: (c) => json(c, r).value } }
  if (kind === 1) {
    const twice = r.next() < 0.5
    const i = 1 + r.int(3)
    return { how: `inner entry ${i} ${twice ? 'twice' : 'left out'}`, hooks: { inner: (e) => (twice ? [...e, e[i % e.length]] : e.filter((_, j) => j !== i)) } }
  }
  if (kind === 2) return { how: 'no contents.json inside', hooks: { inner: (e) => e.slice(1) } }
  if (kind === 3) {
    const cut = r.next() < 0.5 ? r.pick([0, 1, 15, 16, 17, 100]) : null
    return { how: cut === null ? 'the ciphertext byte-mutated' : `the ciphertext cut to ${cut} bytes`, hooks: { ciphertext: (ct) => (cut === null ? mutateBytesMany(ct, r).bytes : ct.subarray(0, cut)) } }
  }
  if (kind === 4) return { how: 'the seal header JSON-mutated', hooks: { header: (h) => json(h, r).value } }
  const field = r.pick(['nonce', 'ephemeralPublicKey'])
  const len = r.pick([0, 1, 8, 11, 13, 16, 31, 33, 64, 1024])
  const b64 = r.next() < 0.8 ? Buffer.alloc(len, 7).toString('base64') : r.pick(['====', '@@@@', 'AA', 'A', ''])
  return { how: `seal ${field} = ${JSON.stringify(b64.slice(0, 40))} (${len} bytes)`, hooks: { header: (h) => ({ ...h, [field]: b64 }) } }
}

export function packetMutant(r: Rng, sealed: boolean): Mutant {
  const makers = [rowMutant, rowMutant, fileMutant, reportMutant, entryMutant, manifestMutant, ...(sealed ? [sealMutant, sealMutant] : [])]
  const a = r.pick(makers)(r)
  if (r.next() < 0.8) return a
  const b = r.pick(makers)(r)
  return {
    how: `${a.how} + ${b.how}`,
    draft: (d) => { a.draft?.(d); b.draft?.(d) },
    hooks: Object.fromEntries(
      [...new Set([...Object.keys(a.hooks), ...Object.keys(b.hooks)])].map((k) => {
        const fa = (a.hooks as Record<string, (x: unknown) => unknown>)[k]
        const fb = (b.hooks as Record<string, (x: unknown) => unknown>)[k]
        return [k, (x: unknown) => (fb ? fb(fa ? fa(x) : x) : fa(x))]
      })
    ) as Hooks
  }
}
