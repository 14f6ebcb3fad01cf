import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'
import { persons } from './persons'

/**
 * Migrant marriage-and-childbearing certificates (流动人口婚育证明) issued here, the serials
 * skipped with their explanation, verifications of in-migrants' certificates, and the station
 * keys this station trusts (src/api/certificates.ts, verifications.ts, keys.ts).
 */
export const certificates = sqliteTable(
  'certificates',
  {
    ...baseColumns(),
    /** `<station code>-<year>-<5-digit serial>` */
    number: text('number').notNull(),
    year: integer('year').notNull(),
    serial: integer('serial').notNull(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    status: text('status', { enum: ['valid', 'superseded', 'void'] }).notNull().default('valid'),
    /** JSON: the facts printed (CertificateFacts), a snapshot taken at issue */
    facts: text('facts').notNull(),
    issuingAuthority: text('issuing_authority').notNull(),
    stationCode: text('station_code').notNull(),
    issueDate: text('issue_date').notNull(),
    validUntil: text('valid_until').notNull(),
    qr: text('qr').notNull(),
    keyId: text('key_id').notNull(),
    supersedesId: text('supersedes_id'),
    supersededById: text('superseded_by_id'),
    /** the date it stopped being valid through renewal or voiding (business date) */
    endedOn: text('ended_on'),
    voidReason: text('void_reason'),
    voidedAt: text('voided_at'),
    voidedBy: text('voided_by'),
    printCount: integer('print_count').notNull().default(0),
    lastPrintedAt: text('last_printed_at'),
    createdBy: text('created_by').notNull()
  },
  (t) => [
    uniqueIndex('certificates_number').on(t.number),
    uniqueIndex('certificates_serial').on(t.year, t.serial),
    index('certificates_person').on(t.personId, t.issueDate),
    index('certificates_status').on(t.status, t.validUntil)
  ]
)

/** serials skipped in a year's numbering, and why (a restored older backup, or a write lost) */
export const certificateGaps = sqliteTable(
  'certificate_gaps',
  {
    id: text('id').primaryKey(),
    year: integer('year').notNull(),
    fromSerial: integer('from_serial').notNull(),
    toSerial: integer('to_serial').notNull(),
    reason: text('reason', { enum: ['restored_backup', 'not_recorded'] }).notNull(),
    noticedAt: text('noticed_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull()
  },
  (t) => [index('certificate_gaps_year').on(t.year, t.fromSerial)]
)

/** a check of an in-migrant's certificate, by QR or by hand */
export const verifications = sqliteTable(
  'verifications',
  {
    ...baseColumns(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    method: text('method', { enum: ['qr', 'manual'] }).notNull(),
    result: text('result', { enum: ['valid', 'invalid_signature', 'unknown_issuer', 'expired', 'facts_differ'] }).notNull(),
    certificateNumber: text('certificate_number').notNull(),
    issuerStationCode: text('issuer_station_code').notNull().default(''),
    issuerName: text('issuer_name').notNull().default(''),
    issuerKeyId: text('issuer_key_id'),
    issueDate: text('issue_date'),
    validUntil: text('valid_until'),
    /** the business date of the check */
    verifiedOn: text('verified_on').notNull(),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull()
  },
  (t) => [index('verifications_person').on(t.personId, t.verifiedOn), index('verifications_number').on(t.certificateNumber), index('verifications_date').on(t.verifiedOn)]
)

/** station keys trusted to sign certificates: the district's signed list in force (replaced whole on import) */
export const trustedKeys = sqliteTable(
  'trusted_keys',
  {
    keyId: text('key_id').primaryKey(),
    stationCode: text('station_code').notNull(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    importedAt: text('imported_at').notNull(),
    signedBy: text('signed_by').notNull()
  },
  (t) => [index('trusted_keys_station').on(t.stationCode)]
)
