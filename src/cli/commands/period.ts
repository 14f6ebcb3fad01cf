/**
 * `stationdesk period close YYYY-MM [--accept-warnings]`: closes a month that has ended (关账);
 * what is still open in it is listed when the close is refused.
 * `stationdesk period reopen YYYY-MM --reason TEXT`: reopens a closed month (audited).
 * `stationdesk period list`: the months with their state, records and packet.
 * All through the method table (periods.*; the head's methods: the local operator has the
 * head's rights, a named --user must be a head).
 */
import type { MonthSummary, PeriodOpenItem, PeriodRow } from '../../api/periods'
import { periodMonth } from '../../api/periods'
import { str, type CommandContext, type CommandSpec } from '../command'
import { RefusedError, UsageError, table } from '../output'

function month(c: { args: string[] }): string {
  const p = c.args[0]
  if (!periodMonth.safeParse(p).success) throw new UsageError(`a month is written YYYY-MM, not ${p}`)
  return p
}

const KIND: Record<PeriodOpenItem['kind'], string> = {
  stocktake_open: 'stocktakes not confirmed',
  screening_draft: 'screening records not finished',
  follow_up_due: 'referrals due without an outcome',
  campaign_active: 'campaigns still active that ended in the month'
}

/** the open items of a refused close, one line each with up to 10 of them named */
function itemLines(items: PeriodOpenItem[]): string[] {
  return items.flatMap((i) => [`  ${KIND[i.kind]}: ${i.count}`, ...i.samples.map((s) => `    ${s.date ?? ''}  ${s.label}`), ...(i.count > i.samples.length ? [`    … and ${i.count - i.samples.length} more`] : [])])
}

function summaryLines(s: MonthSummary): string[] {
  const n = (x: number) => x.toLocaleString('en')
  return [
    `people registered:    ${n(s.personsAdded)}`,
    `change events:        ${n(s.personEvents)}`,
    `screening records:    ${n(s.screeningRecords)} (referrals ${n(s.referrals)})`,
    `stock moves:          ${n(s.stockMoves)} (units out ${n(s.stockOut)})`,
    `certificates issued:  ${n(s.certificatesIssued)}`,
    `verifications:        ${n(s.verifications)}`
  ]
}

async function close(c: CommandContext): Promise<void> {
  const period = month(c)
  let row: PeriodRow
  try {
    row = await c.call('periods.close', { period, acceptWarnings: c.opts['accept-warnings'] === true })
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e
    const d = e.error.details ?? {}
    if (d.rule === 'period_blocked') throw new RefusedError(e.error, ['Still open in the month (deal with these first):', ...itemLines(d.blockers as PeriodOpenItem[])])
    if (d.rule === 'period_warnings')
      throw new RefusedError(e.error, ['Still open in the month:', ...itemLines(d.warnings as PeriodOpenItem[]), `To close it anyway: stationdesk period close ${period} --accept-warnings`])
    throw e
  }
  const { summary } = await c.call('periods.preview', { period })
  const again = row.closeCount > 1 ? ` (closed ${row.closeCount} times)` : ''
  c.out.result([`closed ${period}${again}: ${row.records.toLocaleString('en')} records dated in it are now read-only`, ...summaryLines(summary)], { ...row, summary })
}

async function reopen(c: CommandContext): Promise<void> {
  const row = await c.call('periods.reopen', { period: month(c), reason: str(c.opts, 'reason')! })
  c.out.result(`reopened ${row.period}: ${row.reopenReason}. Changes dated in it travel in the next packet; close it again when done.`, row)
}

async function list(c: CommandContext): Promise<void> {
  const l = await c.call('periods.list', {})
  const state = (r: PeriodRow) => (r.status === 'closed' ? 'closed' : r.closeCount > 0 ? 'reopened' : r.ended ? 'open' : 'current')
  const lines = table(
    ['MONTH', 'STATE', 'RECORDS', 'CLOSES', 'CLOSED AT', 'PACKET'],
    l.rows.map((r) => [r.period, state(r), r.records.toLocaleString('en'), r.closeCount || '', r.closedAt ?? '', r.packet ? `#${r.packet.seq} ${r.packet.sha256.slice(0, 16)}` : ''])
  )
  c.out.result(lines, l)
}

export const periodCommands: CommandSpec[] = [
  {
    domain: 'period',
    verb: 'close',
    summary: 'close a month that has ended (关账): what is dated in it becomes read-only',
    usage: 'stationdesk period close YYYY-MM [--accept-warnings]',
    args: ['YYYY-MM'],
    options: { 'accept-warnings': { type: 'boolean', help: '--accept-warnings  close even though referrals due in the month have no outcome or its campaigns are still active' } },
    notes: [
      'Refused (exit 1): a month not yet over, a month closed already, an unconfirmed stocktake dated in it; open referrals and active campaigns need --accept-warnings.',
      'With --json the last line is the month {"period","status","closeCount","closedAt","records","packet",…,"summary":{…}}.'
    ],
    run: close
  },
  {
    domain: 'period',
    verb: 'reopen',
    summary: 'reopen a closed month, with the reason (audited)',
    usage: 'stationdesk period reopen YYYY-MM --reason TEXT',
    args: ['YYYY-MM'],
    options: { reason: { type: 'string', help: '--reason TEXT  why the month is reopened (required)' } },
    validate(opts) {
      if (!str(opts, 'reason')?.trim()) throw new UsageError('period reopen needs --reason TEXT')
    },
    run: reopen
  },
  {
    domain: 'period',
    verb: 'list',
    summary: 'the months: open or closed, records dated in each, the packet of the latest close',
    usage: 'stationdesk period list',
    notes: ['With --json the last line is {"current","rows":[{"period","status","ended","closeCount","closedAt","records","packet":{"seq","sha256","exportCount"}|null,…}]}.'],
    run: list
  }
]
