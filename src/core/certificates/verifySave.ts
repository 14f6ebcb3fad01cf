/**
 * Recording a verification (certificates.verificationSave): the verification row, the holder
 * registered or updated as an in-migrant (verifyHolder.ts), and their audit rows, in the one
 * transaction the host gives a write.
 *
 * By QR the core checks the text again (the client's word is never taken), on the verification
 * date, and the clerk's result must fit what it found:
 *   check valid           -> valid, or facts_differ (the certificate is genuine, her ID card says otherwise)
 *   check expired         -> expired, or facts_differ
 *   check invalid_signature / unknown_issuer -> the same
 *   check not_yet_valid   -> invalid_signature: a genuine signature over an issue date still to
 *                            come is not a certificate in force, and the recorded results have
 *                            no word for it; the audit row keeps what the check found
 *   check malformed       -> refused (qr_malformed, details.reason) unless confirmMalformed, then
 *                            invalid_signature
 * With a good signature the holder's ID number must be the QR's, unless the result is
 * facts_differ. By hand (a paper certificate without QR) the clerk's dates must fit her result.
 *
 * Rules (VALIDATION): qr_malformed (qrText), result_mismatch (result; details.check, details.expected),
 * id_not_qr (holder.idNumber; details.qrIdNumber), date_future (verifiedOn), end_before_start
 * (validUntil), certificate_expired / certificate_not_yet_valid / certificate_not_expired
 * (result, manual; details.validUntil or details.issueDate), and the holder's (verifyHolder.ts).
 */
import type { ParsedInputOf } from '../../api/contract'
import type { CheckResult, QrFacts, Verification, VerificationResult, verificationsApi } from '../../api/verifications'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, fieldError } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
import { trustedSigners } from '../keys/trust'
import { checkId } from '../persons/facts'
import { todayOf } from '../persons/record'
import { checkQrText } from './qr'
import { registerHolder } from './verifyHolder'
import { loadVerification } from './verifyList'

type SaveInput = ParsedInputOf<(typeof verificationsApi)['certificates.verificationSave']>
type QrInput = Extract<SaveInput, { method: 'qr' }>
type ManualInput = Extract<SaveInput, { method: 'manual' }>

/** what the clerk may record for what the check found */
export const RECORDABLE: Record<CheckResult, VerificationResult[]> = {
  valid: ['valid', 'facts_differ'],
  expired: ['expired', 'facts_differ'],
  invalid_signature: ['invalid_signature'],
  unknown_issuer: ['unknown_issuer'],
  not_yet_valid: ['invalid_signature'],
  malformed: ['invalid_signature']
}

interface Found {
  result: VerificationResult
  certificateNumber: string
  issuerStationCode: string
  issuerName: string
  issuerKeyId: string | null
  issueDate: string | null
  validUntil: string | null
  /** the signed facts, when they may be taken for the holder */
  facts: QrFacts | null
  /** what the check found (QR only) */
  check: CheckResult | null
  /** signed with this station's own key */
  ownIssuer: boolean
}

function fromQr(ctx: Ctx, input: QrInput, verifiedOn: string): Found {
  const check = checkQrText(input.qrText, trustedSigners(ctx), verifiedOn)
  if (check.result === 'malformed' && !input.confirmMalformed)
    throw fieldError('qrText', 'qr_malformed', `${check.message}: nothing recorded (record it anyway only when the clerk confirms)`, { reason: check.reason })
  const expected = RECORDABLE[check.result]
  if (!expected.includes(input.result))
    throw fieldError('result', 'result_mismatch', `the check found ${check.result}: record ${expected.join(' or ')}`, { check: check.result, expected: expected.join(',') })
  const f = check.facts ?? null
  if (f) {
    const id = checkId(input.holder.idNumber, todayOf(ctx))
    const same = id.valid && id.normalized === f.idNumber
    if (!same && input.result !== 'facts_differ')
      throw fieldError('holder.idNumber', 'id_not_qr', `the certificate is for ID number ${f.idNumber}: record "facts differ" if she is someone else`, { qrIdNumber: f.idNumber })
    if (!same || input.result === 'facts_differ') return found(check.result, input.result, check, null)
  }
  return found(check.result, input.result, check, f)
}

function found(checked: CheckResult, result: VerificationResult, check: ReturnType<typeof checkQrText>, facts: QrFacts | null): Found {
  const f = check.facts
  return {
    result,
    certificateNumber: f?.number ?? '',
    issuerStationCode: check.issuer?.stationCode ?? '',
    issuerName: check.issuer?.name ?? '',
    issuerKeyId: check.keyId ?? null,
    issueDate: f?.issueDate ?? null,
    validUntil: f?.validUntil ?? null,
    facts,
    check: checked,
    ownIssuer: check.issuer?.own === true
  }
}

function fromManual(input: ManualInput, verifiedOn: string): Found {
  if (input.validUntil < input.issueDate) throw fieldError('validUntil', 'end_before_start', `valid until ${input.validUntil} is before the issue date ${input.issueDate}`)
  if (input.result === 'valid' && verifiedOn > input.validUntil)
    throw fieldError('result', 'certificate_expired', `the certificate was valid until ${input.validUntil}: record it as expired`, { validUntil: input.validUntil })
  if (input.result === 'valid' && verifiedOn < input.issueDate)
    throw fieldError('result', 'certificate_not_yet_valid', `the certificate is dated ${input.issueDate}, after the verification`, { issueDate: input.issueDate })
  if (input.result === 'expired' && verifiedOn <= input.validUntil)
    throw fieldError('result', 'certificate_not_expired', `the certificate is valid until ${input.validUntil}: it has not expired`, { validUntil: input.validUntil })
  return {
    result: input.result,
    certificateNumber: input.certificateNumber,
    issuerStationCode: input.issuerStationCode,
    issuerName: input.issuerName,
    issuerKeyId: null,
    issueDate: input.issueDate,
    validUntil: input.validUntil,
    facts: null,
    check: null,
    ownIssuer: false
  }
}

export function saveVerification(ctx: Ctx, input: SaveInput): Verification {
  const today = todayOf(ctx)
  const verifiedOn = input.verifiedOn ?? today
  if (verifiedOn > today) throw fieldError('verifiedOn', 'date_future', `${verifiedOn} is after today (${today})`, { today })
  assertPeriodOpen(ctx, verifiedOn, 'verifiedOn')
  const rec = input.method === 'qr' ? fromQr(ctx, input, verifiedOn) : fromManual(input, verifiedOn)

  const what = rec.certificateNumber ? `婚育证明 ${rec.certificateNumber}` : '婚育证明'
  const personId = registerHolder(ctx, input.holder, {
    facts: rec.facts,
    issuerName: rec.issuerName,
    ownIssuer: rec.ownIssuer,
    verifiedOn,
    reason: input.method === 'qr' ? `验证${what}` : `人工核验${what}`
  })

  const id = newId()
  const at = ctx.nowIso()
  const by = ctx.user().actor
  stmt(
    ctx.sqlite,
    `INSERT INTO verifications (id, created_at, updated_at, updated_by, person_id, method, result, certificate_number, issuer_station_code, issuer_name,
       issuer_key_id, issue_date, valid_until, verified_on, note, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(id, at, at, by, personId, input.method, rec.result, rec.certificateNumber, rec.issuerStationCode, rec.issuerName, rec.issuerKeyId, rec.issueDate, rec.validUntil, verifiedOn, input.note, by)
  const v = loadVerification(ctx, id)
  if (!v) throw new AppError('INTERNAL', 'the verification just written cannot be read')
  ctx.audit({
    entity: 'verification',
    entityId: id,
    summary: `recorded the ${input.method === 'qr' ? 'QR' : 'manual'} verification of ${v.name}'s certificate ${rec.certificateNumber || '(unreadable)'}: ${rec.result}`,
    msg: [`verification.${input.method}.${rec.result}`, { name: v.name, number: rec.certificateNumber || '—' }],
    details: { check: rec.check, result: rec.result, verifiedOn, personId, issuerKeyId: rec.issuerKeyId }
  })
  return v
}
