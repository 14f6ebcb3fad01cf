/**
 * Verifying in-migrants' certificates through the method table (certificates.check,
 * certificates.verificationSave, certificates.verifications): a trusted neighbouring station's
 * QR (its key pair made here, listed by the district), this station's own QR, an altered text,
 * an unknown issuer, expired and not yet valid certificates, an unreadable text; the holder
 * registered as an in-migrant or updated by a migration event, in the one transaction with the
 * verification; a paper certificate checked by hand; the list; roles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input } from '../../../src/api'
import { STATION } from '../../helpers/host'
import { facts as personFacts, makeId } from '../../helpers/persons'
import { DISTRICT, freshStation, HOLDER_ID, keyFile, NEIGHBOUR, ownQr, qrOf, stationKey, type Station, type StationKey } from './verifyKit'

let st: Station
let neighbour: StationKey
beforeEach(async () => {
  st = await freshStation()
  const d = DISTRICT()
  neighbour = NEIGHBOUR()
  await st.t.call('keys.districtSet', { content: keyFile([d.entry], d) }, st.s.admin)
  await st.t.call('keys.trustImport', { content: keyFile([neighbour.entry], d) }, st.s.admin)
})
afterEach(() => st.t.close())

const check = (qrText: string, on?: string, who = st.s.clerk) => st.t.call('certificates.check', { qrText, on }, who)
type Save = Input<'certificates.verificationSave'>
const holder = (over: Partial<Save['holder']> = {}): Save['holder'] => ({ idNumber: HOLDER_ID, name: '周晓梅', ...over })
const saveQr = (qrText: string, result: Save['result'], over: Partial<Extract<Save, { method: 'qr' }>> = {}) =>
  ({ method: 'qr', qrText, result, holder: holder({ maritalDate: '2018-10-01' }), ...over }) as Save
const counts = () => ({ persons: st.count('persons'), events: st.count('person_events'), verifications: st.count('verifications'), audit: st.count('audit_log') })
const fieldsOf = (e: { details?: { fields?: { path: string; rule: string }[] } }) => e.details?.fields?.map((f) => `${f.path}:${f.rule}`)

/** the text with one digit changed, chosen so that it still decodes (the signature, not the length, refuses it) */
function altered(text: string): string {
  for (let i = text.length - 40; i > 4; i--) {
    const d = text[i] === '0' ? '1' : String(Number(text[i]) - 1)
    const t = text.slice(0, i) + d + text.slice(i + 1)
    if (t !== text) return t
  }
  throw new Error('no digit to change')
}

describe('certificates.check', () => {
  it("a trusted neighbouring station's QR: valid, with its issuer and facts; the holder is not in the register", async () => {
    const r = await check(qrOf(neighbour))
    expect(r).toMatchObject({
      result: 'valid',
      issuer: { stationCode: '410105002', name: neighbour.entry.name, keyId: neighbour.entry.keyId, own: false },
      facts: { number: '410105002-2026-00007', name: '周晓梅', idNumber: HOLDER_ID, issueDate: '2026-03-01', validUntil: '2029-02-28', maritalStatus: 'married', boys: 1, girls: 1 }
    })
    expect(r.person).toBeUndefined()
    expect(r.previous).toBeUndefined()
  })

  it("this station's own QR is checked against its own key", async () => {
    const r = await check(ownQr(st.t))
    expect(r.result).toBe('valid')
    expect(r.issuer).toMatchObject({ stationCode: STATION.code, name: STATION.name, own: true })
  })

  it('an altered text: invalid signature, no facts', async () => {
    const r = await check(altered(qrOf(neighbour)))
    expect(r.result).toBe('invalid_signature')
    expect(r.facts).toBeUndefined()
  })

  it('a station not in the list: unknown issuer with its key id', async () => {
    const stranger = stationKey('410105004', '未列入清单的服务站')
    const r = await check(qrOf(stranger))
    expect(r).toMatchObject({ result: 'unknown_issuer', keyId: stranger.entry.keyId })
    expect(r.facts).toBeUndefined()
  })

  it('expired after its last day, not yet valid before its issue date (on the station\'s today or the date given)', async () => {
    const old = qrOf(neighbour, { issueDate: '2023-01-01', validUntil: '2025-12-31' })
    expect((await check(old)).result).toBe('expired')
    expect((await check(old, '2025-12-31')).result).toBe('valid')
    expect((await check(qrOf(neighbour, { issueDate: '2026-12-01', validUntil: '2029-11-30' }))).result).toBe('not_yet_valid')
  })

  it('an unreadable text: malformed with the reason, never an error', async () => {
    expect(await check('hello')).toMatchObject({ result: 'malformed', reason: 'prefix' })
    expect(await check('SD1:12345')).toMatchObject({ result: 'malformed', reason: 'length' })
  })

  it("names the register's person with that ID number and the facts that differ, and earlier verifications", async () => {
    const p = await st.t.call('persons.create', personFacts({ idNumber: HOLDER_ID, name: '周小梅', boys: 1, girls: 0 }), st.s.clerk)
    const text = qrOf(neighbour)
    let r = await check(text)
    expect(r.person).toEqual({ id: p.id, name: '周小梅', migrantStatus: 'local', differences: ['name', 'girls'] })
    const v = await st.t.call('certificates.verificationSave', saveQr(text, 'facts_differ', { holder: holder({ name: '周小梅' }) }), st.s.clerk)
    r = await check(text)
    expect(r.previous).toEqual([{ id: v.id, verifiedOn: '2026-11-20', result: 'facts_differ' }])
  })
})

describe('certificates.verificationSave by QR', () => {
  it('registers a new holder as an in-migrant from the signed facts, with the verification, in one transaction', async () => {
    const v = await st.t.call('certificates.verificationSave', saveQr(qrOf(neighbour), 'valid', { note: '持证本人到站' }), st.s.clerk)
    expect(v).toMatchObject({
      method: 'qr',
      result: 'valid',
      name: '周晓梅',
      idNumber: HOLDER_ID,
      certificateNumber: '410105002-2026-00007',
      issuerStationCode: '410105002',
      issuerName: neighbour.entry.name,
      issueDate: '2026-03-01',
      validUntil: '2029-02-28',
      verifiedOn: '2026-11-20',
      note: '持证本人到站',
      createdBy: 'clerk'
    })
    const p = await st.t.call('persons.get', { id: v.personId }, st.s.clerk)
    expect(p).toMatchObject({ sex: 'female', birthDate: '1995-06-12', maritalStatus: 'married', maritalDate: '2018-10-01', boys: 1, girls: 1 })
    expect(p).toMatchObject({ migrantStatus: 'in', migrantPlace: neighbour.entry.name, migrantSince: '2026-11-20' })
    const events = await st.t.call('persons.events', { personId: v.personId }, st.s.clerk)
    expect(events.map((e) => e.type)).toEqual(['registered'])
    const audit = st.sql<{ action: string; message: string }>("SELECT action, message FROM audit_log WHERE action = 'certificates.verificationSave' ORDER BY seq")
    expect(audit.map((a) => JSON.parse(a.message)[0])).toEqual(['person.registered', 'verification.qr.valid'])
  })

  it('asks for the marriage date the register needs when the QR says married and she is new', async () => {
    const before = counts()
    const e = await st.t.fail('certificates.verificationSave', saveQr(qrOf(neighbour), 'valid', { holder: holder() }), st.s.clerk)
    expect(fieldsOf(e)).toEqual(['holder.maritalDate:required'])
    expect(counts()).toEqual(before)
  })

  it('updates someone in the register as an in-migrant by a migration event: from, since, residence as given', async () => {
    const p = await st.t.call('persons.create', personFacts({ idNumber: HOLDER_ID, name: '周晓梅' }), st.s.clerk)
    const v = await st.t.call(
      'certificates.verificationSave',
      saveQr(qrOf(neighbour), 'valid', { holder: holder({ from: '郑州市金水区', since: '2026-11-01', servicePointId: st.village, residenceAddress: '一村3组' }), verifiedOn: '2026-11-19' }),
      st.s.clerk
    )
    expect(v.personId).toBe(p.id)
    expect(v.verifiedOn).toBe('2026-11-19')
    const after = await st.t.call('persons.get', { id: p.id }, st.s.clerk)
    expect(after).toMatchObject({ migrantStatus: 'in', migrantPlace: '郑州市金水区', migrantSince: '2026-11-01', servicePointId: st.village, residenceAddress: '一村3组' })
    // her other facts stay the register's
    expect(after).toMatchObject({ maritalDate: '2015-05-01', boys: 1, girls: 0 })
    const ev = (await st.t.call('persons.events', { personId: p.id }, st.s.clerk)).find((e) => e.type === 'migration_in')!
    expect(ev).toMatchObject({ type: 'migration_in', date: '2026-11-01', reason: '验证婚育证明 410105002-2026-00007' })
    expect(Object.keys(ev.changes).sort()).toEqual(['migrantPlace', 'migrantSince', 'migrantStatus', 'residenceAddress', 'servicePointId'])

    // verified again later: already an in-migrant, nothing to change, no new event
    await st.t.call('certificates.verificationSave', saveQr(qrOf(neighbour), 'valid', { holder: holder() }), st.s.clerk)
    expect((await st.t.call('persons.events', { personId: p.id }, st.s.clerk)).length).toBe(2)
  })

  it("this station's own certificate held by its own out-migrant: recorded, her record left as it is", async () => {
    const p = await st.t.call('persons.create', personFacts({ idNumber: HOLDER_ID, name: '周晓梅', migrantStatus: 'out', migrantPlace: '广东省深圳市', migrantSince: '2026-03-01' }), st.s.clerk)
    const v = await st.t.call('certificates.verificationSave', saveQr(ownQr(st.t), 'valid'), st.s.clerk)
    expect(v).toMatchObject({ personId: p.id, result: 'valid', issuerStationCode: STATION.code, issuerName: STATION.name })
    expect(await st.t.call('persons.get', { id: p.id }, st.s.clerk)).toMatchObject({ migrantStatus: 'out', migrantPlace: '广东省深圳市' })
    expect((await st.t.call('persons.events', { personId: p.id }, st.s.clerk)).map((e) => e.type)).toEqual(['registered'])
  })

  it("the core checks the text itself: 'valid' for an altered, unknown or expired one is refused with nothing written", async () => {
    const stranger = stationKey('410105004', '未列入清单的服务站')
    const before = counts()
    for (const [text, found] of [
      [altered(qrOf(neighbour)), 'invalid_signature'],
      [qrOf(stranger), 'unknown_issuer'],
      [qrOf(neighbour, { validUntil: '2026-11-19' }), 'expired']
    ] as const) {
      const e = await st.t.fail('certificates.verificationSave', saveQr(text, 'valid'), st.s.clerk)
      expect(fieldsOf(e), found).toEqual(['result:result_mismatch'])
      expect(e.details).toMatchObject({ check: found })
    }
    expect(counts()).toEqual(before)
  })

  it('records what the check found: invalid signature, unknown issuer (her origin typed), expired', async () => {
    const sig = await st.t.call('certificates.verificationSave', saveQr(altered(qrOf(neighbour)), 'invalid_signature', { holder: holder({ from: '郑州市金水区' }) }), st.s.clerk)
    expect(sig).toMatchObject({ result: 'invalid_signature', certificateNumber: '', issuerName: '', issueDate: null })
    const unknown = stationKey('410105004', '未列入清单的服务站')
    const noFrom = await st.t.fail('certificates.verificationSave', saveQr(qrOf(unknown), 'unknown_issuer', { holder: holder({ idNumber: makeId('410105', '19930101', 31, 'female') }) }), st.s.clerk)
    expect(fieldsOf(noFrom)).toEqual(['holder.from:required'])
    const exp = await st.t.call('certificates.verificationSave', saveQr(qrOf(neighbour, { validUntil: '2026-10-31' }), 'expired'), st.s.clerk)
    expect(exp).toMatchObject({ result: 'expired', validUntil: '2026-10-31', certificateNumber: '410105002-2026-00007' })
  })

  it('a certificate dated in the future is recorded as an invalid signature', async () => {
    const text = qrOf(neighbour, { issueDate: '2026-12-01', validUntil: '2029-11-30' })
    expect(fieldsOf(await st.t.fail('certificates.verificationSave', saveQr(text, 'valid'), st.s.clerk))).toEqual(['result:result_mismatch'])
    const v = await st.t.call('certificates.verificationSave', saveQr(text, 'invalid_signature'), st.s.clerk)
    expect(v.result).toBe('invalid_signature')
  })

  it('an unreadable text is refused with its reason until the clerk confirms, then recorded as an invalid signature', async () => {
    const before = counts()
    const e = await st.t.fail('certificates.verificationSave', saveQr('SD1:0123', 'invalid_signature', { holder: holder({ from: '郑州' }) }), st.s.clerk)
    expect(e.code).toBe('VALIDATION')
    expect(fieldsOf(e)).toEqual(['qrText:qr_malformed'])
    expect(e.details).toMatchObject({ reason: 'length' })
    expect(counts()).toEqual(before)
    const v = await st.t.call('certificates.verificationSave', saveQr('SD1:0123', 'invalid_signature', { confirmMalformed: true, holder: holder({ from: '郑州' }) }), st.s.clerk)
    expect(v).toMatchObject({ result: 'invalid_signature', certificateNumber: '' })
    const p = await st.t.call('persons.get', { id: v.personId }, st.s.clerk)
    // no signed facts: only what the clerk typed and the ID says
    expect(p).toMatchObject({ maritalStatus: 'unmarried', boys: 0, girls: 0, migrantStatus: 'in', migrantPlace: '郑州' })
  })

  it("the holder's ID number must be the certificate's, unless the clerk records that the facts differ", async () => {
    const other = makeId('410105', '19970101', 41, 'female')
    const e = await st.t.fail('certificates.verificationSave', saveQr(qrOf(neighbour), 'valid', { holder: holder({ idNumber: other }) }), st.s.clerk)
    expect(fieldsOf(e)).toEqual(['holder.idNumber:id_not_qr'])
    expect(e.details).toMatchObject({ qrIdNumber: HOLDER_ID })
    const v = await st.t.call('certificates.verificationSave', saveQr(qrOf(neighbour), 'facts_differ', { holder: holder({ idNumber: other, name: '冒用者' }) }), st.s.clerk)
    expect(v).toMatchObject({ result: 'facts_differ', idNumber: other, name: '冒用者', certificateNumber: '410105002-2026-00007' })
    // the certificate's facts are not hers
    expect(await st.t.call('persons.get', { id: v.personId }, st.s.clerk)).toMatchObject({ maritalStatus: 'unmarried', boys: 0, girls: 0 })
  })

  it('refuses a verification date after today, and passes the register\'s refusals under the holder\'s fields', async () => {
    expect(fieldsOf(await st.t.fail('certificates.verificationSave', saveQr(qrOf(neighbour), 'valid', { verifiedOn: '2026-11-21' }), st.s.clerk))).toEqual(['verifiedOn:date_future'])
    const e = await st.t.fail('certificates.verificationSave', saveQr(qrOf(neighbour), 'facts_differ', { holder: holder({ idNumber: '410105199506122100' }) }), st.s.clerk)
    expect(fieldsOf(e)).toEqual(['holder.idNumber:id_checksum'])
  })
})

describe('certificates.verificationSave by hand', () => {
  const manual = (over: Partial<Extract<Save, { method: 'manual' }>> = {}): Save => ({
    method: 'manual',
    result: 'valid',
    certificateNumber: '豫金流婚字 2025 第 118 号',
    issuerName: '金水区某乡计划生育服务站',
    issueDate: '2025-05-01',
    validUntil: '2028-04-30',
    holder: holder({ idNumber: makeId('410105', '19920202', 51, 'female'), name: '孙丽娟' }),
    ...over
  })

  it('records a paper certificate checked by hand and registers her as an in-migrant from its issuer', async () => {
    const v = await st.t.call('certificates.verificationSave', manual(), st.s.head)
    expect(v).toMatchObject({ method: 'manual', result: 'valid', certificateNumber: '豫金流婚字 2025 第 118 号', issuerName: '金水区某乡计划生育服务站', issueDate: '2025-05-01', createdBy: 'head' })
    expect(await st.t.call('persons.get', { id: v.personId }, st.s.head)).toMatchObject({ migrantStatus: 'in', migrantPlace: '金水区某乡计划生育服务站' })
    const audit = st.sql<{ message: string }>("SELECT message FROM audit_log WHERE entity = 'verification'")
    expect(JSON.parse(audit[0].message)).toEqual(['verification.manual.valid', { name: '孙丽娟', number: '豫金流婚字 2025 第 118 号' }])
  })

  it("the result must fit the certificate's dates", async () => {
    const f = async (over: Partial<Extract<Save, { method: 'manual' }>>) => fieldsOf(await st.t.fail('certificates.verificationSave', manual(over), st.s.clerk))
    expect(await f({ validUntil: '2026-11-19' })).toEqual(['result:certificate_expired'])
    expect(await f({ result: 'expired' })).toEqual(['result:certificate_not_expired'])
    expect(await f({ issueDate: '2026-11-21', validUntil: '2029-11-20' })).toEqual(['result:certificate_not_yet_valid'])
    expect(await f({ validUntil: '2025-04-30' })).toEqual(['validUntil:end_before_start'])
    expect(st.count('verifications')).toBe(0)
  })
})

describe('certificates.verifications', () => {
  it('pages newest first, filtered by name, ID tail, number, result, month and person', async () => {
    const a = await st.t.call('certificates.verificationSave', saveQr(qrOf(neighbour), 'valid', { verifiedOn: '2026-10-05' }), st.s.clerk)
    const b = await st.t.call('certificates.verificationSave', saveQr(qrOf(neighbour, { validUntil: '2026-11-01' }), 'expired'), st.s.clerk)
    const otherId = makeId('410105', '19940404', 61, 'female')
    const c = await st.t.call(
      'certificates.verificationSave',
      { method: 'manual', result: 'facts_differ', certificateNumber: 'X-9', issuerName: '某地', issueDate: '2026-01-01', validUntil: '2028-12-31', holder: holder({ idNumber: otherId, name: '钱芳' }) },
      st.s.clerk
    )
    const list = (input: Input<'certificates.verifications'> = {}) => st.t.call('certificates.verifications', input, st.s.clerk).then((p) => p.rows.map((r) => r.id))
    expect(await list()).toEqual([c.id, b.id, a.id])
    expect(await list({ q: '钱' })).toEqual([c.id])
    expect(await list({ q: 'qf' })).toEqual([c.id])
    expect(await list({ q: otherId.slice(-6) })).toEqual([c.id])
    expect(await list({ q: '2026-00007' })).toEqual([b.id, a.id])
    expect(await list({ result: 'expired' })).toEqual([b.id])
    expect(await list({ month: '2026-10' })).toEqual([a.id])
    expect(await list({ personId: a.personId })).toEqual([b.id, a.id])
    const page = await st.t.call('certificates.verifications', { page: 2, pageSize: 2 }, st.s.clerk)
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page.rows.map((r) => r.id)).toEqual([a.id])
  })
})

describe('roles', () => {
  it('head and clerk verify; the clinician and the admin see no certificate data', async () => {
    const text = qrOf(neighbour)
    for (const who of [st.s.clinician, st.s.admin]) {
      expect((await st.t.fail('certificates.check', { qrText: text }, who)).code).toBe('FORBIDDEN')
      expect((await st.t.fail('certificates.verificationSave', saveQr(text, 'valid'), who)).code).toBe('FORBIDDEN')
      expect((await st.t.fail('certificates.verifications', {}, who)).code).toBe('FORBIDDEN')
    }
    expect((await check(text, undefined, st.s.head)).result).toBe('valid')
    expect(st.count('verifications')).toBe(0)
  })
})
