import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/api/contract'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { facts, makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
beforeAll(async () => {
  t = makeHost()
  s = await setUpStation(t)
  const village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  await t.call('persons.create', facts({ servicePointId: village }), s.clerk)
  for (let i = 0; i < 60; i++) await t.call('persons.create', { idNumber: makeId('410102', '19920101', i, i % 2 ? 'male' : 'female'), name: `李${'一二三四五六七八九十'[i % 10]}${i}` }, s.clerk)
})
afterAll(() => t.close())

async function sheet(base64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  return wb.worksheets[0]
}

describe('persons.export', () => {
  it('writes every matching person (no pages) to an xlsx that reads back, ID numbers as text', async () => {
    const file = await t.call('persons.export', { q: '张', pageSize: 1 }, s.clerk)
    expect(file.filename).toBe('persons-410102001-2026-11-20.xlsx')
    const ws = await sheet(file.base64)
    expect(ws.getRow(1).getCell(1).value).toBe('服务对象名册')
    expect(ws.getRow(3).getCell(1).value).toBe('公民身份号码')
    expect(ws.rowCount).toBe(4)
    const row = ws.getRow(4)
    const id = facts().idNumber
    expect(row.getCell(1).value).toBe(id)
    expect(typeof row.getCell(1).value).toBe('string')
    expect(row.getCell(1).numFmt).toBe('@')
    const values = (row.values as unknown[]).slice(1)
    expect(values).toEqual(
      expect.arrayContaining(['张秀英', '女', '1990-03-15', 36, '13812345678', '410102', '河南省郑州市中原区', '一村服务室', '已婚', '李强', '宫内节育器', '本地', '在册'])
    )

    const all = await sheet((await t.call('persons.export', { pageSize: 10 }, s.clerk)).base64)
    expect(all.rowCount).toBe(3 + 61)
  })

  it('speaks English when asked, and is audited with the count', async () => {
    const ws = await sheet((await t.call('persons.export', { q: 'zxy', lang: 'en' }, s.clinician)).base64)
    expect(ws.getRow(3).getCell(1).value).toBe('ID number')
    expect(ws.getRow(4).getCell(3).value).toBe('Female')
    const rows = (await t.call('audit.list', { action: 'persons.export' }, s.head)).rows
    expect(rows[0]).toMatchObject({ actor: 'clinician', entity: 'person', message: ['export.persons', { n: 1 }] })
    expect((await t.fail('persons.export', {}, s.admin)).code).toBe('FORBIDDEN')
  })
})
