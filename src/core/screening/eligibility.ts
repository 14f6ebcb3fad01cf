/**
 * Who a campaign takes in: people of the register still under management (active), of the
 * campaign's sex, whose age in full years on the campaign's first day lies in its band, living in
 * one of its service points. As SQL over the persons table (alias p), with its parameters.
 */
import type { Campaign } from '../../api/campaigns'

/** YYYY-MM-DD minus whole years (29 February falls back to the 28th) */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years
  const md = date.slice(5)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`
}

export interface Eligibility {
  where: string
  params: unknown[]
}

type Rule = Pick<Campaign, 'sex' | 'ageFrom' | 'ageTo' | 'startDate' | 'servicePointIds'>

/** born after (ageTo + 1) years before the start and on or before ageFrom years before it */
export function eligibility(c: Rule): Eligibility {
  const latest = yearsBefore(c.startDate, c.ageFrom)
  const earliestExcl = yearsBefore(c.startDate, c.ageTo + 1)
  const points = c.servicePointIds.map(() => '?').join(', ')
  return {
    where: `p.state = 'active' AND p.sex = ? AND p.birth_date > ? AND p.birth_date <= ? AND p.service_point_id IN (${points || 'NULL'})`,
    params: [c.sex, earliestExcl, latest, ...c.servicePointIds]
  }
}
