import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { cellText, decodeText, ImportFileError, parseCsv, parseFile, parseXlsx, splitCsv } from '../../../src/core/persons/import/parse'

const utf8 = (s: string) => new TextEncoder().encode(s)
/** 姓名,身份证号,村 in GBK, as a township's Excel saves CSV */
const GBK_HEADER = [0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0xb4, 0xe5]
/** 张三丰 */
const GBK_NAME = [0xd5, 0xc5, 0xc8, 0xfd, 0xb7, 0xe1]

describe('CSV', () => {
  it('UTF-8 with and without BOM', () => {
    const plain = decodeText(utf8('姓名,村\n'))
    expect(plain).toEqual({ text: '姓名,村\n', encoding: 'utf-8' })
    const bom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('姓名,村\n')]))
    expect(bom).toEqual({ text: '姓名,村\n', encoding: 'utf-8' })
  })

  it('GBK bytes (not valid UTF-8) are read as GB18030', () => {
    const bytes = new Uint8Array([...GBK_HEADER, 0x0d, 0x0a, ...GBK_NAME, 0x2c, ...utf8('420302198503121234,'), 0x0d, 0x0a])
    expect(decodeText(bytes).encoding).toBe('gb18030')
    const sheet = parseCsv(bytes)
    expect(sheet.rows.map((r) => r.cells)).toEqual([
      ['姓名', '身份证号', '村'],
      ['张三丰', '420302198503121234', null]
    ])
  })

  it('quoted fields keep commas, doubled quotes and newlines; row numbers are the lines a spreadsheet shows', () => {
    expect(splitCsv('a,"b,c","say ""hi"""\r\n"line1\nline2",x,\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['line1\nline2', 'x', '']
    ])
    expect(parseCsv(utf8('="420302198503121234",\t420302198503121234\n')).rows[0].cells).toEqual(['420302198503121234', '420302198503121234'])
    const sheet = parseCsv(utf8('姓名,住址\n\n张三,"东沟村,3组"\n'))
    expect(sheet.rows).toEqual([
      { row: 1, cells: ['姓名', '住址'] },
      { row: 2, cells: [null] },
      { row: 3, cells: ['张三', '东沟村,3组'] }
    ])
  })
})

describe('xlsx', () => {
  it('a merged cell gives its value to every cell it spans; cells keep their kind', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('花名册')
    ws.addRow(['标题'])
    ws.mergeCells('A1:C1')
    ws.addRow(['东沟村', 420302198503121234, new Date(Date.UTC(1985, 2, 12))])
    ws.addRow([null, { richText: [{ text: '张' }, { text: '三' }] }, { formula: '1+1', result: 2 }])
    ws.mergeCells('A2:A3')
    const sheet = await parseXlsx(new Uint8Array(await wb.xlsx.writeBuffer()))
    expect(sheet.name).toBe('花名册')
    expect(sheet.rows[0].cells).toEqual(['标题', '标题', '标题'])
    expect(sheet.rows[1].cells).toEqual(['东沟村', 420302198503121234, new Date(Date.UTC(1985, 2, 12))])
    expect(sheet.rows[2]).toEqual({ row: 3, cells: ['东沟村', '张三', 2] })
  })

  it('parseFile tells xlsx, old xls, CSV and other files apart', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('a').addRow(['姓名'])
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer())
    expect((await parseFile('名单.XLSX', xlsx)).rows[0].cells).toEqual(['姓名'])
    expect((await parseFile('名单.csv', utf8('姓名\n'))).rows[0].cells).toEqual(['姓名'])
    const code = async (name: string, b: Uint8Array) => parseFile(name, b).then(() => 'ok', (e: ImportFileError) => e.code)
    expect(await code('a.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toBe('xls_unsupported')
    expect(await code('a.csv', new Uint8Array())).toBe('file_empty')
    expect(await code('a.pdf', utf8('%PDF'))).toBe('unsupported_format')
    expect(await code('a.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('file_unreadable')
  })

  it('cellText', () => {
    expect(cellText(13800000001)).toBe('13800000001')
    expect(cellText(new Date(Date.UTC(1985, 2, 12)))).toBe('1985-03-12')
    expect(cellText(null)).toBe('')
  })
})
