import type { CommandSpec } from '../command'
import { str } from '../command'
import { EXIT_OK, EXIT_REFUSED, UsageError, table } from '../output'

function positiveInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number from 1`)
  return n
}

export const auditCommands: CommandSpec[] = [
  {
    domain: 'audit',
    verb: 'verify',
    summary: 'check the hash chain of the audit log (exit 1 when broken)',
    usage: 'stationdesk audit verify',
    async run(c) {
      const r = await c.call('audit.verify', {})
      c.out.result(r.ok ? `audit chain ok: ${r.rows} rows` : `audit chain broken at row ${r.firstBroken}: ${r.reason}`, {
        ok: r.ok,
        rows: r.rows,
        firstBroken: r.firstBroken,
        reason: r.reason
      })
      return r.ok ? EXIT_OK : EXIT_REFUSED
    }
  },
  {
    domain: 'audit',
    verb: 'list',
    summary: 'show the audit log, newest first',
    usage: 'stationdesk audit list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--actor A] [--action M] [--q TEXT] [--limit N] [--page N]',
    options: {
      from: { type: 'string', help: '--from YYYY-MM-DD  first day (station time)' },
      to: { type: 'string', help: '--to YYYY-MM-DD  last day (station time)' },
      actor: { type: 'string', help: '--actor A  a username, or cli:<os user>' },
      action: { type: 'string', help: '--action M  e.g. users.create, auth.login_failed' },
      q: { type: 'string', help: '--q TEXT  text in the summary' },
      limit: { type: 'string', help: '--limit N  rows per page (default 50, at most 500)' },
      page: { type: 'string', help: '--page N  (default 1)' }
    },
    async run(c) {
      const page = await c.call('audit.list', {
        from: str(c.opts, 'from'),
        to: str(c.opts, 'to'),
        actor: str(c.opts, 'actor'),
        action: str(c.opts, 'action'),
        q: str(c.opts, 'q'),
        pageSize: positiveInt(str(c.opts, 'limit'), '--limit', 50),
        page: positiveInt(str(c.opts, 'page'), '--page', 1)
      })
      const tz = c.host.runtime.clock.timeZone
      const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: tz })
      const lines = table(
        ['SEQ', 'AT', 'ACTOR', 'ACTION', 'SUMMARY'],
        page.rows.map((r) => [r.seq, local(r.at), r.actor, r.action, r.summary])
      )
      lines.push(`${page.rows.length} of ${page.total} rows (page ${page.page})`)
      c.out.result(lines, page)
    }
  }
]
