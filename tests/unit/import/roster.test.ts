/**
 * The import's parsing layer on a roster as a township keeps it, made here with exceljs: a title
 * merged across, a 填报单位/日期 subtitle, a two-row header with names that vary, villages merged
 * down several rows, dates in every format, an ID Excel stored as a number, a blank row, a
 * 小计 row between villages, and 合计 and 制表人 rows at the bottom.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { checkIdNumber } from '../../../src/api/idNumber'
import { personFactsInput } from '../../../src/api/persons'
import { parseFile } from '../../../src/core/persons/import/parse'
import { isFooterRow, readRoster } from '../../../src/core/persons/import/rows'
import { makeId } from './ids'

const HEADER = ['序号', '村组', '姓 名', '性别', '公民身份号码', '出生年月', '联系电话', '户籍地', '现住址', '婚姻状况', '初婚日期', '配偶姓名', '配偶身份证号码', '子女数', '子女数', '避孕措施', '流入流出', '备注']
const SUB = [null, null, null, null, null, null, null, null, null, null, null, null, null, '男', '女', null, null, null]

const ID1 = makeId('1985-03-12', '122')
const SP1 = makeId('1983-07-01', '111')
const ID2 = makeId('1987-06-20', '242')
const ID4 = makeId('1990-07-01', '362')
const ID6 = makeId('1992-11-05', '482')

async function township(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('育龄妇女花名册')
  const n = HEADER.length
  ws.addRow(['茅箭区东沟镇2026年育龄妇女基础信息花名册'])
  ws.mergeCells(1, 1, 1, n)
  ws.addRow(['填报单位：东沟镇计生办（盖章）          填报日期：2026年11月20日'])
  ws.mergeCells(2, 1, 2, n)
  ws.addRow(HEADER)
  ws.addRow(SUB)
  for (let c = 1; c <= n; c++) if (c !== 14 && c !== 15) ws.mergeCells(3, c, 4, c)
  ws.mergeCells(3, 14, 3, 15)
  // row 5..7: 东沟村, merged down three rows
  ws.addRow([1, '东沟村', '张秀英', '女', ID1, new Date(Date.UTC(1985, 2, 12)), 13800000001, '湖北省十堰市茅箭区东沟村', '东沟村3组', '已婚', '2008.05.01', '李强', SP1, 1, 1, '上环', '常住'])
  ws.addRow([2, null, '王丽', '女', ID2, 31948, '138 0000 0002', '东沟村', '东沟村1组', '初婚', '2010/6/8', '赵刚', null, '1', '0', '皮埋', '流出'])
  ws.addRow([3, null, '刘芳', '女', 420302198703150028, '19870315', null, null, null, '未婚', null, null, null, 0, 0, '未避孕', '本地'])
  ws.mergeCells('B5:B7')
  ws.addRow([]) // row 8: blank
  ws.addRow(['小 计', null, null, null, null, null, null, null, null, null, null, null, null, 1, 1]) // row 9
  ws.addRow([4, '西岭村', '陈静', '女', ID4, '1990年7月1日', null, null, null, '已婚', '1985.3', '周伟', null, 0, 0, '打针了', '流入']) // row 10
  ws.addRow([5, '西岭村', '赵敏', '女', '4.20302E+17', '1991-2-3']) // row 11
  ws.addRow([6, '西岭村', '孙悦', '女', ID6, '19921105', null, null, null, '同居']) // row 12
  ws.addRow([7, '西岭村', '钱多', '女', ID6, '1992.11.05']) // row 13: same ID again
  ws.addRow([8, '西岭村', null, '女', null, '1993.02.30']) // row 14
  ws.addRow(['合  计', null, null, null, null, null, null, null, null, null, null, null, null, 1, 1]) // row 15
  ws.mergeCells('A15:C15')
  ws.addRow([]) // row 16
  ws.addRow(['制表人：张三', null, null, '审核人：李四', null, null, '负责人：王五', null, null, '日期：2026年11月20日']) // row 17
  ws.getColumn(5).numFmt = '@'
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('a township roster (xlsx)', async () => {
  const sheet = await parseFile('东沟镇花名册.xlsx', await township())
  const r = readRoster(sheet)
  const byRow = new Map(r.rows.map((x) => [x.row, x]))
  const codes = (row: number) => byRow.get(row)!.problems.map((p) => `${p.column}:${p.code}`)

  it('finds the two-row header below the title rows and maps the names as written', () => {
    expect(r.header.row).toBe(3)
    const headers = Object.fromEntries(Object.entries(r.header.mapping).map(([f, c]) => [f, c!.header]))
    expect(headers).toEqual({
      servicePoint: '村组', name: '姓 名', sex: '性别', idNumber: '公民身份号码', birthDate: '出生年月', phone: '联系电话',
      hukouAddress: '户籍地', residenceAddress: '现住址', maritalStatus: '婚姻状况', maritalDate: '初婚日期', spouseName: '配偶姓名',
      spouseIdNumber: '配偶身份证号码', boys: '子女数(男)', girls: '子女数(女)', contraception: '避孕措施', migrantStatus: '流入流出'
    })
    expect(r.header.problems).toEqual([])
  })

  it('reads the data rows with the sheet row numbers, skipping the blank and 小计 rows, ending at 合计', () => {
    expect(r.rows.map((x) => x.row)).toEqual([5, 6, 7, 10, 11, 12, 13, 14])
    expect(r.blank).toBe(1)
    expect(r.subtotalRows).toEqual([9])
    expect(r.endRow).toBe(15)
  })

  it('a good row becomes a full draft: Excel date cell, phone number cell, enum words', () => {
    expect(byRow.get(5)).toEqual({
      row: 5,
      problems: [],
      draft: {
        servicePointName: '东沟村', name: '张秀英', sex: 'female', idNumber: ID1, birthDate: '1985-03-12', phone: '13800000001',
        hukouAddress: '湖北省十堰市茅箭区东沟村', residenceAddress: '东沟村3组', maritalStatus: 'married', maritalDate: '2008-05-01',
        spouseName: '李强', spouseIdNumber: SP1, boys: 1, girls: 1, contraception: 'iud', migrantStatus: 'local'
      }
    })
  })

  it("a good row's draft is what the contract's personFactsInput accepts (the import methods' next step)", () => {
    const { servicePointName, ...facts } = byRow.get(5)!.draft
    expect(servicePointName).toBe('东沟村')
    const parsed = personFactsInput.safeParse({ ...facts, servicePointId: null })
    expect(parsed.success).toBe(true)
    expect(checkIdNumber(facts.idNumber!, { today: '2026-11-29' })).toMatchObject({ valid: true, birth: '1985-03-12', sex: 'female' })
  })

  it('a village merged down applies to every row it spans; an Excel day number and 19870315 are dates', () => {
    expect(byRow.get(6)!.draft).toMatchObject({ servicePointName: '东沟村', birthDate: '1987-06-20', phone: '13800000002', maritalDate: '2010-06-08', contraception: 'implant', migrantStatus: 'out', boys: 1, girls: 0 })
    expect(byRow.get(7)!.draft).toMatchObject({ servicePointName: '东沟村', birthDate: '1987-03-15', maritalStatus: 'unmarried', contraception: 'none' })
    expect(byRow.get(10)!.draft).toMatchObject({ servicePointName: '西岭村', birthDate: '1990-07-01', migrantStatus: 'in' })
  })

  it('an ID stored as a number (cell or 4.20302E+17 text) gets id_as_number in the column as written', () => {
    for (const row of [7, 11]) {
      const p = byRow.get(row)!.problems.find((x) => x.code === 'id_as_number')!
      expect(p).toMatchObject({ row, column: '公民身份号码', field: 'idNumber' })
      expect(p.message).toMatch(/digits were lost.*Text/)
      expect(byRow.get(row)!.draft.idNumber).toBeUndefined()
    }
    expect(codes(7)).toEqual(['公民身份号码:id_as_number'])
  })

  it('every other problem by row and column, with stable codes', () => {
    expect(codes(5)).toEqual([])
    expect(codes(10)).toEqual(['初婚日期:date_incomplete', '避孕措施:enum_unknown'])
    expect(codes(12)).toEqual(['婚姻状况:enum_unknown'])
    expect(codes(13)).toEqual(['公民身份号码:duplicate_in_file'])
    expect(byRow.get(13)!.problems[0].params).toEqual({ firstRow: 12 })
    expect(codes(14)).toEqual(['出生年月:date_invalid', '公民身份号码:required', '姓 名:required'])
    expect(r.problems.map((p) => p.row)).toEqual([7, 10, 10, 11, 12, 13, 14, 14, 14])
  })
})

describe('total and signature rows', () => {
  it.each([['合计'], ['总 计'], ['小计：'], ['制表人：张三'], ['审核人'], ['填报人:李四'], ['负责人'], ['日期：2026-11-20'], ['注：身份证号请设为文本']])('%s', (t) => {
    expect(isFooterRow([null, t])).toBe(true)
  })
  it('data rows are not, even with a remark that starts like a note', () => {
    expect(isFooterRow([1, '东沟村', '张三', '420302198503121234'])).toBe(false)
    expect(isFooterRow([9, '西岭村', '李四', null, '注：已迁出'])).toBe(false)
  })
})

describe('a CSV roster saved by Excel in GBK', () => {
  it('reads like the workbook', async () => {
    // 姓名,身份证号,村 / 张三丰,ID,东沟村 ; GBK bytes for the Chinese, then a 合计 row
    const gbk = (...b: number[]) => b
    const bytes = new Uint8Array([
      ...gbk(0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0xb4, 0xe5), 0x0d, 0x0a,
      ...gbk(0xd5, 0xc5, 0xc8, 0xfd, 0xb7, 0xe1), 0x2c, ...new TextEncoder().encode(`${ID1},"A,B"`), 0x0d, 0x0a,
      ...gbk(0xba, 0xcf, 0xbc, 0xc6), 0x2c, 0x2c, 0x0d, 0x0a
    ])
    const r = readRoster(await parseFile('roster.csv', bytes))
    expect(r.header.mapping.idNumber).toEqual({ index: 1, header: '身份证号' })
    expect(r.rows).toEqual([{ row: 2, draft: { name: '张三丰', idNumber: ID1, servicePointName: 'A,B' }, problems: [] }])
    expect(r.endRow).toBe(3)
  })
})
