/**
 * A campaign's roster: everyone eligible (eligibility.ts), with the invitation and attendance
 * marks and, once screened, the record; by village, then pinyin. Marks are kept per campaign and
 * person (screening_invitations), a record makes the person screened.
 */
import type { ParsedInputOf } from '../../api/contract'
import type { Page } from '../../api/contract'
import type { RosterRow, campaignsApi } from '../../api/campaigns'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { fieldError } from '../errors'
import { newId } from '../ids'
import { ageOn } from '../persons/record'
import { latinKey } from '../persons/pinyin'
import { campaignBase } from './campaigns'
import { eligibility } from './eligibility'

type RosterInput = ParsedInputOf<(typeof campaignsApi)['screening.roster']>
type MarkInput = ParsedInputOf<(typeof campaignsApi)['screening.mark']>

const STATE_WHERE: Record<RosterInput['state'], string> = {
  all: '',
  not_invited: 'AND i.invited_on IS NULL AND r.id IS NULL',
  invited: 'AND i.invited_on IS NOT NULL',
  attended: 'AND i.attended_on IS NOT NULL',
  screened: 'AND r.id IS NOT NULL',
  not_screened: 'AND r.id IS NULL'
}

export function campaignRoster(ctx: Ctx, input: RosterInput): Page<RosterRow> {
  const c = campaignBase(ctx, input.campaignId)
  const el = eligibility(c)
  const extra: string[] = []
  const params: unknown[] = [c.id, c.id, ...el.params]
  if (input.servicePointId) (extra.push('AND p.service_point_id = ?'), params.push(input.servicePointId))
  const q = input.q?.trim()
  if (q) {
    const key = latinKey(q)
    if (/^\d{4,18}[\dXx]?$/.test(q)) (extra.push('AND p.id_number LIKE ?'), params.push(`%${q.toUpperCase()}`))
    else if (key && key === q.toLowerCase()) (extra.push('AND (p.pinyin LIKE ? OR p.initials LIKE ?)'), params.push(`${key}%`, `${key}%`))
    else (extra.push('AND p.name LIKE ?'), params.push(`${q}%`))
  }
  const from = `FROM persons p
    LEFT JOIN screening_invitations i ON i.campaign_id = ? AND i.person_id = p.id
    LEFT JOIN screening_records r ON r.campaign_id = ? AND r.person_id = p.id
    LEFT JOIN service_points sp ON sp.id = p.service_point_id
    WHERE ${el.where} ${STATE_WHERE[input.state]} ${extra.join(' ')}`
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id AS personId, p.name, p.id_number AS idNumber, p.sex, p.birth_date AS birthDate, p.phone, sp.name AS servicePointName,
        i.invited_on AS invitedOn, i.attended_on AS attendedOn, r.id AS recordId, r.conclusion
       ${from} ORDER BY sp.name, p.pinyin, p.id_number LIMIT ? OFFSET ?`
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as Omit<RosterRow, 'age'>[]
  return { rows: rows.map((r) => ({ ...r, age: ageOn(r.birthDate, c.startDate) })), total, page: input.page, pageSize: input.pageSize }
}

/** invited / attended on a date, for people on the roster; one transaction (the host's) */
export function markRoster(ctx: Ctx, input: MarkInput): { marked: number } {
  const c = campaignBase(ctx, input.campaignId)
  if (c.status === 'closed') throw fieldError('campaignId', 'campaign_closed', 'the campaign is closed')
  const el = eligibility(c)
  const onRoster = ctx.sqlite.prepare(`SELECT 1 FROM persons p WHERE p.id = ? AND ${el.where}`)
  const at = ctx.nowIso()
  const by = ctx.user().actor
  const col = input.mark === 'invited' ? 'invited_on' : 'attended_on'
  const upsert = stmt(
    ctx.sqlite,
    `INSERT INTO screening_invitations (id, created_at, updated_at, updated_by, campaign_id, person_id, ${col}) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (campaign_id, person_id) DO UPDATE SET ${col} = excluded.${col}, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
  )
  const ids = [...new Set(input.personIds)]
  for (const [i, id] of ids.entries()) {
    if (!onRoster.get(id, ...el.params)) throw fieldError(`personIds.${i}`, 'not_on_roster', `person ${id} is not on this campaign's roster`)
    upsert.run(newId(), at, at, by, c.id, id, input.date)
  }
  ctx.audit({ entity: 'campaign', entityId: c.id, summary: `${c.name}: ${ids.length} people ${input.mark}`, msg: [`campaign.marked_${input.mark}`, { name: c.name, n: ids.length }] })
  return { marked: ids.length }
}
