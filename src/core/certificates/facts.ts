/**
 * What a certificate would state for a person, and whether she may have one: the facts copied
 * from the register (CertificateFacts), the facts the 2009 regulation needs that her record
 * lacks, why she cannot have one at all, whether her move out must be recorded, and the
 * certificate she already holds. certificates.prepare shows this; issue and renew refuse on it.
 *
 * Rules (FieldIssue.rule):
 *  - certificate_not_female, certificate_person_exited, certificate_age (age, from, to): path personId
 *  - certificate_fact_missing: one issue per missing fact, path = the persons fact name
 *    (details.missing lists them all)
 *  - certificate_migration_required: path migration (not yet an out-migrant, no move given)
 *  - date_future: path issueDate (details.today)
 *  - certificate_exists (CONFLICT, details existingId, number, validUntil): path personId
 */
import { CHILDBEARING_AGE, type CertificateDraft, type CertificateFacts } from '../../api/certificates'
import type { FieldIssue } from '../../api/contract'
import type { Person } from '../../api/persons'
import { addYears } from '../clock'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, notFound } from '../errors'
import { ageOn, findPerson } from '../persons/record'
import { countyName, regionName } from '../station/codes'
import { readStation } from '../station/profile'
import { readSettings } from './settings'

export type PersonRecord = Omit<Person, 'missing' | 'warnings'>

export function loadSubject(ctx: Ctx, personId: string): PersonRecord {
  const p = findPerson(ctx.sqlite, personId)
  if (!p) throw notFound('person', personId)
  return p
}

/** the issue date asked for, else the station's today; a date to come is refused */
export function issueDateOf(asked: string | undefined, today: string): string {
  const d = asked ?? today
  if (d > today)
    throw new AppError('VALIDATION', `the issue date ${d} is after today (${today})`, {
      fields: [{ path: 'issueDate', rule: 'date_future', message: `${d} is after today (${today})` }],
      today
    })
  return d
}

/** the last day a certificate issued on `issueDate` is valid */
export function validUntilOf(issueDate: string, years: number): string {
  const end = new Date(`${addYears(issueDate, years)}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() - 1)
  return end.toISOString().slice(0, 10)
}

function hukouName(code: string): string {
  if (!code) return ''
  return (code.length === 6 ? countyName(code) : regionName(code)) ?? ''
}

/** the register's facts as a certificate states them; `destination` from the move given, else where she went */
export function factsOf(p: PersonRecord, issueDate: string, destination?: string): CertificateFacts {
  return {
    name: p.name,
    // a certificate is only ever written for a woman; a draft for a man says what the register says (and is refused)
    sex: p.sex as 'female',
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, issueDate),
    idNumber: p.idNumber,
    hukouRegion: p.hukouRegion,
    hukouRegionName: hukouName(p.hukouRegion),
    hukouAddress: p.hukouAddress,
    maritalStatus: p.maritalStatus,
    maritalDate: p.maritalDate,
    spouseName: p.spouseName,
    spouseIdNumber: p.spouseIdNumber,
    boys: p.boys,
    girls: p.girls,
    contraception: p.contraception,
    contraceptionSince: p.contraceptionSince,
    destination: destination ?? (p.migrantStatus === 'out' ? p.migrantPlace : '')
  }
}

/** the facts the certificate needs that the register lacks, as persons fact names */
export function missingFacts(f: CertificateFacts, needsMigration: boolean): string[] {
  const out: string[] = []
  if (!f.hukouRegion) out.push('hukouRegion')
  if (!f.maritalStatus) out.push('maritalStatus')
  if (f.maritalStatus !== 'unmarried' && !f.maritalDate) out.push('maritalDate')
  if (f.maritalStatus === 'married' || f.maritalStatus === 'remarried') {
    if (!f.spouseName) out.push('spouseName')
    if (!f.spouseIdNumber) out.push('spouseIdNumber')
  }
  if (f.contraception !== 'none' && !f.contraceptionSince) out.push('contraceptionSince')
  // a move still to record brings its destination with it
  if (!needsMigration && !f.destination) out.push('migrantPlace')
  return out
}

export function refusalOf(p: PersonRecord, age: number): CertificateDraft['refusal'] {
  if (p.sex !== 'female') return { rule: 'not_female', params: {} }
  if (p.state === 'exited') return { rule: 'exited', params: {} }
  if (age < CHILDBEARING_AGE.from || age > CHILDBEARING_AGE.to) return { rule: 'age', params: { age, from: CHILDBEARING_AGE.from, to: CHILDBEARING_AGE.to } }
  return null
}

/** her certificate still valid on the date, if any (other than `except`: the one being renewed) */
export function currentCertificate(ctx: Ctx, personId: string, onDate: string, except = ''): CertificateDraft['current'] {
  const r = stmt(
    ctx.sqlite,
    `SELECT id, number, valid_until AS validUntil FROM certificates
     WHERE person_id = ? AND status = 'valid' AND valid_until >= ? AND id <> ? ORDER BY issue_date DESC, serial DESC LIMIT 1`
  ).get(personId, onDate, except) as { id: string; number: string; validUntil: string } | undefined
  return r ?? null
}

/** the draft certificates.prepare shows (nothing written) */
export function draftOf(ctx: Ctx, p: PersonRecord, issueDate: string, destination?: string, except = ''): CertificateDraft {
  const needsMigration = p.migrantStatus !== 'out' && destination === undefined
  const facts = factsOf(p, issueDate, destination)
  const { validYears } = readSettings(ctx.sqlite)
  return {
    personId: p.id,
    facts,
    issuingAuthority: readStation(ctx).name,
    issueDate,
    validUntil: validUntilOf(issueDate, validYears),
    missing: missingFacts(facts, needsMigration),
    refusal: refusalOf(p, facts.age),
    needsMigration,
    current: currentCertificate(ctx, p.id, issueDate, except)
  }
}

const REFUSAL_MESSAGES: Record<NonNullable<CertificateDraft['refusal']>['rule'], (params: Record<string, string | number>) => string> = {
  not_female: () => 'migrant certificates are for women of childbearing age: this person is a man',
  exited: () => 'this person has left the register',
  age: (p) => `she is ${p.age} on the issue date, outside childbearing age (${p.from}–${p.to})`
}

/**
 * Throws what stops a certificate from being issued, in the order a clerk can act on it: she may
 * not have one at all; she holds a valid one; facts missing (all named at once, with the move
 * out when it is needed and not given).
 */
export function refuseUnlessIssuable(d: CertificateDraft, opts: { migrationGiven: boolean }): void {
  if (d.refusal) {
    const rule = d.refusal.rule === 'exited' ? 'certificate_person_exited' : `certificate_${d.refusal.rule}`
    const message = REFUSAL_MESSAGES[d.refusal.rule](d.refusal.params)
    throw new AppError('VALIDATION', message, { fields: [{ path: 'personId', rule, message }], ...d.refusal.params })
  }
  if (d.current) {
    const message = `she already holds a valid certificate (${d.current.number}, valid until ${d.current.validUntil}): renew it instead`
    throw new AppError('CONFLICT', message, {
      existingId: d.current.id,
      number: d.current.number,
      validUntil: d.current.validUntil,
      fields: [{ path: 'personId', rule: 'certificate_exists', message }]
    })
  }
  const fields: FieldIssue[] = d.missing.map((m) => ({ path: m, rule: 'certificate_fact_missing', message: `the certificate needs ${m}` }))
  if (d.needsMigration && !opts.migrationGiven)
    fields.push({ path: 'migration', rule: 'certificate_migration_required', message: 'she is not recorded as an out-migrant: give where she is going and since when' })
  if (fields.length)
    throw new AppError('VALIDATION', `cannot issue the certificate: ${fields.map((f) => f.message).join('; ')}`, { fields, missing: d.missing })
}
