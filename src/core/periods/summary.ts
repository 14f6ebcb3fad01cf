/**
 * What a month holds, by the business date of each record: the summary shown before closing it
 * (people registered, their change events, exams, referrals, stock moves and units out,
 * certificates issued, verifications) and the count of dated records per month for the list.
 *
 * Business dates: a person's registration is her 'registered' event's date (the day she was
 * entered: the register keeps no other date of joining); change events by their date; screening
 * records by exam date; stock moves by their date; certificates by issue date (renewals
 * included: each is a certificate issued); verifications by verified_on.
 */
import type { MonthSummary } from '../../api/periods'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { monthBounds } from './months'

const count = (sqlite: Sqlite, sql: string, period: string): number => (stmt(sqlite, sql).get(...monthBounds(period)) as { n: number }).n

/**
 * base units out of stock in the month: issued and dispensed, net of returns and of reversals —
 * the stock report's consumption (inv_month_totals.consumed), so the close dialog and the
 * packet's totals give one figure
 */
const stockOut = (sqlite: Sqlite, period: string): number =>
  (stmt(sqlite, 'SELECT coalesce(sum(consumed), 0) AS n FROM inv_month_totals WHERE month = ?').get(period) as { n: number }).n

export function monthSummary(sqlite: Sqlite, period: string): MonthSummary {
  return {
    personsAdded: count(sqlite, `SELECT count(*) AS n FROM person_events WHERE type = 'registered' AND date BETWEEN ? AND ?`, period),
    personEvents: count(sqlite, `SELECT count(*) AS n FROM person_events WHERE type <> 'registered' AND date BETWEEN ? AND ?`, period),
    screeningRecords: count(sqlite, 'SELECT count(*) AS n FROM screening_records WHERE exam_date BETWEEN ? AND ?', period),
    referrals: count(sqlite, 'SELECT count(*) AS n FROM screening_records WHERE exam_date BETWEEN ? AND ? AND referral_destination IS NOT NULL', period),
    stockMoves: count(sqlite, 'SELECT count(*) AS n FROM inv_moves WHERE date BETWEEN ? AND ?', period),
    stockOut: stockOut(sqlite, period),
    certificatesIssued: count(sqlite, 'SELECT count(*) AS n FROM certificates WHERE issue_date BETWEEN ? AND ?', period),
    verifications: count(sqlite, 'SELECT count(*) AS n FROM verifications WHERE verified_on BETWEEN ? AND ?', period)
  }
}

/** the dated tables and their business-date column: what "records of a month" counts */
const DATED: [table: string, column: string][] = [
  ['person_events', 'date'],
  ['screening_records', 'exam_date'],
  ['inv_moves', 'date'],
  ['certificates', 'issue_date'],
  ['verifications', 'verified_on']
]

/** records dated in one month */
export function recordsIn(sqlite: Sqlite, period: string): number {
  let n = 0
  for (const [t, c] of DATED) n += count(sqlite, `SELECT count(*) AS n FROM ${t} WHERE ${c} BETWEEN ? AND ?`, period)
  return n
}

/**
 * The earliest month with a dated record (null when there is none): each table's first date
 * from an index on its date (migration 0015), the stock moves' from their month totals (the
 * ledger keeps a row per product, month and kind moved: inventory/ledger.ts), never a scan.
 */
export function firstDatedMonth(sqlite: Sqlite): string | null {
  const firsts = DATED.filter(([t]) => t !== 'inv_moves').map(([t, c]) => (stmt(sqlite, `SELECT min(${c}) AS d FROM ${t} WHERE ${c} >= '0001'`).get() as { d: string | null }).d)
  firsts.push((stmt(sqlite, `SELECT min(month) AS d FROM inv_month_totals WHERE month >= '0001'`).get() as { d: string | null }).d)
  const months = firsts.filter((d): d is string => d !== null && /^\d{4}-\d{2}/.test(d)).map((d) => d.slice(0, 7))
  return months.length ? months.sort()[0] : null
}
