/**
 * Issuing a certificate (certificates.issue), and writing one (shared with renewal): the facts
 * snapshot from the register, the next number, the validity from the settings, the QR signed
 * with the station key, and the audit row — all in the write's one transaction, with the move
 * out recorded through the persons module when she is not an out-migrant yet. The counter
 * outside the database is raised last, just before the commit.
 */
import type { Certificate, CertificateFacts, certificatesApi } from '../../api/certificates'
import type { ParsedInputOf } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
import { recordEvent } from '../persons/events'
import { todayOf } from '../persons/record'
import { readStation } from '../station/profile'
import { encodeQr } from './qr'
import { draftOf, issueDateOf, loadSubject, refuseUnlessIssuable, validUntilOf } from './facts'
import { loadCertificate } from './list'
import { certificateNumber, takeSerial, useSerial } from './numbering'
import { readSettings } from './settings'
import { stationSigner, type Signer } from './signing'

type IssueInput = ParsedInputOf<(typeof certificatesApi)['certificates.issue']>

/** the reason written on the move out recorded with a certificate (the register's history) */
export const MIGRATION_REASON = '办理流动人口婚育证明时登记外出'

const INSERT_SQL = `INSERT INTO certificates (id, created_at, updated_at, updated_by, number, year, serial, person_id, status, facts, issuing_authority,
  station_code, issue_date, valid_until, qr, key_id, supersedes_id, print_count, created_by)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`

export interface NewCertificate {
  personId: string
  facts: CertificateFacts
  issueDate: string
  signer: Signer
  supersedesId?: string
}

/** writes a certificate with the next number; returns its id and number (the caller audits) */
export function writeCertificate(ctx: Ctx, n: NewCertificate): { id: string; number: string; year: number; serial: number } {
  const station = readStation(ctx)
  const year = Number(n.issueDate.slice(0, 4))
  const serial = takeSerial(ctx, year)
  const number = certificateNumber(station.code, year, serial)
  const validUntil = validUntilOf(n.issueDate, readSettings(ctx.sqlite).validYears)
  const f = n.facts
  const qr = encodeQr(
    { number, stationCode: station.code, name: f.name, idNumber: f.idNumber, issueDate: n.issueDate, validUntil, maritalStatus: f.maritalStatus, boys: f.boys, girls: f.girls },
    n.signer.keyId,
    n.signer.privateKey
  )
  const id = newId()
  const at = ctx.nowIso()
  const by = ctx.user().actor
  stmt(ctx.sqlite, INSERT_SQL).run(id, at, at, by, number, year, serial, n.personId, JSON.stringify(f), station.name, station.code, n.issueDate, validUntil, qr, n.signer.keyId, n.supersedesId ?? null, by)
  return { id, number, year, serial }
}

/** the move out given with the issue, recorded as the register's migration_out event (errors said on the migration's fields) */
function recordMove(ctx: Ctx, personId: string, move: NonNullable<IssueInput['migration']>, current: { migrantStatus: string; migrantPlace: string; migrantSince: string | null }): void {
  if (current.migrantStatus === 'out' && current.migrantPlace === move.destination && current.migrantSince === move.since) return
  try {
    recordEvent(ctx, {
      personId,
      type: 'migration_out',
      date: move.since,
      reason: MIGRATION_REASON,
      changes: { migrantStatus: 'out', migrantPlace: move.destination, migrantSince: move.since }
    })
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== 'VALIDATION' && e.code !== 'PERIOD_CLOSED') || !e.details?.fields) throw e
    const path = (p: string) => (p === 'date' || p === 'changes.migrantSince' ? 'migration.since' : p === 'changes.migrantPlace' ? 'migration.destination' : p)
    throw new AppError(e.code, e.message, { ...e.details, fields: e.details.fields.map((f) => ({ ...f, path: path(f.path) })) })
  }
}

export function issueCertificate(ctx: Ctx, input: IssueInput): Certificate {
  const issueDate = issueDateOf(input.issueDate, todayOf(ctx))
  assertPeriodOpen(ctx, issueDate, 'issueDate')
  const person = loadSubject(ctx, input.personId)
  const move = input.migration
  const draft = draftOf(ctx, person, issueDate, move?.destination)
  refuseUnlessIssuable(draft, { migrationGiven: move !== undefined })
  // the key first: without it nothing is written (PASSPHRASE_REQUIRED)
  const signer = stationSigner(ctx, input.passphrase)
  if (move) recordMove(ctx, person.id, move, person)
  const written = writeCertificate(ctx, { personId: person.id, facts: draft.facts, issueDate, signer })
  ctx.audit({
    entity: 'certificate',
    entityId: written.id,
    summary: `issued certificate ${written.number} to ${draft.facts.name}`,
    msg: ['certificate.issued', { number: written.number, name: draft.facts.name }],
    details: { personId: person.id, issueDate, ...(move ? { migration: move } : {}) }
  })
  useSerial(ctx, written.year, written.serial)
  return loadCertificate(ctx.sqlite, written.id)
}
