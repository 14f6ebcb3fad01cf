import fs from 'node:fs'
import path from 'node:path'
import type { CommandContext, CommandSpec } from '../command'
import { str } from '../command'
import { RefusedError, UsageError, table } from '../output'
import { backupPassphrase } from '../secrets'
import { writeOut } from '../files'

const BACKUP_NAME = /^stationdesk-[0-9A-Za-z_.-]+\.db$/

async function create(c: CommandContext): Promise<void> {
  const b = await c.call('backups.create', {})
  const file = path.join(c.host.runtime.paths.backups, b.name)
  c.out.result(file, { ...b, file })
}


export const backupCommands: CommandSpec[] = [
  {
    domain: 'backup',
    verb: null,
    summary: 'make a backup of the database now (prints its path)',
    usage: 'stationdesk backup',
    run: create
  },
  {
    domain: 'backup',
    verb: 'create',
    summary: 'the same as `stationdesk backup`',
    usage: 'stationdesk backup create',
    run: create
  },
  {
    domain: 'backup',
    verb: 'list',
    summary: 'list the backups in the data folder, newest first',
    usage: 'stationdesk backup list',
    async run(c) {
      const rows = await c.call('backups.list', {})
      c.out.result(rows.length ? table(['NAME', 'CREATED', 'SIZE', 'REASON'], rows.map((b) => [b.name, b.createdAt, b.size, b.reason])) : ['no backups'], rows)
    }
  },
  {
    domain: 'backup',
    verb: 'export',
    summary: 'write an encrypted copy of the database to carry away (.sdbak)',
    usage: 'stationdesk backup export [--out FILE]',
    options: { out: { type: 'string', help: '--out FILE  where to write it (default: its own name in the current folder)' } },
    notes: ['The passphrase: STATIONDESK_BACKUP_PASSPHRASE (required, 8 characters or more).'],
    async run(c) {
      const passphrase = backupPassphrase(c)
      if (!passphrase) throw new UsageError('backup export needs the passphrase in STATIONDESK_BACKUP_PASSPHRASE')
      const f = await c.call('backups.export', { passphrase })
      const file = writeOut(c, f.filename, f.base64)
      c.out.result(file, { file, size: fs.statSync(file).size })
    }
  },
  {
    domain: 'restore',
    verb: null,
    summary: 'replace the data with a backup (the current data is kept as a backup first)',
    usage: 'stationdesk restore FILE',
    args: ['FILE'],
    inRecovery: true,
    notes: [
      'FILE: a backup file anywhere (.db, or an encrypted .sdbak export with STATIONDESK_BACKUP_PASSPHRASE),',
      'or the name of a backup in the data folder (see `stationdesk backup list`).'
    ],
    async run(c) {
      const given = c.args[0]
      const backups = c.host.runtime.paths.backups
      const asPath = path.resolve(c.io.cwd, given)
      const inFolder = path.join(backups, path.basename(given))
      const recovery = c.host.runtime.recovery
      let r: { restored: string; keptAs: string }
      const byName = (name: string) => (recovery ? c.call('recovery.restore', { name }) : c.call('backups.restore', { name }))
      if (fs.existsSync(asPath) && fs.statSync(asPath).isFile()) {
        if (path.dirname(asPath) === path.resolve(backups) && BACKUP_NAME.test(path.basename(asPath))) r = await byName(path.basename(asPath))
        else r = await c.call('backups.restoreFile', { base64: fs.readFileSync(asPath).toString('base64'), passphrase: backupPassphrase(c) ?? '' })
      } else if (path.basename(given) === given && fs.existsSync(inFolder)) {
        r = await byName(given)
      } else {
        throw new RefusedError({ code: 'NOT_FOUND', message: `no file ${given} (nor a backup of that name in ${backups})` })
      }
      c.out.result([`restored ${given}`, `the data before the restore is kept as ${r.keptAs}`], { ...r, file: given })
    }
  }
]
