/**
 * A certificate's later life through the method table: renewal (a new certificate from the
 * register's facts of the day, the old one superseded, both linked), voiding (head only, with a
 * reason), the refusals of each with nothing written, the person's history, and the validity
 * setting.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fieldsOf } from '../../helpers/persons'
import { certificateCount, certificateStation, type CertStation } from './setup'

let st: CertStation
beforeEach(async () => {
  st = await certificateStation()
})
afterEach(() => st.t.close())

const stored = (st: CertStation, id: string) =>
  st.sqlite().prepare('SELECT status, ended_on AS endedOn, superseded_by_id AS supersededById, supersedes_id AS supersedesId FROM certificates WHERE id = ?').get(id) as Record<string, string | null>
const messages = (st: CertStation) =>
  (st.sqlite().prepare("SELECT message FROM audit_log WHERE entity = 'certificate' ORDER BY seq").all() as { message: string }[]).map((r) => JSON.parse(r.message) as [string, Record<string, unknown>])

describe('certificates.renew', () => {
  it('issues a new certificate from the facts of the day and supersedes the old one; both are linked and kept in her history', async () => {
    const { t, s, people } = st
    const old = await st.issue(people.married, { issueDate: '2026-03-01' })
    await t.call('persons.recordEvent', { personId: people.married, type: 'birth', date: '2026-10-02', reason: '生育', changes: { girls: 1 } }, s.clerk)
    const renewed = await t.call('certificates.renew', { id: old.id, reason: '生育后换发' }, s.clerk)
    expect(renewed).toMatchObject({
      number: '410102001-2026-00002',
      status: 'valid',
      issueDate: '2026-11-20',
      validUntil: '2029-11-19',
      supersedes: { id: old.id, number: old.number },
      supersededBy: null
    })
    expect([renewed.facts.boys, renewed.facts.girls]).toEqual([1, 1])
    const after = await t.call('certificates.get', { id: old.id }, s.clerk)
    expect(after).toMatchObject({ status: 'superseded', supersededBy: { id: renewed.id, number: renewed.number }, voidReason: null })
    expect(after.facts.girls).toBe(0)
    expect(stored(st, old.id)).toMatchObject({ status: 'superseded', endedOn: '2026-11-20', supersededById: renewed.id })

    const history = await t.call('certificates.ofPerson', { personId: people.married }, s.clerk)
    expect(history.map((c) => [c.number, c.status])).toEqual([
      [renewed.number, 'valid'],
      [old.number, 'superseded']
    ])
    const renewal = messages(st).find(([k]) => k === 'certificate.renewed')
    expect(renewal?.[1]).toEqual({ number: renewed.number, old: old.number, name: '王秀英' })
  })

  it('refuses a certificate that is not valid, a date before the old issue, and facts no longer complete; nothing is written', async () => {
    const { t, s, people } = st
    const first = await st.issue(people.married, { issueDate: '2026-03-01' })
    const second = await t.call('certificates.renew', { id: first.id }, s.clerk)
    const superseded = await t.fail('certificates.renew', { id: first.id }, s.clerk)
    expect(fieldsOf(superseded)).toEqual(['id:certificate_not_valid'])
    expect(superseded.details?.status).toBe('superseded')

    const early = await t.fail('certificates.renew', { id: second.id, issueDate: '2026-11-19' }, s.clerk)
    expect(fieldsOf(early)).toEqual(['issueDate:certificate_renew_date'])
    expect(early.details?.issueDate).toBe('2026-11-20')
    expect(fieldsOf(await t.fail('certificates.renew', { id: second.id, issueDate: '2026-11-21' }, s.clerk))).toEqual(['issueDate:date_future'])

    // her spouse's facts corrected away: the renewal names them
    await t.call('persons.recordEvent', { personId: people.married, type: 'correction', date: '2026-11-20', reason: '核对', changes: { spouseName: '', spouseIdNumber: '' } }, s.clerk)
    expect(fieldsOf(await t.fail('certificates.renew', { id: second.id }, s.clerk))).toEqual(['spouseName:certificate_fact_missing', 'spouseIdNumber:certificate_fact_missing'])
    // back home: no longer an out-migrant
    await t.call(
      'persons.recordEvent',
      { personId: people.married, type: 'correction', date: '2026-11-20', reason: '核对', changes: { spouseName: '李强', spouseIdNumber: second.facts.spouseIdNumber } },
      s.clerk
    )
    await t.call('persons.recordEvent', { personId: people.married, type: 'migration_in', date: '2026-11-20', reason: '返乡', changes: { migrantStatus: 'local', migrantPlace: '', migrantSince: '' } }, s.clerk)
    expect(fieldsOf(await t.fail('certificates.renew', { id: second.id }, s.clerk))).toEqual(['migration:certificate_migration_required'])
    expect(certificateCount(st)).toBe(2)
    expect((await t.fail('certificates.renew', { id: 'nope' }, s.clerk)).code).toBe('NOT_FOUND')
  })

  it('refuses a renewal that would leave her two valid certificates', async () => {
    const { t, s, people } = st
    const expired = await st.issue(people.married, { issueDate: '2023-01-05' })
    const current = await st.issue(people.married)
    const e = await t.fail('certificates.renew', { id: expired.id }, s.clerk)
    expect(e.code).toBe('CONFLICT')
    expect(e.details).toMatchObject({ existingId: current.id, number: current.number })
  })
})

describe('certificates.void', () => {
  it('is for the head, needs a reason, records who and when; a void or superseded certificate cannot be voided', async () => {
    const { t, s, people } = st
    const c = await st.issue(people.married)
    expect((await t.fail('certificates.void', { id: c.id, reason: '错开' }, s.clerk)).code).toBe('FORBIDDEN')
    expect(fieldsOf(await t.fail('certificates.void', { id: c.id, reason: '  ' }, s.head))).toEqual(['reason:required'])
    expect(stored(st, c.id).status).toBe('valid')

    const v = await t.call('certificates.void', { id: c.id, reason: '身份证号填错' }, s.head)
    expect(v).toMatchObject({ status: 'void', voidReason: '身份证号填错', voidedBy: 'head', voidedAt: st.t.clock.now().toISOString() })
    expect(stored(st, c.id)).toMatchObject({ endedOn: '2026-11-20' })
    const again = await t.fail('certificates.void', { id: c.id, reason: '再次' }, s.head)
    expect(fieldsOf(again)).toEqual(['id:certificate_not_valid'])
    expect(again.details?.status).toBe('void')
    expect(fieldsOf(await t.fail('certificates.renew', { id: c.id }, s.clerk))).toEqual(['id:certificate_not_valid'])
    expect(messages(st).map(([k]) => k)).toEqual(['certificate.issued', 'certificate.voided'])

    // a void certificate does not stop a new one
    const next = await st.issue(people.married)
    expect(next.number).toBe('410102001-2026-00002')
    await t.call('certificates.renew', { id: next.id }, s.clerk)
    expect(fieldsOf(await t.fail('certificates.void', { id: next.id, reason: '作废' }, s.head))).toEqual(['id:certificate_not_valid'])
    const history = await t.call('certificates.ofPerson', { personId: people.married }, s.head)
    expect(history.map((h) => h.status)).toEqual(['valid', 'superseded', 'void'])
  })

  it('clinicians and administrators see no certificate data', async () => {
    const { t, s, people } = st
    const c = await st.issue(people.married)
    for (const role of ['clinician', 'admin'] as const) {
      for (const [m, input] of [
        ['certificates.get', { id: c.id }],
        ['certificates.renew', { id: c.id }],
        ['certificates.void', { id: c.id, reason: 'x' }],
        ['certificates.numbering', {}]
      ] as const)
        expect((await t.fail(m, input as never, s[role])).code).toBe('FORBIDDEN')
    }
  })
})

describe('certificates.settings', () => {
  it('keeps the validity in years (1–10) for the admin and head to change; new certificates follow it', async () => {
    const { t, s, people } = st
    expect(await t.call('certificates.settings', {}, s.clerk)).toEqual({ validYears: 3 })
    expect((await t.fail('certificates.saveSettings', { validYears: 5 }, s.clerk)).code).toBe('FORBIDDEN')
    expect(fieldsOf(await t.fail('certificates.saveSettings', { validYears: 11 }, s.head))).toEqual(['validYears:valid_years'])
    expect(await t.call('certificates.saveSettings', { validYears: 5 }, s.admin)).toEqual({ validYears: 5 })
    expect(messages(st).at(-1)).toEqual(['certificate.settingsSaved', { years: 5 }])
    expect((await t.call('certificates.prepare', { personId: people.married }, s.clerk)).validUntil).toBe('2031-11-19')
    expect((await st.issue(people.married)).validUntil).toBe('2031-11-19')
  })
})
