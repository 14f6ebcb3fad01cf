/**
 * Who a campaign takes in: people of the register still under management (active), of the
 * campaign's sex, whose age in full years on the campaign's first day lies in its band, living in
 * one of its service points. As SQL over the persons table (alias p), with its parameters.
 */
import type { Campaign } from '../../api/campaigns'
import { addYears } from '../clock'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { untilWrite } from '../db/untilWrite'

export interface Eligibility {
  where: string
  params: unknown[]
}

type Rule = Pick<Campaign, 'sex' | 'ageFrom' | 'ageTo' | 'startDate' | 'servicePointIds'>

/** born after (ageTo + 1) years before the start and on or before ageFrom years before it */
export function eligibility(c: Rule): Eligibility {
  const latest = addYears(c.startDate, -c.ageFrom)
  const earliestExcl = addYears(c.startDate, -(c.ageTo + 1))
  const points = c.servicePointIds.map(() => '?').join(', ')
  return {
    where: `p.state = 'active' AND p.sex = ? AND p.birth_date > ? AND p.birth_date <= ? AND p.service_point_id IN (${points || 'NULL'})`,
    params: [c.sex, earliestExcl, latest, ...c.servicePointIds]
  }
}

/** how many people the rule takes in: index-only, and kept until the next write (the campaign list and the dashboards ask often) */
export function eligibleCount(sqlite: Sqlite, c: Rule): number {
  const el = eligibility(c)
  return untilWrite(sqlite, JSON.stringify(['eligible', el.where, el.params]), () => (stmt(sqlite, `SELECT count(*) AS n FROM persons p WHERE ${el.where}`).get(...el.params) as { n: number }).n)
}
