/**
 * reports/rates.json: 办证率 and 验证率 as certificates.rates counts them for the month — on its
 * last day (on the station's today while the month is under way), overall and per village —
 * without the 12-month trend (each month's packet carries its own).
 */
import type { RatesReport } from '../../../api/packetReports'
import { certificateRates } from '../../certificates/rates'
import type { Ctx } from '../../context'
import { monthDays } from './month'

export function ratesReport(ctx: Ctx, period: string): RatesReport {
  monthDays(period)
  const r = certificateRates(ctx, period)
  return { period, asOf: r.asOf, certificate: r.certificate, verification: r.verification, byVillage: r.byVillage }
}
