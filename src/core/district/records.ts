/**
 * A month's five figures per station counted again from the records its packets carried
 * (district_rows: the newest version of every row, by (station, table, id)), by the records'
 * business dates — the rules the station's own reports use (packets/reports/*.ts):
 *  - screened: screening records by exam date; referred: those with a referral
 *    (follow_up_state other than 'none', whatever its follow-up became since)
 *  - stockOut: the stock moves' consumption by move date (the `consumed` each move keeps:
 *    issue + dispense − return, a reversal the negative of what it reverses; base units), the
 *    stock report's "consumed" (inventory/ledger.ts consumedBy, inventory/report.ts)
 *  - certificatesIssued: certificates by issue date, whatever became of them since
 *  - verifications: by verification date
 * One statement over the (tbl, business_date) index; json_extract only on the month's rows.
 * A figure that differs from the station's report is named in the line's `mismatch`.
 */
import { DISTRICT_FIGURES, type DistrictFigure, type DistrictFigures } from '../../api/district'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { lastDayOf } from '../inventory/report'

const BY_STATION = `SELECT station_code AS code, tbl, count(*) AS n,
    sum(CASE tbl
      WHEN 'screening_records' THEN coalesce(json_extract(data, '$.follow_up_state'), 'none') <> 'none'
      WHEN 'inv_moves' THEN coalesce(json_extract(data, '$.consumed'), 0)
      ELSE 0 END) AS v
  FROM district_rows
  WHERE tbl IN ('screening_records', 'inv_moves', 'certificates', 'verifications') AND business_date BETWEEN ? AND ?
  GROUP BY station_code, tbl`

export const noFigures = (): DistrictFigures => ({ screened: 0, referred: 0, stockOut: 0, certificatesIssued: 0, verifications: 0 })

/** the month's figures from the records, by station code (stations with no record in the month left out) */
export function recordFigures(sqlite: Sqlite, period: string): Map<string, DistrictFigures> {
  const out = new Map<string, DistrictFigures>()
  const rows = stmt(sqlite, BY_STATION).all(`${period}-01`, lastDayOf(period)) as { code: string; tbl: string; n: number; v: number | null }[]
  for (const r of rows) {
    const f = out.get(r.code) ?? noFigures()
    if (r.tbl === 'screening_records') {
      f.screened += r.n
      f.referred += r.v ?? 0
    } else if (r.tbl === 'inv_moves') f.stockOut += r.v ?? 0
    else if (r.tbl === 'certificates') f.certificatesIssued += r.n
    else if (r.tbl === 'verifications') f.verifications += r.n
    out.set(r.code, f)
  }
  return out
}

/** the figures where a and b differ, in DISTRICT_FIGURES order */
export function differing(a: DistrictFigures, b: DistrictFigures): DistrictFigure[] {
  return DISTRICT_FIGURES.filter((k) => a[k] !== b[k])
}

export function sumFigures(all: DistrictFigures[]): DistrictFigures {
  const out = noFigures()
  for (const f of all) for (const k of DISTRICT_FIGURES) out[k] += f[k]
  return out
}
