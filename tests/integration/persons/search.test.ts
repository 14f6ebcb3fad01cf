import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Input } from '../../../src/api'
import type { Role } from '../../../src/api/contract'
import { personSearchInput } from '../../../src/api/persons'
import { classify, plan } from '../../../src/core/persons/search'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let one: string
let two: string
const ids: Record<string, string> = {}

type P = Input<'persons.create'>
/** today is 2026-11-20 at the station */
const PEOPLE: (P & { key: string; village?: 1 | 2 })[] = [
  { key: 'zsf', idNumber: makeId('410102', '19800101', 11, 'male'), name: '张三丰', phone: '13800000001', village: 1 },
  { key: 'zs', idNumber: makeId('410102', '19851120', 12, 'male'), name: '张三', phone: '13800000002', village: 1 },
  { key: 'zxy', idNumber: makeId('410102', '19901121', 13, 'female'), name: '张秀英', phone: '13800000003', village: 1, maritalStatus: 'married', maritalDate: '2012-01-01' },
  { key: 'lf', idNumber: makeId('410102', '19951231', 14, 'female'), name: '李芳', phone: '13900000004', village: 2, maritalStatus: 'married', maritalDate: '2018-01-01' },
  { key: 'wfy', idNumber: makeId('410102', '20000229', 15, 'female'), name: '王芳英', phone: '', village: 2, migrantStatus: 'out', migrantPlace: '广东省深圳市' },
  { key: 'lv', idNumber: makeId('420106', '19760515', 16, 'male'), name: '吕建国', phone: '13700000006', migrantStatus: 'in', migrantPlace: '湖北省武汉市' },
  { key: 'ozy', idNumber: makeId('410102', '19700601', 17, 'female'), name: '欧阳秀英', phone: '13700000007', village: 2, maritalStatus: 'widowed', maritalDate: '2020-03-03' }
]

beforeAll(async () => {
  t = makeHost()
  s = await setUpStation(t)
  one = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村' }, s.head)).id
  two = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001202', name: '二村' }, s.head)).id
  for (const { key, village, ...p } of PEOPLE) ids[key] = (await t.call('persons.create', { ...p, servicePointId: village ? (village === 1 ? one : two) : null }, s.clerk)).id
  // a tail ending in X
  let x = ''
  for (let seq = 20; !x; seq++) {
    const c = makeId('410102', '19880808', seq, 'female')
    if (c.endsWith('X')) x = c
  }
  ids.x = (await t.call('persons.create', { idNumber: x, name: '赵敏' }, s.clerk)).id
  ids.xNumber = x
  // someone who left the register
  ids.gone = (await t.call('persons.create', { idNumber: makeId('410102', '19500101', 30, 'male'), name: '张老汉' }, s.clerk)).id
  await t.call('persons.recordEvent', { personId: ids.gone, type: 'exit', date: '2026-01-01', reason: '死亡', changes: { exitReason: 'death' } }, s.clerk)
})
afterAll(() => t.close())

const find = async (input: Input<'persons.search'>) => (await t.call('persons.search', input, s.clerk)).rows.map((r) => r.name)
const idOf = (key: string) => PEOPLE.find((p) => p.key === key)!.idNumber

describe('persons.search: one query path per kind of input', () => {
  it('classifies what was typed', () => {
    expect(classify('410102198001010111').kind).toBe('id')
    expect(classify('410102800101011').kind).toBe('id')
    expect(classify('1234').kind).toBe('tail')
    expect(classify('12345x').kind).toBe('tail')
    expect(classify('123456').kind).toBe('tail')
    expect(classify('13800000001').kind).toBe('phone')
    expect(classify('19850312')).toEqual({ kind: 'birth', value: '1985-03-12' })
    expect(classify('1985-03-12').kind).toBe('birth')
    expect(classify('19850230').kind).toBe('digits')
    expect(classify('4101021980').kind).toBe('digits')
    expect(classify('张三').kind).toBe('name')
    expect(classify('zsf').kind).toBe('latin')
    expect(classify('Zhang San').kind).toBe('latin')
    expect(classify('a1').kind).toBe('text')
    expect(classify('  ').kind).toBe('all')
  })

  it('by the full ID number, however it is typed', async () => {
    expect(await find({ q: idOf('zsf') })).toEqual(['张三丰'])
    const typed = idOf('lf').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/^(.{6})/, '$1 ')
    expect(await find({ q: typed })).toEqual(['李芳'])
    expect(await find({ q: ids.xNumber.toLowerCase() })).toEqual(['赵敏'])
    // a legacy 15-digit number finds its 18-digit upgrade
    const zs = idOf('zs')
    expect(await find({ q: zs.slice(0, 6) + zs.slice(8, 17) })).toEqual(['张三'])
  })

  it('by the last 4, 5 or 6 characters of the ID', async () => {
    const id = idOf('zxy')
    expect(await find({ q: id.slice(-4) })).toContain('张秀英')
    expect(await find({ q: id.slice(-5) })).toContain('张秀英')
    expect(await find({ q: id.slice(-6) })).toEqual(['张秀英'])
    expect(await find({ q: ids.xNumber.slice(-6, -1) + 'x' })).toEqual(['赵敏'])
    expect(await find({ q: ids.xNumber.slice(-4) })).toEqual(['赵敏'])
  })

  it('by phone, and by the start of an ID or phone number', async () => {
    expect(await find({ q: '13800000002' })).toEqual(['张三'])
    expect(await find({ q: '137' })).toEqual(['吕建国', '欧阳秀英'])
    expect(await find({ q: '4201' })).toEqual([]) // 4 digits: the end of an ID, not its start
    expect(await find({ q: '42010619' })).toEqual(['吕建国'])
  })

  it('by birth date', async () => {
    expect(await find({ q: '1985-11-20' })).toEqual(['张三'])
    expect(await find({ q: '19851120' })).toEqual(['张三'])
  })

  it('by name: its start, else anywhere in it', async () => {
    expect(await find({ q: '张' })).toEqual(['张三', '张三丰', '张秀英'])
    expect(await find({ q: '张三丰' })).toEqual(['张三丰'])
    expect(await find({ q: '秀英' })).toEqual(['欧阳秀英', '张秀英'])
    expect(await find({ q: '不存在' })).toEqual([])
  })

  it('by pinyin initials or full pinyin (zsf finds 张三丰), any case, spaces ignored; ü as v', async () => {
    expect(await find({ q: 'zsf' })).toEqual(['张三丰'])
    expect(await find({ q: 'zs' })).toEqual(['张三', '张三丰'])
    expect(await find({ q: 'ZhangSan' })).toEqual(['张三', '张三丰'])
    expect(await find({ q: 'zhang san feng' })).toEqual(['张三丰'])
    expect(await find({ q: 'oyxy' })).toEqual(['欧阳秀英'])
    expect(await find({ q: 'ljg' })).toEqual(['吕建国'])
    expect(await find({ q: 'lvjianguo' })).toEqual(['吕建国'])
  })
})

describe('persons.search: filters, age band, state, sort and pages', () => {
  it('filters by service point, sex, marital and migrant status', async () => {
    expect(await find({ servicePointId: one })).toEqual(['张三', '张三丰', '张秀英'])
    expect(await find({ servicePointId: two, maritalStatus: 'married' })).toEqual(['李芳'])
    expect(await find({ sex: 'female', q: '张' })).toEqual(['张秀英'])
    expect(await find({ migrantStatus: 'out' })).toEqual(['王芳英'])
    expect(await find({ migrantStatus: 'in' })).toEqual(['吕建国'])
  })

  it('filters by age band on the station today, birthdays counted to the day', async () => {
    // 张三 born 1985-11-20 turns 41 today; 张秀英 born 1990-11-21 is 35 until tomorrow
    expect(await find({ ageFrom: 41, ageTo: 41 })).toEqual(['张三'])
    expect(await find({ ageFrom: 35, ageTo: 35 })).toEqual(['张秀英'])
    expect(await find({ ageFrom: 36, ageTo: 40 })).toEqual(['赵敏'])
    expect(await find({ ageTo: 29 })).toEqual(['王芳英'])
    expect(await find({ ageTo: 30 })).toEqual(['李芳', '王芳英'])
    expect(await find({ ageFrom: 50 })).toEqual(['吕建国', '欧阳秀英'])
    expect(await find({ ageFrom: 51 })).toEqual(['欧阳秀英'])
    const row = (await t.call('persons.search', { q: '张三' }, s.clerk)).rows.find((r) => r.name === '张三')!
    expect(row.age).toBe(41)
    expect(await find({ servicePointId: one, ageFrom: 35, ageTo: 45 })).toEqual(['张三', '张秀英'])
  })

  it('lists the active register by default, the exited on request', async () => {
    expect((await t.call('persons.search', {}, s.clerk)).total).toBe(8)
    expect(await find({ state: 'exited' })).toEqual(['张老汉'])
    expect(await find({ q: 'zlh' })).toEqual([])
  })

  it('sorts by pinyin name, birth date, ID number or last change, either way', async () => {
    expect(await find({})).toEqual(['李芳', '吕建国', '欧阳秀英', '王芳英', '张三', '张三丰', '张秀英', '赵敏'])
    expect(await find({ order: 'desc' })).toEqual(['赵敏', '张秀英', '张三丰', '张三', '王芳英', '欧阳秀英', '吕建国', '李芳'])
    expect((await find({ sort: 'birthDate' }))[0]).toBe('欧阳秀英')
    expect((await find({ sort: 'birthDate', order: 'desc' }))[0]).toBe('王芳英')
    expect((await find({ sort: 'idNumber', order: 'desc' }))[0]).toBe('吕建国')
    expect((await find({ sort: 'updatedAt' })).length).toBe(8)
  })

  it('pages on the backend with the total', async () => {
    const p1 = await t.call('persons.search', { pageSize: 3, page: 1 }, s.clerk)
    const p3 = await t.call('persons.search', { pageSize: 3, page: 3 }, s.clerk)
    expect([p1.total, p1.rows.length, p3.rows.length, p3.page, p3.pageSize]).toEqual([8, 3, 2, 3, 3])
    expect(p3.rows.map((r) => r.name)).toEqual(['张秀英', '赵敏'])
    expect((await t.call('persons.search', { pageSize: 3, page: 9 }, s.clerk)).rows).toEqual([])
    expect(p1.rows[0]).toMatchObject({ name: '李芳', sex: 'female', servicePointName: '二村', maritalStatus: 'married', migrantStatus: 'local', state: 'active', age: 30 })
  })

  it('answers every kind of search and listing from its index (EXPLAIN QUERY PLAN), never a scan of the table', () => {
    const sqlite = t.host.runtime.sqlite!
    const explain = (sql: string, params: unknown[]) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ q: idOf('zsf') }, /USING INDEX persons_id_number/],
      [{ q: '1234' }, /USING INDEX persons_id_tail/],
      [{ q: '12345X' }, /USING INDEX persons_id_tail/],
      [{ q: '123456' }, /USING INDEX persons_id_tail/],
      [{ q: '13800000001' }, /USING INDEX persons_phone/],
      [{ q: '19851120' }, /USING INDEX persons_birth_date/],
      [{ q: '4101021' }, /persons_id_number.*persons_phone/],
      [{ q: '张' }, /USING COVERING INDEX persons_name \(name>\? AND name<\?\)/],
      [{ q: 'zsf' }, /COVERING INDEX persons_initials.*COVERING INDEX persons_pinyin/],
      [{ q: '张', servicePointId: one, maritalStatus: 'married', ageFrom: 20 }, /INDEX persons_name \(name>\? AND name<\?\)/],
      [{ servicePointId: one, maritalStatus: 'married', ageFrom: 20, ageTo: 49 }, /COVERING INDEX persons_service_point \(service_point_id=\? AND state=\? AND marital_status=\? AND birth_date>\? AND birth_date<\?\)/],
      [{ migrantStatus: 'out' }, /COVERING INDEX persons_migrant \(migrant_status=\? AND state=\?\)/],
      [{}, /COVERING INDEX persons_state \(state=\?\)/]
    ]
    for (const [input, expected] of cases) {
      const p = plan(personSearchInput.parse(input), '2026-11-20', false)
      for (const part of [p.count, p.ids]) {
        const detail = explain(part.sql, part.params)
        expect(detail, JSON.stringify(input)).toMatch(expected)
        expect(detail, JSON.stringify(input)).not.toMatch(/\bSCAN (p|persons)\b(?! USING COVERING INDEX)/)
      }
    }
    // a name found nowhere at its start: a scan of the name index, not of the table
    const inside = plan(personSearchInput.parse({ q: '秀英' }), '2026-11-20', true)
    expect(explain(inside.ids.sql, inside.ids.params)).toMatch(/SCAN p USING COVERING INDEX persons_name/)
  })

  it('refuses a bad filter with a field error', async () => {
    const e = await t.fail('persons.search', { pageSize: 1000 } as never, s.clerk)
    expect(e.code).toBe('VALIDATION')
    expect(e.details?.fields?.[0].path).toBe('pageSize')
  })
})
