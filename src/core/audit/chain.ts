import { createHash } from 'node:crypto'
import type { Sqlite } from '../db/open'
import { newId } from '../ids'
import { stmt } from '../db/stmt'
import { notAWrite } from '../db/untilWrite'
import type { AuditMessage } from '../../api/audit'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  at: string
  userId: string | null
  actor: string
  action: string
  entity?: string | null
  entityId?: string | null
  summary?: string
  message?: AuditMessage
  details?: unknown
}

interface StoredRow {
  seq: number
  id: string
  at: string
  user_id: string | null
  actor: string
  action: string
  entity: string | null
  entity_id: string | null
  summary: string
  message: string | null
  details: string | null
  prev_hash: string
  hash: string
}

function rowHash(r: Omit<StoredRow, 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.id, r.at, r.user_id, r.actor, r.action, r.entity, r.entity_id, r.summary, r.message, r.details, r.prev_hash])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/**
 * The hash of the first release (schema 0000–0001), which had no message column: its rows keep
 * the hash they were written with (the chain is never rewritten), and migration 0002 gave them
 * message NULL. Only a row without a message can verify this way.
 */
function rowHashBeforeMessages(r: Omit<StoredRow, 'hash'>): string | null {
  if (r.message !== null) return null
  const canonical = JSON.stringify([r.seq, r.id, r.at, r.user_id, r.actor, r.action, r.entity, r.entity_id, r.summary, r.details, r.prev_hash])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** Appends one row, linked to the previous one. Call inside the write's transaction. */
export function appendAudit(sqlite: Sqlite, e: AuditEntry): { seq: number; hash: string } {
  const last = stmt(sqlite, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined
  const row: Omit<StoredRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: e.at,
    user_id: e.userId,
    actor: e.actor,
    action: e.action,
    entity: e.entity ?? null,
    entity_id: e.entityId ?? null,
    summary: e.summary ?? '',
    message: e.message === undefined ? null : JSON.stringify(e.message),
    details: e.details === undefined ? null : JSON.stringify(e.details),
    prev_hash: last?.hash ?? GENESIS_HASH
  }
  const hash = rowHash(row)
  stmt(
    sqlite,
    `INSERT INTO audit_log (seq, id, at, user_id, actor, action, entity, entity_id, summary, message, details, prev_hash, hash)
     VALUES (@seq, @id, @at, @user_id, @actor, @action, @entity, @entity_id, @summary, @message, @details, @prev_hash, @hash)`
  ).run({ ...row, hash })
  notAWrite(sqlite, 1)
  return { seq: row.seq, hash }
}

export interface ChainReport {
  ok: boolean
  rows: number
  firstBroken: number | null
  reason: string | null
}

/** Walks the whole chain; reports the first row whose link or hash does not verify. */
export function verifyChain(sqlite: Sqlite): ChainReport {
  let prev = GENESIS_HASH
  let expectedSeq = 1
  let rows = 0
  const it = sqlite.prepare('SELECT seq, id, at, user_id, actor, action, entity, entity_id, summary, message, details, prev_hash, hash FROM audit_log ORDER BY seq').iterate() as IterableIterator<StoredRow>
  for (const r of it) {
    rows++
    if (r.seq !== expectedSeq) return { ok: false, rows, firstBroken: expectedSeq, reason: `row ${expectedSeq} is missing` }
    if (r.prev_hash !== prev) return { ok: false, rows, firstBroken: r.seq, reason: `row ${r.seq} does not link to the row before it` }
    const { hash, ...rest } = r
    if (rowHash(rest) !== hash && rowHashBeforeMessages(rest) !== hash) return { ok: false, rows, firstBroken: r.seq, reason: `row ${r.seq} was altered` }
    prev = hash
    expectedSeq++
  }
  return { ok: true, rows, firstBroken: null, reason: null }
}
