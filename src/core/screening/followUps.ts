/**
 * The follow-up worklist (随访): every referral with its due date, overdue ones first, and the
 * outcome of each — attended (where, diagnosis, treatment, date) or lost (reason). Outcomes may
 * be recorded after the campaign closed: closing freezes the findings, not the follow-up.
 */
import type { ParsedInputOf } from '../../api/contract'
import type { Page } from '../../api/contract'
import type { FollowUpRow, recordsApi, ScreeningRecord } from '../../api/screeningRecords'
import { daysBetween } from '../clock'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { fieldError } from '../errors'
import { assertPeriodOpen } from '../periods/guard'
import { todayOf } from '../persons/record'
import { loadRecord } from './records'

type ListInput = ParsedInputOf<(typeof recordsApi)['screening.followUps']>
type SaveInput = ParsedInputOf<(typeof recordsApi)['screening.followUpSave']>


export function followUpList(ctx: Ctx, input: ListInput): Page<FollowUpRow> {
  const today = todayOf(ctx)
  const where = ["r.follow_up_state <> 'none'"]
  const params: unknown[] = []
  if (input.state === 'open') where.push("r.follow_up_state = 'open'")
  if (input.state === 'closed') where.push("r.follow_up_state IN ('attended', 'lost')")
  if (input.campaignId) (where.push('r.campaign_id = ?'), params.push(input.campaignId))
  if (input.overdueOnly) (where.push("r.follow_up_state = 'open' AND r.referral_due < ?"), params.push(today))
  const w = where.join(' AND ')
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM screening_records r WHERE ${w}`).get(...params) as { n: number }).n
  // open ones first, by due date (the most overdue on top), then the closed ones, latest first
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.id AS recordId, r.campaign_id AS campaignId, c.name AS campaignName, c.kind, r.person_id AS personId, p.name, p.id_number AS idNumber,
        p.phone, sp.name AS servicePointName, r.exam_date AS examDate, r.conclusion, r.referral_destination AS destination, r.referral_due AS dueDate,
        r.follow_up_state AS state, r.follow_up_date AS outcomeDate
       FROM screening_records r JOIN screening_campaigns c ON c.id = r.campaign_id JOIN persons p ON p.id = r.person_id
       LEFT JOIN service_points sp ON sp.id = p.service_point_id
       WHERE ${w}
       ORDER BY (r.follow_up_state = 'open') DESC, CASE WHEN r.follow_up_state = 'open' THEN r.referral_due END ASC, r.follow_up_date DESC, r.id
       LIMIT ? OFFSET ?`
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as Omit<FollowUpRow, 'daysOverdue'>[]
  return {
    rows: rows.map((r) => ({ ...r, daysOverdue: r.state === 'open' ? daysBetween(r.dueDate, today) : 0 })),
    total,
    page: input.page,
    pageSize: input.pageSize
  }
}

export function saveFollowUp(ctx: Ctx, input: SaveInput): ScreeningRecord {
  const rec = loadRecord(ctx, input.recordId)
  if (rec.followUp.state === 'none') throw fieldError('recordId', 'no_referral', 'this record has no referral to follow up')
  const today = todayOf(ctx)
  const o = input.outcome
  const date = o.outcome === 'attended' ? o.date : today
  // the outcome is dated on its own day (an exam in a closed month may still be followed up); a recorded one changes only in an open month
  assertPeriodOpen(ctx, rec.followUp.date, 'outcome.date')
  assertPeriodOpen(ctx, date, 'outcome.date')
  if (o.outcome === 'attended') {
    if (o.date > today) throw fieldError('outcome.date', 'date_future', `${o.date} is after today`, { today })
    if (o.date < rec.examDate) throw fieldError('outcome.date', 'before_exam', `${o.date} is before the exam (${rec.examDate})`, { examDate: rec.examDate })
  }
  stmt(ctx.sqlite, 'UPDATE screening_records SET follow_up_state = ?, follow_up_outcome = ?, follow_up_date = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
    o.outcome,
    JSON.stringify(o),
    date,
    ctx.nowIso(),
    ctx.user().actor,
    rec.id
  )
  ctx.audit({
    entity: 'screeningRecord',
    entityId: rec.id,
    summary: `follow-up of ${rec.name} (${rec.campaignName}): ${o.outcome}`,
    msg: [`screening.followUp_${o.outcome}`, { name: rec.name, campaign: rec.campaignName }]
  })
  return loadRecord(ctx, rec.id)
}
