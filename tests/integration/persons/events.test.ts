import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../../src/api/contract'
import type { Person } from '../../../src/api/persons'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { facts, fieldsOf, makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let single: Person
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
  single = await t.call(
    'persons.create',
    { idNumber: makeId('410102', '19960708', 2, 'female'), name: '王芳', phone: '13900000001', hukouRegion: '410102', hukouAddress: '中原区', residenceAddress: '一村' },
    s.clerk
  )
})
afterEach(() => t.close())

const sql = <T>(q: string, ...p: unknown[]) => t.host.runtime.sqlite!.prepare(q).all(...p) as T[]
const counts = () => ({
  events: sql<{ n: number }>('SELECT count(*) AS n FROM person_events')[0].n,
  audit: sql<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0].n
})

describe('persons.recordEvent', () => {
  it('records a marriage with its reason; the history shows it first, with before and after', async () => {
    const spouse = makeId('410102', '19940101', 5, 'male')
    const p = await t.call(
      'persons.recordEvent',
      { personId: single.id, type: 'marriage', date: '2026-11-20', reason: '登记结婚', changes: { maritalStatus: 'married', maritalDate: '2026-11-18', spouseName: '赵磊', spouseIdNumber: spouse } },
      s.clerk
    )
    expect(p).toMatchObject({ maritalStatus: 'married', maritalDate: '2026-11-18', spouseName: '赵磊', spouseIdNumber: spouse, updatedBy: 'clerk' })
    const history = await t.call('persons.events', { personId: single.id }, s.clinician)
    // same date: the later entry first
    expect(history.map((e) => e.type)).toEqual(['marriage', 'registered'])
    expect(history[0]).toMatchObject({ date: '2026-11-20', reason: '登记结婚', createdBy: 'clerk' })
    expect(history[0].changes).toEqual({
      maritalStatus: { before: 'unmarried', after: 'married' },
      maritalDate: { before: null, after: '2026-11-18' },
      spouseName: { before: '', after: '赵磊' },
      spouseIdNumber: { before: '', after: spouse }
    })
    const audit = (await t.call('audit.list', { action: 'persons.recordEvent' }, s.head)).rows
    expect(audit[0]).toMatchObject({ entity: 'person', entityId: single.id, message: ['person.event.marriage', { name: '王芳' }] })
  })

  it('orders the history newest first by the date of the change', async () => {
    await t.call('persons.recordEvent', { personId: single.id, type: 'marriage', date: '2020-05-01', reason: '结婚', changes: { maritalStatus: 'married', maritalDate: '2020-05-01' } }, s.clerk)
    await t.call('persons.recordEvent', { personId: single.id, type: 'birth', date: '2022-01-09', reason: '生育', changes: { girls: 1 } }, s.clerk)
    await t.call('persons.recordEvent', { personId: single.id, type: 'contraception', date: '2021-03-01', reason: '放环', changes: { contraception: 'iud', contraceptionSince: '2021-03-01' } }, s.clerk)
    const history = await t.call('persons.events', { personId: single.id }, s.clerk)
    expect(history.map((e) => `${e.date} ${e.type}`)).toEqual(['2026-11-20 registered', '2022-01-09 birth', '2021-03-01 contraception', '2020-05-01 marriage'])
  })

  it('refuses a fact the kind of event may not change, and a status that does not fit the event', async () => {
    const e = await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-01-01', reason: '生育', changes: { boys: 1, phone: '13900000002' } }, s.clerk)
    expect(fieldsOf(e)).toEqual(['changes.phone:not_for_event'])
    const m = await t.fail('persons.recordEvent', { personId: single.id, type: 'marriage', date: '2026-01-01', reason: 'x', changes: { maritalStatus: 'divorced', maritalDate: '2026-01-01' } }, s.clerk)
    expect(fieldsOf(m)).toEqual(['changes.maritalStatus:event_mismatch'])
    await t.call('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-01-01', reason: '生育', changes: { boys: 2 } }, s.clerk)
    const d = await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-02-01', reason: '录错', changes: { boys: 1, girls: 1 } }, s.clerk)
    expect(fieldsOf(d)).toEqual(['changes.boys:children_decrease'])
  })

  it('re-checks the new facts as a whole', async () => {
    // a marriage without its date, a migration without a place
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'marriage', date: '2026-01-01', reason: 'x', changes: { maritalStatus: 'married' } }, s.clerk))).toEqual([
      'changes.maritalDate:required'
    ])
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'migration_out', date: '2026-01-01', reason: 'x', changes: { migrantStatus: 'out' } }, s.clerk))).toEqual([
      'changes.migrantPlace:required'
    ])
    // the event's own date: not in the future, not before birth
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-12-01', reason: 'x', changes: { boys: 1 } }, s.clerk))).toEqual(['date:date_future'])
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '1990-01-01', reason: 'x', changes: { boys: 1 } }, s.clerk))).toEqual(['date:before_birth'])
  })

  it('refuses an event that changes nothing', async () => {
    const before = counts()
    const e = await t.fail('persons.recordEvent', { personId: single.id, type: 'correction', date: '2026-11-01', reason: '核对', changes: { phone: '13900000001', name: '王芳' } }, s.clerk)
    expect(fieldsOf(e)).toEqual(['changes:no_change'])
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-11-01', reason: 'x', changes: {} }, s.clerk))).toEqual(['changes:no_change'])
    expect(counts()).toEqual(before)
  })

  it('records an exit: the person leaves the register with reason and date, and only corrections follow', async () => {
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'exit', date: '2026-11-01', reason: '迁往外省', changes: {} }, s.clerk))).toEqual(['changes.exitReason:required'])
    const p = await t.call('persons.recordEvent', { personId: single.id, type: 'exit', date: '2026-11-01', reason: '迁往外省', changes: { exitReason: 'moved' } }, s.clerk)
    expect(p).toMatchObject({ state: 'exited', exitReason: 'moved', exitDate: '2026-11-01' })
    const exit = (await t.call('persons.events', { personId: single.id }, s.clerk)).find((e) => e.type === 'exit')!
    expect(exit.changes).toEqual({ state: { before: 'active', after: 'exited' }, exitReason: { before: null, after: 'moved' }, exitDate: { before: null, after: '2026-11-01' } })
    // gone from the default list, found among the exited
    expect((await t.call('persons.search', { q: '王芳' }, s.clerk)).total).toBe(0)
    expect((await t.call('persons.search', { q: '王芳', state: 'exited' }, s.clerk)).total).toBe(1)
    const e = await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-11-02', reason: 'x', changes: { boys: 1 } }, s.clerk)
    expect(fieldsOf(e)).toEqual(['type:person_exited'])
    await t.call('persons.recordEvent', { personId: single.id, type: 'correction', date: '2026-11-02', reason: '电话变更', changes: { phone: '13900000009' } }, s.clerk)
  })

  it('corrects the ID number: re-checked, sex and birth date follow, still unique', async () => {
    const other = await t.call('persons.create', { idNumber: makeId('410102', '19800101', 9, 'male'), name: '刘洋' }, s.clerk)
    const wrong = makeId('410102', '19960708', 3, 'male')
    expect(fieldsOf(await t.fail('persons.recordEvent', { personId: single.id, type: 'correction', date: '2026-11-01', reason: '录入错误', changes: { idNumber: wrong.slice(0, 17) + '0' } }, s.clerk))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^changes\.idNumber:id_(checksum|format)$/)])
    )
    const taken = await t.fail('persons.recordEvent', { personId: single.id, type: 'correction', date: '2026-11-01', reason: '录入错误', changes: { idNumber: other.idNumber } }, s.clerk)
    expect(taken.code).toBe('CONFLICT')
    expect(taken.details?.existingId).toBe(other.id)
    expect(fieldsOf(taken)).toEqual(['changes.idNumber:id_exists'])

    const fixed = makeId('410102', '19960709', 2, 'female')
    const p = await t.call('persons.recordEvent', { personId: single.id, type: 'correction', date: '2026-11-01', reason: '身份证号录入错误', changes: { idNumber: fixed, name: '王芳芳' } }, s.clerk)
    expect(p).toMatchObject({ idNumber: fixed, birthDate: '1996-07-09', sex: 'female', name: '王芳芳', pinyin: 'wangfangfang', initials: 'wff' })
    const ev = (await t.call('persons.events', { personId: single.id }, s.clerk)).find((e) => e.type === 'correction')!
    expect(ev.changes).toEqual({
      idNumber: { before: single.idNumber, after: fixed },
      name: { before: '王芳', after: '王芳芳' },
      birthDate: { before: '1996-07-08', after: '1996-07-09' }
    })
    expect((await t.call('persons.search', { q: 'wff' }, s.clerk)).rows.map((r) => r.id)).toEqual([single.id])
  })

  it('writes nothing when the write fails half-way', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const before = counts()
    const row = sql<Record<string, unknown>>('SELECT * FROM persons WHERE id = ?', single.id)[0]
    t.host.runtime.sqlite!.exec("CREATE TEMP TRIGGER fail_events BEFORE INSERT ON person_events BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
    const e = await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-01-01', reason: '生育', changes: { girls: 1 } }, s.clerk)
    expect(e.code).toBe('INTERNAL')
    const c = await t.fail('persons.create', facts(), s.clerk)
    expect(c.code).toBe('INTERNAL')
    t.host.runtime.sqlite!.exec('DROP TRIGGER temp.fail_events')
    expect(sql('SELECT * FROM persons WHERE id = ?', single.id)[0]).toEqual(row)
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM persons')[0].n).toBe(1)
    expect(counts()).toEqual(before)
    vi.restoreAllMocks()
  })

  it('says NOT_FOUND for an unknown person, and refuses the admin', async () => {
    expect((await t.fail('persons.recordEvent', { personId: 'nobody', type: 'birth', date: '2026-01-01', reason: 'x', changes: { boys: 1 } }, s.clerk)).code).toBe('NOT_FOUND')
    expect((await t.fail('persons.events', { personId: 'nobody' }, s.clerk)).code).toBe('NOT_FOUND')
    expect((await t.fail('persons.recordEvent', { personId: single.id, type: 'birth', date: '2026-01-01', reason: 'x', changes: { boys: 1 } }, s.admin)).code).toBe('FORBIDDEN')
  })
})
