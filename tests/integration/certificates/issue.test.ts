/**
 * Issuing migrant certificates through the method table: the draft shown for confirmation, the
 * certificate written (facts snapshot, number, validity, signed QR, audit), each refusal naming
 * what it should with nothing written, the move out recorded with the certificate, the key's
 * passphrase, roles, and reading certificates back (get audited, list search, a person's).
 */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkQrText } from '../../../src/core/certificates/qr'
import { keyInfo } from '../../../src/core/keys/keystore'
import { fieldsOf, facts, makeId } from '../../helpers/persons'
import { certificateCount, certificateStation, DESTINATION, type CertStation } from './setup'

let st: CertStation
beforeEach(async () => {
  st = await certificateStation()
})
afterEach(() => st.t.close())

const auditOf = (st: CertStation) =>
  (st.sqlite().prepare("SELECT action, message FROM audit_log WHERE entity = 'certificate' ORDER BY seq").all() as { action: string; message: string }[]).map((r) => [
    r.action,
    JSON.parse(r.message)[0]
  ])
const countersExist = (st: CertStation) => fs.existsSync(st.t.host.runtime.paths.counters)

describe('certificates.prepare', () => {
  it('shows the facts from the register, the issuing authority and validity, with nothing missing for a complete record', async () => {
    const { t, s, people } = st
    const d = await t.call('certificates.prepare', { personId: people.married }, s.clerk)
    expect(d).toMatchObject({
      personId: people.married,
      issuingAuthority: '示例乡计划生育服务站',
      issueDate: '2026-11-20',
      validUntil: '2029-11-19',
      missing: [],
      refusal: null,
      needsMigration: false,
      current: null
    })
    expect(d.facts).toMatchObject({
      name: '王秀英',
      sex: 'female',
      birthDate: '1996-03-15',
      age: 30,
      hukouRegion: '410102',
      maritalStatus: 'married',
      maritalDate: '2015-05-01',
      spouseName: '李强',
      boys: 1,
      girls: 0,
      contraception: 'iud',
      contraceptionSince: '2018-03-01',
      destination: DESTINATION
    })
    expect(d.facts.hukouRegionName).toMatch(/郑州市中原区$/)
    expect(certificateCount(st)).toBe(0)
  })

  it('names the missing facts, the refusal and the move still to record', async () => {
    const { t, s, people } = st
    expect((await t.call('certificates.prepare', { personId: people.noSpouse }, s.clerk)).missing).toEqual(['spouseName', 'spouseIdNumber'])
    const man = await t.call('certificates.prepare', { personId: people.man }, s.clerk)
    expect([man.refusal, man.facts.sex]).toEqual([{ rule: 'not_female', params: {} }, 'male'])
    expect((await t.call('certificates.prepare', { personId: people.old }, s.clerk)).refusal).toEqual({ rule: 'age', params: { age: 55, from: 15, to: 49 } })
    const u = await t.call('certificates.prepare', { personId: people.unmarried }, s.clerk)
    expect(u).toMatchObject({ needsMigration: true, missing: [], refusal: null })
    expect(u.facts.destination).toBe('')
    expect((await t.fail('certificates.prepare', { personId: people.married, issueDate: '2026-11-21' }, s.clerk)).details?.fields).toMatchObject([{ path: 'issueDate', rule: 'date_future' }])
    expect((await t.fail('certificates.prepare', { personId: 'nobody' }, s.clerk)).code).toBe('NOT_FOUND')
  })
})

describe('certificates.issue', () => {
  it('issues a numbered certificate with the facts snapshot and a QR signed by the station key, audited', async () => {
    const { t, s, people } = st
    const c = await st.issue(people.married)
    expect(c).toMatchObject({
      number: '410102001-2026-00001',
      year: 2026,
      serial: 1,
      personId: people.married,
      status: 'valid',
      issuingAuthority: '示例乡计划生育服务站',
      stationCode: '410102001',
      issueDate: '2026-11-20',
      validUntil: '2029-11-19',
      supersedes: null,
      supersededBy: null,
      printCount: 0,
      createdBy: 'clerk'
    })
    expect(c.facts.spouseName).toBe('李强')
    const key = keyInfo(t.host.runtime.paths.privateKey)
    expect(c.keyId).toBe(key.keyId)
    const check = checkQrText(c.qr, (id) => (id === key.keyId ? { stationCode: '410102001', name: '示例乡', keyId: id, publicKey: key.publicKey, own: true } : null), '2026-11-20')
    expect(check.result).toBe('valid')
    expect(check.facts).toEqual({ number: c.number, stationCode: '410102001', name: '王秀英', idNumber: c.facts.idNumber, issueDate: '2026-11-20', validUntil: '2029-11-19', maritalStatus: 'married', boys: 1, girls: 0 })
    expect(auditOf(st)).toEqual([['certificates.issue', 'certificate.issued']])

    // a later change in the register does not change what was printed
    await t.call('persons.recordEvent', { personId: people.married, type: 'birth', date: '2026-11-20', reason: '生育', changes: { girls: 1 } }, s.clerk)
    expect((await t.call('certificates.get', { id: c.id }, s.clerk)).facts.girls).toBe(0)

    // the next one takes the next serial; a past issue date is allowed, and sets the validity
    const d = await st.issue(people.noSpouse, {}, s.head).catch((e) => e)
    expect(d.apiError.code).toBe('VALIDATION')
    const third = await t.call('persons.create', facts({ idNumber: makeId('410102', '19920101', 21, 'female'), name: '周敏', migrantStatus: 'out', migrantPlace: '上海市', migrantSince: '2026-01-01' }), s.clerk)
    const e = await st.issue(third.id, { issueDate: '2026-02-28' }, s.head)
    expect(e).toMatchObject({ number: '410102001-2026-00002', issueDate: '2026-02-28', validUntil: '2029-02-27', createdBy: 'head' })
  })

  it('refuses someone without the required facts and names each missing fact; nothing is written', async () => {
    const { t, s, people } = st
    const e = await t.fail('certificates.issue', { personId: people.noSpouse }, s.clerk)
    expect(e.code).toBe('VALIDATION')
    expect(fieldsOf(e)).toEqual(['spouseName:certificate_fact_missing', 'spouseIdNumber:certificate_fact_missing'])
    expect(e.details?.missing).toEqual(['spouseName', 'spouseIdNumber'])
    // household region and the contraception's start are needed too
    const p = await t.call('persons.create', facts({ idNumber: makeId('410102', '19950101', 22, 'female'), name: '吴芳', hukouRegion: '', contraceptionSince: '', migrantStatus: 'out', migrantPlace: '北京市' }), s.clerk)
    expect(fieldsOf(await t.fail('certificates.issue', { personId: p.id }, s.clerk))).toEqual(['hukouRegion:certificate_fact_missing', 'contraceptionSince:certificate_fact_missing'])
    expect(certificateCount(st)).toBe(0)
    expect(countersExist(st)).toBe(false)
    expect(auditOf(st)).toEqual([])
  })

  it('refuses a man, a woman outside 15–49 on the issue date, and someone who left the register, with the reason', async () => {
    const { t, s, people } = st
    expect(fieldsOf(await t.fail('certificates.issue', { personId: people.man }, s.clerk))).toEqual(['personId:certificate_not_female'])
    const old = await t.fail('certificates.issue', { personId: people.old }, s.clerk)
    expect(fieldsOf(old)).toEqual(['personId:certificate_age'])
    expect(old.details).toMatchObject({ age: 55, from: 15, to: 49 })
    // full years on the issue date: 49 the day before her 50th birthday, 14 the day before her 15th
    const nearly50 = await t.call('persons.create', facts({ idNumber: makeId('410102', '19761121', 23, 'female'), name: '郑红', migrantStatus: 'out', migrantPlace: '北京市' }), s.clerk)
    expect((await st.issue(nearly50.id)).facts.age).toBe(49)
    const nearly15 = await t.call(
      'persons.create',
      { idNumber: makeId('410102', '20111121', 24, 'female'), name: '钱小雨', hukouRegion: '410102', migrantStatus: 'out', migrantPlace: '北京市' },
      s.clerk
    )
    expect((await t.fail('certificates.issue', { personId: nearly15.id }, s.clerk)).details).toMatchObject({ age: 14, from: 15, to: 49 })
    await t.call('persons.recordEvent', { personId: people.noSpouse, type: 'exit', date: '2026-11-01', reason: '迁出本乡', changes: { exitReason: 'moved' } }, s.clerk)
    expect(fieldsOf(await t.fail('certificates.issue', { personId: people.noSpouse }, s.clerk))).toEqual(['personId:certificate_person_exited'])
    expect(fieldsOf(await t.fail('certificates.issue', { personId: people.married, issueDate: '2026-11-21' }, s.clerk))).toEqual(['issueDate:date_future'])
    expect(certificateCount(st)).toBe(1)
  })

  it('refuses a second certificate while she holds a valid one (CONFLICT naming it), and allows one once hers has expired', async () => {
    const { t, s, people } = st
    const first = await st.issue(people.married)
    const e = await t.fail('certificates.issue', { personId: people.married }, s.clerk)
    expect(e.code).toBe('CONFLICT')
    expect(e.details).toMatchObject({ existingId: first.id, number: first.number })
    expect(fieldsOf(e)).toEqual(['personId:certificate_exists'])
    expect(certificateCount(st)).toBe(1)
    // one issued more than three years ago has expired: a new one may be issued
    await t.call('certificates.void', { id: first.id, reason: '填写错误' }, s.head)
    const old = await st.issue(people.married, { issueDate: '2023-06-01' })
    expect(old.validUntil).toBe('2026-05-31')
    const now = await st.issue(people.married)
    expect(now.number).toBe('410102001-2026-00002')
  })

  it('records the move out with the certificate when she is not yet an out-migrant, in the same transaction', async () => {
    const { t, s, people } = st
    const e = await t.fail('certificates.issue', { personId: people.unmarried }, s.clerk)
    expect(fieldsOf(e)).toEqual(['migration:certificate_migration_required'])
    const future = await t.fail('certificates.issue', { personId: people.unmarried, migration: { destination: '浙江省杭州市', since: '2026-12-01' } }, s.clerk)
    expect(fieldsOf(future)).toEqual(['migration.since:date_future'])
    expect(certificateCount(st)).toBe(0)
    expect((await t.call('persons.get', { id: people.unmarried }, s.clerk)).migrantStatus).toBe('local')

    const c = await st.issue(people.unmarried, { migration: { destination: '浙江省杭州市', since: '2026-11-15' } })
    expect(c.facts).toMatchObject({ destination: '浙江省杭州市', maritalStatus: 'unmarried', maritalDate: null, spouseName: '' })
    const p = await t.call('persons.get', { id: people.unmarried }, s.clerk)
    expect(p).toMatchObject({ migrantStatus: 'out', migrantPlace: '浙江省杭州市', migrantSince: '2026-11-15' })
    const events = await t.call('persons.events', { personId: people.unmarried }, s.clerk)
    expect(events.find((e) => e.type === 'migration_out')).toMatchObject({ date: '2026-11-15', reason: '办理流动人口婚育证明时登记外出', changes: { migrantStatus: { before: 'local', after: 'out' } } })
  })

  it('needs the passphrase of a protected station key: PASSPHRASE_REQUIRED with nothing written, then signs with it', async () => {
    const { t, s, people } = st
    const saved = process.env.STATIONDESK_KEY_PASSPHRASE
    delete process.env.STATIONDESK_KEY_PASSPHRASE
    try {
      await t.call('keys.setPassphrase', { newPassphrase: 'correct horse 1' }, s.admin)
      expect((await t.fail('certificates.issue', { personId: people.married }, s.clerk)).code).toBe('PASSPHRASE_REQUIRED')
      expect((await t.fail('certificates.issue', { personId: people.married, passphrase: 'wrong horse 1' }, s.clerk)).code).toBe('BAD_PASSPHRASE')
      expect(certificateCount(st)).toBe(0)
      expect(countersExist(st)).toBe(false)
      const c = await st.issue(people.married, { passphrase: 'correct horse 1' })
      expect(c.number).toBe('410102001-2026-00001')
      // the opened key is kept, but only for the passphrase that opened it
      const started = performance.now()
      await st.issue(people.unmarried, { passphrase: 'correct horse 1', migration: { destination: '北京市', since: '2026-11-01' } })
      expect(performance.now() - started).toBeLessThan(1000)
      const p = await t.call('persons.create', facts({ idNumber: makeId('410102', '19940101', 25, 'female'), name: '孙燕', migrantStatus: 'out', migrantPlace: '北京市' }), s.clerk)
      expect((await t.fail('certificates.issue', { personId: p.id }, s.clerk)).code).toBe('PASSPHRASE_REQUIRED')
    } finally {
      if (saved !== undefined) process.env.STATIONDESK_KEY_PASSPHRASE = saved
    }
  })

  it('is for the head and the clerk only', async () => {
    const { t, s, people } = st
    for (const role of ['clinician', 'admin'] as const) {
      expect((await t.fail('certificates.issue', { personId: people.married }, s[role])).code).toBe('FORBIDDEN')
      expect((await t.fail('certificates.prepare', { personId: people.married }, s[role])).code).toBe('FORBIDDEN')
      expect((await t.fail('certificates.list', {}, s[role])).code).toBe('FORBIDDEN')
      expect((await t.fail('certificates.ofPerson', { personId: people.married }, s[role])).code).toBe('FORBIDDEN')
    }
    expect(certificateCount(st)).toBe(0)
  })
})

describe('reading certificates', () => {
  it('get is audited; list finds by number, serial, name, pinyin, ID number and its last digits, with filters, newest first', async () => {
    const { t, s, people, village } = st
    const a = await st.issue(people.married, { issueDate: '2026-10-01' })
    const b = await st.issue(people.unmarried, { migration: { destination: '北京市', since: '2026-11-01' } })
    expect((await t.call('certificates.get', { id: a.id }, s.clerk)).number).toBe(a.number)
    expect(auditOf(st).at(-1)).toEqual(['certificates.get', 'certificate.opened'])
    expect((await t.fail('certificates.get', { id: 'nope' }, s.clerk)).code).toBe('NOT_FOUND')

    const numbers = async (input: object) => (await t.call('certificates.list', input, s.clerk)).rows.map((r) => r.number)
    expect(await numbers({})).toEqual([b.number, a.number])
    expect(await numbers({ q: a.number })).toEqual([a.number])
    expect(await numbers({ q: '2026-00002' })).toEqual([b.number])
    expect(await numbers({ q: '00001' })).toEqual([a.number])
    expect(await numbers({ q: '王秀' })).toEqual([a.number])
    expect(await numbers({ q: 'wxy' })).toEqual([a.number])
    expect(await numbers({ q: 'chenjing' })).toEqual([b.number])
    expect(await numbers({ q: a.facts.idNumber })).toEqual([a.number])
    expect(await numbers({ q: b.facts.idNumber.slice(-6) })).toEqual([b.number])
    expect(await numbers({ q: b.facts.idNumber.slice(-4) })).toEqual([b.number])
    expect(await numbers({ personId: people.unmarried })).toEqual([b.number])
    expect(await numbers({ servicePointId: village, year: 2026, status: 'valid' })).toEqual([b.number, a.number])
    expect(await numbers({ status: 'void' })).toEqual([])
    expect(await numbers({ year: 2025 })).toEqual([])

    const page = await t.call('certificates.list', { pageSize: 1, page: 2 }, s.clerk)
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(page.rows[0]).toEqual({
      id: a.id,
      number: a.number,
      personId: people.married,
      name: '王秀英',
      idNumber: a.facts.idNumber,
      servicePointName: '一村服务室',
      destination: DESTINATION,
      issueDate: '2026-10-01',
      validUntil: '2029-09-30',
      status: 'valid',
      expired: false,
      printCount: 0
    })
    expect((await t.call('certificates.list', { withQr: true }, s.clerk)).rows.map((r) => r.qr)).toEqual([b.qr, a.qr])

    const mine = await t.call('certificates.ofPerson', { personId: people.married }, s.clerk)
    expect(mine.map((c) => c.id)).toEqual([a.id])
  })

  it('marks a valid certificate past its last day as expired, and filters on it', async () => {
    const { t, s, people } = st
    const old = await st.issue(people.married, { issueDate: '2023-01-10' })
    const cur = await st.issue(people.noSpouse, { issueDate: '2026-01-10' }).catch(() => null)
    expect(cur).toBeNull()
    const rows = (await t.call('certificates.list', {}, s.clerk)).rows
    expect(rows.map((r) => [r.number, r.validUntil, r.expired])).toEqual([[old.number, '2026-01-09', true]])
    expect((await t.call('certificates.list', { expired: true }, s.clerk)).total).toBe(1)
    expect((await t.call('certificates.list', { expired: false }, s.clerk)).total).toBe(0)
    expect(old.number).toBe('410102001-2023-00001')
  })
})
