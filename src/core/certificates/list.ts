/**
 * Reading certificates: one as the contract has it (with the certificates it replaces and that
 * replaced it), a person's, and the list a clerk searches — by number (or its serial), name,
 * pinyin or initials, ID number or its last 4–6 digits — with status, expired, year, person and
 * village filters, newest first, in pages. "Expired" is a valid certificate past its last day on
 * the station's today.
 */
import type { Certificate, CertificateFacts, CertificateRow, certificateListInput } from '../../api/certificates'
import type { Page } from '../../api/contract'
import type { z } from 'zod'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { notFound } from '../errors'
import { classify, prefixEnd } from '../persons/search'
import { todayOf } from '../persons/record'

type ListInput = z.output<typeof certificateListInput>

const COLUMNS = `c.id, c.number, c.year, c.serial, c.person_id AS personId, c.status, c.facts, c.issuing_authority AS issuingAuthority,
  c.station_code AS stationCode, c.issue_date AS issueDate, c.valid_until AS validUntil, c.qr, c.key_id AS keyId,
  c.supersedes_id AS supersedesId, s1.number AS supersedesNumber, c.superseded_by_id AS supersededById, s2.number AS supersededByNumber,
  c.void_reason AS voidReason, c.voided_at AS voidedAt, c.voided_by AS voidedBy, c.print_count AS printCount,
  c.last_printed_at AS lastPrintedAt, c.created_at AS createdAt, c.created_by AS createdBy, c.updated_at AS updatedAt`
const FROM = 'certificates c LEFT JOIN certificates s1 ON s1.id = c.supersedes_id LEFT JOIN certificates s2 ON s2.id = c.superseded_by_id'

interface DbRow extends Omit<Certificate, 'facts' | 'supersedes' | 'supersededBy'> {
  facts: string
  supersedesId: string | null
  supersedesNumber: string | null
  supersededById: string | null
  supersededByNumber: string | null
}

function toCertificate(r: DbRow): Certificate {
  const { supersedesId, supersedesNumber, supersededById, supersededByNumber, facts, ...rest } = r
  return {
    ...rest,
    facts: JSON.parse(facts) as CertificateFacts,
    supersedes: supersedesId ? { id: supersedesId, number: supersedesNumber ?? '' } : null,
    supersededBy: supersededById ? { id: supersededById, number: supersededByNumber ?? '' } : null
  }
}

export function findCertificate(sqlite: Sqlite, id: string): Certificate | null {
  const r = stmt(sqlite, `SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = ?`).get(id) as DbRow | undefined
  return r ? toCertificate(r) : null
}

export function loadCertificate(sqlite: Sqlite, id: string): Certificate {
  const c = findCertificate(sqlite, id)
  if (!c) throw notFound('certificate', id)
  return c
}

/** certificates.get: opening one is audited (the host writes the row after the read) */
export function openCertificate(ctx: Ctx, id: string): Certificate {
  const c = loadCertificate(ctx.sqlite, id)
  ctx.audit({ entity: 'certificate', entityId: c.id, summary: `opened certificate ${c.number} of ${c.facts.name}`, msg: ['certificate.opened', { number: c.number, name: c.facts.name }] })
  return c
}

export function certificatesOf(ctx: Ctx, personId: string): Certificate[] {
  if (!stmt(ctx.sqlite, 'SELECT 1 FROM persons WHERE id = ?').get(personId)) throw notFound('person', personId)
  const rows = stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM ${FROM} WHERE c.person_id = ? ORDER BY c.issue_date DESC, c.year DESC, c.serial DESC`).all(personId) as DbRow[]
  return rows.map(toCertificate)
}

interface Part {
  sql: string
  params: unknown[]
}

/** what was typed, as a condition on certificates c joined to persons p */
function textCondition(raw: string | undefined): Part | null {
  const q = (raw ?? '').trim()
  if (!q) return null
  // a certificate number or part of one: 410102001-2026-00012, 2026-00012
  if (/^[\d\s-]+$/.test(q) && q.includes('-')) return { sql: 'instr(c.number, ?) > 0', params: [q.replace(/\s+/g, '')] }
  const c = classify(q)
  const range = (col: string): Part => ({ sql: `(${col} >= ? AND ${col} < ?)`, params: [c.value, prefixEnd(c.value)] })
  switch (c.kind) {
    case 'id':
      return { sql: "(p.id_number = ? OR json_extract(c.facts, '$.idNumber') = ?)", params: [c.value, c.value] }
    case 'tail': {
      // the last digits of an ID number, or a serial (00012, 12345)
      const tail = range('p.id_tail')
      const serial = /^\d+$/.test(q) ? { sql: ' OR c.serial = ?', params: [Number(q)] } : { sql: '', params: [] }
      return { sql: `(${tail.sql}${serial.sql})`, params: [...tail.params, ...serial.params] }
    }
    case 'digits':
    case 'birth':
    case 'phone':
      return { sql: '(p.id_number >= ? AND p.id_number < ? OR c.serial = ?)', params: [q, prefixEnd(q), Number(q)] }
    case 'latin': {
      const a = range('p.initials')
      const b = range('p.pinyin')
      return { sql: `(${a.sql} OR ${b.sql})`, params: [...a.params, ...b.params] }
    }
    case 'name':
    case 'text':
    case 'all':
      return { sql: "(instr(p.name, ?) > 0 OR instr(json_extract(c.facts, '$.name'), ?) > 0)", params: [c.value, c.value] }
  }
}

export function listCertificates(ctx: Ctx, input: ListInput): Page<CertificateRow> {
  const today = todayOf(ctx)
  const parts: Part[] = []
  const text = textCondition(input.q)
  if (text) parts.push(text)
  if (input.status) parts.push({ sql: 'c.status = ?', params: [input.status] })
  if (input.expired !== undefined)
    parts.push(input.expired ? { sql: "c.status = 'valid' AND c.valid_until < ?", params: [today] } : { sql: "NOT (c.status = 'valid' AND c.valid_until < ?)", params: [today] })
  if (input.year !== undefined) parts.push({ sql: 'c.year = ?', params: [input.year] })
  if (input.personId) parts.push({ sql: 'c.person_id = ?', params: [input.personId] })
  if (input.servicePointId) parts.push({ sql: 'p.service_point_id = ?', params: [input.servicePointId] })
  const where = parts.length ? `WHERE ${parts.map((p) => p.sql).join(' AND ')}` : ''
  const params = parts.flatMap((p) => p.params)
  const from = 'certificates c JOIN persons p ON p.id = c.person_id LEFT JOIN service_points sp ON sp.id = p.service_point_id'
  const order = 'ORDER BY c.issue_date DESC, c.year DESC, c.serial DESC'
  const columns = `c.id, c.number, c.person_id AS personId, json_extract(c.facts, '$.name') AS name, json_extract(c.facts, '$.idNumber') AS idNumber,
       sp.name AS servicePointName, json_extract(c.facts, '$.destination') AS destination, c.issue_date AS issueDate, c.valid_until AS validUntil,
       c.status, c.print_count AS printCount, c.qr`
  const offset = (input.page - 1) * input.pageSize
  type DbRow = Omit<CertificateRow, 'expired'> & { qr: string }
  let total: number
  let rows: DbRow[]
  if (!text && !input.servicePointId) {
    // nothing on the person: counted on the certificates alone (each has its person, a foreign
    // key), the page read newest first on certificates_issued (migration 0015), 50 rows joined
    total = (stmt(ctx.sqlite, `SELECT count(*) AS n FROM certificates c ${where}`).get(...params) as { n: number }).n
    rows = stmt(ctx.sqlite, `SELECT ${columns} FROM ${from} ${where} ${order} LIMIT ? OFFSET ?`).all(...params, input.pageSize, offset) as DbRow[]
  } else {
    // a search (a name is found anywhere in it: every certificate and its person looked at): one
    // pass finds the matches in order, then only the page's rows are read — not a count pass and a second pass for the page
    const ids = stmt(ctx.sqlite, `SELECT c.rowid FROM ${from} ${where} ${order}`).pluck().all(...params) as number[]
    total = ids.length
    const page = ids.slice(offset, offset + input.pageSize)
    rows = page.length ? (stmt(ctx.sqlite, `SELECT ${columns} FROM ${from} WHERE c.rowid IN (SELECT value FROM json_each(?)) ${order}`).all(JSON.stringify(page)) as DbRow[]) : []
  }
  return {
    rows: rows.map(({ qr, ...r }) => ({ ...r, expired: r.status === 'valid' && r.validUntil < today, ...(input.withQr ? { qr } : {}) })),
    total,
    page: input.page,
    pageSize: input.pageSize
  }
}
