/**
 * A verified packet's payload read for the district: every data row with its id, updated_at and
 * business date (the date the district's aggregates go by), kept as the station's own JSON line,
 * and the report tables as their JSON text. Read before the write transaction opens, so the
 * transaction holds the write lock only for the inserts.
 *
 * What a station signed is still read strictly, since it stays in the district's tables: a row
 * needs its id, an updated_at that is a UTC time and, in a dated table, its business date as a
 * day of the calendar; each data file as many rows as the manifest lists; each known report the
 * fields the district's report reads (reportShape.ts). Anything else refuses the packet whole.
 */
import type { PacketTotals } from '../../api/packetReports'
import type { OpenedPayload, VerifiedPacket } from '../packets/container'
import { packetError } from '../packets/errors'
import { AppError } from '../errors'
import { isReportKind, reportProblem } from './reportShape'

/**
 * The business date of a row, by table: the exam, move, stocktake, issue or verification date,
 * the change event's date, a campaign's start; null for registers (people, products, lots,
 * the station's own records, closed months, certificate number gaps). A table a newer station
 * sends that is not named here is kept with no business date. The date columns are NOT NULL at
 * the station: a row without its date is refused.
 */
export const BUSINESS_DATE: Record<string, string | null> = {
  persons: null,
  person_events: 'date',
  screening_campaigns: 'start_date',
  screening_records: 'exam_date',
  inv_products: null,
  inv_lots: null,
  inv_moves: 'date',
  inv_stocktakes: 'date',
  certificates: 'issue_date',
  certificate_gaps: null,
  verifications: 'verified_on',
  station: null,
  staff: null,
  equipment: null,
  service_points: null,
  periods: null
}

/** one data row: id, updated_at, business date, the row's JSON as the station wrote it */
export type RowTuple = [id: string, updatedAt: string, businessDate: string | null, json: string]

export interface PacketContent {
  v: VerifiedPacket
  fileName: string
  tables: { tbl: string; rows: RowTuple[] }[]
  reports: { report: string; json: string }[]
  rows: number
  totals: PacketTotals
}

function badRow(path: string, line: number, what: string): AppError {
  const message = `${path}, line ${line}: ${what}: the packet cannot be imported (report it to the station)`
  return new AppError('VALIDATION', message, { reason: 'bad_row', path, line, fields: [{ path: 'file', rule: 'bad_row', message }] })
}

/** a station's updated_at: an ISO time in UTC, as its clock writes it (rows are newest-wins by it) */
const STAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

/** YYYY-MM-DD and a day of the calendar */
function isDay(s: unknown): s is string {
  const m = typeof s === 'string' ? DAY.exec(s) : null
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCDate() === Number(m[3])
}

function tableRows(path: string, tbl: string, bytes: Uint8Array): RowTuple[] {
  // a known table's business date is required and a day; another table's rows have none
  const dateCol = Object.hasOwn(BUSINESS_DATE, tbl) ? BUSINESS_DATE[tbl] : null
  const out: RowTuple[] = []
  const lines = Buffer.from(bytes).toString('utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (!line) continue
    let row: Record<string, unknown>
    try {
      row = JSON.parse(line) as Record<string, unknown>
    } catch {
      throw badRow(path, i + 1, 'not JSON')
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw badRow(path, i + 1, 'not a row')
    const { id, updated_at: updatedAt } = row
    if (typeof id !== 'string' || !id) throw badRow(path, i + 1, 'no id')
    if (typeof updatedAt !== 'string' || !updatedAt) throw badRow(path, i + 1, 'no updated_at')
    if (!STAMP.test(updatedAt)) throw badRow(path, i + 1, 'updated_at is not a time')
    const d = dateCol ? row[dateCol] : null
    if (dateCol && !isDay(d)) throw badRow(path, i + 1, `${dateCol} is not a date`)
    out.push([id, updatedAt, dateCol ? (d as string) : null, line])
  }
  return out
}

export function readContent(v: VerifiedPacket, payload: OpenedPayload, fileName: string): PacketContent {
  const tables: PacketContent['tables'] = []
  const reports: PacketContent['reports'] = []
  let rows = 0
  for (const e of payload.entries) {
    const bytes = payload.files[e.path]
    const data = /^data\/([a-z_]+)\.jsonl$/.exec(e.path)
    if (data) {
      const list = tableRows(e.path, data[1], bytes)
      // the manifest's count of the file's rows is part of what the station signed
      if (e.rows !== list.length) throw packetError('file_mismatch', { path: e.path, rows: e.rows, found: list.length })
      rows += list.length
      tables.push({ tbl: data[1], rows: list })
      continue
    }
    const rep = /^reports\/([a-z_]+)\.json$/.exec(e.path)
    if (rep) {
      const json = Buffer.from(bytes).toString('utf8')
      let doc: unknown
      try {
        doc = JSON.parse(json)
      } catch {
        throw badRow(e.path, 1, 'not JSON')
      }
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw badRow(e.path, 1, 'not a report')
      const problem = isReportKind(rep[1]) ? reportProblem(rep[1], doc) : null
      if (problem) throw badRow(e.path, 1, `not a ${rep[1]} report (${problem})`)
      reports.push({ report: rep[1], json })
    }
  }
  return { v, fileName, tables, reports, rows, totals: payload.totals }
}
