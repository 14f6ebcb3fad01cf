/**
 * 办证率 and 验证率 (src/api/certificateRates.ts): per month, as of the month's last day (or the
 * station's today for the current month; a month after the current one is refused), per village
 * (the service point she lived at on that day; none = null) and over the 12 months up to it.
 * Who is counted, and how an earlier day's migrant status is found: ./rateBase.ts.
 */
import type { CertificateRates, RateKind, VillageRates } from '../../api/certificateRates'
import { certificateRatesApi } from '../../api/certificateRates'
import type { Rate } from '../../api/campaigns'
import type { Role } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { untilWrite } from '../db/untilWrite'
import type { Handlers } from '../handler'
import { addMonths } from '../inventory/report'
import { rate } from '../screening/dashboard'
import { asOfDay, baseOn, countedOn, loadRateBase, monthAsOf, monthsBase, type RateBase } from './rateBase'
import { ratePeople } from './ratePeople'

export const RATE_ROLES = certificateRatesApi['certificates.rates'].roles as readonly Role[]

const zero = () => ({ num: 0, den: 0 })
type Tally = { num: number; den: number }
const toRate = (t: Tally): Rate => rate(t.num, t.den)

/** numerator and denominator of both rates on each day, and per service point on `villageDay` */
export function tallyRates(b: RateBase, villageDay: string | null): { days: Map<string, Record<RateKind, Tally>>; villages: Map<string | null, Record<RateKind, Tally>> } {
  const days = new Map(b.days.map((d) => [d, { certificate: zero(), verification: zero() }]))
  const villages = new Map<string | null, Record<RateKind, Tally>>()
  for (const p of b.people) {
    for (const day of b.days) {
      const on = baseOn(p, day)
      if (!on) continue
      const counted = countedOn(b, p, on.kind, day)
      const t = days.get(day)![on.kind]
      t.den++
      if (counted) t.num++
      if (day === villageDay) {
        let v = villages.get(on.state.servicePointId)
        if (!v) villages.set(on.state.servicePointId, (v = { certificate: zero(), verification: zero() }))
        v[on.kind].den++
        if (counted) v[on.kind].num++
      }
    }
  }
  return { days, villages }
}

interface PointRow {
  id: string
  name: string
  active: number
}

/** kept until the next write: the rates page and the home page ask again as the user moves between them */
export function certificateRates(ctx: Ctx, month?: string): CertificateRates {
  const { month: m, asOf, today } = monthAsOf(ctx, month)
  return untilWrite(ctx.sqlite, JSON.stringify(['certificateRates', m, today]), () => countRates(ctx, m, asOf, today))
}

function countRates(ctx: Ctx, m: string, asOf: string, today: string): CertificateRates {
  const months = Array.from({ length: 12 }, (_, i) => addMonths(m, i - 11))
  const asOfs = months.map((x) => asOfDay(x, today))
  const b = monthsBase(ctx.sqlite, m, today)
  const { days, villages } = tallyRates(b, asOf)
  const points = stmt(ctx.sqlite, `SELECT id, name, active FROM service_points ORDER BY kind DESC, code = '', code, name`).all() as PointRow[]
  const byVillage: VillageRates[] = []
  // every active service point (a village with nobody counted shows 0 / 0), others only with people
  for (const p of points) {
    const v = villages.get(p.id)
    if (!v && !p.active) continue
    byVillage.push({ servicePointId: p.id, name: p.name, certificate: toRate(v?.certificate ?? zero()), verification: toRate(v?.verification ?? zero()) })
  }
  const none = villages.get(null)
  if (none) byVillage.push({ servicePointId: null, name: null, certificate: toRate(none.certificate), verification: toRate(none.verification) })
  const at = days.get(asOf)!
  return {
    month: m,
    asOf,
    certificate: toRate(at.certificate),
    verification: toRate(at.verification),
    byVillage,
    trend: months.map((x, i) => ({ month: x, certificate: toRate(days.get(asOfs[i])!.certificate), verification: toRate(days.get(asOfs[i])!.verification) }))
  }
}

/** the two rates on one day only (the home page's card), kept until the next write */
export function ratesOn(ctx: Ctx, day: string): Record<RateKind, Rate> {
  return untilWrite(ctx.sqlite, JSON.stringify(['ratesOn', day]), () => {
    const t = tallyRates(loadRateBase(ctx.sqlite, [day]), null).days.get(day)!
    return { certificate: toRate(t.certificate), verification: toRate(t.verification) }
  })
}

export const certificateRatesHandlers: Handlers<typeof certificateRatesApi> = {
  'certificates.rates': (ctx, input) => certificateRates(ctx, input.month),
  'certificates.ratePeople': (ctx, input) => ratePeople(ctx, input)
}
