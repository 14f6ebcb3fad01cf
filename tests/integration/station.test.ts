import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../src/api/contract'
import { makeHost, setUpStation, STATION, type TestHost } from '../helpers/host'

let t: TestHost
let s: Record<Role, string>
beforeEach(async () => {
  t = makeHost()
  s = await setUpStation(t)
})
afterEach(() => t.close())

const fields = (e: { details?: { fields?: { path: string; rule: string }[] } }) => e.details?.fields?.map((f) => `${f.path}:${f.rule}`)

describe('station profile', () => {
  it('names the region of its code', async () => {
    expect((await t.call('station.get', {}, s.clerk)).regionName).toBe('河南省郑州市中原区林山寨街道')
  })
  it('refuses invalid station codes with a field-level error', async () => {
    const base = { ...STATION }
    expect(fields(await t.fail('station.update', { ...base, code: '41010' }, s.head))).toEqual(['code:station_code_format'])
    expect(fields(await t.fail('station.update', { ...base, code: '999999001' }, s.head))).toEqual(['code:county_unknown'])
    expect(fields(await t.fail('station.update', { ...base, code: '410102000' }, s.head))).toEqual(['code:station_code_township'])
    expect(fields(await t.fail('station.update', { ...base, level: 'district', code: '410102001' }, s.head))).toEqual(['code:station_code_district'])
    expect(fields(await t.fail('station.update', { ...base, phone: '12ab' }, s.head))).toEqual(['phone:phone'])
    expect((await t.call('station.get', {}, s.head)).code).toBe(STATION.code)
  })
  it('audits a change with before and after, in the same transaction', async () => {
    await t.call('station.update', { ...STATION, phone: '0371-87654321' }, s.head)
    const row = (await t.call('audit.list', { action: 'station.update' }, s.head)).rows[0]
    expect(row.actor).toBe('head')
    const details = JSON.parse((t.host.runtime.sqlite!.prepare('SELECT details FROM audit_log WHERE seq = ?').get(row.seq) as { details: string }).details)
    expect(details.changed.phone).toEqual({ before: STATION.phone, after: '0371-87654321' })
  })
})

describe('registers', () => {
  it('adds, edits, searches and pages staff', async () => {
    for (let i = 0; i < 12; i++) await t.call('staff.save', { name: `医生${String(i).padStart(2, '0')}`, post: 'doctor', phone: `1380000000${i % 10}` }, s.head)
    const a = await t.call('staff.save', { name: '王芳', post: 'nurse', licenceNo: 'L-1' }, s.admin)
    await t.call('staff.save', { ...a, id: a.id, active: false }, s.head)
    const page2 = await t.call('staff.list', { page: 2, pageSize: 5 }, s.clerk)
    expect(page2.total).toBe(13)
    expect(page2.rows).toHaveLength(5)
    expect((await t.call('staff.list', { q: '王' }, s.clerk)).rows.map((r) => r.name)).toEqual(['王芳'])
    expect((await t.call('staff.list', { active: false }, s.clerk)).total).toBe(1)
    expect((await t.call('staff.list', { q: '%' }, s.clerk)).total).toBe(13)
  })
  it('validates equipment', async () => {
    expect(fields(await t.fail('equipment.save', { name: '', model: '', count: -1, state: 'in_use', acquired: '2021-02-30' }, s.head))?.sort()).toEqual([
      'acquired:date',
      'count:min0',
      'name:required'
    ])
    const e = await t.call('equipment.save', { name: 'B超', count: 2, state: 'in_use', acquired: '2021-02-28' }, s.head)
    expect(e.acquired).toBe('2021-02-28')
  })
  it('checks village codes: 12 digits, inside the station, unique', async () => {
    expect(fields(await t.fail('servicePoints.save', { kind: 'village_room', code: '41010200100', name: '一村' }, s.head))).toEqual(['code:village_code_format'])
    expect(fields(await t.fail('servicePoints.save', { kind: 'village_room', code: '410102002001', name: '外村' }, s.head))).toEqual(['code:village_outside_station'])
    await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村' }, s.head)
    expect((await t.fail('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '重复' }, s.head)).code).toBe('CONFLICT')
    await t.call('servicePoints.save', { kind: 'mobile_van', name: '流动服务车' }, s.head)
    await t.call('servicePoints.save', { kind: 'mobile_van', name: '第二辆车' }, s.head)
    expect((await t.call('servicePoints.list', {}, s.clerk)).total).toBe(3)
  })
  it('refuses an edit of a record that does not exist', async () => {
    expect((await t.fail('staff.save', { id: 'no-such-id', name: 'x', post: 'other' }, s.head)).code).toBe('NOT_FOUND')
  })
  it('exports the filtered list to a real xlsx, audited', async () => {
    await t.call('staff.save', { name: '张三', post: 'doctor', licenceNo: '110' }, s.head)
    await t.call('staff.save', { name: '李四', post: 'nurse' }, s.head)
    const file = await t.call('staff.export', { q: '张' }, s.clerk)
    expect(file.filename).toBe('staff-410102001-2026-11-20.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(3).getCell(1).value).toBe('姓名')
    expect(ws.getRow(4).getCell(1).value).toBe('张三')
    expect(ws.getRow(4).getCell(2).value).toBe('医师')
    expect(ws.rowCount).toBe(4)
    const en = await t.call('staff.export', { lang: 'en' }, s.clerk)
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(Buffer.from(en.base64, 'base64') as unknown as ArrayBuffer)
    expect(wb2.worksheets[0].getRow(3).getCell(1).value).toBe('Name')
    expect((await t.call('audit.list', { action: 'staff.export' }, s.head)).rows.map((r) => r.actor)).toEqual(['clerk', 'clerk'])
  })
})

describe('code lookup', () => {
  it('knows counties and townships, and says so when it does not', async () => {
    expect(await t.call('codes.lookup', { code: '411523101' })).toEqual({ code: '411523101', name: '河南省信阳市新县沙窝镇', known: true })
    expect((await t.call('codes.lookup', { code: '110101' })).name).toBe('北京市东城区')
    expect((await t.call('codes.lookup', { code: '999999' })).known).toBe(false)
  })
})
