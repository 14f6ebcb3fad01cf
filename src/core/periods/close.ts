/**
 * Closing a month (关账) and reopening it (periods.preview / close / reopen; head only).
 *
 * Rules (the error's details.rule and its field's rule):
 *  - period_not_ended (VALIDATION, path period, details.current): the month has not ended yet
 *  - period_closed_already (CONFLICT): the month is closed
 *  - period_blocked (CONFLICT, details.blockers): an open stocktake is dated in the month
 *  - period_warnings (CONFLICT, details.warnings): something is still open and acceptWarnings is false
 *  - period_not_closed (CONFLICT): a reopen of a month that is open
 * The first close inserts the month's row (close_count 1); a reopen keeps who reopened it, when
 * and why; closing it again raises close_count, so its next packet is a new one.
 */
import type { ClosePreview, PeriodRow, periodsApi } from '../../api/periods'
import type { ParsedInputOf } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { newId } from '../ids'
import { findPeriod, periodRow } from './list'
import { currentPeriod, hasEnded } from './months'
import { openItems } from './openItems'
import { monthSummary, recordsIn } from './summary'

type CloseInput = ParsedInputOf<(typeof periodsApi)['periods.close']>
type ReopenInput = ParsedInputOf<(typeof periodsApi)['periods.reopen']>

export function previewClose(ctx: Ctx, period: string): ClosePreview {
  const { blockers, warnings } = openItems(ctx.sqlite, period)
  return {
    period,
    status: findPeriod(ctx.sqlite, period)?.status ?? 'open',
    ended: hasEnded(period, currentPeriod(ctx)),
    blockers,
    warnings,
    summary: monthSummary(ctx.sqlite, period)
  }
}

/** the message Chinese first, English in brackets (the CLI prints it); the field's message the English alone */
const bilingual = (zh: string, en: string): [string, string] => [`${zh} (${en})`, en]

function conflict(rule: string, [message, english]: [string, string], extra: Record<string, unknown> = {}): AppError {
  return new AppError('CONFLICT', message, { rule, ...extra, fields: [{ path: 'period', rule, message: english }] })
}

export function closePeriod(ctx: Ctx, input: CloseInput): PeriodRow {
  const { period } = input
  const current = currentPeriod(ctx)
  if (!hasEnded(period, current)) {
    const [message, english] = bilingual(`${period} 尚未结束，过了月末才能关账`, `the month ${period} has not ended yet: a month can be closed once it is over`)
    throw new AppError('VALIDATION', message, { period, current, fields: [{ path: 'period', rule: 'period_not_ended', message: english }] })
  }
  const had = findPeriod(ctx.sqlite, period)
  if (had?.status === 'closed') throw conflict('period_closed_already', bilingual(`${period} 已关账`, `the month ${period} is closed already`), { period })
  const { blockers, warnings } = openItems(ctx.sqlite, period)
  if (blockers.length)
    throw conflict('period_blocked', bilingual(`${period} 还有未完成的盘点，请先确认或作废后再关账`, `the month ${period} has a stocktake still open: confirm or cancel it first`), { period, blockers })
  if (warnings.length && !input.acceptWarnings)
    throw conflict('period_warnings', bilingual(`${period} 还有未了结的事项，确认后才能关账`, `the month ${period} has open items: accept the warnings to close it anyway`), { period, warnings })

  const at = ctx.nowIso()
  const by = ctx.user().actor
  // its records as they stand at the close: the periods list shows this count while it stays closed
  const records = recordsIn(ctx.sqlite, period)
  let id: string
  let closeCount: number
  if (had) {
    id = had.id
    closeCount = had.closeCount + 1
    stmt(ctx.sqlite, `UPDATE periods SET status = 'closed', closed_at = ?, closed_by = ?, close_count = ?, records = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(at, by, closeCount, records, at, by, id)
  } else {
    id = newId()
    closeCount = 1
    stmt(ctx.sqlite, `INSERT INTO periods (id, created_at, updated_at, updated_by, period, status, closed_at, closed_by, close_count, records) VALUES (?, ?, ?, ?, ?, 'closed', ?, ?, 1, ?)`).run(id, at, at, by, period, at, by, records)
  }
  const summary = monthSummary(ctx.sqlite, period)
  ctx.audit({
    entity: 'period',
    entityId: id,
    summary: `closed ${period}${closeCount > 1 ? ` again (close ${closeCount})` : ''}${warnings.length ? `, accepting ${warnings.map((w) => `${w.count} ${w.kind}`).join(', ')}` : ''}`,
    msg: ['period.closed', { period, n: closeCount }],
    details: { closeCount, summary, ...(warnings.length ? { acceptedWarnings: warnings.map(({ kind, count }) => ({ kind, count })) } : {}) }
  })
  return periodRow(ctx, period)
}

export function reopenPeriod(ctx: Ctx, input: ReopenInput): PeriodRow {
  const { period, reason } = input
  const had = findPeriod(ctx.sqlite, period)
  if (had?.status !== 'closed') throw conflict('period_not_closed', bilingual(`${period} 未关账，无需重新开放`, `the month ${period} is not closed`), { period })
  const at = ctx.nowIso()
  const by = ctx.user().actor
  stmt(ctx.sqlite, `UPDATE periods SET status = 'open', reopened_at = ?, reopened_by = ?, reopen_reason = ?, records = NULL, updated_at = ?, updated_by = ? WHERE id = ?`).run(at, by, reason, at, by, had.id)
  ctx.audit({
    entity: 'period',
    entityId: had.id,
    summary: `reopened ${period}: ${reason}`,
    msg: ['period.reopened', { period, reason }],
    details: { reason, closeCount: had.closeCount }
  })
  return periodRow(ctx, period)
}
