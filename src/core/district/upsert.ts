/**
 * One packet into the district's tables, inside the transaction its caller opened (ctx.commit):
 *  - the same file again (its SHA-256 here): duplicate, nothing written
 *  - another packet with the station's sequence number: CONFLICT, reason seq_conflict
 *  - the packet's row with its chain: 'first' (seq 1), 'ok' (prevSha256 is the hash of seq-1
 *    here), 'break' (it is not), 'unknown' (seq-1 not here yet); a packet declaring skipped
 *    numbers (the station restored an older backup) is checked against skipped.from − 1 instead
 *    ('first' when from is 1 and prevSha256 null); the packet chained to this one, when here
 *    (seq+1 declaring no skip, or the one whose skip starts at seq+1), is checked again
 *  - every data row by (station, table, id), only where the incoming updated_at is newer: a
 *    correction replaces what it corrects, a late older packet overwrites nothing
 *  - the report tables by (station, period, report), only where this packet's seq is higher
 * Statements are prepared once per connection (db/stmt.ts).
 */
import type { PacketManifest } from '../../api/packets'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { newId } from '../ids'
import type { PacketContent } from './content'

export type Chain = 'ok' | 'first' | 'unknown' | 'break'

const BY_SHA = 'SELECT id FROM district_packets WHERE sha256 = ?'
const BY_SEQ = 'SELECT id, sha256, prev_sha256 AS prevSha256 FROM district_packets WHERE station_code = ? AND seq = ?'
const INSERT_PACKET = `INSERT INTO district_packets (id, created_at, updated_at, updated_by, station_code, seq, period, sha256, prev_sha256, size, rows, sealed, key_id, built_at, built_by, file_name, chain, totals,
    skipped_from, skipped_to, skipped_reason)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
/** the packets that chain to seq: seq+1 declaring no skip, and the one whose skip starts at seq+1 */
const CHAINED_TO = `SELECT id, prev_sha256 AS prevSha256 FROM district_packets
  WHERE station_code = @code AND ((seq = @next AND skipped_from IS NULL) OR skipped_from = @next)`
const SET_CHAIN = 'UPDATE district_packets SET chain = ?, updated_at = ?, updated_by = ? WHERE id = ?'
const UPSERT_ROW = `INSERT INTO district_rows (station_code, tbl, id, updated_at, business_date, data, packet_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (station_code, tbl, id) DO UPDATE SET updated_at = excluded.updated_at, business_date = excluded.business_date, data = excluded.data, packet_seq = excluded.packet_seq
  WHERE excluded.updated_at > district_rows.updated_at`
const UPSERT_REPORT = `INSERT INTO district_reports (station_code, period, report, packet_seq, data) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (station_code, period, report) DO UPDATE SET packet_seq = excluded.packet_seq, data = excluded.data
  WHERE excluded.packet_seq > district_reports.packet_seq`

export function isImported(ctx: Ctx, sha256: string): boolean {
  return stmt(ctx.sqlite, BY_SHA).get(sha256) !== undefined
}

export function seqConflict(code: string, seq: number, have: string): AppError {
  const message = `station ${code} already sent a different packet with sequence number ${seq} (${have.slice(0, 12)}…): this one is refused`
  return new AppError('CONFLICT', message, { reason: 'seq_conflict', stationCode: code, seq, sha256: have, fields: [{ path: 'file', rule: 'seq_conflict', message }] })
}

/** test hook: kill the process after this many rows (only when STATIONDESK_TEST_CRASH_AFTER_ROWS is set) */
function crashHook(): (() => void) | null {
  const n = Number(process.env.STATIONDESK_TEST_CRASH_AFTER_ROWS)
  if (!(n > 0)) return null
  let left = n
  return () => {
    if (--left <= 0) process.kill(process.pid, 'SIGKILL')
  }
}

export interface Written {
  outcome: 'imported' | 'duplicate'
  chain: Chain | null
  /** rows inserted or replaced (newer than what was here) */
  applied: number
  /** report tables written (this packet's seq the highest for them) */
  reports: number
}

/** the packet's chain against the one before it: seq − 1, or skipped.from − 1 when it declares a skip */
function chainOf(ctx: Ctx, code: string, m: PacketManifest): Chain {
  const before = m.skipped ? m.skipped.from - 1 : m.seq - 1
  if (before < 1) return m.skipped && m.prevSha256 !== null ? 'break' : 'first'
  const prev = stmt(ctx.sqlite, BY_SEQ).get(code, before) as { sha256: string } | undefined
  return !prev ? 'unknown' : prev.sha256 === m.prevSha256 ? 'ok' : 'break'
}

export function writePacket(ctx: Ctx, c: PacketContent): Written {
  const m = c.v.manifest
  const code = m.station.code
  const db = ctx.sqlite
  if (isImported(ctx, c.v.sha256)) return { outcome: 'duplicate', chain: null, applied: 0, reports: 0 }
  const taken = stmt(db, BY_SEQ).get(code, m.seq) as { sha256: string } | undefined
  if (taken) throw seqConflict(code, m.seq, taken.sha256)

  const at = ctx.nowIso()
  const by = ctx.user().actor
  const chain = chainOf(ctx, code, m)
  const skip = m.skipped ?? null
  stmt(db, INSERT_PACKET).run(
    newId(), at, at, by, code, m.seq, m.period, c.v.sha256, m.prevSha256, c.v.size, c.rows, m.sealed ? 1 : 0, c.v.keyId, m.createdAt, m.createdBy, c.fileName, chain, JSON.stringify(c.totals),
    skip?.from ?? null, skip?.to ?? null, skip?.reason ?? null
  )
  // the packets chained to this one arrived first (two when a skip superseded seq+1): their chain can be told now
  for (const next of stmt(db, CHAINED_TO).all({ code, next: m.seq + 1 }) as { id: string; prevSha256: string | null }[])
    stmt(db, SET_CHAIN).run(next.prevSha256 === c.v.sha256 ? 'ok' : 'break', at, by, next.id)

  const crash = crashHook()
  const upsert = stmt(db, UPSERT_ROW)
  let applied = 0
  for (const t of c.tables)
    for (const [id, updatedAt, date, json] of t.rows) {
      applied += upsert.run(code, t.tbl, id, updatedAt, date, json, m.seq).changes
      crash?.()
    }
  const report = stmt(db, UPSERT_REPORT)
  let reports = 0
  for (const r of c.reports) reports += report.run(code, m.period, r.report, m.seq, r.json).changes
  return { outcome: 'imported', chain, applied, reports }
}
