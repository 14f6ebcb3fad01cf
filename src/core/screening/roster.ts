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
import { untilWrite } from '../db/untilWrite'
import { fieldError } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
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
  // each village's count in one pass over the eligibility index (its ranges, village by village,
  // carry p.id): a state is a probe into the campaign's records or marks, listed once per query
  const base = `${el.where} ${extra.join(' ')}`
  const SCREENED = 'SELECT person_id FROM screening_records WHERE campaign_id = ?'
  const INVITED = 'SELECT person_id FROM screening_invitations WHERE campaign_id = ? AND invited_on IS NOT NULL'
  const ATTENDED = 'SELECT person_id FROM screening_invitations WHERE campaign_id = ? AND attended_on IS NOT NULL'
  const perVillage = (set: string | null, sets = 0): Map<string, number> => {
    const sql = `SELECT p.service_point_id AS v, count(*) AS n FROM persons p WHERE ${base} ${set ? `AND p.id IN (${set})` : ''} GROUP BY p.service_point_id`
    const rows = stmt(ctx.sqlite, sql).all(...params, ...Array(sets).fill(c.id)) as { v: string; n: number }[]
    return new Map(rows.map((r) => [r.v, r.n]))
  }
  const minus = (a: Map<string, number>, b: Map<string, number>) => new Map([...a].map(([v, n]) => [v, n - (b.get(v) ?? 0)]))
  const countsOf: Record<RosterInput['state'], () => Map<string, number>> = {
    all: () => perVillage(null),
    screened: () => perVillage(SCREENED, 1),
    not_screened: () => minus(perVillage(null), perVillage(SCREENED, 1)),
    invited: () => perVillage(INVITED, 1),
    attended: () => perVillage(ATTENDED, 1),
    not_invited: () => minus(perVillage(null), perVillage(`${INVITED} UNION ${SCREENED}`, 2))
  }
  // kept until the next write: paging through a roster recounts nothing
  const counts = untilWrite(ctx.sqlite, JSON.stringify(['roster', c.id, input.state, base, params]), countsOf[input.state])
  const pageIn = stmt(ctx.sqlite, `SELECT p.id FROM persons p WHERE ${where} AND p.service_point_id = ? ORDER BY p.pinyin, p.id_number LIMIT ? OFFSET ?`)
  let total = 0
  let skip = (input.page - 1) * input.pageSize
  const ids: string[] = []
  for (const v of villages) {
    const inV = counts.get(v) ?? 0
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
  assertPeriodOpen(ctx, input.date, 'date')
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
