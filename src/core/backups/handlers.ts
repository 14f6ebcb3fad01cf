import fs from 'node:fs'
import path from 'node:path'
import type { backupsApi } from '../../api/backups'
import { localDate } from '../clock'
import { isSqliteBuffer } from '../db/open'
import { AppError } from '../errors'
import type { Handlers } from '../handler'
import { decryptBackup, encryptBackup, isEncryptedBackup } from './crypto'
import { backupDatabase, goodBackups, listBackups } from './files'
import { restoreFrom } from './restore'

function inFolder(dir: string, name: string): string {
  const file = path.join(dir, name)
  if (path.dirname(file) !== path.resolve(dir) || !fs.existsSync(file)) throw new AppError('NOT_FOUND', `no backup named ${name}`)
  return file
}

export const backupsHandlers: Handlers<typeof backupsApi> = {
  'backups.list': (ctx) => listBackups(ctx.runtime.paths.backups, ctx.clock.timeZone),

  'backups.create': (ctx) => {
    const b = backupDatabase(ctx.sqlite, ctx.runtime.paths.backups, 'manual', ctx.clock)
    ctx.audit({ entity: 'backup', entityId: b.name, summary: `backup ${b.name}`, msg: ['backup.created', { name: b.name }] })
    return b
  },

  'backups.restore': (ctx, input) => {
    const s = ctx.user()
    return restoreFrom(ctx.runtime, inFolder(ctx.runtime.paths.backups, input.name), { actor: s.actor, userId: s.userId }, input.name)
  },

  'backups.export': (ctx, input) => {
    const tmp = path.join(ctx.runtime.paths.backups, `.export-${process.pid}-${Date.now()}.db`)
    fs.mkdirSync(ctx.runtime.paths.backups, { recursive: true })
    try {
      ctx.sqlite.prepare('VACUUM INTO ?').run(tmp)
      const sealed = encryptBackup(fs.readFileSync(tmp), input.passphrase)
      const st = ctx.sqlite.prepare('SELECT code FROM station').get() as { code: string }
      const filename = `stationdesk-${st.code}-${localDate(ctx.clock)}.sdbak`
      ctx.audit({ entity: 'backup', entityId: filename, summary: `exported an encrypted backup (${sealed.length} bytes)`, msg: ['backup.exported', { bytes: sealed.length }] })
      return { filename, mime: 'application/octet-stream', base64: sealed.toString('base64') }
    } finally {
      fs.rmSync(tmp, { force: true })
    }
  },

  'backups.restoreFile': (ctx, input) => {
    const s = ctx.user()
    const buf = Buffer.from(input.base64, 'base64')
    let plain: Buffer
    if (isEncryptedBackup(buf)) plain = decryptBackup(buf, input.passphrase)
    else if (isSqliteBuffer(buf)) plain = buf
    else throw new AppError('BAD_BACKUP', 'this is not a StationDesk backup file')
    const dir = ctx.runtime.paths.backups
    fs.mkdirSync(dir, { recursive: true })
    const staging = path.join(dir, `.upload-${process.pid}-${Date.now()}.db`)
    fs.writeFileSync(staging, plain)
    try {
      return restoreFrom(ctx.runtime, staging, { actor: s.actor, userId: s.userId }, 'uploaded file')
    } finally {
      fs.rmSync(staging, { force: true })
    }
  },

  'recovery.status': (ctx) => {
    const rt = ctx.runtime
    return {
      recovery: rt.recovery,
      problem: rt.problem,
      problemKind: rt.problemKind,
      dbPath: rt.paths.db,
      goodBackups: rt.recovery ? goodBackups(rt.paths.backups, rt.migrationsFolder, rt.clock.timeZone) : []
    }
  },

  'recovery.restore': (ctx, input) => {
    if (!ctx.runtime.recovery) throw new AppError('FORBIDDEN', 'the database is healthy: use Backups to restore')
    return restoreFrom(ctx.runtime, inFolder(ctx.runtime.paths.backups, input.name), { actor: 'recovery', userId: null }, input.name)
  }
}
