import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withIndexesRebuilt } from '../../../src/core/db/bulk'

function db() {
  const d = new Database(':memory:')
  d.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL, a TEXT, b INTEGER);
    CREATE UNIQUE INDEX t_k ON t (k); CREATE INDEX t_a ON t (a, b); CREATE INDEX t_b ON t (b) WHERE b > 0;`)
  return d
}
const schema = (d: Database.Database) => d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all()

describe('withIndexesRebuilt', () => {
  it('drops the secondary indexes for the load and builds the same ones after; unique ones stay in force', () => {
    const d = db()
    const before = schema(d)
    const ins = d.prepare('INSERT INTO t (k, a, b) VALUES (?, ?, ?) ON CONFLICT (k) DO NOTHING')
    d.transaction(() =>
      withIndexesRebuilt(d, ['t'], () => {
        expect(schema(d).map((i) => (i as { name: string }).name)).toEqual(['t_k'])
        for (let i = 0; i < 1000; i++) ins.run(`k${i % 900}`, `a${i}`, i)
      })
    )()
    expect(schema(d)).toEqual(before)
    expect((d.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(900)
    expect(d.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }])
  })

  it('leaves the indexes as they were when the load fails (the transaction rolls back)', () => {
    const d = db()
    const before = schema(d)
    expect(() =>
      d.transaction(() =>
        withIndexesRebuilt(d, ['t'], () => {
          d.prepare("INSERT INTO t (k) VALUES ('x')").run()
          throw new Error('refused')
        })
      )()
    ).toThrow('refused')
    expect(schema(d)).toEqual(before)
    expect((d.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(0)
  })

  it('refuses to run outside a transaction', () => {
    expect(() => withIndexesRebuilt(db(), ['t'], () => 1)).toThrow(/inside a transaction/)
  })
})
