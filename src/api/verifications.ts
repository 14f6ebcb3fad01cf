/**
 * Verification (验证) of an in-migrant's certificate: the contract. A keyboard-wedge scanner (or
 * the clerk) enters the QR text; the core checks the signature over the exact decoded bytes
 * against the trusted station keys (the district's signed list, plus this station's own key)
 * before reading anything in it, then the dates, and shows the facts to compare with the
 * holder's ID card. The clerk records the result; the person is added to the register, or
 * updated, as an in-migrant, in the same transaction. A paper certificate without QR is
 * verified by hand and recorded as such.
 */
import { z } from 'zod'
import { method, type Page } from './contract'
import { isoDate, paging, phone, requiredText, text } from './common'
import type { PersonFacts } from './persons'

/** what a QR check finds */
export const CHECK_RESULTS = ['valid', 'invalid_signature', 'unknown_issuer', 'expired', 'not_yet_valid', 'malformed'] as const
export type CheckResult = (typeof CHECK_RESULTS)[number]

/** what the clerk records */
export const VERIFICATION_RESULTS = ['valid', 'invalid_signature', 'unknown_issuer', 'expired', 'facts_differ'] as const
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number]

export const VERIFICATION_METHODS = ['qr', 'manual'] as const

/** the facts a QR states (after its signature checked) */
export interface QrFacts {
  number: string
  stationCode: string
  name: string
  idNumber: string
  issueDate: string
  validUntil: string
  maritalStatus: PersonFacts['maritalStatus']
  boys: number
  girls: number
}

export interface CertificateCheck {
  result: CheckResult
  /** English fallback of why; the UI words `result` (and `reason` for malformed) itself */
  message: string
  /** malformed: 'prefix' | 'version' | 'digits' | 'length' | 'payload' */
  reason?: string
  /** the signing key's id, when the text could be decoded that far */
  keyId?: string
  /** the trusted key that signed it (valid, expired, not_yet_valid) */
  issuer?: { stationCode: string; name: string; keyId: string; own: boolean }
  /** only when the signature is good */
  facts?: QrFacts
  /** the register's person with that ID number, if any, and the facts that differ from the QR's */
  person?: { id: string; name: string; migrantStatus: PersonFacts['migrantStatus']; differences: string[] }
  /** the same certificate already recorded as verified here */
  previous?: { id: string; verifiedOn: string; result: VerificationResult }[]
}

export interface Verification {
  id: string
  personId: string
  name: string
  idNumber: string
  method: (typeof VERIFICATION_METHODS)[number]
  result: VerificationResult
  certificateNumber: string
  issuerStationCode: string
  issuerName: string
  issueDate: string | null
  validUntil: string | null
  verifiedOn: string
  note: string
  createdBy: string
  createdAt: string
}

/** the in-migrant as registered or updated by the verification */
const holder = z.object({
  idNumber: requiredText(40),
  name: requiredText(30),
  phone: phone.default(''),
  servicePointId: z.string().nullable().default(null),
  residenceAddress: text(120).default(''),
  /** where she came from (the issuing station's township if left empty) */
  from: text(120).default(''),
  /** when she arrived (the verification date if left empty) */
  since: z.union([isoDate, z.literal('')]).optional().transform((v) => v || null),
  /**
   * the date of her marriage (or its end), printed on the certificate: needed only to register
   * someone new whose QR says married, remarried, divorced or widowed (the register requires it)
   */
  maritalDate: z.union([isoDate, z.literal('')]).optional().transform((v) => v || null)
})

export const verificationSaveInput = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('qr'),
    qrText: z.string().trim().min(1, { message: 'required' }).max(2000),
    /** the clerk's conclusion; the core refuses 'valid' when the check did not find it valid */
    result: z.enum(VERIFICATION_RESULTS),
    /** a malformed text is only recorded (as invalid_signature) when the clerk confirms */
    confirmMalformed: z.boolean().default(false),
    verifiedOn: isoDate.optional(),
    note: text(200).default(''),
    holder
  }),
  z.object({
    method: z.literal('manual'),
    result: z.enum(VERIFICATION_RESULTS),
    certificateNumber: requiredText(40),
    issuerName: requiredText(60),
    issuerStationCode: z.string().trim().regex(/^$|^\d{9}$/, { message: 'station_code_format' }).default(''),
    issueDate: isoDate,
    validUntil: isoDate,
    verifiedOn: isoDate.optional(),
    note: text(200).default(''),
    holder
  })
])

export const verificationsApi = {
  /** checks a QR text (nothing written) */
  'certificates.check': method<CertificateCheck>()({
    input: z.object({ qrText: z.string().max(4000), on: isoDate.optional() }),
    roles: ['head', 'clerk'],
    kind: 'read'
  }),
  /** records the verification and registers / updates the holder as an in-migrant, in one transaction */
  'certificates.verificationSave': method<Verification>()({ input: verificationSaveInput, roles: ['head', 'clerk'], kind: 'write' }),
  'certificates.verifications': method<Page<Verification>>()({
    input: z
      .object({ q: text(40).optional(), personId: z.string().optional(), result: z.enum(VERIFICATION_RESULTS).optional(), month: z.string().regex(/^\d{4}-\d{2}$/).optional(), ...paging })
      .optional()
      .default({ page: 1, pageSize: 50 }),
    roles: ['head', 'clerk'],
    kind: 'read'
  })
}
