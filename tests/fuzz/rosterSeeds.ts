/**
 * Seeds for fuzzing the roster import (rosters.test.ts): valid township rosters made here with
 * exceljs (a title merged across, a two-row merged header, villages merged down, good rows and
 * the mistakes clerks make, total and signature rows; a workbook with an empty first sheet, dates,
 * formulas, rich text and a 1904 date system) and CSV files in UTF-8 (with and without BOM) and in
 * GBK. Also the structure-aware xlsx mutator: the zip is opened, one of its parts (the worksheet,
 * shared strings, workbook, relationships, styles) is changed as XML or an entry is dropped,
 * renamed or added, and the zip is written again, so the change reaches the reader past the zip's
 * checksums.
 */
import ExcelJS from 'exceljs'
import { unzipSync, zipSync, type Zippable } from 'fflate'
import { constants as zlibConstants, deflateRawSync } from 'node:zlib'
import { badRows, rosterCsv, rosterXlsx, validRow, type RosterRow } from '../helpers/roster'
import { mutateText, type Rng } from './mutate'

export interface Seed {
  name: string
  filename: string
  bytes: Buffer
  /** a CSV's text and how it is encoded (text mutations are made on the text, then encoded again) */
  text?: string
  encoding?: 'utf-8' | 'gbk'
}

// ---- GBK: Node decodes it but cannot encode it; the table is built from the decoder ----

let GBK: Map<string, number[]> | undefined

/** text -> GBK bytes (a character GBK does not have becomes '?') */
export function encodeGbk(text: string): Buffer {
  if (!GBK) {
    GBK = new Map()
    const td = new TextDecoder('gbk')
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = td.decode(new Uint8Array([lead, trail]))
        if (ch.length === 1 && ch !== '\ufffd' && !GBK.has(ch)) GBK.set(ch, [lead, trail])
      }
  }
  const out: number[] = []
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if (c < 0x80) out.push(c)
    else out.push(...(GBK.get(ch) ?? [0x3f]))
  }
  return Buffer.from(out)
}

export function encodeAs(text: string, encoding: 'utf-8' | 'gbk'): Buffer {
  return encoding === 'gbk' ? encodeGbk(text) : Buffer.from(text, 'utf8')
}

// ---- seeds ----

const good = (n: number, from = 1): RosterRow[] => Array.from({ length: n }, (_, i) => validRow(from + i))

/** a workbook unlike the township template: an empty first sheet, one header row, typed cells, a second sheet */
async function typedWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.properties.date1904 = true
  wb.addWorksheet('说明')
  const ws = wb.addWorksheet('名单')
  ws.addRow(['姓名', '身份证号', '村', '出生日期', '联系电话', '婚姻状况', '男孩', '女孩', '备注'])
  const rows = good(6, 300)
  rows.forEach((r, i) => {
    const id = String(r[4])
    const birth = new Date(Date.UTC(+id.slice(6, 10), +id.slice(10, 12) - 1, +id.slice(12, 14)))
    const name = i === 1 ? { richText: [{ text: String(r[2]).slice(0, 1), font: { bold: true } }, { text: String(r[2]).slice(1) }] } : r[2]
    const boys = i === 2 ? { formula: '1-1', result: 0 } : r[13]
    ws.addRow([name, id, r[1], birth, r[6], r[9], boys, r[14], i === 3 ? true : `备注${i}`])
  })
  ws.getColumn(4).numFmt = 'yyyy"年"m"月"d"日"'
  ws.getColumn(2).numFmt = '@'
  // mistakes: an ID Excel turned into a number, a date that is no date, a name missing
  ws.addRow(['李四', 410102198001011234, '一村', '1980.13.01', '138', '已婚', 'x', -1, null])
  ws.addRow([null, String(validRow(400)[4]), '二村', new Date(Date.UTC(2099, 0, 1)), null, '离异', 21, 0, null])
  ws.addRow(['合计', null, null, null, null, null, { formula: 'SUM(G2:G9)', result: 3 }])
  ws.mergeCells('A12:C12')
  wb.addWorksheet('第二村').addRow(['姓名', '身份证号']).commit()
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** a CSV as another system writes it: no BOM, LF, quoted commas and line breaks, ="…" IDs, a blank and a 小计 row */
function plainCsvText(): string {
  const rows = good(5, 500)
  const lines = ['姓名,身份证号,村,出生日期,婚姻状况,配偶姓名,配偶身份证号,男孩,女孩,避孕措施,备注']
  rows.forEach((r, i) => {
    const id = i === 1 ? `="${r[4]}"` : String(r[4])
    const remark = i === 2 ? '"住址：一村,3组\n（新址）"' : i === 3 ? '"他说""搬了"""' : ''
    lines.push([r[2], id, r[1], r[5], r[9], r[11] ?? '', r[12] ?? '', r[13], r[14], r[15], remark].join(','))
    if (i === 2) lines.push(',,,,,,,,,,', '小计,,,,,,,,,,')
  })
  lines.push('王五,41010219850230123X,一村,1985.02.30,已婚,,,1,0,上环,', '赵六,4101021985,三村,1985-01-01,未婚,,,0,0,,', '合计,7人,,,,,,,,,')
  return lines.join('\n') + '\n'
}

export async function rosterSeeds(): Promise<{ xlsx: Seed[]; csv: Seed[] }> {
  const bad = badRows().map((b) => b.row)
  const mixed = [...good(3), ...bad, ...good(2, 4)]
  const township = await rosterXlsx(mixed, { mergeVillages: true })
  const clean = await rosterXlsx(good(4, 100))
  const typed = await typedWorkbook()
  const csvUtf8 = rosterCsv(mixed)
  const csvText = csvUtf8.toString('utf8').replace(/^\uFEFF/, '')
  const plain = plainCsvText()
  return {
    xlsx: [
      { name: 'township roster (merged header, good and bad rows)', filename: '示例乡花名册.xlsx', bytes: township },
      { name: 'all-valid roster', filename: 'roster.xlsx', bytes: clean },
      { name: 'typed workbook (empty first sheet, dates, formulas, 1904)', filename: '名单.xlsx', bytes: typed }
    ],
    csv: [
      { name: 'roster csv UTF-8 with BOM', filename: '花名册.csv', bytes: csvUtf8, text: '\uFEFF' + csvText, encoding: 'utf-8' },
      { name: 'roster csv GBK', filename: '花名册.csv', bytes: encodeGbk(csvText), text: csvText, encoding: 'gbk' },
      { name: 'plain csv UTF-8 (LF, quotes, ="…")', filename: 'list.csv', bytes: Buffer.from(plain, 'utf8'), text: plain, encoding: 'utf-8' },
      { name: 'plain csv GBK', filename: 'list.txt', bytes: encodeGbk(plain), text: plain, encoding: 'gbk' }
    ]
  }
}

// ---- structure-aware xlsx mutations ----

const ATTR_VALUES = [
  '', '0', '-1', '1', '2', '3', '65', '99999999', '4294967297', '1e308', 'NaN', 's', 'str', 'inlineStr', 'b', 'e', 'd', 'n', 'A0', 'A1', 'AAA1',
  'A1048576', 'A1048577', 'XFD1', 'XFE1', 'ZZZZZZ1', '1A', 'A1:A1048576', 'A1:XFD1', 'A1:XFD1048576', 'B2:A1', 'A5:R9', 'C3:C3', '1048576', '1048577',
  '../../../etc/passwd', '/xl/worksheets/sheet1.xml', 'worksheets/SHEET1.XML', 'sharedStrings.xml', 'styles.xml', 'rId1', 'rId2', 'rId99', '&amp;', '&#0;',
  '&#x110000;', '&bogus;', '%', '%zz', '中文', '\u0000', 'true', 'false', '1900-02-29T00:00:00', '2026-13-45', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings', 'External', 'yyyy-mm-dd', '[h]:mm', '"y"', '@', '14', '164'
]
const TEXT_VALUES = [
  '', ' ', '-1', '0', '1e999', '-1e999', '99999999999', '1.5', 'NaN', '45000', '-693594', '2958466', '2958466.99999', '&#0;', '&#xD800;', '&#x110000;', '&amp',
  '&lt;c&gt;', '<![CDATA[x]]>', '<![CDATA[', '_x0000_', '_xD800_', '_x00', ']]>', 'A'.repeat(5000), '中文', '合计', '身份证号', '姓名', '1900-01-00', '2026-02-30',
  '410102198001011234', '4.10102198001011E+17', '<!-- c -->', '<x/>', '<', '>', '&'
]
const TAG_NAMES = ['c', 'row', 'v', 'f', 'is', 't', 'r', 'rPh', 'si', 'sst', 'sheet', 'sheets', 'sheetData', 'mergeCell', 'mergeCells', 'x:c', 'x:row', 'worksheet', 'workbook', 'Relationship', 'xf', 'numFmt', 'cellXfs']

/** spans of a regex's first group in xml */
function spans(xml: string, re: RegExp): [number, number][] {
  const out: [number, number][] = []
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const at = m.index + m[0].indexOf(m[1])
    out.push([at, at + m[1].length])
    if (out.length > 20000) break
  }
  return out
}

/** an element's span from its start tag: self-closed, or to the first matching end tag */
function elementAt(xml: string, lt: number): [number, number] | null {
  const m = /^<([\w:.-]+)[^>]*?(\/?)>/.exec(xml.slice(lt, lt + 2000))
  if (!m) return null
  if (m[2]) return [lt, lt + m[0].length]
  const end = xml.indexOf(`</${m[1]}>`, lt)
  return end < 0 ? null : [lt, end + m[1].length + 3]
}

/** one change of an XML part's text */
export function mutateXml(xml: string, r: Rng): { xml: string; how: string } {
  const starts = spans(xml, /(<)[A-Za-z]/g).map((s) => s[0])
  switch (r.int(11)) {
    case 8:
    case 9: {
      // the attributes the reader goes by: a cell's or row's r, a type, a style, a merge's ref, a relationship
      const at = spans(xml, /\s(?:r|ref|t|s|Target|Id|r:id|Type|numFmtId|date1904|name)="([^"]*)"/g)
      if (!at.length) break
      const [a, b] = r.pick(at)
      const v = r.pick(ATTR_VALUES)
      return { xml: xml.slice(0, a) + v + xml.slice(b), how: `key attribute "${xml.slice(a, b).slice(0, 40)}" -> "${v.slice(0, 40)}"` }
    }
    case 0: {
      const at = spans(xml, /="([^"]*)"/g)
      if (!at.length) break
      const [a, b] = r.pick(at)
      const v = r.next() < 0.8 ? r.pick(ATTR_VALUES) : String(r.int(2 ** 31) - 2 ** 30)
      return { xml: xml.slice(0, a) + v + xml.slice(b), how: `attribute "${xml.slice(a, b).slice(0, 40)}" -> "${v.slice(0, 40)}"` }
    }
    case 1: {
      const at = spans(xml, />([^<]+)</g)
      if (!at.length) break
      const [a, b] = r.pick(at)
      const v = r.pick(TEXT_VALUES)
      return { xml: xml.slice(0, a) + v + xml.slice(b), how: `text "${xml.slice(a, b).slice(0, 40)}" -> "${v.slice(0, 40)}"` }
    }
    case 2:
    case 3: {
      if (!starts.length) break
      const el = elementAt(xml, r.pick(starts))
      if (!el) break
      const [a, b] = el
      if (r.int(2) === 0) return { xml: xml.slice(0, a) + xml.slice(b), how: `drop element ${xml.slice(a, a + 30)}` }
      const times = r.pick([1, 1, 2, 50])
      return { xml: xml.slice(0, b) + xml.slice(a, b).repeat(times) + xml.slice(b), how: `repeat element ${xml.slice(a, a + 30)} ${times}x` }
    }
    case 4: {
      if (starts.length < 2) break
      const a = r.pick(starts)
      const b = r.pick(starts)
      const [x, y] = a < b ? [a, b] : [b, a]
      return { xml: xml.slice(0, x) + xml.slice(y), how: `cut ${x}..${y}` }
    }
    case 5: {
      const at = r.int(xml.length + 1)
      return { xml: xml.slice(0, at), how: `truncate at ${at}` }
    }
    case 6: {
      const at = spans(xml, /<\/?([\w:.-]+)/g)
      if (!at.length) break
      const [a, b] = r.pick(at)
      const v = r.pick(TAG_NAMES)
      return { xml: xml.slice(0, a) + v + xml.slice(b), how: `rename <${xml.slice(a, b)}> to <${v}>` }
    }
    case 7:
      return { xml: xml.replace(/<(\/?)(?!\?)(?!x:)([A-Za-z])/g, '<$1x:$2'), how: 'every element given the prefix x:' }
  }
  const m = mutateText(xml, r)
  return { xml: m.text, how: m.how }
}

/** which part to change: mostly the ones the reader reads */
function pickPart(names: string[], r: Rng): string {
  const weighted = (n: string) => (/worksheets\/sheet\d*\.xml$/i.test(n) ? 8 : /sharedStrings/i.test(n) ? 4 : /workbook\.xml$/i.test(n) ? 3 : /\.rels$/i.test(n) ? 2 : /styles/i.test(n) ? 2 : 1)
  const total = names.reduce((s, n) => s + weighted(n), 0)
  let at = r.next() * total
  for (const n of names) if ((at -= weighted(n)) < 0) return n
  return names[names.length - 1]
}

/** unzip, change a part or an entry (1–3 times), zip again */
export function mutateXlsx(bytes: Uint8Array, r: Rng): { bytes: Buffer; how: string } {
  const files: Record<string, Uint8Array> = unzipSync(bytes)
  const hows: string[] = []
  for (let k = 1 + r.int(3); k > 0; k--) {
    const names = Object.keys(files)
    if (!names.length) break
    const name = pickPart(names, r)
    const op = r.int(10)
    if (op === 0) {
      delete files[name]
      hows.push(`drop ${name}`)
    } else if (op === 1) {
      const to = r.pick([name.toUpperCase(), `/${name}`, name.replace(/\//g, '\\'), `${name}.bak`, r.pick(names)])
      const data = files[name]
      delete files[name]
      files[to] = data
      hows.push(`rename ${name} to ${to}`)
    } else if (op === 2) {
      const from = r.int(2) ? r.pick(names) : null
      files[name] = from ? files[from] : new Uint8Array(0)
      hows.push(`${name} = ${from ?? 'empty'}`)
    } else {
      const m = mutateXml(new TextDecoder().decode(files[name]), r)
      files[name] = new TextEncoder().encode(m.xml)
      hows.push(`${name}: ${m.how}`)
    }
  }
  const level = r.pick([0, 6] as const)
  const zippable: Zippable = {}
  for (const [n, d] of Object.entries(files)) zippable[n] = [d, { level }]
  return { bytes: Buffer.from(zipSync(zippable)), how: hows.join('; ') }
}

// ---- a zip bomb: megabytes of spaces in a few hundred bytes each ----

/**
 * The xlsx with one part replaced by `mib` MiB of spaces (inside the part's XML, after `at`), its
 * deflate stream made in a moment: a sync-flushed block of 1 MiB of spaces (≈1 KB, referring only
 * to itself) repeated, then the rest. The zip is written by hand, since it stores a stream made here.
 */
export function bombXlsx(xlsx: Uint8Array, part: string, at: string, mib: number): Buffer {
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: zlibConstants.Z_SYNC_FLUSH })
  const files = unzipSync(xlsx)
  const xml = Buffer.from(files[part])
  const cut = xml.indexOf(at) + at.length
  const block = flushed(Buffer.alloc(1 << 20, 32))
  const bomb = Buffer.concat([flushed(xml.subarray(0, cut)), ...Array<Buffer>(mib).fill(block), deflateRawSync(xml.subarray(cut))])
  const le = (...fields: [number, 2 | 4][]) => Buffer.concat(fields.map(([v, n]) => Buffer.from(n === 2 ? [v & 255, v >>> 8] : [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24])))
  const local: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [name, data] of Object.entries(files)) {
    const body = name === part ? bomb : Buffer.from(data)
    const n = Buffer.from(name)
    const size = name === part ? (mib * (1 << 20) + xml.length) % 2 ** 32 : body.length
    // method, time and date, CRC (0: no reader checks it), sizes, name and extra lengths
    const common: [number, 2 | 4][] = [[name === part ? 8 : 0, 2], [0, 4], [0, 4], [body.length, 4], [size, 4], [n.length, 2], [0, 2]]
    local.push(le([0x04034b50, 4], [20, 2], [0, 2], ...common), n, body)
    central.push(le([0x02014b50, 4], [20, 2], [20, 2], [0, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]), n)
    offset += 30 + n.length + body.length
  }
  const dir = Buffer.concat(central)
  const end = le([0x06054b50, 4], [0, 2], [0, 2], [central.length / 2, 2], [central.length / 2, 2], [dir.length, 4], [offset, 4], [0, 2])
  return Buffer.concat([...local, dir, end])
}
