/**
 * Verifications recorded here (certificates.verifications): newest first, a page at a time,
 * filtered by what the search box takes (the holder's name, ID number or its last digits, the
 * certificate number), the person, the result and the month of the verification.
 */
import type { Page } from '../../api/contract'
import type { Verification, VerificationResult } from '../../api/verifications'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'

const COLUMNS = `v.id, v.person_id AS personId, p.name, p.id_number AS idNumber, v.method, v.result, v.certificate_number AS certificateNumber,
  v.issuer_station_code AS issuerStationCode, v.issuer_name AS issuerName, v.issue_date AS issueDate, v.valid_until AS validUntil,
  v.verified_on AS verifiedOn, v.note, v.created_by AS createdBy, v.created_at AS createdAt`
const FROM = 'verifications v JOIN persons p ON p.id = v.person_id'
const ORDER = 'ORDER BY v.verified_on DESC, v.created_at DESC, v.id DESC'

export function loadVerification(ctx: Ctx, id: string): Verification | undefined {
  return stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM ${FROM} WHERE v.id = ?`).get(id) as Verification | undefined
}

export interface VerificationFilter {
  q?: string
  personId?: string
  result?: VerificationResult
  month?: string
  page: number
  pageSize: number
}

/** LIKE's wildcards taken literally */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

export function listVerifications(ctx: Ctx, input: VerificationFilter): Page<Verification> {
  const where: string[] = []
  const params: unknown[] = []
  const q = input.q?.trim()
  if (q) {
    const like = literal(q.toUpperCase())
    where.push(`(p.name LIKE ? ESCAPE '\\' OR p.pinyin LIKE ? ESCAPE '\\' OR p.initials LIKE ? ESCAPE '\\' OR p.id_number LIKE ? ESCAPE '\\' OR upper(v.certificate_number) LIKE ? ESCAPE '\\')`)
    params.push(`%${literal(q)}%`, `${literal(q.toLowerCase())}%`, `${literal(q.toLowerCase())}%`, `%${like}`, `%${like}%`)
  }
  if (input.personId) where.push('v.person_id = ?'), params.push(input.personId)
  if (input.result) where.push('v.result = ?'), params.push(input.result)
  if (input.month) where.push('v.verified_on >= ? AND v.verified_on < ?'), params.push(`${input.month}-01`, `${input.month}-32`)
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = (stmt(ctx.sqlite, `SELECT count(*) AS n FROM ${FROM} ${w}`).get(...params) as { n: number }).n
  const rows = stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM ${FROM} ${w} ${ORDER} LIMIT ? OFFSET ?`).all(...params, input.pageSize, (input.page - 1) * input.pageSize) as Verification[]
  return { rows, total, page: input.page, pageSize: input.pageSize }
}
