/**
 * Seeded mutators for fuzzing the files the app reads. Every fuzz test draws its inputs from a
 * seed it prints on failure (FUZZ_SEED=<n> replays a run, FUZZ_SEED=random draws one; FUZZ_SCALE=<k>
 * multiplies the counts).
 */
import { mulberry32 } from '../../src/core/demo/random'

/** the demo's seeded generator (mulberry32), with the draws the mutators use */
export function rng(seed: number): Rng {
  const next = mulberry32(seed)
  const int = (n: number) => Math.floor(next() * n)
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)], seed }
}
export interface Rng {
  next(): number
  /** 0 ≤ r < n */
  int(n: number): number
  pick<T>(xs: readonly T[]): T
  seed: number
}

/**
 * One fixed seed by default, so `npm test` and CI fuzz the same thousands of inputs each run
 * and a red run is never a new input met by chance; FUZZ_SEED=random draws a new seed (to look
 * for more), FUZZ_SEED=<n> replays one.
 */
export const FUZZ_SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 1_000_000 : Number(process.env.FUZZ_SEED) || 20_261_129
export const FUZZ_SCALE = Math.max(0.01, Number(process.env.FUZZ_SCALE) || 1)
/** n scaled by FUZZ_SCALE, at least 1 */
export const scaled = (n: number) => Math.max(1, Math.round(n * FUZZ_SCALE))

const INTERESTING_BYTES = [0x00, 0xff, 0x7f, 0x80, 0x20, 0x0a, 0x0d, 0x22, 0x2c, 0x3c, 0x3e, 0x5c, 0x7b, 0x7d]

export type ByteMutation = 'flip' | 'set' | 'insert' | 'delete' | 'truncate' | 'duplicate' | 'swap' | 'zero-run'

/** one random change of a byte buffer (never returns the same bytes unless the input is empty) */
export function mutateBytes(bytes: Uint8Array, r: Rng): { bytes: Buffer; how: string } {
  const b = Buffer.from(bytes)
  const n = b.length
  if (n === 0) return { bytes: Buffer.from([r.int(256)]), how: 'insert into empty' }
  const at = r.int(n)
  const kind = r.pick<ByteMutation>(['flip', 'flip', 'set', 'insert', 'delete', 'truncate', 'duplicate', 'swap', 'zero-run'])
  switch (kind) {
    case 'flip':
      b[at] ^= 1 << r.int(8)
      return { bytes: b, how: `flip a bit at ${at}` }
    case 'set': {
      const v = r.pick(INTERESTING_BYTES)
      b[at] = b[at] === v ? v ^ 0x01 : v
      return { bytes: b, how: `set byte ${at} to ${b[at]}` }
    }
    case 'insert': {
      const len = 1 + r.int(16)
      const ins = Buffer.from(Array.from({ length: len }, () => r.int(256)))
      return { bytes: Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]), how: `insert ${len} bytes at ${at}` }
    }
    case 'delete': {
      const len = 1 + r.int(Math.min(64, n - at))
      return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(at + len)]), how: `delete ${len} bytes at ${at}` }
    }
    case 'truncate':
      return { bytes: b.subarray(0, at), how: `truncate to ${at}` }
    case 'duplicate': {
      const len = 1 + r.int(Math.min(256, n - at))
      return { bytes: Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]), how: `duplicate ${len} bytes at ${at}` }
    }
    case 'swap': {
      const other = r.int(n)
      if (b[at] === b[other]) {
        b[at] ^= 0xff
        return { bytes: b, how: `invert byte ${at}` }
      }
      ;[b[at], b[other]] = [b[other], b[at]]
      return { bytes: b, how: `swap bytes ${at} and ${other}` }
    }
    case 'zero-run': {
      const len = 1 + r.int(Math.min(512, n - at))
      b.fill(0, at, at + len)
      if (b.equals(Buffer.from(bytes))) b[at] = 0xff
      return { bytes: b, how: `zero ${len} bytes at ${at}` }
    }
  }
}

/** 1–3 byte mutations in a row */
export function mutateBytesMany(bytes: Uint8Array, r: Rng): { bytes: Buffer; how: string } {
  let cur: Buffer = Buffer.from(bytes)
  const hows: string[] = []
  const times = 1 + r.int(3)
  for (let i = 0; i < times; i++) {
    const m = mutateBytes(cur, r)
    cur = m.bytes
    hows.push(m.how)
  }
  return { bytes: cur, how: hows.join('; ') }
}

const INTERESTING_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), Number.MAX_SAFE_INTEGER, '', ' ', '0', 'null', '\u0000', '😀', '\u202e',
  'A'.repeat(10_000), '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE persons; --", '1970-01-01', '9999-12-31', '2026-02-30',
  [], {}, [null], { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }
]

/**
 * A structure-aware change of a JSON value: drop, add, retype or replace one node somewhere in
 * the tree. Returns a new value (the input is not changed).
 */
export function mutateJson(value: unknown, r: Rng): { value: unknown; how: string } {
  const root = structuredClone(value)
  const paths: (string | number)[][] = []
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p)
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]))
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k])
  }
  walk(root, [])
  const p = r.pick(paths)
  const replacement = (): unknown => {
    const old = get(root, p)
    const choice = r.int(6)
    if (choice === 0 && typeof old === 'string' && old.length) return old.slice(0, r.int(old.length)) + String.fromCharCode(r.int(0x3000)) + old.slice(r.int(old.length))
    if (choice === 1 && typeof old === 'number') return r.pick([old + 1, old - 1, -old, old * 1000, NaN, 0.5])
    if (choice === 2) return JSON.parse(JSON.stringify(r.pick(INTERESTING_VALUES)) ?? 'null')
    return r.pick(INTERESTING_VALUES)
  }
  if (p.length === 0) return { value: replacement(), how: 'replace the root' }
  const parent = get(root, p.slice(0, -1)) as Record<string | number, unknown>
  const key = p[p.length - 1]
  const op = r.int(4)
  if (op === 0) {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
    return { value: root, how: `drop ${p.join('.')}` }
  }
  if (op === 1 && !Array.isArray(parent)) {
    parent[`x${r.int(1000)}`] = replacement()
    return { value: root, how: `add a key beside ${p.join('.')}` }
  }
  parent[key] = replacement()
  return { value: root, how: `replace ${p.join('.')}` }
}

function get(v: unknown, p: (string | number)[]): unknown {
  let cur = v
  for (const k of p) cur = (cur as Record<string | number, unknown>)[k]
  return cur
}

/** a random change of a text (a character dropped, doubled, replaced, or a line cut or repeated) */
export function mutateText(text: string, r: Rng): { text: string; how: string } {
  const chars = [...text]
  if (!chars.length) return { text: String.fromCharCode(r.int(0xffff)), how: 'a character into empty' }
  const at = r.int(chars.length)
  switch (r.int(5)) {
    case 0:
      chars.splice(at, 1)
      return { text: chars.join(''), how: `drop char ${at}` }
    case 1:
      chars.splice(at, 0, chars[at])
      return { text: chars.join(''), how: `double char ${at}` }
    case 2:
      chars[at] = r.pick([',', '"', '\n', '\r', '\t', '\u0000', '，', '；', '0', 'X', '中', '\ufeff', ' '])
      return { text: chars.join(''), how: `replace char ${at}` }
    case 3: {
      const lines = text.split('\n')
      const li = r.int(lines.length)
      lines.splice(li, 1)
      return { text: lines.join('\n'), how: `cut line ${li}` }
    }
    default: {
      const lines = text.split('\n')
      const li = r.int(lines.length)
      lines.splice(li, 0, r.next() < 0.5 ? lines[li] : lines[li].split(',').reverse().join(','))
      return { text: lines.join('\n'), how: `repeat or reverse line ${li}` }
    }
  }
}
