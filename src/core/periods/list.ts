/**
 * The months a head may close or reopen (periods.list): every month from the first that has a
 * dated record (or the station's setup month, when earlier; at most two years before setup) up to the current one, plus every
 * month with a periods row (closed months always), newest first — each with its state, the
 * packet of its latest close and the count of records dated in it.
 */
import type { PeriodList, PeriodRow } from '../../api/periods'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { currentPeriod, hasEnded, periodsBetween, setupPeriod } from './months'
import { recordsByMonth, recordsIn } from './summary'
import { addMonths } from '../inventory/report'

export interface PeriodDbRow {
  id: string
  period: string
  status: PeriodRow['status']
  closedAt: string | null
  closedBy: string | null
  closeCount: number
  reopenedAt: string | null
  reopenedBy: string | null
  reopenReason: string | null
}

const COLUMNS = `id, period, status, closed_at AS closedAt, closed_by AS closedBy, close_count AS closeCount, reopened_at AS reopenedAt,
  reopened_by AS reopenedBy, reopen_reason AS reopenReason`

export function findPeriod(sqlite: Sqlite, period: string): PeriodDbRow | undefined {
  return stmt(sqlite, `SELECT ${COLUMNS} FROM periods WHERE period = ?`).get(period) as PeriodDbRow | undefined
}

/** the packet built for a close of the month (close_no = its close count), if any */
function packetOf(sqlite: Sqlite, period: string, closeNo: number): PeriodRow['packet'] {
  if (closeNo === 0) return null
  const p = stmt(sqlite, 'SELECT seq, sha256, export_count AS exportCount FROM packets WHERE period = ? AND close_no = ?').get(period, closeNo) as PeriodRow['packet'] | undefined
  return p ?? null
}

function toRow(sqlite: Sqlite, period: string, db: PeriodDbRow | undefined, current: string, records: number): PeriodRow {
  const closeCount = db?.closeCount ?? 0
  return {
    period,
    status: db?.status ?? 'open',
    ended: hasEnded(period, current),
    closedAt: db?.closedAt ?? null,
    closedBy: db?.closedBy ?? null,
    closeCount,
    reopenedAt: db?.reopenedAt ?? null,
    reopenedBy: db?.reopenedBy ?? null,
    reopenReason: db?.reopenReason ?? null,
    packet: packetOf(sqlite, period, closeCount),
    records
  }
}

/** one month's row, as the close and reopen answer it */
export function periodRow(ctx: Ctx, period: string): PeriodRow {
  return toRow(ctx.sqlite, period, findPeriod(ctx.sqlite, period), currentPeriod(ctx), recordsIn(ctx.sqlite, period))
}

export function listPeriods(ctx: Ctx): PeriodList {
  const current = currentPeriod(ctx)
  const records = recordsByMonth(ctx.sqlite)
  const stored = new Map((stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM periods`).all() as PeriodDbRow[]).map((r) => [r.period, r]))
  // a record's month after the current one (a date typed wrong on a clock set back) is listed only when stored
  const dated = [...records.keys()].filter((m) => /^\d{4}-\d{2}$/.test(m) && m <= current)
  // from the first dated record, but not more than two years before setup: a register imported
  // with its history (arrivals back to the 1990s) has no months there a head would close
  const setup = setupPeriod(ctx) ?? current
  const floor = addMonths(setup, -24)
  const earliest = [...dated, setup].sort()[0]
  const first = earliest < floor ? floor : earliest
  const months = new Set([...periodsBetween(first, current), ...stored.keys()])
  const rows = [...months].sort().reverse().map((p) => toRow(ctx.sqlite, p, stored.get(p), current, records.get(p) ?? 0))
  return { current, rows }
}
