/**
 * A large township roster for the bench, written with exceljs's streaming writer (the
 * in-memory workbook of tests/helpers/roster.ts takes ~25 s and 1.5 GB for 100,000 rows):
 * the same title, subtitle, two-row header with merges, rows and footer, with realistic names.
 */
import ExcelJS from 'exceljs'
import { FEMALE_CHARS, SURNAMES } from '../../src/core/demo/names'
import { ROSTER_HEADER, validRow } from '../helpers/roster'

const CHARS = [...new Set(FEMALE_CHARS)]

/**
 * as many different names as a real register has (pinyin is worked out once per distinct name,
 * so a roster of a few hundred names would flatter the import): ~100 surnames × 1–2 given
 * characters, most of 100,000 names distinct
 */
function nameOf(n: number): string {
  let x = Math.imul(n, 2654435761) >>> 0
  const surname = SURNAMES[x % SURNAMES.length][0]
  x = Math.floor(x / SURNAMES.length)
  const a = CHARS[x % CHARS.length]
  x = Math.floor(x / CHARS.length)
  return x % 5 === 0 ? surname + a : surname + a + CHARS[(x >>> 3) % CHARS.length]
}

export async function writeRosterFile(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false })
  const ws = wb.addWorksheet('育龄妇女花名册')
  const w = ROSTER_HEADER.length
  // the title and header rows are merged before they are committed (a committed row is written out)
  ws.addRow(['中原区示例乡2026年育龄妇女基础信息花名册'])
  ws.addRow(['填报单位：示例乡计划生育服务站（盖章）          填报日期：2026年11月20日'])
  ws.addRow(ROSTER_HEADER)
  const sub = ws.addRow(ROSTER_HEADER.map((_, i) => (i === 13 ? '男' : i === 14 ? '女' : null)))
  ws.mergeCells(1, 1, 1, w)
  ws.mergeCells(2, 1, 2, w)
  for (let c = 1; c <= w; c++) if (c !== 14 && c !== 15) ws.mergeCells(3, c, 4, c)
  ws.mergeCells(3, 14, 3, 15)
  sub.commit()
  for (let i = 1; i <= n; i++) {
    const row = validRow(i)
    row[2] = nameOf(i)
    ws.addRow(row).commit()
  }
  ws.addRow(['合  计', null, null, `${n} 人`]).commit()
  ws.addRow([]).commit()
  ws.addRow(['制表人：张三', null, null, '审核人：李四', null, null, '负责人：王五']).commit()
  ws.commit()
  await wb.commit()
}
