/**
 * The months a head may close or reopen (periods.list): every month from the first that has a
 * dated record (or the station's setup month, when earlier; at most two years before setup) up to the current one, plus every
 * month with a periods row (closed months always), newest first — each with its state, the
 * packet of its latest close and the count of records dated in it: a closed month's as counted
 * when it was closed (nothing dated in it can change while it is: guard.ts), an open month's
 * counted now on the date indexes — so ten years of closed months cost a read of their rows,
 * not a pass over every record.
 */
import type { PeriodList, PeriodRow } from '../../api/periods'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { currentPeriod, hasEnded, periodsBetween, setupPeriod } from './months'
import { firstDatedMonth, recordsIn } from './summary'
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
  /** records dated in it when it was last closed (null: open, or closed before migration 0015) */
  records: number | null
}

const COLUMNS = `id, period, status, closed_at AS closedAt, closed_by AS closedBy, close_count AS closeCount, reopened_at AS reopenedAt,
  reopened_by AS reopenedBy, reopen_reason AS reopenReason, records`

export function findPeriod(sqlite: Sqlite, period: string): PeriodDbRow | undefined {
  return stmt(sqlite, `SELECT ${COLUMNS} FROM periods WHERE period = ?`).get(period) as PeriodDbRow | undefined
}

/** the packet built for a close of the month (close_no = its close count), if any */
function packetOf(sqlite: Sqlite, period: string, closeNo: number): PeriodRow['packet'] {
  if (closeNo === 0) return null
  const p = stmt(sqlite, 'SELECT seq, sha256, export_count AS exportCount FROM packets WHERE period = ? AND close_no = ?').get(period, closeNo) as PeriodRow['packet'] | undefined
  return p ?? null
}

/**
 * every packet's (period, close) → its seq, hash and export count, in one read of the packets_info
 * index (migration 0015): export_count lies after the bytes in the table's row
 */
function packetsByClose(sqlite: Sqlite): Map<string, NonNullable<PeriodRow['packet']>> {
  const rows = stmt(sqlite, 'SELECT period, close_no AS closeNo, seq, sha256, export_count AS exportCount FROM packets').all() as ({ period: string; closeNo: number } & NonNullable<PeriodRow['packet']>)[]
  return new Map(rows.map(({ period, closeNo, ...p }) => [`${period}|${closeNo}`, p]))
}

function toRow(period: string, db: PeriodDbRow | undefined, current: string, records: number, packet: PeriodRow['packet']): PeriodRow {
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
    packet,
    records
  }
}

/** one month's row, as the close and reopen answer it */
export function periodRow(ctx: Ctx, period: string): PeriodRow {
  const db = findPeriod(ctx.sqlite, period)
  return toRow(period, db, currentPeriod(ctx), recordsIn(ctx.sqlite, period), packetOf(ctx.sqlite, period, db?.closeCount ?? 0))
}

export function listPeriods(ctx: Ctx): PeriodList {
  const current = currentPeriod(ctx)
  const stored = new Map((stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM periods`).all() as PeriodDbRow[]).map((r) => [r.period, r]))
  // a record's month after the current one (a date typed wrong on a clock set back) is listed only when stored
  const dated = firstDatedMonth(ctx.sqlite)
  // from the first dated record, but not more than two years before setup: a register imported
  // with its history (arrivals back to the 1990s) has no months there a head would close
  const setup = setupPeriod(ctx) ?? current
  const floor = addMonths(setup, -24)
  const earliest = dated !== null && dated < setup ? dated : setup
  const first = earliest < floor ? floor : earliest
  const months = new Set([...periodsBetween(first, current), ...stored.keys()])
  const records = (p: string, db: PeriodDbRow | undefined) => (db?.status === 'closed' && db.records !== null ? db.records : recordsIn(ctx.sqlite, p))
  const packets = packetsByClose(ctx.sqlite)
  const rows = [...months]
    .sort()
    .reverse()
    .map((p) => {
      const db = stored.get(p)
      return toRow(p, db, current, records(p, db), db?.closeCount ? (packets.get(`${p}|${db.closeCount}`) ?? null) : null)
    })
  return { current, rows }
}
