/**
 * Migrant marriage-and-childbearing certificates (流动人口婚育证明): the contract.
 *
 * A certificate is issued to a woman of childbearing age (15–49 on the issue date) who is
 * leaving the station's area (an out-migrant), from the facts in the register, shown for
 * confirmation and kept as a snapshot: what was printed is what the certificate says, whatever
 * the register says later. Numbering: `<station code>-<year>-<5-digit serial>`, unique per
 * station and year, never reused (the highest serial ever used is also kept outside the
 * database file, so restoring an older backup cannot hand a number out twice); a skipped
 * serial is recorded with its explanation (certificates.numbering).
 *
 * Every certificate carries a QR text signed with the station's Ed25519 key (QR format in
 * src/core/certificates/qr.ts: `SD1:` + digits, case-insensitive, ASCII only).
 */
import { z } from 'zod'
import { method, type Page } from './contract'
import { isoDate, paging, requiredText, text } from './common'
import type { PersonFacts } from './persons'
import { LANGS } from './station'

export const CERTIFICATE_STATUSES = ['valid', 'superseded', 'void'] as const
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number]

/** childbearing age (育龄), full years on the issue date */
export const CHILDBEARING_AGE = { from: 15, to: 49 } as const
export const DEFAULT_VALID_YEARS = 3

/**
 * The facts a certificate states (the 2009 regulation's list), copied from the register at
 * issue. Marital status, contraception: the persons contract's codes.
 */
export interface CertificateFacts {
  name: string
  sex: 'female'
  birthDate: string
  /** full years on the issue date */
  age: number
  idNumber: string
  hukouRegion: string
  /** the region's name from the code tables (province, city, county), '' when unknown */
  hukouRegionName: string
  hukouAddress: string
  maritalStatus: PersonFacts['maritalStatus']
  maritalDate: string | null
  spouseName: string
  spouseIdNumber: string
  boys: number
  girls: number
  contraception: PersonFacts['contraception']
  contraceptionSince: string | null
  /** where she is going (the out-migrant's destination) */
  destination: string
}

export interface Certificate {
  id: string
  /** `<station code>-<year>-<5-digit serial>` */
  number: string
  year: number
  serial: number
  personId: string
  status: CertificateStatus
  facts: CertificateFacts
  /** the issuing authority as printed: the station's name and its township (from the code tables) */
  issuingAuthority: string
  stationCode: string
  issueDate: string
  /** the last day it is valid */
  validUntil: string
  /** the QR text printed on it (signed) */
  qr: string
  /** key id of the station key that signed the QR */
  keyId: string
  /** renewal: the certificate this one replaces, and the one that replaced it */
  supersedes: { id: string; number: string } | null
  supersededBy: { id: string; number: string } | null
  voidReason: string | null
  voidedAt: string | null
  voidedBy: string | null
  /** how many times it was printed (the first print and every reprint) */
  printCount: number
  lastPrintedAt: string | null
  createdAt: string
  createdBy: string
  updatedAt: string
}

/** one row of the certificate list */
export interface CertificateRow {
  id: string
  number: string
  personId: string
  name: string
  idNumber: string
  servicePointName: string | null
  destination: string
  issueDate: string
  validUntil: string
  status: CertificateStatus
  /** valid but past its last day on the station's today */
  expired: boolean
  printCount: number
  /** its QR text, when asked for (list withQr: the CLI's `cert list`) */
  qr?: string
}

/** what would be printed, for the clerk to confirm before issuing (nothing written) */
export interface CertificateDraft {
  personId: string
  facts: CertificateFacts
  issuingAuthority: string
  issueDate: string
  validUntil: string
  /** facts the certificate needs that the register lacks: persons fact names (e.g. spouseName); issuing is refused while any is missing */
  missing: string[]
  /** why she cannot have one at all: 'not_female' | 'age' (with ageFrom/ageTo/age) | 'exited'; null when she can */
  refusal: { rule: 'not_female' | 'age' | 'exited'; params: Record<string, string | number> } | null
  /** she is not yet recorded as an out-migrant: issuing also records the move (destination and date needed) */
  needsMigration: boolean
  /** her certificate still valid, if any: issuing a new one is a renewal of it */
  current: { id: string; number: string; validUntil: string } | null
}

/** one year's numbering: every serial up to the highest is either a certificate or an explained gap */
export interface NumberingYear {
  year: number
  issued: number
  highest: number
  gaps: { from: number; to: number; reason: 'restored_backup' | 'not_recorded'; noticedAt: string }[]
}

export interface CertificateSettings {
  /** years a new certificate is valid (1–10; 3 by default) */
  validYears: number
}

const CERT_ROLES = ['head', 'clerk'] as const

/** the signing key's passphrase when the key is protected and none is kept (else PASSPHRASE_REQUIRED) */
const keyPassphraseInput = z.string().max(200).optional()

/** the move to record when she is not yet an out-migrant */
const migration = z.object({
  destination: requiredText(120),
  since: isoDate
})

export const certificateListInput = z
  .object({
    /** number, name, ID number (or its last digits) */
    q: text(40).optional(),
    status: z.enum(CERTIFICATE_STATUSES).optional(),
    /** valid ones past their last day only */
    expired: z.boolean().optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    personId: z.string().optional(),
    servicePointId: z.string().optional(),
    /** each row with its QR text */
    withQr: z.boolean().default(false),
    ...paging
  })
  .optional()
  .default({ page: 1, pageSize: 50, withQr: false })

export const certificatesApi = {
  /** the facts that would be printed, what is missing, and whether she may have one */
  'certificates.prepare': method<CertificateDraft>()({
    input: z.object({ personId: z.string().min(1), issueDate: isoDate.optional(), lang: z.enum(LANGS).default('zh-CN') }),
    roles: CERT_ROLES,
    kind: 'read'
  }),
  /**
   * Issues a certificate (VALIDATION naming the missing facts; refused for a man, outside
   * childbearing age, or when she already holds a valid one: renew that instead). With
   * `migration`, records her move out in the same transaction.
   */
  'certificates.issue': method<Certificate>()({
    input: z.object({ personId: z.string().min(1), issueDate: isoDate.optional(), migration: migration.optional(), passphrase: keyPassphraseInput }),
    roles: CERT_ROLES,
    kind: 'write'
  }),
  /** a new certificate from today's register facts; the old one becomes superseded */
  'certificates.renew': method<Certificate>()({
    input: z.object({ id: z.string().min(1), issueDate: isoDate.optional(), reason: text(200).default(''), passphrase: keyPassphraseInput }),
    roles: CERT_ROLES,
    kind: 'write'
  }),
  /** head only; the reason is required */
  'certificates.void': method<Certificate>()({
    input: z.object({ id: z.string().min(1), reason: requiredText(200) }),
    roles: ['head'],
    kind: 'write'
  }),
  'certificates.get': method<Certificate>()({ input: z.object({ id: z.string().min(1) }), roles: CERT_ROLES, kind: 'sensitive-read' }),
  'certificates.list': method<Page<CertificateRow>>()({ input: certificateListInput, roles: CERT_ROLES, kind: 'read' }),
  /** every certificate of one person, newest first (the person page's list) */
  'certificates.ofPerson': method<Certificate[]>()({ input: z.object({ personId: z.string().min(1) }), roles: CERT_ROLES, kind: 'read' }),
  /** per year: issued, highest serial, and each skipped serial with why */
  'certificates.numbering': method<NumberingYear[]>()({ input: z.object({}).strict().optional().default({}), roles: CERT_ROLES, kind: 'read' }),
  'certificates.settings': method<CertificateSettings>()({ input: z.object({}).strict().optional().default({}), roles: ['admin', 'head', 'clerk'], kind: 'read' }),
  'certificates.saveSettings': method<CertificateSettings>()({
    input: z.object({ validYears: z.number().int({ message: 'integer' }).min(1, { message: 'valid_years' }).max(10, { message: 'valid_years' }) }),
    roles: ['admin', 'head'],
    kind: 'write'
  })
}
