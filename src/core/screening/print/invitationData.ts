/**
 * The invitation list's people (邀请名单): the campaign's roster, of one village or of every
 * village (in the order of their names), not yet screened or all, by pinyin. One query per
 * village over the persons' eligibility index, joined to the marks and records on their
 * (campaign, person) indexes: a 20,000-person roster reads in a fraction of a second, without
 * paging through screening.roster.
 */
import type { Campaign } from '../../../api/campaigns'
import type { Ctx } from '../../context'
import { stmt } from '../../db/stmt'
import { fieldError } from '../../errors'
import { ageOn } from '../../persons/record'
import { localDate } from '../../clock'
import { readStation } from '../../station/profile'
import { campaignBase } from '../campaigns'
import { eligibility } from '../eligibility'

export interface Invitee {
  name: string
  sex: 'male' | 'female'
  /** full years on the campaign's first day, as the roster gives it */
  age: number
  idNumber: string
  phone: string
  invitedOn: string | null
  /** the exam date once screened (state `all` only) */
  screenedOn: string | null
}

export interface InvitationVillage {
  servicePointId: string
  name: string
  people: Invitee[]
}

export interface InvitationData {
  campaign: Omit<Campaign, 'screened' | 'eligible'>
  state: 'not_screened' | 'all'
  villages: InvitationVillage[]
  /** people on the list, every village */
  total: number
  station: { name: string; code: string }
  printedOn: string
}

export function readInvitations(ctx: Ctx, input: { campaignId: string; servicePointId?: string; state: 'not_screened' | 'all' }): InvitationData {
  const c = campaignBase(ctx, input.campaignId)
  if (input.servicePointId && !c.servicePointIds.includes(input.servicePointId))
    throw fieldError('servicePointId', 'not_in_campaign', `service point ${input.servicePointId} is not one of this campaign's`)
  const wanted = input.servicePointId ? [input.servicePointId] : c.servicePointIds
  const points = ctx.sqlite
    .prepare(`SELECT id, name FROM service_points WHERE id IN (${wanted.map(() => '?').join(', ') || 'NULL'}) ORDER BY name, id`)
    .all(...wanted) as { id: string; name: string }[]
  const el = eligibility(c)
  const people = stmt(
    ctx.sqlite,
    `SELECT p.name, p.sex, p.birth_date AS birthDate, p.id_number AS idNumber, p.phone, i.invited_on AS invitedOn, r.exam_date AS screenedOn
     FROM persons p
     LEFT JOIN screening_invitations i ON i.campaign_id = ? AND i.person_id = p.id
     LEFT JOIN screening_records r ON r.campaign_id = ? AND r.person_id = p.id
     WHERE ${el.where} AND p.service_point_id = ? ${input.state === 'not_screened' ? 'AND r.id IS NULL' : ''}
     ORDER BY p.pinyin, p.id_number`
  )
  const villages = points.map((v) => ({
    servicePointId: v.id,
    name: v.name,
    people: (people.all(c.id, c.id, ...el.params, v.id) as (Omit<Invitee, 'age'> & { birthDate: string })[]).map(({ birthDate, ...p }) => ({ ...p, age: ageOn(birthDate, c.startDate) }))
  }))
  const station = readStation(ctx)
  return {
    campaign: c,
    state: input.state,
    villages,
    total: villages.reduce((n, v) => n + v.people.length, 0),
    station: { name: station.name, code: station.code },
    printedOn: localDate(ctx.clock)
  }
}
