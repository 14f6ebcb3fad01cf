/**
 * Campaigns: create and update (head), the status steps planned → active → closed, reading
 * with the screened and eligible counts. A closed campaign's facts stay as they were.
 */
import type { ParsedInputOf } from '../../api/contract'
import { CAMPAIGN_STATUSES, DEFAULT_ELIGIBILITY, type Campaign, type campaignsApi } from '../../api/campaigns'
import type { Page } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, fieldError, notFound } from '../errors'
import { newId } from '../ids'
import { eligibleCount } from './eligibility'

type SaveInput = ParsedInputOf<(typeof campaignsApi)['screening.campaignSave']>
type ListInput = ParsedInputOf<(typeof campaignsApi)['screening.campaigns']>

const COLUMNS = `c.id, c.name, c.kind, c.start_date AS startDate, c.end_date AS endDate, c.sex, c.age_from AS ageFrom, c.age_to AS ageTo,
  c.target_count AS targetCount, c.partner, c.note, c.status, c.closed_at AS closedAt, c.created_at AS createdAt, c.updated_at AS updatedAt,
  c.updated_by AS updatedBy`

type CampaignRow = Omit<Campaign, 'servicePointIds' | 'screened' | 'eligible'>

function pointsOf(ctx: Ctx, id: string): string[] {
  return (stmt(ctx.sqlite, 'SELECT service_point_id AS id FROM screening_campaign_points WHERE campaign_id = ? ORDER BY rowid').all(id) as { id: string }[]).map((r) => r.id)
}

function complete(ctx: Ctx, row: CampaignRow): Campaign {
  const servicePointIds = pointsOf(ctx, row.id)
  const eligible = eligibleCount(ctx.sqlite, { ...row, servicePointIds })
  const screened = (stmt(ctx.sqlite, 'SELECT count(*) AS n FROM screening_records WHERE campaign_id = ?').get(row.id) as { n: number }).n
  return { ...row, servicePointIds, eligible, screened }
}

/** the campaign without its counts (what a write needs: the counts scan the register) */
export function campaignBase(ctx: Ctx, id: string): Omit<Campaign, 'screened' | 'eligible'> {
  const row = stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM screening_campaigns c WHERE c.id = ?`).get(id) as CampaignRow | undefined
  if (!row) throw notFound('campaign', id)
  return { ...row, servicePointIds: pointsOf(ctx, row.id) }
}

export function loadCampaign(ctx: Ctx, id: string): Campaign {
  const row = stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM screening_campaigns c WHERE c.id = ?`).get(id) as CampaignRow | undefined
  if (!row) throw notFound('campaign', id)
  return complete(ctx, row)
}

export function listCampaigns(ctx: Ctx, input: ListInput): Page<Campaign> {
  const where: string[] = []
  const params: unknown[] = []
  if (input.status) (where.push('c.status = ?'), params.push(input.status))
  if (input.kind) (where.push('c.kind = ?'), params.push(input.kind))
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM screening_campaigns c ${w}`).get(...params) as { n: number }).n
  const rows = ctx.sqlite
    .prepare(`SELECT ${COLUMNS} FROM screening_campaigns c ${w} ORDER BY c.start_date DESC, c.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as CampaignRow[]
  return { rows: rows.map((r) => complete(ctx, r)), total, page: input.page, pageSize: input.pageSize }
}

export function saveCampaign(ctx: Ctx, input: SaveInput): Campaign {
  const d = DEFAULT_ELIGIBILITY[input.kind]
  const sex = input.sex ?? d.sex
  const ageFrom = input.ageFrom ?? d.ageFrom
  const ageTo = input.ageTo ?? d.ageTo
  if (ageTo < ageFrom) throw fieldError('ageTo', 'age_band', `the age band ${ageFrom}–${ageTo} is empty`)
  const points = [...new Set(input.servicePointIds)]
  for (const sp of points)
    if (!stmt(ctx.sqlite, 'SELECT 1 FROM service_points WHERE id = ?').get(sp)) throw fieldError('servicePointIds', 'service_point_unknown', `service point ${sp} does not exist`)
  const at = ctx.nowIso()
  const by = ctx.user().actor
  let id = input.id
  if (id) {
    const had = stmt(ctx.sqlite, 'SELECT status, kind FROM screening_campaigns WHERE id = ?').get(id) as { status: string; kind: string } | undefined
    if (!had) throw notFound('campaign', id)
    if (had.status === 'closed') throw new AppError('CONFLICT', 'a closed campaign cannot be changed', { rule: 'campaign_closed' })
    const records = (stmt(ctx.sqlite, 'SELECT count(*) AS n FROM screening_records WHERE campaign_id = ?').get(id) as { n: number }).n
    if (records > 0 && had.kind !== input.kind) throw fieldError('kind', 'kind_has_records', 'the kind cannot change once records are saved')
    stmt(
      ctx.sqlite,
      `UPDATE screening_campaigns SET name = ?, kind = ?, start_date = ?, end_date = ?, sex = ?, age_from = ?, age_to = ?, target_count = ?, partner = ?, note = ?,
       updated_at = ?, updated_by = ? WHERE id = ?`
    ).run(input.name, input.kind, input.startDate, input.endDate, sex, ageFrom, ageTo, input.targetCount, input.partner, input.note, at, by, id)
    stmt(ctx.sqlite, 'DELETE FROM screening_campaign_points WHERE campaign_id = ?').run(id)
  } else {
    id = newId()
    stmt(
      ctx.sqlite,
      `INSERT INTO screening_campaigns (id, created_at, updated_at, updated_by, name, kind, start_date, end_date, sex, age_from, age_to, target_count, partner, note, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned')`
    ).run(id, at, at, by, input.name, input.kind, input.startDate, input.endDate, sex, ageFrom, ageTo, input.targetCount, input.partner, input.note)
  }
  for (const sp of points) stmt(ctx.sqlite, 'INSERT INTO screening_campaign_points (campaign_id, service_point_id) VALUES (?, ?)').run(id, sp)
  ctx.audit({ entity: 'campaign', entityId: id, summary: `${input.id ? 'updated' : 'created'} campaign ${input.name}`, msg: [input.id ? 'campaign.updated' : 'campaign.created', { name: input.name }] })
  return loadCampaign(ctx, id)
}

/** one step forward: planned → active → closed */
export function setCampaignStatus(ctx: Ctx, id: string, status: Campaign['status']): Campaign {
  const c = loadCampaign(ctx, id)
  const from = CAMPAIGN_STATUSES.indexOf(c.status)
  const to = CAMPAIGN_STATUSES.indexOf(status)
  if (to !== from + 1) throw fieldError('status', 'status_step', `a ${c.status} campaign cannot become ${status}`, { from: c.status, to: status })
  const at = ctx.nowIso()
  stmt(ctx.sqlite, 'UPDATE screening_campaigns SET status = ?, closed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(status, status === 'closed' ? at : null, at, ctx.user().actor, id)
  ctx.audit({ entity: 'campaign', entityId: id, summary: `campaign ${c.name}: ${status}`, msg: [`campaign.${status}`, { name: c.name }] })
  return loadCampaign(ctx, id)
}
