/**
 * packets.export (a job): the packet of a closed month, built once and stored.
 *
 *  - The month must be closed: CONFLICT rule period_open otherwise.
 *  - A packet built for the month's latest close (packets.close_no = periods.close_count) is
 *    returned as stored (built: false), the export counted and audited (packet.exported).
 *  - Otherwise the signing key is opened first (PASSPHRASE_REQUIRED / BAD_PASSPHRASE before
 *    anything is read or written), then one BEGIN IMMEDIATE transaction reads the rows changed
 *    since the newest packet's mark and the month's reports, builds and signs the file (sealed
 *    to the district's seal key when one is set), stores it, prunes the change log up to the new
 *    mark and raises the 'packet' counter as its last step: the mark is exactly what was read.
 *  - seq: one above the database's highest and the counter outside it (counters.ts), so a
 *    restored older backup never hands out a sequence number again; the numbers skipped that
 *    way are audited (packet.seqSkippedRestored / packet.seqSkippedNotRecorded) and declared in
 *    the manifest of the packet built next (skipped: { from, to, reason }), whose prevSha256
 *    names the last packet this database holds: the district counts them as skipped, not missing.
 */
import { PACKET_REPORTS } from '../../api/packetReports'
import type { PacketExport, PacketInfo, PacketSkipped } from '../../api/packets'
import type { Ctx } from '../context'
import { raiseCounter } from '../counters'
import { stmt } from '../db/stmt'
import { stationSigner, type Signer } from '../certificates/signing'
import { AppError } from '../errors'
import { newId } from '../ids'
import { districtKey } from '../keys/trust'
import { readStation } from '../station/profile'
import { writePacket, type PacketFile } from './container'
import { newestPacket, PACKET_COUNTER, packetFilename, packetOfClose, sequence, storedBytes } from './list'
import { buildReports, reportTotals } from './reports'
import { changeLogTop, dataFiles, pruneChangeLog } from './rows'

export const PACKET_MIME = 'application/vnd.stationdesk.packet'

interface ExportInput {
  period: string
  passphrase?: string
}

function closedMonth(ctx: Ctx, period: string): number {
  const p = stmt(ctx.sqlite, 'SELECT status, close_count AS closeCount FROM periods WHERE period = ?').get(period) as { status: string; closeCount: number } | undefined
  if (p?.status !== 'closed') {
    const message = `${period} 尚未关账，关账后才能导出月报数据包 (the month ${period} is not closed: close it before exporting its packet)`
    throw new AppError('CONFLICT', message, { rule: 'period_open', period, fields: [{ path: 'period', rule: 'period_open', message }] })
  }
  return p.closeCount
}

const fileOf = (info: PacketInfo, bytes: Buffer): PacketExport['file'] => ({ filename: info.filename, mime: PACKET_MIME, base64: bytes.toString('base64') })

/** the stored packet again: counted and audited */
function exportStored(ctx: Ctx, info: PacketInfo): PacketExport {
  const at = ctx.nowIso()
  stmt(ctx.sqlite, 'UPDATE packets SET export_count = export_count + 1, last_exported_at = ?, updated_at = ?, updated_by = ? WHERE seq = ?').run(at, at, ctx.user().actor, info.seq)
  const packet = { ...info, exportCount: info.exportCount + 1, lastExportedAt: at }
  ctx.audit({
    entity: 'packet',
    entityId: String(info.seq),
    summary: `exported packet ${info.seq} of ${info.period} again (${info.filename}, export ${packet.exportCount})`,
    msg: ['packet.exported', { seq: info.seq, period: info.period, n: packet.exportCount }],
    details: { sha256: info.sha256 }
  })
  return { packet, built: false, file: fileOf(packet, storedBytes(ctx.sqlite, info.seq)!) }
}

const RESTORE_ACTIONS = ['backups.restore', 'backups.restoreFile', 'recovery.restore']

/** sequence numbers the counter is ahead of the database by: handed out by a database restored away since, or by a write that did not commit */
function noteSkipped(ctx: Ctx, from: number, to: number, counterAt: string): PacketSkipped {
  const restored = stmt(ctx.sqlite, `SELECT 1 FROM audit_log WHERE action IN (${RESTORE_ACTIONS.map(() => '?').join(', ')}) AND at >= ? LIMIT 1`).get(...RESTORE_ACTIONS, counterAt)
  const reason = restored ? 'restored_backup' : 'not_recorded'
  ctx.audit({
    entity: 'packet',
    entityId: 'sequence',
    summary: `packet sequence numbers ${from}–${to} are not in the database (${reason}): they are not used again`,
    msg: [restored ? 'packet.seqSkippedRestored' : 'packet.seqSkippedNotRecorded', { from, to }],
    details: { from, to, reason, counterAt }
  })
  return { from, to, reason }
}

/** reads, builds, signs, stores: the body of the export's one transaction */
function build(ctx: Ctx, period: string, closeNo: number, signer: Signer): PacketExport {
  const sqlite = ctx.sqlite
  const st = readStation(ctx)
  const prev = newestPacket(sqlite)
  const { dbHighest, counter, next: seq } = sequence(ctx)
  const skipped = counter && counter.value > dbHighest ? noteSkipped(ctx, dbHighest + 1, counter.value, counter.at) : null
  const mark = changeLogTop(sqlite) ?? prev?.changeMark ?? 0

  const data = dataFiles(sqlite, prev ? { all: false, after: prev.changeMark, upTo: mark } : { all: true }, (table, i, n) => ctx.job.progress('reading', i, n))
  ctx.job.progress('reports')
  const reports = buildReports(ctx, period)
  const reportFiles: PacketFile[] = PACKET_REPORTS.map((kind) => ({ path: `reports/${kind}.json`, bytes: Buffer.from(JSON.stringify(reports[kind]), 'utf8'), rows: null }))

  ctx.job.progress('signing')
  const district = districtKey(sqlite)
  const seal = district?.sealKey ? { sealKey: district.sealKey, recipientKeyId: district.keyId } : null
  const createdAt = ctx.nowIso()
  const createdBy = ctx.user().actor
  const packet = writePacket({
    station: { code: st.code, name: st.name, keyId: signer.keyId },
    period,
    seq,
    prevSha256: prev?.sha256 ?? null,
    closeNo,
    skipped,
    createdAt,
    createdBy,
    files: [...data, ...reportFiles],
    totals: reportTotals(reports),
    seal,
    privateKey: signer.privateKey
  })

  ctx.job.progress('writing')
  const rows = data.reduce((s, f) => s + (f.rows ?? 0), 0)
  const filename = packetFilename(st.code, period, seq)
  stmt(
    sqlite,
    `INSERT INTO packets (id, created_at, updated_at, updated_by, seq, period, close_no, sha256, prev_sha256, size, rows, sealed, recipient_key_id, change_mark,
       filename, bytes, created_by, export_count, last_exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`
  ).run(newId(), createdAt, createdAt, createdBy, seq, period, closeNo, packet.sha256, prev?.sha256 ?? null, packet.bytes.length, rows, seal ? 1 : 0, seal?.recipientKeyId ?? null, mark, filename, packet.bytes, createdBy, createdAt)
  const pruned = pruneChangeLog(sqlite, mark)
  ctx.audit({
    entity: 'packet',
    entityId: String(seq),
    summary: `built packet ${seq} of ${period}${closeNo > 1 ? ` (close ${closeNo})` : ''}: ${rows} rows, ${seal ? `sealed to ${district!.name}` : 'not sealed'}, ${filename}`,
    msg: ['packet.built', { seq, period, rows, n: closeNo }],
    details: { sha256: packet.sha256, prevSha256: prev?.sha256 ?? null, skipped, size: packet.bytes.length, changeMark: mark, pruned, sealed: !!seal, files: data.map((f) => [f.path, f.rows]) }
  })
  // the counter outside the database follows the number just stored: the transaction's last step
  raiseCounter(ctx.runtime.paths.counters, PACKET_COUNTER, seq, createdAt)
  const info = packetOfClose(sqlite, period, closeNo)!
  return { packet: info, built: true, file: fileOf(info, packet.bytes) }
}

export async function exportPacket(ctx: Ctx, input: ExportInput): Promise<PacketExport> {
  const { period } = input
  ctx.job.progress('checking')
  const closeNo = closedMonth(ctx, period)
  const stored = packetOfClose(ctx.sqlite, period, closeNo)
  if (stored) return ctx.commit(() => exportStored(ctx, stored))
  // the key before anything is read or written: a missing passphrase is asked for with nothing done
  const signer = stationSigner(ctx, input.passphrase)
  await ctx.job.checkpoint()
  return ctx.commit(() => {
    // the month and its packet as they stand under the write lock (another window may have built it)
    const closeNoNow = closedMonth(ctx, period)
    const builtMeanwhile = packetOfClose(ctx.sqlite, period, closeNoNow)
    return builtMeanwhile ? exportStored(ctx, builtMeanwhile) : build(ctx, period, closeNoNow, signer)
  })
}

export function downloadPacket(ctx: Ctx, seq: number): PacketExport['file'] {
  const bytes = storedBytes(ctx.sqlite, seq)
  const info = bytes ? stmt(ctx.sqlite, 'SELECT seq, period, filename FROM packets WHERE seq = ?').get(seq) as { seq: number; period: string; filename: string } : null
  if (!bytes || !info) throw new AppError('NOT_FOUND', `packet ${seq} not found`, { entity: 'packet', id: seq })
  ctx.audit({ entity: 'packet', entityId: String(seq), summary: `downloaded packet ${seq} of ${info.period} (${info.filename})`, msg: ['packet.downloaded', { seq, period: info.period }] })
  return { filename: info.filename, mime: PACKET_MIME, base64: bytes.toString('base64') }
}
