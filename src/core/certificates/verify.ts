/**
 * Checking an in-migrant's certificate QR (certificates.check; nothing written): the signature
 * against this station's own key and the district's list of trusted station keys
 * (src/core/keys/trust.ts), then the dates (src/core/certificates/qr.ts). When the signature is
 * good it adds what the clerk needs next: the register's person with the QR's ID number and the
 * facts that differ, and the earlier verifications of the same certificate here.
 */
import type { CertificateCheck, QrFacts, VerificationResult, verificationsApi } from '../../api/verifications'
import type { Ctx } from '../context'
import type { Handlers } from '../handler'
import { stmt } from '../db/stmt'
import { trustedSigners } from '../keys/trust'
import { findPerson, idOfNumber, todayOf } from '../persons/record'
import { checkQrText } from './qr'
import { saveVerification } from './verifySave'
import { listVerifications } from './verifyList'

/** the facts a certificate QR and the register both state, in the order the UI lists them */
export const COMPARED_FACTS = ['name', 'maritalStatus', 'boys', 'girls'] as const

export function checkCertificate(ctx: Ctx, qrText: string, on?: string): CertificateCheck {
  const check = checkQrText(qrText, trustedSigners(ctx), on ?? todayOf(ctx))
  if (!check.facts) return check
  const person = personOf(ctx, check.facts)
  const previous = previousVerifications(ctx, check.facts.number)
  return { ...check, ...(person ? { person } : {}), ...(previous.length ? { previous } : {}) }
}

function personOf(ctx: Ctx, facts: QrFacts): CertificateCheck['person'] {
  const id = idOfNumber(ctx.sqlite, facts.idNumber)
  const p = id ? findPerson(ctx.sqlite, id) : undefined
  if (!p) return undefined
  const differences = COMPARED_FACTS.filter((k) => p[k] !== facts[k])
  return { id: p.id, name: p.name, migrantStatus: p.migrantStatus, differences }
}

/** the same certificate's verifications recorded here, newest first */
export function previousVerifications(ctx: Ctx, certificateNumber: string): NonNullable<CertificateCheck['previous']> {
  return stmt(
    ctx.sqlite,
    `SELECT id, verified_on AS verifiedOn, result FROM verifications WHERE certificate_number = ? ORDER BY verified_on DESC, created_at DESC, id DESC`
  ).all(certificateNumber) as { id: string; verifiedOn: string; result: VerificationResult }[]
}

export const verificationsHandlers: Handlers<typeof verificationsApi> = {
  'certificates.check': (ctx, input) => checkCertificate(ctx, input.qrText, input.on),
  'certificates.verificationSave': (ctx, input) => saveVerification(ctx, input),
  'certificates.verifications': (ctx, input) => listVerifications(ctx, input)
}
