/**
 * A verified packet's payload read for the district: every data row with its id, updated_at and
 * business date (the date the district's aggregates go by), kept as the station's own JSON line,
 * and the report tables as their JSON text. Read before the write transaction opens, so the
 * transaction holds the write lock only for the inserts.
 */
import type { PacketTotals } from '../../api/packetReports'
import type { OpenedPayload, VerifiedPacket } from '../packets/container'
import { AppError } from '../errors'

/**
 * The business date of a row, by table: the exam, move, stocktake, issue or verification date,
 * the change event's date, a campaign's start; null for registers (people, products, lots,
 * the station's own records, closed months, certificate number gaps). A table a newer station
 * sends that is not named here is kept with no business date.
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

function tableRows(path: string, tbl: string, bytes: Uint8Array): RowTuple[] {
  const dateCol = BUSINESS_DATE[tbl] ?? null
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
    const d = dateCol ? row[dateCol] : null
    out.push([id, updatedAt, typeof d === 'string' && d ? d : null, line])
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
      reports.push({ report: rep[1], json })
    }
  }
  return { v, fileName, tables, reports, rows, totals: payload.totals }
}
