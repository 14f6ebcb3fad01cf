/**
 * Fuzzing the roster files a clerk imports (issue 8, item 4): xlsx and CSV (UTF-8 and GBK), the
 * only files of rows the app reads. From valid seeds (rosterSeeds.ts) thousands of mutated inputs:
 * - xlsx: bytes changed (mostly caught by the zip), and the zip opened, one inner part changed as
 *   XML (worksheet, shared strings, workbook, relationships, styles) or an entry dropped or
 *   renamed, and zipped again, so the change reaches the reader;
 * - CSV: bytes changed, and the text changed (a quote, a comma, a line cut …) then encoded again.
 * Each input goes to a worker (rosterRunner.ts) that reads it directly (the bulk) or through the
 * method table: persons.importCheck, persons.import (the database's counts before and after) and
 * both as jobs. Every input must end in a result or a clear error (an AppError code with text in
 * zh-CN and en, every problem in words), never INTERNAL, a crash, a partial write or a hang: an
 * input without an answer within the time limit stops the worker.
 *
 * FUZZ_SEED=<n> replays a run, FUZZ_SCALE=<k> multiplies the counts; a failing input is saved to
 * tests/.tmp/fuzz-failures/ with its seed and mutation.
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FUZZ_SEED, mutateBytesMany, mutateText, rng, scaled, type Rng } from './mutate'
import type { Lang, Reply, Request, RunRequest, Via } from './rosterRunner'
import { bombXlsx, encodeAs, mutateXlsx, rosterSeeds, type Seed } from './rosterSeeds'

/** an input without an answer in this time is a hang (generous: two cores shared with other test files) */
const TIME_LIMIT = Number(process.env.FUZZ_TIME_LIMIT_MS) || 8000
const FAILURES = path.resolve(__dirname, '../.tmp/fuzz-failures')
/** a fresh register after this many imports, so new people keep being added rather than skipped */
const IMPORTS_PER_REGISTER = 25

class Runner {
  private worker!: Worker
  private waiting = new Map<number, (r: Reply | { dead: string }) => void>()
  private ids = 0
  imports = 0

  async start(): Promise<void> {
    const file = path.resolve(__dirname, 'rosterRunner.ts')
    const w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)})`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } })
    this.worker = w
    w.on('message', (r: Reply) => this.settle(r.id, r))
    // what a worker stopped before (a hang) says as it goes is not about the new one
    const dead = (why: string) => {
      if (w === this.worker) for (const id of [...this.waiting.keys()]) this.settle(id, { dead: why })
    }
    w.on('error', (e) => dead(`the worker crashed: ${e.stack ?? e.message}`))
    w.on('exit', (code) => dead(`the worker exited (${code})`))
    const r = await this.send({ via: 'init' }, 60_000)
    if ('dead' in r) throw new Error(r.dead)
    this.imports = 0
  }

  private settle(id: number, r: Reply | { dead: string }): void {
    const done = this.waiting.get(id)
    this.waiting.delete(id)
    done?.(r)
  }

  send(req: Omit<RunRequest, 'id'> | { via: 'init' | 'reset' | 'final' }, limit = TIME_LIMIT): Promise<Reply | { dead: string }> {
    const id = ++this.ids
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, { dead: `no answer within ${limit} ms (a hang)` })
        void this.worker.terminate()
      }, limit)
      this.waiting.set(id, (r) => {
        clearTimeout(timer)
        resolve(r)
      })
      this.worker.postMessage({ ...req, id } as Request)
    })
  }

  stop(): Promise<number> {
    return this.worker.terminate()
  }
}

interface Input {
  seed: Seed
  filename: string
  bytes: Buffer
  how: string
}

interface Tally {
  inputs: number
  verdicts: Record<string, number>
  slowest: { ms: number; what: string }
  failures: string[]
}

let runner: Runner
let seeds: Awaited<ReturnType<typeof rosterSeeds>>
const tallies: Record<string, Tally> = {}

beforeAll(async () => {
  seeds = await rosterSeeds()
  runner = new Runner()
  await runner.start()
}, 90_000)

afterAll(async () => {
  const lines = Object.entries(tallies).map(([k, t]) => {
    const v = Object.entries(t.verdicts).sort((a, b) => b[1] - a[1]).map(([x, n]) => `${x} ${n}`).join(', ')
    return `  ${k}: ${t.inputs} inputs (slowest ${t.slowest.ms.toFixed(0)} ms) — ${v}`
  })
  console.log(`roster fuzz, FUZZ_SEED=${FUZZ_SEED}:\n${lines.join('\n')}`)
  await runner?.stop()
})

/** a sheet a clerk may choose (the seeds' own, and one that is not there) */
const SHEETS = ['育龄妇女花名册', '名单', '说明', '第二村', '没有这张表', '']
/** a mapping edit: a field given a column (or none), or something that is no field */
const MAPPED = ['idNumber', 'name', 'servicePoint', 'birthDate', 'boys', 'spouseIdNumber', 'migrantPlace', 'notAField']

/** where an input goes: mostly the reader directly, a share through the method table */
function pickVia(r: Rng): Via {
  const x = r.next()
  return x < 0.85 ? 'parse' : x < 0.95 ? 'check' : x < 0.98 ? 'import' : x < 0.99 ? 'jobCheck' : 'jobImport'
}

/** now and then the file under another name: the content decides, or the name is refused */
function nameOf(seed: Seed, r: Rng): string {
  if (r.next() >= 0.05) return seed.filename
  return r.pick(['roster.csv', 'roster.xlsx', 'roster.xls', 'roster.pdf', 'roster', '../../etc/花名册.CSV', 'a\\b\\c.TXT', ' x .csv '])
}

function save(kind: string, i: number, input: Input, via: string, why: string): string {
  fs.mkdirSync(FAILURES, { recursive: true })
  const base = path.join(FAILURES, `rosters-${FUZZ_SEED}-${kind.replace(/\W+/g, '-')}-${i}`)
  const ext = path.extname(input.filename.trim()) || '.bin'
  fs.writeFileSync(base + ext, input.bytes)
  fs.writeFileSync(`${base}.txt`, `FUZZ_SEED=${FUZZ_SEED} ${kind} #${i}\nseed: ${input.seed.name}\nfilename: ${input.filename}\nvia: ${via}\nmutation: ${input.how}\n\n${why}\n`)
  return base + ext
}

/** n mutated inputs of one kind, each through the worker; the broken promises, saved and described */
async function fuzz(kind: string, n: number, offset: number, make: (r: Rng) => Input): Promise<string[]> {
  const r = rng(FUZZ_SEED + offset)
  const tally: Tally = (tallies[kind] = { inputs: 0, verdicts: {}, slowest: { ms: 0, what: '' }, failures: [] })
  for (let i = 0; i < n && tally.failures.length < 10; i++) {
    const input = make(r)
    const via = pickVia(r)
    const lang: Lang = r.next() < 0.7 ? 'zh-CN' : 'en'
    const req: Omit<RunRequest, 'id'> = { via, filename: input.filename, bytes: input.bytes, lang, validOnly: r.next() < 0.4, updateExisting: r.next() < 0.3 }
    if (via !== 'parse' && r.next() < 0.05) req.sheet = r.pick(SHEETS)
    if (via !== 'parse' && r.next() < 0.1) req.mapping = { [r.pick(MAPPED)]: r.pick([null, 0, 1, 4, 17, 40, 1000, -1, 1.5, 5000]) }
    if (via === 'import' || via === 'jobImport') {
      if (++runner.imports > IMPORTS_PER_REGISTER) {
        const whole = await runner.send({ via: 'reset' }, 30_000)
        const broken = 'dead' in whole ? [whole.dead] : whole.problems
        if (broken.length) tally.failures.push(`FUZZ_SEED=${FUZZ_SEED} ${kind} before #${i}: the register left behind is not whole\n    ${broken.join('\n    ')}`)
        runner.imports = 1
      }
    }
    const t0 = performance.now()
    const reply = await runner.send(req)
    const ms = performance.now() - t0
    tally.inputs++
    if (ms > tally.slowest.ms) tally.slowest = { ms, what: `#${i} ${input.how}` }
    const problems = 'dead' in reply ? [reply.dead] : reply.problems
    const verdict = 'dead' in reply ? 'DEAD' : `${via}: ${reply.verdict}`
    tally.verdicts[verdict] = (tally.verdicts[verdict] ?? 0) + 1
    if (problems.length) {
      const how = `${via} (${lang}${req.validOnly ? ', validOnly' : ''}${req.updateExisting ? ', updateExisting' : ''}${req.sheet !== undefined ? `, sheet "${req.sheet}"` : ''}${req.mapping ? `, mapping ${JSON.stringify(req.mapping)}` : ''})`
      const file = save(kind, i, input, how, problems.join('\n'))
      tally.failures.push(`FUZZ_SEED=${FUZZ_SEED} ${kind} #${i} via ${how} — ${input.seed.name}, ${input.how}\n    ${problems.slice(0, 3).join('\n    ')}\n    saved: ${file}`)
      if ('dead' in reply) await runner.start()
    }
  }
  return tally.failures
}

const report = (failures: string[]) => (failures.length ? `${failures.length} inputs broke a promise:\n${failures.join('\n')}` : '')

describe('roster files (xlsx, csv) under fuzzing', () => {
  it('the unchanged seeds read as they were made, through the reader and the method table', async () => {
    const [township, clean] = seeds.xlsx
    const verdict = async (seed: Seed, via: Via) => {
      const r = await runner.send({ via, filename: seed.filename, bytes: seed.bytes, lang: 'zh-CN', validOnly: false, updateExisting: false })
      expect('dead' in r ? r.dead : r.problems).toEqual([])
      return 'dead' in r ? '' : r.verdict
    }
    for (const s of [...seeds.xlsx, ...seeds.csv]) expect(await verdict(s, 'parse')).toBe('parsed')
    expect(await verdict(township, 'check')).toBe('checked')
    // all or nothing: the township roster has rejected rows, the clean one is imported whole
    expect(await verdict(township, 'import')).toBe('import refused (rejected rows)')
    expect(await verdict(clean, 'jobImport')).toBe('imported')
    expect(await verdict(clean, 'import')).toBe('nothing to import')
    await runner.send({ via: 'reset' }, 30_000)
  }, 60_000)

  it('inputs that stopped the reader (found by fuzzing, and a zip bomb): now clear errors', async () => {
    const [township] = seeds.xlsx
    const withSheet = (change: (xml: string) => string): Buffer => {
      const files = unzipSync(township.bytes)
      files['xl/worksheets/sheet1.xml'] = strToU8(change(strFromU8(files['xl/worksheets/sheet1.xml'])))
      return Buffer.from(zipSync(files))
    }
    // a merge over the whole sheet: 17 billion cells, the process ran out of memory
    const mergeBomb = withSheet((x) => x.replace(/<mergeCell ref="[^"]+"/, '<mergeCell ref="A1:XFD1048576"'))
    // a cell reference past column XFD (r="inlineStr7"): a row of trillions of cells, a fatal V8 error
    const farCell = withSheet((x) => x.replace(/<c r="O7"/, '<c r="inlineStr7"'))
    // a zip bomb: 85 KB that inflate to 64 MiB of spaces (a few MB made gigabytes and held the thread for minutes)
    const sheetBomb = bombXlsx(township.bytes, 'xl/worksheets/sheet1.xml', '<sheetData>', 64)
    const stringsBomb = bombXlsx(township.bytes, 'xl/sharedStrings.xml', '<t>', 64)
    // … and the same kind of stream, small, is read as the workbook it is
    const bigButFine = bombXlsx(township.bytes, 'xl/worksheets/sheet1.xml', '<sheetData>', 4)
    expect(await runner.send({ via: 'check', filename: township.filename, bytes: bigButFine, lang: 'zh-CN', validOnly: false, updateExisting: false })).toMatchObject({ verdict: 'checked', problems: [] })
    const cases = [[mergeBomb, 'merge_too_large'], [farCell, 'file_unreadable'], [sheetBomb, 'file_too_large'], [stringsBomb, 'file_too_large']] as const
    for (const [bytes, rule] of cases) {
      for (const via of ['parse', 'check', 'jobImport'] as const) {
        const r = await runner.send({ via, filename: township.filename, bytes, lang: 'en', validOnly: true, updateExisting: false })
        expect('dead' in r ? r.dead : r.problems).toEqual([])
        if (!('dead' in r)) expect(r.verdict).toBe(via === 'parse' ? rule : via === 'check' ? 'VALIDATION' : 'import VALIDATION')
      }
    }
  }, 60_000)

  it(`xlsx: ${scaled(700)} byte mutations`, async () => {
    const failures = await fuzz('xlsx bytes', scaled(700), 1, (r) => {
      const seed = r.pick(seeds.xlsx)
      const m = mutateBytesMany(seed.bytes, r)
      return { seed, filename: nameOf(seed, r), bytes: m.bytes, how: m.how }
    })
    expect(failures, report(failures)).toEqual([])
  }, 300_000)

  it(`xlsx: ${scaled(1300)} mutations of the parts inside the zip`, async () => {
    const failures = await fuzz('xlsx parts', scaled(1300), 2, (r) => {
      const seed = r.pick(seeds.xlsx)
      const m = mutateXlsx(seed.bytes, r)
      return { seed, filename: nameOf(seed, r), bytes: m.bytes, how: m.how }
    })
    expect(failures, report(failures)).toEqual([])
  }, 300_000)

  it(`csv: ${scaled(1000)} byte mutations (UTF-8 and GBK)`, async () => {
    const failures = await fuzz('csv bytes', scaled(1000), 3, (r) => {
      const seed = r.pick(seeds.csv)
      const m = mutateBytesMany(seed.bytes, r)
      return { seed, filename: nameOf(seed, r), bytes: m.bytes, how: m.how }
    })
    expect(failures, report(failures)).toEqual([])
  }, 300_000)

  it(`csv: ${scaled(1000)} text mutations, encoded again`, async () => {
    const failures = await fuzz('csv text', scaled(1000), 4, (r) => {
      const seed = r.pick(seeds.csv)
      let text = seed.text!
      const hows: string[] = []
      for (let k = 1 + r.int(3); k > 0; k--) {
        const m = mutateText(text, r)
        text = m.text
        hows.push(m.how)
      }
      return { seed, filename: nameOf(seed, r), bytes: encodeAs(text, seed.encoding!), how: hows.join('; ') }
    })
    expect(failures, report(failures)).toEqual([])
  }, 300_000)

  it('the register stays whole: the audit chain verifies and the database passes integrity_check', async () => {
    const r = await runner.send({ via: 'final' }, 60_000)
    expect('dead' in r ? [r.dead] : r.problems).toEqual([])
  }, 60_000)
})
