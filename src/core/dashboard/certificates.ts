/**
 * The station home page's certificate part (issue 6): 办证率 and 验证率 today, counted by the
 * rates' own code (./../certificates/rates.ts, so the card and the rates page never differ),
 * certificates issued and verifications recorded this month, and valid certificates to renew
 * soon. For the roles that may see certificates (head, clerk).
 */
import type { CertificateSummary } from '../../api/dashboard'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { RATE_ROLES, ratesOn } from '../certificates/rates'
import { todayOf } from '../persons/record'
import { nextMonthStart } from './screening'

/** a valid certificate whose last day is this close is listed as to renew */
export const EXPIRING_DAYS = 60

export const CERTIFICATE_SUMMARY_SQL = {
  /** issued in the month: a scan of the certificates (a few per out-migrant), counted in SQL */
  issued: 'SELECT count(*) AS n FROM certificates WHERE issue_date >= ? AND issue_date < ?',
  /** valid ones ending soon, of women still away (certificates_status: status, valid_until) */
  expiring: `SELECT count(*) AS n FROM certificates c JOIN persons p ON p.id = c.person_id
    WHERE c.status = 'valid' AND c.valid_until >= ? AND c.valid_until <= ? AND p.state = 'active' AND p.migrant_status = 'out'`,
  /** verifications_date */
  verified: 'SELECT count(*) AS n FROM verifications WHERE verified_on >= ? AND verified_on < ?'
}

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

export function certificateSummary(ctx: Ctx): CertificateSummary | null {
  if (!ctx.user().roles.some((r) => RATE_ROLES.includes(r))) return null
  const today = todayOf(ctx)
  const month = today.slice(0, 7)
  const from = `${month}-01`
  const to = nextMonthStart(month)
  const n = (sql: string, ...p: string[]) => (stmt(ctx.sqlite, sql).get(...p) as { n: number }).n
  const rates = ratesOn(ctx, today)
  return {
    month,
    asOf: today,
    certificate: rates.certificate,
    verification: rates.verification,
    issuedThisMonth: n(CERTIFICATE_SUMMARY_SQL.issued, from, to),
    expiring: n(CERTIFICATE_SUMMARY_SQL.expiring, today, plusDays(today, EXPIRING_DAYS)),
    expiringDays: EXPIRING_DAYS,
    verificationsThisMonth: n(CERTIFICATE_SUMMARY_SQL.verified, from, to)
  }
}
