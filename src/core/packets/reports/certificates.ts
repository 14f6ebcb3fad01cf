/**
 * reports/certificates.json: certificates and verifications by their business dates.
 * - issued: issue_date in the month, whatever became of them since; renewed: those of them that
 *   supersede an earlier certificate (supersedes_id).
 * - voided: void ones whose ended_on (the station's date of the voiding; voided_at is the UTC
 *   instant of the write) is in the month.
 * - validAtMonthEnd: valid on the month's last day D: issue_date ≤ D ≤ valid_until and not ended
 *   by then (still valid, or ended_on after D) — the rule the rates use (rateBase.ts validOn).
 * - verifications: verified_on in the month, by method (qr / manual) and by result.
 */
import type { CertificatesReport } from '../../../api/packetReports'
import { VERIFICATION_RESULTS, type VerificationResult } from '../../../api/verifications'
import type { Ctx } from '../../context'
import { stmt } from '../../db/stmt'
import { monthDays } from './month'

const ISSUED = 'SELECT count(*) AS issued, coalesce(sum(supersedes_id IS NOT NULL), 0) AS renewed FROM certificates WHERE issue_date BETWEEN ? AND ?'
const VOIDED = "SELECT count(*) AS n FROM certificates WHERE status = 'void' AND ended_on BETWEEN ? AND ?"
const VALID_ON = "SELECT count(*) AS n FROM certificates WHERE issue_date <= ? AND valid_until >= ? AND (status = 'valid' OR ended_on > ?)"
const VERIFIED = 'SELECT method, result, count(*) AS n FROM verifications WHERE verified_on BETWEEN ? AND ? GROUP BY method, result'

export function certificatesReport(ctx: Ctx, period: string): CertificatesReport {
  const { first, last } = monthDays(period)
  const { issued, renewed } = stmt(ctx.sqlite, ISSUED).get(first, last) as { issued: number; renewed: number }
  const voided = (stmt(ctx.sqlite, VOIDED).get(first, last) as { n: number }).n
  const validAtMonthEnd = (stmt(ctx.sqlite, VALID_ON).get(last, last, last) as { n: number }).n
  const byResult = Object.fromEntries(VERIFICATION_RESULTS.map((r) => [r, 0])) as Record<VerificationResult, number>
  const verifications = { total: 0, byQr: 0, byHand: 0, byResult }
  for (const v of stmt(ctx.sqlite, VERIFIED).all(first, last) as { method: 'qr' | 'manual'; result: VerificationResult; n: number }[]) {
    verifications.total += v.n
    if (v.method === 'qr') verifications.byQr += v.n
    else verifications.byHand += v.n
    byResult[v.result] += v.n
  }
  return { period, issued, renewed, voided, validAtMonthEnd, verifications }
}
