/**
 * Files the app writes are complete or absent under their name: the temporary file beside it,
 * the rename, and the clean-up of what a killed process left.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { removeStaleTmp, tmpBeside, writeFileAtomic } from '../../../src/core/files/atomic'
import { backupDatabase, listBackups } from '../../../src/core/backups/files'
import { ManualClock } from '../../../src/core/clock'
import { tmpDir } from '../../helpers/host'

describe('atomic files', () => {
  it('writes through a temporary name and leaves nothing else beside the file', () => {
    const dir = tmpDir('sd-atomic-')
    const file = path.join(dir, 'out.sdpkt')
    writeFileAtomic(file, 'first')
    writeFileAtomic(file, 'second')
    expect(fs.readFileSync(file, 'utf8')).toBe('second')
    expect(fs.readdirSync(dir)).toEqual(['out.sdpkt'])
  })

  it('removes the temporary files a killed process left, once they are old, and nothing else', () => {
    const dir = tmpDir('sd-atomic-')
    const old = tmpBeside(path.join(dir, 'stationdesk-20261120-100000-daily.db'))
    const fresh = path.join(dir, '.stationdesk-20261120-110000-daily.db.4242.tmp')
    const keep = path.join(dir, 'stationdesk-20261119-100000-daily.db')
    for (const f of [old, fresh, keep]) fs.writeFileSync(f, 'x')
    const hourAgo = new Date(Date.now() - 3600_000)
    fs.utimesSync(old, hourAgo, hourAgo)
    fs.utimesSync(keep, hourAgo, hourAgo)
    removeStaleTmp(dir)
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(fresh), path.basename(keep)].sort())
  })

  it('a backup is made under a temporary name: the folder then holds the finished backup only', () => {
    const dir = tmpDir('sd-atomic-')
    const db = new Database(path.join(dir, 'live.db'))
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2)")
    const backups = path.join(dir, 'backups')
    const row = backupDatabase(db, backups, 'manual', new ManualClock(new Date('2026-11-20T02:00:00Z')))
    db.close()
    expect(fs.readdirSync(backups)).toEqual([row.name])
    expect(listBackups(backups, 'Asia/Shanghai').map((b) => b.name)).toEqual([row.name])
    const copy = new Database(path.join(backups, row.name), { readonly: true })
    expect(copy.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 })
    copy.close()
  })
})
