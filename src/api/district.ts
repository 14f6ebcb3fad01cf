import { z } from 'zod'
import { method, type FileOut } from './contract'
import type { Rate } from './campaigns'
import type { CertificatesReport, ScreeningReport } from './packetReports'
import type { MonthlyReportRow } from './inventory/reports'
import type { PacketSkipped } from './packets'
import { periodMonth } from './periods'
import { LANGS } from './station'

/**
 * District mode (a data folder set up with mode 'district'): the stations whose packets the
 * office accepts, importing packets, what arrived, and the sums across stations.
 *
 * Import rules (each packet alone, in one transaction; a refusal names its reason):
 *  - the signature must verify with a key registered for the station the manifest names
 *    (SIGNATURE_INVALID, details.reason bad_signature | unknown_key | wrong_station; a file that is
 *    not a whole packet: VALIDATION, reason truncated | not_a_packet)
 *  - a newer format: UNSUPPORTED, reason newer_format
 *  - sealed to another district's key: VALIDATION, reason not_for_this_district
 *  - the same packet again: no-op (outcome duplicate)
 *  - another packet with a used sequence number: CONFLICT, reason seq_conflict
 *  - rows upserted by (station, table, id) only where the incoming updated_at is newer;
 *    reports by (station, period, report) where the packet's sequence number is higher
 */
export interface DistrictInfo {
  code: string
  name: string
  keyId: string
  /**
   * the X25519 key stations seal their packets to; null until the district's protected signing
   * key has been opened once (an import of a sealed packet or the key list's export)
   */
  sealKeyId: string | null
  stations: number
}

export interface DistrictStation {
  code: string
  name: string
  /** active keys first; a replaced key stays (retired) so its packets still verify */
  keys: { keyId: string; status: 'active' | 'retired'; addedAt: string }[]
  packets: number
  last: { seq: number; period: string; importedAt: string } | null
  /** sequence numbers below the highest that have not arrived and were not declared skipped */
  missingSeqs: number[]
  /**
   * sequence numbers a later packet declared skipped (manifest skipped: the station restored an
   * older backup, or a write did not commit) and that are not here: they will never come
   */
  skippedSeqs: number[]
  /** packets here whose numbers a later packet declared skipped: sent before the station restored an older backup */
  supersededSeqs: number[]
  /** packets whose previous-packet hash does not match the packet here */
  chainBreaks: number[]
}

export type ImportOutcome = 'imported' | 'duplicate' | 'refused'

export interface DistrictImportItem {
  file: string
  outcome: ImportOutcome
  stationCode: string | null
  seq: number | null
  period: string | null
  rows: number
  /** refused: the error code, the reason word and a message in English */
  code?: string
  reason?: string
  message?: string
}

export interface DistrictImportResult {
  items: DistrictImportItem[]
  imported: number
  duplicates: number
  refused: number
}

export interface DistrictPacket {
  stationCode: string
  stationName: string
  seq: number
  period: string
  sha256: string
  size: number
  rows: number
  sealed: boolean
  builtAt: string
  importedAt: string
  /** checked against packet seq − 1, or skipped.from − 1 when the packet declares a skip */
  chain: 'ok' | 'first' | 'unknown' | 'break'
  /** the numbers this packet declares skipped just before it (null: none, or a packet older than the field) */
  skipped: PacketSkipped | null
  /** a later packet declared this one's number skipped (the station restored a backup older than it) */
  superseded: boolean
}

export interface ArrivalCell {
  period: string
  /**
   * arrived: a packet for the month is here; missing: the month has ended and no packet for it is
   * here; not_due: the current month or later, or a month before the station's first month (the
   * earlier of its first packet's month and the month it was registered here, in the office's
   * time zone), which it was never due to send
   */
  status: 'arrived' | 'missing' | 'not_due'
  seqs: number[]
  /** more than one packet for the month: corrections after a reopen */
  corrected: boolean
}

export interface Arrivals {
  year: number
  months: string[]
  stations: ({ code: string; name: string; cells: ArrivalCell[] } & Pick<DistrictStation, 'missingSeqs' | 'skippedSeqs' | 'supersededSeqs' | 'chainBreaks'>)[]
}

export interface DistrictStockRow extends Omit<MonthlyReportRow, 'productId' | 'amc' | 'monthsOfStock'> {
  /** stations whose report has this product */
  stations: number
}

/** the five figures of a station's month that can be counted again from its records */
export const DISTRICT_FIGURES = ['screened', 'referred', 'stockOut', 'certificatesIssued', 'verifications'] as const
export type DistrictFigure = (typeof DISTRICT_FIGURES)[number]
export type DistrictFigures = Record<DistrictFigure, number>

export interface DistrictStationLine extends DistrictFigures {
  code: string
  name: string
  arrived: boolean
  /**
   * a packet is due for the month: it has ended and is not before the station's first month
   * (the earlier of its first packet's month and its registration month), as in the arrivals
   */
  due: boolean
  packetSeq: number | null
  certificateRate: Rate
  verificationRate: Rate
  /**
   * the same five figures counted from the records the station's packets carried (newest
   * version of each row), by the records' business dates in the month: screened = screening
   * records by exam date, referred = those with a referral (follow_up_state other than 'none'),
   * stockOut = consumption of the stock moves by move date (issue + dispense net of returns and
   * of reversals of them, base units), certificatesIssued = certificates by issue date,
   * verifications = by verification date
   */
  records: DistrictFigures
  /**
   * the figures where the records differ from the station's report (e.g. a record changed after
   * the month's packet, a correction packet not here yet, or no packet for the month while its
   * records came in another), in DISTRICT_FIGURES order; [] when they agree
   */
  mismatch: DistrictFigure[]
}

export interface DistrictReport {
  period: string
  stations: DistrictStationLine[]
  /** codes of registered stations with no packet for the month though one is due */
  missing: string[]
  screening: ScreeningReport['kinds']
  stock: DistrictStockRow[]
  certificates: Omit<CertificatesReport, 'period'>
  /** num and den summed over the stations that reported */
  rates: { certificate: Rate; verification: Rate }
  /**
   * the five figures over the stations: as reported (the stations that reported), from the
   * records (every station), and the figures where the two differ
   */
  totals: { reported: DistrictFigures; records: DistrictFigures; mismatch: DistrictFigure[] }
}

const keyFileText = z.object({ content: z.string().min(2).max(5_000_000) })
const DISTRICT = ['admin', 'head'] as const

export const districtApi = {
  'district.info': method<DistrictInfo>()({ input: z.object({}).optional().default({}), roles: DISTRICT, kind: 'read' }),
  'district.stations': method<DistrictStation[]>()({ input: z.object({}).optional().default({}), roles: DISTRICT, kind: 'read' }),
  /**
   * Registers a station's public key from its key file (one entry, self-signed). A station
   * already registered with another key: CONFLICT rule station_key_set unless `replace`; the
   * key it has already: nothing changes (audited as such). Other refusals (FieldIssue rule):
   * key_file_format, station_key_one, station_key_unsigned, station_key_own, key_other_station
   * (src/core/district/stations.ts).
   */
  'district.stationAdd': method<DistrictStation>()({ input: keyFileText.extend({ replace: z.boolean().default(false) }), roles: DISTRICT, kind: 'write' }),
  /** imports packet files, each in its own transaction; the district's passphrase opens sealed ones */
  'district.import': method<DistrictImportResult>()({
    input: z.object({
      // an empty file is still a file the user chose: refused on its own line (not a packet), not the whole import
      files: z.array(z.object({ name: z.string().min(1).max(255), base64: z.string() })).min(1).max(1000),
      passphrase: z.string().max(200).optional()
    }),
    roles: DISTRICT,
    kind: 'write',
    job: true
  }),
  'district.packets': method<DistrictPacket[]>()({
    input: z.object({ stationCode: z.string().optional(), period: periodMonth.optional() }).optional().default({}),
    roles: DISTRICT,
    kind: 'read'
  }),
  'district.arrivals': method<Arrivals>()({ input: z.object({ year: z.number().int().min(2000).max(2100) }), roles: DISTRICT, kind: 'read' }),
  'district.report': method<DistrictReport>()({ input: z.object({ period: periodMonth }), roles: DISTRICT, kind: 'read' }),
  'district.reportExport': method<FileOut>()({ input: z.object({ period: periodMonth, lang: z.enum(LANGS).default('zh-CN') }), roles: DISTRICT, kind: 'sensitive-read' }),
  /** the signed list of registered station keys plus the district's own entry (with its seal key) */
  'district.keysExport': method<FileOut>()({ input: z.object({ passphrase: z.string().max(200).optional() }).optional().default({}), roles: DISTRICT, kind: 'sensitive-read' })
}
