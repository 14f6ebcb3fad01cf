/**
 * A certificate's later life: renewal (a new certificate from the register's facts of the day,
 * superseding the old one, both linked) and voiding (head only, with a reason). Only a valid
 * certificate may be renewed or voided: a superseded one already stopped at its renewal, and a
 * void one stays void.
 *
 * Rules: certificate_not_valid (path id, details.status), certificate_renew_date (path
 * issueDate, details.issueDate), and those of facts.ts.
 */
import type { Certificate, certificatesApi } from '../../api/certificates'
import type { ParsedInputOf } from '../../api/contract'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { assertPeriodOpen } from '../periods/guard'
import { todayOf } from '../persons/record'
import { draftOf, issueDateOf, loadSubject, refuseUnlessIssuable } from './facts'
import { writeCertificate } from './issue'
import { loadCertificate } from './list'
import { useSerial } from './numbering'
import { stationSigner } from './signing'

type RenewInput = ParsedInputOf<(typeof certificatesApi)['certificates.renew']>
type VoidInput = ParsedInputOf<(typeof certificatesApi)['certificates.void']>

function refuseUnlessValid(c: Certificate, doing: 'renewed' | 'voided'): void {
  if (c.status === 'valid') return
  const message = `certificate ${c.number} is ${c.status}: only a valid certificate can be ${doing}`
  throw new AppError('VALIDATION', message, { fields: [{ path: 'id', rule: 'certificate_not_valid', message }], status: c.status, number: c.number })
}

export function renewCertificate(ctx: Ctx, input: RenewInput): Certificate {
  const old = loadCertificate(ctx.sqlite, input.id)
  refuseUnlessValid(old, 'renewed')
  const issueDate = issueDateOf(input.issueDate, todayOf(ctx))
  // the new certificate and the old one's end are dated the renewal's day (the old one's own month may be closed)
  assertPeriodOpen(ctx, issueDate, 'issueDate')
  if (issueDate < old.issueDate) {
    const message = `a renewal cannot be dated before ${old.issueDate}, the issue date of ${old.number}`
    throw new AppError('VALIDATION', message, { fields: [{ path: 'issueDate', rule: 'certificate_renew_date', message }], issueDate: old.issueDate })
  }
  const person = loadSubject(ctx, old.personId)
  const draft = draftOf(ctx, person, issueDate, undefined, old.id)
  refuseUnlessIssuable(draft, { migrationGiven: false })
  const signer = stationSigner(ctx, input.passphrase)
  const written = writeCertificate(ctx, { personId: person.id, facts: draft.facts, issueDate, signer, supersedesId: old.id })
  const at = ctx.nowIso()
  stmt(ctx.sqlite, `UPDATE certificates SET status = 'superseded', superseded_by_id = ?, ended_on = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
    written.id,
    issueDate,
    at,
    ctx.user().actor,
    old.id
  )
  ctx.audit({
    entity: 'certificate',
    entityId: written.id,
    summary: `renewed certificate ${old.number} of ${draft.facts.name} as ${written.number}`,
    msg: ['certificate.renewed', { number: written.number, old: old.number, name: draft.facts.name }],
    details: { personId: person.id, issueDate, supersedes: { id: old.id, number: old.number }, reason: input.reason }
  })
  useSerial(ctx, written.year, written.serial)
  return loadCertificate(ctx.sqlite, written.id)
}

export function voidCertificate(ctx: Ctx, input: VoidInput): Certificate {
  const c = loadCertificate(ctx.sqlite, input.id)
  refuseUnlessValid(c, 'voided')
  // a void is dated its day (ended_on), like a renewal's end: a certificate issued in a closed month may still be voided
  const today = todayOf(ctx)
  assertPeriodOpen(ctx, today, 'id')
  const at = ctx.nowIso()
  const by = ctx.user().actor
  stmt(ctx.sqlite, `UPDATE certificates SET status = 'void', void_reason = ?, voided_at = ?, voided_by = ?, ended_on = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(
    input.reason,
    at,
    by,
    today,
    at,
    by,
    c.id
  )
  ctx.audit({
    entity: 'certificate',
    entityId: c.id,
    summary: `voided certificate ${c.number} of ${c.facts.name}: ${input.reason}`,
    msg: ['certificate.voided', { number: c.number, name: c.facts.name, reason: input.reason }],
    details: { reason: input.reason }
  })
  return loadCertificate(ctx.sqlite, c.id)
}
