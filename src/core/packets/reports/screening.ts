/**
 * reports/screening.json: the campaigns running in the month, with their coverage up to the
 * month's last day and what was examined in the month, by the records' exam dates.
 *
 * Counted as the campaign dashboard counts (src/core/screening/dashboard.ts), so a campaign held
 * wholly inside one month shows the dashboard's figures: screened = records (one per person per
 * campaign), conclusions = records by conclusion, referred = records with a referral
 * (follow_up_state other than 'none', whatever its follow-up became since).
 *
 * Campaigns listed: those started (active or closed; a planned one takes no records) whose dates
 * overlap the month, and any campaign with a record dated in the month (its dates may have been
 * edited after its records were saved) — so Σ screenedInMonth is every record dated in the month.
 */
import { CONCLUSIONS, SCREENING_KINDS, type Conclusion, type ScreeningKind } from '../../../api/screeningFindings'
import type { ScreeningReport } from '../../../api/packetReports'
import type { Ctx } from '../../context'
import { stmt } from '../../db/stmt'
import { rate } from '../../screening/dashboard'
import { monthDays } from './month'

type Line = ScreeningReport['campaigns'][number]
type KindLine = ScreeningReport['kinds'][number]

const CAMPAIGNS = `SELECT c.id AS campaignId, c.name, c.kind, c.start_date AS startDate, c.end_date AS endDate, c.target_count AS target
  FROM screening_campaigns c
  WHERE (c.status <> 'planned' AND c.start_date <= ? AND c.end_date >= ?)
     OR EXISTS (SELECT 1 FROM screening_records r WHERE r.campaign_id = c.id AND r.exam_date BETWEEN ? AND ?)
  ORDER BY c.start_date, c.name, c.id`
const TO_DATE = 'SELECT count(*) AS n FROM screening_records WHERE campaign_id = ? AND exam_date <= ?'
const IN_MONTH = `SELECT conclusion, follow_up_state <> 'none' AS referred, count(*) AS n FROM screening_records
  WHERE campaign_id = ? AND exam_date BETWEEN ? AND ? GROUP BY conclusion, referred`

const noConclusions = (): Record<Conclusion, number> => Object.fromEntries(CONCLUSIONS.map((c) => [c, 0])) as Record<Conclusion, number>
const ABNORMAL: Conclusion[] = ['abnormal_refer', 'suspected_malignancy']

export function screeningReport(ctx: Ctx, period: string): ScreeningReport {
  const { first, last } = monthDays(period)
  const campaigns = stmt(ctx.sqlite, CAMPAIGNS).all(last, first, first, last) as Omit<Line, 'screenedToDate' | 'screenedInMonth' | 'conclusionsInMonth' | 'referredInMonth'>[]
  const lines: Line[] = campaigns.map((c) => {
    const conclusionsInMonth = noConclusions()
    let screenedInMonth = 0
    let referredInMonth = 0
    for (const r of stmt(ctx.sqlite, IN_MONTH).all(c.campaignId, first, last) as { conclusion: Conclusion; referred: number; n: number }[]) {
      conclusionsInMonth[r.conclusion] += r.n
      screenedInMonth += r.n
      if (r.referred) referredInMonth += r.n
    }
    const screenedToDate = (stmt(ctx.sqlite, TO_DATE).get(c.campaignId, last) as { n: number }).n
    return { ...c, screenedToDate, screenedInMonth, conclusionsInMonth, referredInMonth }
  })
  return { period, campaigns: lines, kinds: sumByKind(lines) }
}

/** the lines summed per kind, in the kinds' own order; a kind without campaigns is left out */
export function sumByKind(lines: Line[]): KindLine[] {
  const out: KindLine[] = []
  for (const kind of SCREENING_KINDS as readonly ScreeningKind[]) {
    const of = lines.filter((l) => l.kind === kind)
    if (!of.length) continue
    const sum = (f: (l: Line) => number) => of.reduce((s, l) => s + f(l), 0)
    const target = sum((l) => l.target)
    const screenedToDate = sum((l) => l.screenedToDate)
    out.push({
      kind,
      campaigns: of.length,
      target,
      screenedToDate,
      screenedInMonth: sum((l) => l.screenedInMonth),
      abnormalInMonth: sum((l) => ABNORMAL.reduce((s, c) => s + l.conclusionsInMonth[c], 0)),
      referredInMonth: sum((l) => l.referredInMonth),
      coverage: rate(screenedToDate, target)
    })
  }
  return out
}
