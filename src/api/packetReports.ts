/**
 * The month's report tables a packet carries in reports/*.json, by the business dates of the
 * records, and the district's sums of them (src/api/district.ts). Types only.
 */
import type { Rate } from './campaigns'
import type { MonthlyReportRow } from './inventory/reports'
import type { ScreeningKind } from './screeningFindings'
import type { VerificationResult } from './verifications'

export const PACKET_REPORTS = ['screening', 'stock', 'certificates', 'rates'] as const
export type PacketReportKind = (typeof PACKET_REPORTS)[number]

export type Conclusion = 'normal' | 'benign' | 'abnormal_refer' | 'suspected_malignancy'

/** reports/screening.json: coverage of the campaigns running in the month */
export interface ScreeningReport {
  period: string
  campaigns: {
    campaignId: string
    name: string
    kind: ScreeningKind
    startDate: string
    endDate: string
    target: number
    /** screened from the campaign's start to the month's last day */
    screenedToDate: number
    screenedInMonth: number
    conclusionsInMonth: Record<Conclusion, number>
    referredInMonth: number
  }[]
  /** the campaigns' lines summed per kind; coverage = screenedToDate / target */
  kinds: { kind: ScreeningKind; campaigns: number; target: number; screenedToDate: number; screenedInMonth: number; abnormalInMonth: number; referredInMonth: number; coverage: Rate }[]
}

/** reports/stock.json: the month's stock report (inventory.monthlyReport), one row per product */
export interface StockReport {
  period: string
  from: string
  to: string
  rows: MonthlyReportRow[]
}

/** reports/certificates.json: certificates and verifications by business date in the month */
export interface CertificatesReport {
  period: string
  issued: number
  /** of the issued, renewals of an earlier certificate */
  renewed: number
  voided: number
  /** valid on the month's last day */
  validAtMonthEnd: number
  verifications: { total: number; byQr: number; byHand: number; byResult: Record<VerificationResult, number> }
}

/** reports/rates.json: 办证率 and 验证率 as of the month's last day */
export interface RatesReport {
  period: string
  asOf: string
  certificate: Rate
  verification: Rate
  byVillage: { servicePointId: string | null; name: string | null; certificate: Rate; verification: Rate }[]
}

export interface PacketReports {
  screening: ScreeningReport
  stock: StockReport
  certificates: CertificatesReport
  rates: RatesReport
}

/** manifest.json totals: the month's headline figures */
export interface PacketTotals {
  screened: number
  referred: number
  stockOut: number
  certificatesIssued: number
  verifications: number
  certificateRate: Rate
  verificationRate: Rate
}
