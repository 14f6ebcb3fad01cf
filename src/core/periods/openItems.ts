/**
 * What is still open in a month, before it is closed.
 *  Blockers (the close is refused): stocktakes dated in the month that are neither confirmed nor
 *  cancelled — their gains and losses would land in a closed month.
 *  Warnings (closed only with acceptWarnings): referrals due in the month with no outcome yet,
 *  and active campaigns whose end date is in the month.
 * Screening records have no draft state (a record is saved complete or not at all), so the
 * contract's 'screening_draft' kind never occurs here.
 */
import type { PeriodOpenItem } from '../../api/periods'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { monthBounds } from './months'

const SAMPLES = 10

interface Query {
  kind: PeriodOpenItem['kind']
  /** the FROM … WHERE with two ? for the month's first and last day */
  from: string
  /** id, label, date */
  select: string
  order: string
}

const BLOCKERS: Query[] = [
  {
    kind: 'stocktake_open',
    from: `inv_stocktakes s WHERE s.status = 'open' AND s.date BETWEEN ? AND ?`,
    select: `s.id, CASE WHEN s.note <> '' THEN s.note ELSE s.date END AS label, s.date`,
    order: 's.date, s.id'
  }
]

const WARNINGS: Query[] = [
  {
    kind: 'follow_up_due',
    from: `screening_records r JOIN persons p ON p.id = r.person_id JOIN screening_campaigns c ON c.id = r.campaign_id
      WHERE r.follow_up_state = 'open' AND r.referral_due BETWEEN ? AND ?`,
    select: `r.id, p.name || ' · ' || c.name AS label, r.referral_due AS date`,
    order: 'r.referral_due, r.id'
  },
  {
    kind: 'campaign_active',
    from: `screening_campaigns c WHERE c.status = 'active' AND c.end_date BETWEEN ? AND ?`,
    select: 'c.id, c.name AS label, c.end_date AS date',
    order: 'c.end_date, c.id'
  }
]

function items(sqlite: Sqlite, queries: Query[], period: string): PeriodOpenItem[] {
  const bounds = monthBounds(period)
  const out: PeriodOpenItem[] = []
  for (const q of queries) {
    const n = (stmt(sqlite, `SELECT count(*) AS n FROM ${q.from}`).get(...bounds) as { n: number }).n
    if (n === 0) continue
    const samples = stmt(sqlite, `SELECT ${q.select} FROM ${q.from} ORDER BY ${q.order} LIMIT ${SAMPLES}`).all(...bounds) as PeriodOpenItem['samples']
    out.push({ kind: q.kind, count: n, samples })
  }
  return out
}

export function openItems(sqlite: Sqlite, period: string): { blockers: PeriodOpenItem[]; warnings: PeriodOpenItem[] } {
  return { blockers: items(sqlite, BLOCKERS, period), warnings: items(sqlite, WARNINGS, period) }
}
