/**
 * Township rosters as test data, built with exceljs (no binary fixtures): a title merged across,
 * a 填报单位/日期 subtitle, a two-row header (子女数 over 男/女), villages merged down, dates
 * in the ways townships write them, total and signature rows at the bottom. `bad` rows carry
 * the mistakes clerks make; the rest are valid for the test station (410102001, village
 * 一村服务室 = 一村).
 */
import ExcelJS from 'exceljs'

export const ROSTER_HEADER = ['序号', '村组', '姓 名', '性别', '公民身份号码', '出生年月', '联系电话', '户籍地址', '现住址', '婚姻状况', '初婚日期', '配偶姓名', '配偶身份证号码', '子女数', '子女数', '避孕措施', '流入流出', '流出地点']

export type RosterRow = (string | number | Date | null)[]

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'
const GIVEN = ['秀英', '桂英', '丽', '静', '敏', '燕', '艳', '娟', '霞', '芳', '玲', '婷', '慧', '雪梅', '海燕', '晓红', '春梅', '丽娟', '建华', '玉兰']

/** the n-th valid woman of the roster: deterministic, unique ID per n */
export function validRow(n: number, village = '一村'): RosterRow {
  const year = 1970 + (n % 30)
  const month = 1 + (n % 12)
  const day = 1 + (n % 28)
  const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
  // unique for n < 210,000: the birth date repeats every 420 rows, the sequence counts the rounds
  const first17 = `410102${birth}${String(Math.floor(n / 420) % 100).padStart(2, '0')}${(Math.floor(n / 42000) % 5) * 2}`
  const full = first17 + checkChar(first17)
  const married = n % 4 !== 0
  const spouse = married ? spouseId(n) : null
  return [
    n, village, SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length], '女', full, `${year}.${String(month).padStart(2, '0')}`,
    `138${String(n).padStart(8, '0')}`, '郑州市中原区建设路' + (n % 50) + '号', '一村' + (n % 9 + 1) + '组',
    married ? '已婚' : '未婚', married ? `${year + 22}.05.01` : null, married ? '李强' : null, spouse, married ? n % 2 : 0, married ? (n + 1) % 2 : 0,
    married ? '上环' : '未避孕', n % 10 === 3 ? '流出' : '常住', n % 10 === 3 ? '广东省深圳市' : null
  ]
}

function spouseId(n: number): string {
  const first17 = `410102${1965 + (n % 30)}0101${String(n % 100).padStart(2, '0')}${(n % 4) * 2 + 1}`
  return first17 + checkChar(first17)
}

function checkChar(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let s = 0
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * W[i]
  return '10X98765432'[s % 11]
}

/** rows a clerk gets wrong: each names the column and the problem code the import must report */
export function badRows(): { row: RosterRow; column: string; code: string }[] {
  const base = (n: number) => validRow(n)
  const wrongCheck = (() => {
    const r = base(9001)
    const id = String(r[4])
    r[4] = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    return r
  })()
  const asNumber = (() => {
    const r = base(9002)
    r[4] = Number(String(r[4]).slice(0, 17))
    return r
  })()
  const badDate = (() => {
    const r = base(9003)
    r[10] = '2008.02.30'
    return r
  })()
  const unknownVillage = (() => {
    const r = base(9004)
    r[1] = '不存在村'
    return r
  })()
  const badMarital = (() => {
    const r = base(9005)
    r[9] = '同居'
    return r
  })()
  const wrongBirth = (() => {
    const r = base(9006)
    r[5] = '1950.01'
    return r
  })()
  return [
    { row: wrongCheck, column: '公民身份号码', code: 'id_checksum' },
    { row: asNumber, column: '公民身份号码', code: 'id_as_number' },
    { row: badDate, column: '初婚日期', code: 'date_invalid' },
    { row: unknownVillage, column: '村组', code: 'service_point_unknown' },
    { row: badMarital, column: '婚姻状况', code: 'enum_unknown' },
    { row: wrongBirth, column: '出生年月', code: 'birth_mismatch' }
  ]
}

/** a roster workbook: title, subtitle, two-row header, the rows, 合计 and signature rows */
export async function rosterXlsx(rows: RosterRow[], opts: { mergeVillages?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('育龄妇女花名册')
  const n = ROSTER_HEADER.length
  ws.addRow(['中原区示例乡2026年育龄妇女基础信息花名册'])
  ws.mergeCells(1, 1, 1, n)
  ws.addRow(['填报单位：示例乡计划生育服务站（盖章）          填报日期：2026年11月20日'])
  ws.mergeCells(2, 1, 2, n)
  ws.addRow(ROSTER_HEADER)
  ws.addRow(ROSTER_HEADER.map((_, i) => (i === 13 ? '男' : i === 14 ? '女' : null)))
  for (let c = 1; c <= n; c++) if (c !== 14 && c !== 15) ws.mergeCells(3, c, 4, c)
  ws.mergeCells(3, 14, 3, 15)
  ws.getColumn(5).numFmt = '@'
  ws.getColumn(13).numFmt = '@'
  for (const r of rows) ws.addRow(r)
  if (opts.mergeVillages && rows.length > 2) {
    // the first village's cell merged down its first three rows, as a clerk formats it
    ws.mergeCells(5, 2, 7, 2)
  }
  const last = 4 + rows.length
  ws.addRow(['合  计', null, null, `${rows.length} 人`])
  ws.mergeCells(last + 1, 1, last + 1, 3)
  ws.addRow([])
  ws.addRow(['制表人：张三', null, null, '审核人：李四', null, null, '负责人：王五', null, null, '日期：2026年11月20日'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** the same rows as a CSV (UTF-8 with BOM, as Excel writes it), header on one row */
export function rosterCsv(rows: RosterRow[]): Buffer {
  const header = ROSTER_HEADER.map((h, i) => (i === 13 ? '子女数(男)' : i === 14 ? '子女数(女)' : h))
  const esc = (v: RosterRow[number]) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [header, ...rows].map((r) => r.map(esc).join(','))
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8')
}
