/**
 * A campaign's roster: everyone eligible (eligibility.ts), with the invitation and attendance
 * marks and, once screened, the record; by village, then pinyin. Marks are kept per campaign and
 * person (screening_invitations), a record makes the person screened.
 */
import type { ParsedInputOf } from '../../api/contract'
import type { Page } from '../../api/contract'
import type { RosterRow, campaignsApi } from '../../api/campaigns'
import type { Statement } from 'better-sqlite3'
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

/** the roster's states as conditions on p (index lookups per person, only when asked for) */
const STATE_WHERE: Record<RosterInput['state'], string> = {
  all: '',
  not_invited:
    'AND NOT EXISTS (SELECT 1 FROM screening_invitations i WHERE i.campaign_id = @c AND i.person_id = p.id AND i.invited_on IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM screening_records r WHERE r.campaign_id = @c AND r.person_id = p.id)',
  invited: 'AND EXISTS (SELECT 1 FROM screening_invitations i WHERE i.campaign_id = @c AND i.person_id = p.id AND i.invited_on IS NOT NULL)',
  attended: 'AND EXISTS (SELECT 1 FROM screening_invitations i WHERE i.campaign_id = @c AND i.person_id = p.id AND i.attended_on IS NOT NULL)',
  screened: 'AND EXISTS (SELECT 1 FROM screening_records r WHERE r.campaign_id = @c AND r.person_id = p.id)',
  not_screened: 'AND NOT EXISTS (SELECT 1 FROM screening_records r WHERE r.campaign_id = @c AND r.person_id = p.id)'
}

/**
 * The page is chosen on the persons' eligibility index alone (village, state, sex, birth date,
 * pinyin, ID: no table row is read to count or to sort), then its 50 people are read in full.
 */
export function campaignRoster(ctx: Ctx, input: RosterInput): Page<RosterRow> {
  const c = campaignBase(ctx, input.campaignId)
  const el = eligibility(c)
  const extra: string[] = []
  const params: unknown[] = [...el.params]
  if (input.servicePointId) (extra.push('AND p.service_point_id = ?'), params.push(input.servicePointId))
  const q = input.q?.trim()
  if (q) {
    const key = latinKey(q)
    if (/^\d{4,18}[\dXx]?$/.test(q)) (extra.push('AND p.id_number LIKE ?'), params.push(`%${q.toUpperCase()}`))
    else if (key && key === q.toLowerCase()) (extra.push('AND (p.pinyin LIKE ? OR p.initials LIKE ?)'), params.push(`${key}%`, `${key}%`))
    else (extra.push('AND p.name LIKE ?'), params.push(`${q}%`))
  }
  // @c is bound by name; the rest positionally
  const where = `${el.where} ${STATE_WHERE[input.state]} ${extra.join(' ')}`.replace(/@c/g, '?')
  const cParams = (STATE_WHERE[input.state].match(/@c/g) ?? []).map(() => c.id)
  const all = [...el.params, ...cParams, ...params.slice(el.params.length)]
  // village by village in the order of their names: each village's people are one range of the
  // eligibility index, so only the villages the page falls in are read and sorted by pinyin
  const villages = (
    ctx.sqlite.prepare(`SELECT id FROM service_points WHERE id IN (${c.servicePointIds.map(() => '?').join(', ') || 'NULL'}) ORDER BY name, id`).all(...c.servicePointIds) as { id: string }[]
  ).map((v) => v.id)
  // counts from the smaller side: the village's people (index only) less, or only, those with a
  // record or a mark (a few thousand), never an EXISTS per person of the register
  const base = `${el.where} ${extra.join(' ')}`
  const baseParams = params
  const people = stmt(ctx.sqlite, `SELECT count(*) AS n FROM persons p WHERE ${base} AND p.service_point_id = ?`)
  const marked = (set: string) => stmt(ctx.sqlite, `SELECT count(*) AS n FROM persons p WHERE p.id IN (${set}) AND ${base} AND p.service_point_id = ?`)
  const SCREENED = 'SELECT person_id FROM screening_records WHERE campaign_id = ?'
  const INVITED = 'SELECT person_id FROM screening_invitations WHERE campaign_id = ? AND invited_on IS NOT NULL'
  const ATTENDED = 'SELECT person_id FROM screening_invitations WHERE campaign_id = ? AND attended_on IS NOT NULL'
  const n = (st: Statement, v: string, sets = 0) => (st.get(...Array(sets).fill(c.id), ...baseParams, v) as { n: number }).n
  const counts: Record<RosterInput['state'], (v: string) => number> = {
    all: (v) => n(people, v),
    screened: (v) => n(marked(SCREENED), v, 1),
    not_screened: (v) => n(people, v) - n(marked(SCREENED), v, 1),
    invited: (v) => n(marked(INVITED), v, 1),
    attended: (v) => n(marked(ATTENDED), v, 1),
    not_invited: (v) => n(people, v) - n(marked(`${INVITED} UNION ${SCREENED}`), v, 2)
  }
  const pageIn = stmt(ctx.sqlite, `SELECT p.id FROM persons p WHERE ${where} AND p.service_point_id = ? ORDER BY p.pinyin, p.id_number LIMIT ? OFFSET ?`)
  let total = 0
  let skip = (input.page - 1) * input.pageSize
  const ids: string[] = []
  for (const v of villages) {
    const inV = counts[input.state](v)
    total += inV
    if (ids.length >= input.pageSize || skip >= inV) {
      skip = Math.max(0, skip - inV)
      continue
    }
    for (const r of pageIn.all(...all, v, input.pageSize - ids.length, skip) as { id: string }[]) ids.push(r.id)
    skip = 0
  }
  const one = stmt(
    ctx.sqlite,
    `SELECT p.id AS personId, p.name, p.id_number AS idNumber, p.sex, p.birth_date AS birthDate, p.phone, sp.name AS servicePointName,
      i.invited_on AS invitedOn, i.attended_on AS attendedOn, r.id AS recordId, r.conclusion
     FROM persons p LEFT JOIN service_points sp ON sp.id = p.service_point_id
     LEFT JOIN screening_invitations i ON i.campaign_id = ? AND i.person_id = p.id
     LEFT JOIN screening_records r ON r.campaign_id = ? AND r.person_id = p.id
     WHERE p.id = ?`
  )
  const rows = ids.map((id) => one.get(c.id, c.id, id) as Omit<RosterRow, 'age'>)
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
