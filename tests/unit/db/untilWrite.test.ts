import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { notAWrite, untilWrite } from '../../../src/core/db/untilWrite'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

function file() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-untilwrite-'))
  dirs.push(dir)
  const f = path.join(dir, 'x.db')
  const d = new Database(f)
  d.exec('CREATE TABLE t (k INTEGER)')
  return { d, f }
}

describe('untilWrite', () => {
  it('computes once while nothing is written, and afresh after this connection writes', () => {
    const { d } = file()
    let runs = 0
    const count = () => untilWrite(d, 'n', () => (runs++, (d.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n))
    expect(count()).toBe(0)
    expect(count()).toBe(0)
    expect(runs).toBe(1)
    d.prepare('INSERT INTO t VALUES (1)').run()
    expect(count()).toBe(1)
    expect(runs).toBe(2)
    // a write that rolls back: a needless recount, never a stale value
    expect(() => d.transaction(() => (d.prepare('INSERT INTO t VALUES (2)').run(), fail()))()).toThrow()
    expect(count()).toBe(1)
    expect(runs).toBe(3)
  })

  it('an audit row alone (told by the audit chain) keeps the result; a real write after it does not', () => {
    const { d } = file()
    d.exec('CREATE TABLE audit (x)')
    let runs = 0
    const count = () => untilWrite(d, 'n', () => (runs++, (d.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n))
    expect(count()).toBe(0)
    notAWrite(d, d.prepare('INSERT INTO audit VALUES (1)').run().changes)
    expect(count()).toBe(0)
    expect(runs).toBe(1)
    d.prepare('INSERT INTO t VALUES (1)').run()
    notAWrite(d, d.prepare('INSERT INTO audit VALUES (2)').run().changes)
    expect(count()).toBe(1)
    expect(runs).toBe(2)
  })

  it('computes afresh after another connection commits to the same file', () => {
    const { d, f } = file()
    const other = new Database(f)
    const count = () => untilWrite(d, 'n', () => (d.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n)
    expect(count()).toBe(0)
    other.prepare('INSERT INTO t VALUES (1)').run()
    expect(count()).toBe(1)
    other.close()
  })

  it('keeps results per key and per connection, and only the most recent ones', () => {
    const a = file().d
    const b = file().d
    expect(untilWrite(a, 'k', () => 'a')).toBe('a')
    expect(untilWrite(b, 'k', () => 'b')).toBe('b')
    expect(untilWrite(a, 'k', () => 'again')).toBe('a')
    for (let i = 0; i < 40; i++) untilWrite(a, `other${i}`, () => i)
    expect(untilWrite(a, 'k', () => 'recomputed')).toBe('recomputed')
  })
})

function fail(): never {
  throw new Error('rolled back')
}
