/**
 * The demo's certificates and verifications (src/core/demo/certificates.ts) on the default demo
 * register: certificates issued by the certificates core (unique numbers, every serial of a year
 * used, QRs that check as this station's, holders who could have one on the issue date), a few
 * renewed, one or two voided with a reason, some reprinted; verifications of the in-migrants by
 * QR and by hand with a few expired and differing; the two rates in a realistic band over the
 * whole trend; the home page's card; nothing added a second time; a few seconds; the same
 * certificates and verifications for the same seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/core/clock'
import { generateDemoCertificates, type DemoCertificatesResult } from '../../../src/core/demo/certificates'
import { createDemoStation, DEMO_STATION } from '../../../src/core/demo/demo'
import { DEFAULT_DEMO_PERSONS } from '../../../src/core/demo/persons'
import { createHost, type Host } from '../../../src/core/host'
import { ageOn } from '../../../src/core/persons/record'
import { operatorCaller, T0, tmpDir } from '../../helpers/host'

const TODAY = '2026-11-20'

interface CertRow {
  number: string
  year: number
  serial: number
  status: string
  issueDate: string
  validUntil: string
  endedOn: string | null
  voidReason: string | null
  printCount: number
  qr: string
  sex: string
  birthDate: string
  migrantStatus: string
  idNumber: string
  supersedesId: string | null
  supersededById: string | null
}

const CERTS = `SELECT c.number, c.year, c.serial, c.status, c.issue_date AS issueDate, c.valid_until AS validUntil, c.ended_on AS endedOn, c.void_reason AS voidReason,
  c.print_count AS printCount, c.qr, p.sex, p.birth_date AS birthDate, p.migrant_status AS migrantStatus, p.id_number AS idNumber, c.supersedes_id AS supersedesId, c.superseded_by_id AS supersededById
  FROM certificates c JOIN persons p ON p.id = c.person_id ORDER BY c.year, c.serial`
const VERIFICATIONS = `SELECT p.id_number AS idNumber, v.method, v.result, v.certificate_number AS number, v.issuer_station_code AS station, v.issuer_name AS issuer, v.issuer_key_id AS keyId,
  v.issue_date AS issueDate, v.valid_until AS validUntil, v.verified_on AS verifiedOn, v.note FROM verifications v JOIN persons p ON p.id = v.person_id ORDER BY p.id_number`

let host: Host
let call: ReturnType<typeof operatorCaller>
let certs: CertRow[]
let ms: number
let result: DemoCertificatesResult

beforeAll(async () => {
  host = createHost({ dataDir: tmpDir('sd-demo-cert-'), clock: new ManualClock(T0) })
  // the register alone, then the certificates timed on their own (the demo's own run of them: the last test)
  await createDemoStation(host, 'demo', { persons: DEFAULT_DEMO_PERSONS, screening: false, stock: false, certificates: false })
  result = generateDemoCertificates(host.runtime, { seed: 20261120, actor: 'demo' })!
  ms = result.ms
  call = operatorCaller(host)
  certs = host.runtime.sqlite!.prepare(CERTS).all() as CertRow[]
}, 120_000)
afterAll(() => host.close())

describe('demo certificates', () => {
  it('gives most out-migrant women of childbearing age a certificate, numbered without duplicates or gaps', async () => {
    expect(certs.length).toBeGreaterThan(400)
    expect(new Set(certs.map((c) => c.number)).size).toBe(certs.length)
    for (const c of certs) expect(c.number).toBe(`${DEMO_STATION.code}-${c.year}-${String(c.serial).padStart(5, '0')}`)
    for (const y of await call('certificates.numbering', {})) {
      expect(y.gaps).toEqual([])
      expect(y.highest).toBe(y.issued)
    }
    // every holder could have one on its issue date: a woman of 15–49, an out-migrant (today, as the demo has no move back)
    for (const c of certs) {
      expect(c.sex).toBe('female')
      expect(c.migrantStatus).toBe('out')
      expect(ageOn(c.birthDate, c.issueDate)).toBeGreaterThanOrEqual(15)
      expect(ageOn(c.birthDate, c.issueDate)).toBeLessThanOrEqual(49)
      expect(c.issueDate <= TODAY).toBe(true)
    }
  })

  it('each QR checks as this station’s, with the holder’s ID number', async () => {
    for (const c of certs.filter((_, i) => i % 37 === 0)) {
      const check = await call('certificates.check', { qrText: c.qr, on: c.issueDate })
      expect(check.result).toBe('valid')
      expect(check.issuer?.own).toBe(true)
      expect(check.facts).toMatchObject({ number: c.number, idNumber: c.idNumber, issueDate: c.issueDate, validUntil: c.validUntil })
    }
  })

  it('a few renewed (linked both ways, the old one ended on the renewal day), one or two voided with a reason, some printed again', () => {
    const superseded = certs.filter((c) => c.status === 'superseded')
    expect(superseded.length).toBeGreaterThan(0)
    expect(superseded.length).toBeLessThan(certs.length * 0.06)
    const byNumber = new Map(certs.map((c) => [c.number, c]))
    for (const old of superseded) {
      const next = certs.find((c) => c.supersedesId !== null && host.runtime.sqlite!.prepare('SELECT number FROM certificates WHERE id = ?').pluck().get(c.supersedesId) === old.number)!
      expect(next.issueDate).toBe(old.endedOn)
      expect(next.idNumber).toBe(old.idNumber)
      expect(old.supersededById).not.toBeNull()
    }
    const voided = certs.filter((c) => c.status === 'void')
    expect(voided.length).toBeGreaterThanOrEqual(1)
    expect(voided.length).toBeLessThanOrEqual(2)
    for (const v of voided) {
      expect(v.voidReason).toMatch(/作废/)
      expect(v.endedOn).toBe(v.issueDate)
      // issued again the same day
      expect(certs.some((c) => c.idNumber === v.idNumber && c.status === 'valid' && c.issueDate === v.issueDate)).toBe(true)
    }
    expect(certs.every((c) => c.printCount >= 1)).toBe(true)
    expect(certs.filter((c) => c.printCount >= 2).length).toBeGreaterThan(5)
    expect(byNumber.size).toBe(certs.length)
  })

  it('records the in-migrants’ verifications by QR and by hand, mostly valid, a few expired and differing', () => {
    const rows = host.runtime.sqlite!.prepare(VERIFICATIONS).all() as { method: string; result: string; keyId: string | null; station: string; issuer: string; issueDate: string; validUntil: string; verifiedOn: string; note: string }[]
    expect(rows.length).toBeGreaterThan(300)
    const qr = rows.filter((r) => r.method === 'qr')
    expect(qr.length / rows.length).toBeGreaterThan(0.6)
    expect(rows.some((r) => r.method === 'manual')).toBe(true)
    for (const r of qr) expect(r.keyId).toMatch(/^[0-9a-f]{16}$/)
    expect(new Set(qr.map((r) => r.keyId)).size).toBe(new Set(qr.map((r) => r.station)).size)
    for (const r of rows) {
      expect(r.station).toMatch(/^\d{9}$/)
      expect(r.issuer).toMatch(/计划生育服务站$/)
      expect(r.verifiedOn <= TODAY && r.issueDate <= r.verifiedOn).toBe(true)
      expect(r.result === 'expired').toBe(r.verifiedOn > r.validUntil)
    }
    const valid = rows.filter((r) => r.result === 'valid').length
    expect(valid / rows.length).toBeGreaterThan(0.9)
    expect(rows.filter((r) => r.result === 'facts_differ').every((r) => r.note !== '')).toBe(true)
    expect(rows.some((r) => r.result === 'expired') && rows.some((r) => r.result === 'facts_differ')).toBe(true)
    // no trusted list and no district key were set up for them
    expect(host.runtime.sqlite!.prepare('SELECT count(*) FROM trusted_keys').pluck().get()).toBe(0)
  })

  it('puts the rates in a realistic band, this month and over the trend; the home page shows them', async () => {
    const r = await call('certificates.rates', {})
    expect(r.certificate.rate).toBeGreaterThanOrEqual(0.95)
    expect(r.certificate.rate).toBeLessThan(0.999)
    expect(r.verification.rate).toBeGreaterThanOrEqual(0.9)
    expect(r.verification.rate).toBeLessThanOrEqual(0.97)
    for (const m of r.trend) {
      expect(m.certificate.rate).toBeGreaterThan(0.93)
      expect(m.verification.rate).toBeGreaterThan(0.85)
    }
    expect(r.byVillage.filter((v) => v.certificate.den > 0).length).toBeGreaterThanOrEqual(8)
    const worklist = await call('certificates.ratePeople', { kind: 'certificate', counted: false })
    expect(worklist.total).toBe(r.certificate.den - r.certificate.num)
    const d = (await call('dashboard.summary', {})).certificates!
    expect(d).toMatchObject({ certificate: r.certificate, verification: r.verification })
    expect(d.expiring).toBeGreaterThan(0)
  })

  it('says what it made in one audit row, adds nothing a second time, and takes a few seconds', () => {
    const row = host.runtime.sqlite!.prepare(`SELECT summary, message FROM audit_log WHERE action = 'demo.certificates'`).get() as { summary: string; message: string }
    expect(JSON.parse(row.message)).toEqual(['demo.certificates', { certificates: certs.length, verifications: result.verifications.verifications }])
    expect(row.summary).toContain(`${certs.length.toLocaleString('en')} migrant certificates`)
    expect(result.certificates).toBe(certs.length)
    expect(generateDemoCertificates(host.runtime, { seed: 1, actor: 'demo' })).toBeNull()
    expect(host.runtime.sqlite!.prepare('SELECT count(*) FROM certificates').pluck().get()).toBe(certs.length)
    expect(ms).toBeGreaterThan(0)
    expect(ms).toBeLessThan(5000)
  })

  it('makes the same certificates and verifications for the same seed', async () => {
    const again = async () => {
      const h = createHost({ dataDir: tmpDir('sd-demo-cert-'), clock: new ManualClock(T0) })
      await createDemoStation(h, 'demo', { persons: 3000, seed: 42, screening: false, stock: false })
      const q = h.runtime.sqlite!
      const out = {
        certs: (q.prepare(CERTS).all() as CertRow[]).map(({ qr: _qr, supersedesId: _a, supersededById: _b, ...c }) => c),
        verifications: q.prepare(VERIFICATIONS).all()
      }
      h.close()
      return out
    }
    const [a, b] = [await again(), await again()]
    expect(a.certs.length).toBeGreaterThan(50)
    expect(a.verifications.length).toBeGreaterThan(30)
    expect(b).toEqual(a)
  }, 60_000)
})
