import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { facts, fieldsOf, makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let village: string
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
  village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
})
afterEach(() => t.close())

const sql = <T>(q: string, ...p: unknown[]) => t.host.runtime.sqlite!.prepare(q).all(...p) as T[]

describe('persons.create', () => {
  it('derives sex and birth date from the ID, computes pinyin and initials, and records a registered event', async () => {
    const p = await t.call('persons.create', facts({ servicePointId: village }), s.clerk)
    expect(p).toMatchObject({ sex: 'female', birthDate: '1990-03-15', name: '张秀英', pinyin: 'zhangxiuying', initials: 'zxy', state: 'active', servicePointName: '一村服务室', updatedBy: 'clerk' })
    expect(p.missing).toEqual([])
    expect(p.warnings).toEqual([])
    const events = await t.call('persons.events', { personId: p.id }, s.clerk)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'registered', date: '2026-11-20', createdBy: 'clerk' })
    expect(events[0].changes.idNumber).toEqual({ before: null, after: p.idNumber })
    const audit = (await t.call('audit.list', { action: 'persons.create' }, s.head)).rows
    expect(audit).toHaveLength(1)
    expect(audit[0].message).toEqual(['person.registered', { name: '张秀英' }])
  })

  it('lists the missing items of an incomplete card', async () => {
    const p = await t.call('persons.create', { idNumber: makeId('410102', '20000101', 5, 'male'), name: '王伟', servicePointId: '' }, s.clerk)
    expect(p.servicePointId).toBeNull()
    expect(p.sex).toBe('male')
    expect(p.missing).toEqual(['phone', 'hukouRegion', 'hukouAddress', 'servicePointId', 'residenceAddress'])
  })

  it('refuses a sex or birth date that disagrees with the ID', async () => {
    const e = await t.fail('persons.create', facts({ sex: 'male', birthDate: '1990-03-16' }), s.clerk)
    expect(e.code).toBe('VALIDATION')
    expect(fieldsOf(e)).toEqual(['sex:id_mismatch', 'birthDate:id_mismatch'])
    expect(e.details?.derived).toBe('female')
    expect((await t.call('persons.create', facts({ sex: 'female', birthDate: '1990-03-15' }), s.clerk)).sex).toBe('female')
  })

  it('refuses bad ID numbers naming the rule, with the check params in details', async () => {
    const good = makeId('410102', '19900315', 1, 'female')
    const cases: [string, string, Record<string, unknown>][] = [
      ['4101021990031', 'idNumber:id_format', { length: 13 }],
      ['99' + good.slice(2), 'idNumber:id_province', { province: '99' }],
      ['410002' + good.slice(6, 17) + 'X', 'idNumber:id_region', { region: '410002' }],
      ['410102' + '19900230' + '012' + '0', 'idNumber:id_date', { birth: '1990-02-30' }],
      [good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), 'idNumber:id_checksum', { expected: good[17] }]
    ]
    for (const [id, rule, params] of cases) {
      const e = await t.fail('persons.create', facts({ idNumber: id }), s.clerk)
      expect(fieldsOf(e), id).toEqual([rule])
      expect(e.details, id).toMatchObject(params)
    }
    // born tomorrow (the station's today is 2026-11-20)
    expect(fieldsOf(await t.fail('persons.create', facts({ idNumber: makeId('410102', '20261121', 1, 'female'), maritalStatus: 'unmarried', maritalDate: '', spouseName: '', spouseIdNumber: '', contraception: 'none', contraceptionSince: '' }), s.clerk))).toEqual([
      'idNumber:id_date'
    ])
    expect((await t.call('persons.search', {}, s.clerk)).total).toBe(0)
  })

  it('normalises full-width digits, spaces and a lowercase x, and says so', async () => {
    // find a number ending in X
    let id = ''
    for (let seq = 0; !id; seq++) {
      const c = makeId('410102', '19850612', seq, 'female')
      if (c.endsWith('X')) id = c
    }
    const typed = ` ${id.slice(0, 6)} ${id.slice(6, 14).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} ${id.slice(14, 17)}x `
    const p = await t.call('persons.create', facts({ idNumber: typed }), s.clerk)
    expect(p.idNumber).toBe(id)
    expect(p.warnings.map((w) => `${w.path}:${w.code}`)).toEqual(['idNumber:ID_NORMALIZED'])
  })

  it('upgrades a legacy 15-digit number to 18 digits', async () => {
    const p = await t.call('persons.create', facts({ idNumber: '410102750315012' }), s.clerk)
    expect(p.idNumber).toMatch(/^41010219750315012[\dX]$/)
    expect(p.birthDate).toBe('1975-03-15')
    expect(p.sex).toBe('female')
    expect(p.warnings).toContainEqual(expect.objectContaining({ path: 'idNumber', code: 'ID_LEGACY_UPGRADED', params: { normalized: p.idNumber } }))
    // the same person typed with 18 digits is the same ID
    expect((await t.fail('persons.create', facts({ idNumber: p.idNumber }), s.clerk)).code).toBe('CONFLICT')
  })

  it('accepts a well-formed region that is no longer current, with a warning kept on the record', async () => {
    // 412722: 商水县 under the former 周口地区, today 411623
    const id = makeId('412722', '19700101', 4, 'female')
    const p = await t.call('persons.create', facts({ idNumber: id, hukouRegion: '412722' }), s.clerk)
    expect(p.warnings.map((w) => `${w.path}:${w.code}`)).toEqual(['idNumber:ID_REGION_NOT_CURRENT', 'hukouRegion:REGION_NOT_CURRENT'])
    // opening the person later shows the same warnings
    const again = await t.call('persons.get', { id: p.id }, s.clerk)
    expect(again.warnings.map((w) => w.code)).toEqual(['ID_REGION_NOT_CURRENT', 'REGION_NOT_CURRENT'])
    // and the registration's audit row keeps them
    const row = sql<{ details: string }>("SELECT details FROM audit_log WHERE action = 'persons.create'")[0]
    expect(JSON.parse(row.details).warnings).toHaveLength(2)
  })

  it('checks the household region, marriage, spouse, contraception, migration and service point', async () => {
    const cases: [Partial<Parameters<typeof facts>[0]>, string[]][] = [
      [{ hukouRegion: '990101' }, ['hukouRegion:region_unknown']],
      [{ hukouRegion: '410001' }, ['hukouRegion:region_unknown']],
      [{ hukouRegion: '4101' }, ['hukouRegion:region_format']],
      [{ maritalDate: '' }, ['maritalDate:required']],
      [{ maritalDate: '1989-01-01' }, ['maritalDate:before_birth']],
      [{ maritalDate: '2027-01-01' }, ['maritalDate:date_future']],
      [{ maritalStatus: 'unmarried' }, ['maritalDate:not_applicable', 'spouseName:not_applicable', 'spouseIdNumber:not_applicable']],
      [{ spouseIdNumber: '410102198801010030' }, ['spouseIdNumber:id_checksum']],
      [{ spouseIdNumber: makeId('410102', '19900315', 1, 'female') }, ['spouseIdNumber:spouse_self']],
      [{ contraception: 'none' }, ['contraceptionSince:not_applicable']],
      [{ contraceptionSince: '2030-01-01' }, ['contraceptionSince:date_future']],
      [{ contraceptionSince: '1980-01-01' }, ['contraceptionSince:before_birth']],
      [{ migrantStatus: 'out' }, ['migrantPlace:required']],
      [{ migrantStatus: 'local', migrantPlace: '广东东莞' }, ['migrantPlace:not_applicable']],
      [{ servicePointId: 'no-such-point' }, ['servicePointId:service_point_unknown']],
      [{ phone: '123' }, ['phone:phone']],
      [{ boys: -1 }, ['boys:min0']]
    ]
    for (const [over, expected] of cases) expect(fieldsOf(await t.fail('persons.create', facts(over), s.clerk)), JSON.stringify(over)).toEqual(expected)
    expect((await t.call('persons.search', {}, s.clerk)).total).toBe(0)
    const ok = await t.call('persons.create', facts({ migrantStatus: 'out', migrantPlace: '广东省东莞市', migrantSince: '2020-02-01' }), s.clerk)
    expect(ok.migrantStatus).toBe('out')
    expect(ok.spouseIdNumber).toBe(makeId('410102', '19880101', 3, 'male'))
  })

  it('refuses a second person with the same ID number, naming the one who has it', async () => {
    const p = await t.call('persons.create', facts(), s.clerk)
    const e = await t.fail('persons.create', facts({ name: '张秀华' }), s.head)
    expect(e.code).toBe('CONFLICT')
    expect(e.details?.existingId).toBe(p.id)
    expect(fieldsOf(e)).toEqual(['idNumber:id_exists'])
    expect((await t.call('persons.search', {}, s.clerk)).total).toBe(1)
  })

  it('warns of possible duplicates: same name and birth date under another ID', async () => {
    const a = await t.call('persons.create', facts(), s.clerk)
    const other = makeId('410102', '19900315', 7, 'female')
    const similar = await t.call('persons.similar', { name: '张秀英', birthDate: '1990-03-15', idNumber: other }, s.clerk)
    expect(similar.map((r) => r.id)).toEqual([a.id])
    expect(similar[0]).toMatchObject({ idNumber: a.idNumber, age: 36 })
    // the person themself is no duplicate: by ID number or by record id
    expect(await t.call('persons.similar', { name: '张秀英', birthDate: '1990-03-15', idNumber: a.idNumber }, s.clerk)).toEqual([])
    expect(await t.call('persons.similar', { name: '张秀英', birthDate: '1990-03-15', excludeId: a.id }, s.clerk)).toEqual([])
    expect(await t.call('persons.similar', { name: '张秀英', birthDate: '1990-03-16' }, s.clerk)).toEqual([])
  })

  it('audits opening a person, and says NOT_FOUND for an unknown one', async () => {
    const p = await t.call('persons.create', facts(), s.clerk)
    const got = await t.call('persons.get', { id: p.id }, s.clinician)
    expect(got.idNumber).toBe(p.idNumber)
    const rows = (await t.call('audit.list', { action: 'persons.get' }, s.head)).rows
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor: 'clinician', entity: 'person', entityId: p.id, message: ['person.opened', { name: '张秀英' }] })
    expect((await t.fail('persons.get', { id: 'nobody' }, s.clerk)).code).toBe('NOT_FOUND')
  })

  it('lets head, clinician and clerk use the register, and refuses the admin (DESIGN §2b)', async () => {
    for (const role of ['head', 'clinician', 'clerk'] as const)
      await t.call('persons.create', facts({ idNumber: makeId('410102', '19900315', { head: 11, clinician: 12, clerk: 13 }[role], 'female') }), s[role])
    for (const m of ['persons.create', 'persons.search', 'persons.get', 'persons.export', 'persons.recordEvent', 'persons.events', 'persons.similar'] as const)
      expect((await t.fail(m, {} as never, s.admin)).code, m).toBe('FORBIDDEN')
    expect((await t.call('persons.search', {}, s.head)).total).toBe(3)
  })
})
