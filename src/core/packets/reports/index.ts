/**
 * The month's report tables a packet carries (reports/<kind>.json, src/api/packetReports.ts)
 * and the manifest's headline totals drawn from them. Every figure goes by the records'
 * business dates (exam, move, issue, void, verification dates), never by created_at, and every
 * array comes in a fixed order, so the same data gives the same bytes (the packet is hashed).
 */
import type { PacketReports, PacketTotals } from '../../../api/packetReports'
import type { Ctx } from '../../context'
import { certificatesReport } from './certificates'
import { ratesReport } from './rates'
import { screeningReport } from './screening'
import { stockReport } from './stock'

export { certificatesReport, ratesReport, screeningReport, stockReport }

export function buildReports(ctx: Ctx, period: string): PacketReports {
  return {
    screening: screeningReport(ctx, period),
    stock: stockReport(ctx, period),
    certificates: certificatesReport(ctx, period),
    rates: ratesReport(ctx, period)
  }
}

/**
 * screened / referred: records examined in the month (Σ of the campaign lines); stockOut: base
 * units issued to service points and dispensed to people, net of returns and of reversals of
 * them (Σ consumed of the stock rows); certificates issued and verifications in the month; the
 * two rates on the month's last day.
 */
export function reportTotals(r: PacketReports): PacketTotals {
  return {
    screened: r.screening.campaigns.reduce((s, c) => s + c.screenedInMonth, 0),
    referred: r.screening.campaigns.reduce((s, c) => s + c.referredInMonth, 0),
    stockOut: r.stock.rows.reduce((s, row) => s + row.consumed, 0),
    certificatesIssued: r.certificates.issued,
    verifications: r.certificates.verifications.total,
    certificateRate: r.rates.certificate,
    verificationRate: r.rates.verification
  }
}
