import { describe, expect, it } from 'vitest'
import { findHeader, matchField, normalizeHeader, remap } from '../../../src/core/persons/import/header'
import type { CellValue, Sheet } from '../../../src/core/persons/import/parse'

const sheet = (rows: CellValue[][]): Sheet => ({ name: 's', rows: rows.map((cells, i) => ({ row: i + 1, cells })) })

describe('matchField', () => {
  it.each([
    ['身份证号', 'idNumber'], ['身份证号码', 'idNumber'], ['公民身份号码', 'idNumber'], ['证件号码', 'idNumber'], ['身份证号码（18位）', 'idNumber'],
    ['姓名', 'name'], ['性 别', 'sex'], ['出生日期', 'birthDate'], ['出生年月', 'birthDate'], ['出生年月日', 'birthDate'],
    ['联系电话', 'phone'], ['手机号', 'phone'], ['电话', 'phone'], ['户籍地址', 'hukouAddress'], ['户籍地', 'hukouAddress'],
    ['现居住地址', 'residenceAddress'], ['现住址', 'residenceAddress'], ['村', 'servicePoint'], ['村组', 'servicePoint'],
    ['所属村', 'servicePoint'], ['服务点', 'servicePoint'], ['婚姻状况', 'maritalStatus'], ['结婚日期', 'maritalDate'], ['初婚日期', 'maritalDate'],
    ['配偶姓名', 'spouseName'], ['配偶身份证号', 'spouseIdNumber'], ['配偶身份证号码', 'spouseIdNumber'], ['男孩', 'boys'], ['男孩数', 'boys'],
    ['子女数(男)', 'boys'], ['子女数（女）', 'girls'], ['现有子女(女孩)', 'girls'], ['女孩', 'girls'], ['避孕方法', 'contraception'], ['避孕措施', 'contraception'],
    ['流动状态', 'migrantStatus'], ['流入流出', 'migrantStatus'], ['*身份证号:', 'idNumber'], ['身份\n证号', 'idNumber']
  ])('%s -> %s', (h, f) => {
    expect(matchField(h)).toBe(f)
  })

  it('headers that are not ours', () => {
    expect(matchField('序号')).toBeNull()
    expect(matchField('备注')).toBeNull()
    expect(matchField('')).toBeNull()
    expect(normalizeHeader(' 子女数（男） ')).toBe('子女数(男)')
  })
})

describe('findHeader', () => {
  it('below a title and a subtitle; the mapping names the header text each field came from', () => {
    const h = findHeader(
      sheet([
        ['东沟镇育龄妇女花名册', '东沟镇育龄妇女花名册', '东沟镇育龄妇女花名册'],
        ['填报单位：东沟镇计生办', null, '日期：2026年11月20日'],
        ['序号', '公民身份号码', '姓 名', '所属村', '备注'],
        [1, '420302198503121234', '张三', '东沟村']
      ])
    )
    expect(h.row).toBe(3)
    expect(h.dataStart).toBe(3)
    expect(h.problems).toEqual([])
    expect(h.mapping).toEqual({ idNumber: { index: 1, header: '公民身份号码' }, name: { index: 2, header: '姓 名' }, servicePoint: { index: 3, header: '所属村' } })
    expect(h.columns.map((c) => c.field)).toEqual([null, 'idNumber', 'name', 'servicePoint', null])
  })

  it('a two-row header: 子女数 merged over 男 / 女, other headers merged down', () => {
    const h = findHeader(
      sheet([
        ['姓名', '身份证号', '子女数', '子女数'],
        ['姓名', '身份证号', '男', '女'],
        ['张三', '420302198503121234', 1, 0]
      ])
    )
    expect(h.dataStart).toBe(2)
    expect(h.mapping.boys).toEqual({ index: 2, header: '子女数(男)' })
    expect(h.mapping.girls).toEqual({ index: 3, header: '子女数(女)' })
    expect(h.mapping.name?.header).toBe('姓名')
  })

  it('a group header over sub-headers that are fields of their own', () => {
    const h = findHeader(
      sheet([
        ['姓名', '身份证号', '流动情况', '流动情况', '流动情况'],
        ['姓名', '身份证号', '流动类型', '流出地点', '流出时间'],
        ['张三', '420302198503121234', '流出', '广东省东莞市', '2020.01.01']
      ])
    )
    expect(h.problems).toEqual([])
    expect(h.mapping.migrantStatus).toEqual({ index: 2, header: '流动情况(流动类型)' })
    expect(h.mapping.migrantPlace?.index).toBe(3)
    expect(h.mapping.migrantSince?.index).toBe(4)
  })

  it('a two-row header whose other cells are left blank below, not merged', () => {
    const h = findHeader(
      sheet([
        ['花名册'],
        ['姓名', '身份证号', '子女数', null],
        [null, null, '男孩', '女孩'],
        ['张三', '420302198503121234', 1, 2]
      ])
    )
    expect(h.row).toBe(2)
    expect(h.dataStart).toBe(3)
    expect(Object.keys(h.mapping).sort()).toEqual(['boys', 'girls', 'idNumber', 'name'])
    expect(h.mapping.boys?.header).toBe('子女数(男孩)')
  })

  it('a first data row with a blank ID is not taken for sub-headers', () => {
    const h = findHeader(sheet([['姓名', '身份证号', '村', null], ['张三', null, '东沟村', '3组']]))
    expect(h.dataStart).toBe(1)
    expect(h.mapping.servicePoint?.header).toBe('村')
  })

  it('no header, a missing required column, a column twice', () => {
    expect(findHeader(sheet([['a', 'b'], [1, 2]])).problems[0]).toMatchObject({ code: 'header_not_found', row: 1 })
    const h = findHeader(sheet([['标题'], ['姓名', '性别', '电话', '手机号']]))
    expect(h.problems).toEqual([
      expect.objectContaining({ row: 2, column: '手机号', field: 'phone', code: 'column_duplicate' }),
      expect.objectContaining({ row: 2, column: '', field: 'idNumber', code: 'column_missing' })
    ])
    expect(h.mapping.phone).toEqual({ index: 2, header: '电话' })
  })

  it('a header merged across two columns is one column, not a duplicate', () => {
    const h = findHeader(sheet([['姓名', '户籍地址', '户籍地址', '身份证号']]))
    expect(h.problems).toEqual([])
    expect(h.mapping.hukouAddress).toEqual({ index: 1, header: '户籍地址' })
    expect(h.columns[2].field).toBeNull()
  })

  it('remap: the user edits the mapping', () => {
    const h = findHeader(sheet([['姓名', '证号', '电话', '手机号']]))
    expect(h.problems.map((p) => p.code)).toEqual(['column_duplicate', 'column_missing'])
    const e = remap(h, { idNumber: 1, phone: 3 })
    expect(e.problems).toEqual([])
    expect(e.mapping).toEqual({ name: { index: 0, header: '姓名' }, idNumber: { index: 1, header: '证号' }, phone: { index: 3, header: '手机号' } })
    expect(remap(e, { phone: null }).mapping.phone).toBeUndefined()
    expect(h.mapping.phone?.index).toBe(2)
  })
})
