/**
 * The packets this station built (packets.list) and the reads the export and download share:
 * the stored row of a packet, the newest packet (the chain's previous one), the next sequence
 * number (one above the database's highest and the counter kept outside it).
 */
import type { PacketInfo, PacketList } from '../../api/packets'
import type { Ctx } from '../context'
import { readCounter } from '../counters'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { keyIdOf } from '../keys/keystore'
import { districtKey } from '../keys/trust'
import { pendingRows } from './rows'

export const PACKET_COUNTER = 'packet'

export const packetFilename = (stationCode: string, period: string, seq: number): string => `${stationCode}-${period}-${String(seq).padStart(4, '0')}.sdpkt`

interface InfoRow {
  seq: number
  period: string
  closeNo: number
  sha256: string
  prevSha256: string | null
  size: number
  rows: number
  sealed: number
  recipientKeyId: string | null
  filename: string
  createdAt: string
  createdBy: string
  exportCount: number
  lastExportedAt: string | null
}

const INFO = `seq, period, close_no AS closeNo, sha256, prev_sha256 AS prevSha256, size, rows, sealed, recipient_key_id AS recipientKeyId, filename,
  created_at AS createdAt, created_by AS createdBy, export_count AS exportCount, last_exported_at AS lastExportedAt`

const toInfo = (r: InfoRow): PacketInfo => ({ ...r, sealed: r.sealed === 1 })

export function packetBySeq(sqlite: Sqlite, seq: number): PacketInfo | null {
  const r = stmt(sqlite, `SELECT ${INFO} FROM packets WHERE seq = ?`).get(seq) as InfoRow | undefined
  return r ? toInfo(r) : null
}

export function packetOfClose(sqlite: Sqlite, period: string, closeNo: number): PacketInfo | null {
  const r = stmt(sqlite, `SELECT ${INFO} FROM packets WHERE period = ? AND close_no = ?`).get(period, closeNo) as InfoRow | undefined
  return r ? toInfo(r) : null
}

export function storedBytes(sqlite: Sqlite, seq: number): Buffer | null {
  const r = stmt(sqlite, 'SELECT bytes FROM packets WHERE seq = ?').get(seq) as { bytes: Buffer } | undefined
  return r ? r.bytes : null
}

/** the packet with the highest sequence number: the next one chains to it and carries what changed after its mark */
export function newestPacket(sqlite: Sqlite): { seq: number; sha256: string; changeMark: number } | null {
  return (stmt(sqlite, 'SELECT seq, sha256, change_mark AS changeMark FROM packets ORDER BY seq DESC LIMIT 1').get() as { seq: number; sha256: string; changeMark: number } | undefined) ?? null
}

/** the database's highest sequence number, the counter's, and the next one */
export function sequence(ctx: Ctx): { dbHighest: number; counter: { value: number; at: string } | null; next: number } {
  const dbHighest = newestPacket(ctx.sqlite)?.seq ?? 0
  const counter = readCounter(ctx.runtime.paths.counters, PACKET_COUNTER)
  return { dbHighest, counter, next: Math.max(dbHighest, counter?.value ?? 0) + 1 }
}

export function listPackets(ctx: Ctx): PacketList {
  const sqlite = ctx.sqlite
  const packets = (stmt(sqlite, `SELECT ${INFO} FROM packets ORDER BY seq DESC`).all() as InfoRow[]).map(toInfo)
  const d = districtKey(sqlite)
  const unexported = (
    stmt(
      sqlite,
      `SELECT period FROM periods p WHERE status = 'closed'
         AND NOT EXISTS (SELECT 1 FROM packets k WHERE k.period = p.period AND k.close_no = p.close_count) ORDER BY period`
    ).all() as { period: string }[]
  ).map((r) => r.period)
  return {
    packets,
    nextSeq: sequence(ctx).next,
    district: d ? { keyId: d.keyId, name: d.name, sealKeyId: d.sealKey ? keyIdOf(Buffer.from(d.sealKey, 'base64')) : null } : null,
    pendingRows: pendingRows(sqlite, newestPacket(sqlite)?.changeMark ?? null),
    unexported
  }
}
