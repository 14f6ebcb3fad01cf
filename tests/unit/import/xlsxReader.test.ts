/**
 * readXlsx (the hand-written xlsx reader) against the exceljs-based parseXlsx it replaced, kept
 * here as the oracle: workbooks made with exceljs (a roster, rich text, formulas, dates in several
 * formats, 1904 dates, merges, gaps, several sheets) and minimal workbooks zipped by hand for what
 * exceljs does not write (phonetic runs, inline strings, t="d" dates, prefixed elements).
 */
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { cellText, ImportFileError, type CellValue, type Sheet, type SheetRow } from '../../../src/core/persons/import/parse'
import { readXlsx } from '../../../src/core/persons/import/xlsxReader'
import { isDateFormat } from '../../../src/core/persons/import/xlsxStyles'
import { badRows, rosterXlsx, validRow } from '../../helpers/roster'

// ---- the oracle: parseXlsx as it was with exceljs ----

function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null)
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('error' in v) return null
  }
  return null
}

async function oracle(data: Uint8Array, sheetName?: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer)
  } catch (e) {
    throw new ImportFileError('file_unreadable', `the workbook cannot be read: ${(e as Error).message}`)
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets.find((w) => w.actualRowCount > 0)
  if (!ws) throw new ImportFileError('file_empty', sheetName ? `no sheet named ${sheetName}` : 'the workbook has no data')
  const width = ws.columnCount
  const rows: SheetRow[] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const cells: CellValue[] = []
    for (let c = 1; c <= width; c++) cells.push(plain(row.getCell(c).value))
    while (cells.length && cellText(cells[cells.length - 1]) === '') cells.pop()
    rows.push({ row: r, cells })
  }
  return { name: ws.name, rows }
}

const bytes = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer())

/** exceljs's streaming writer without shared strings: text as t="str", rich text as inline strings */
async function streamedXlsx(fill: (wb: ExcelJS.Workbook) => ExcelJS.Worksheet[]): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  const stream = new PassThrough().on('data', (c: Buffer) => chunks.push(c))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true })
  for (const ws of fill(wb)) ws.commit()
  await wb.commit()
  return new Uint8Array(Buffer.concat(chunks))
}
const code = (f: () => unknown) => {
  try {
    f()
    return 'ok'
  } catch (e) {
    return e instanceof ImportFileError ? e.code : `not an ImportFileError: ${(e as Error).message}`
  }
}

/** readXlsx answers what the oracle answers, error codes included */
async function same(data: Uint8Array, sheetName?: string): Promise<Sheet> {
  const expected = await oracle(data, sheetName).catch((e: ImportFileError) => e.code)
  if (typeof expected === 'string') {
    expect(code(() => readXlsx(data, sheetName))).toBe(expected)
    return { name: '', rows: [] }
  }
  const got = readXlsx(data, sheetName)
  // the workbook's sheet list is ours alone (the oracle did not give it)
  const { sheets, ...rest } = got
  expect(rest).toEqual(expected)
  expect(sheets?.length).toBeGreaterThan(0)
  return rest
}

const UTC = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min))

// ---- workbooks by hand ----

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" xfId="0" applyNumberFormat="1"/><xf numFmtId="31" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`

interface HandSheet {
  name: string
  xml: string
}

/** a minimal workbook: the sheets (sheetData inner XML or a whole part), shared strings, styles */
function handBook(sheets: HandSheet[], opts: { sst?: string[]; sstXml?: string; absolute?: boolean } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {}
  const put = (name: string, text: string) => (files[name] = strToU8(text))
  put('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
  put('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
  put('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><workbookPr/><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 10}"/>`).join('')}</sheets></workbook>`)
  const dir = opts.absolute ? '/xl/' : ''
  put('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="${dir}styles.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="${dir}sharedStrings.xml"/>${sheets.map((_, i) => `<Relationship Id="rId${i + 10}" Type="${REL}/worksheet" Target="${dir}worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`)
  put('xl/styles.xml', STYLES)
  const sst = opts.sstXml ?? `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${opts.sst?.length ?? 0}" uniqueCount="${opts.sst?.length ?? 0}">${(opts.sst ?? []).map((s) => `<si>${s}</si>`).join('')}</sst>`
  put('xl/sharedStrings.xml', sst)
  sheets.forEach((s, i) => put(`xl/worksheets/sheet${i + 1}.xml`, s.xml.startsWith('<?xml') ? s.xml : `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${s.xml}</sheetData></worksheet>`))
  return zipSync(files)
}

describe('readXlsx gives what the exceljs reader gave', () => {
  it('a roster: title and subtitle merged across, two-row header, villages merged down, valid and bad rows, footer', async () => {
    const rows = [...Array.from({ length: 40 }, (_, i) => validRow(i + 1)), ...badRows().map((b) => b.row)]
    for (const mergeVillages of [false, true]) {
      const sheet = await same(new Uint8Array(await rosterXlsx(rows, { mergeVillages })))
      expect(sheet.rows).toHaveLength(4 + rows.length + 3)
      expect(sheet.rows[0].cells).toHaveLength(18)
    }
  })

  it('a roster large enough to be decoded in several slices', async () => {
    const data = new Uint8Array(await rosterXlsx(Array.from({ length: 4000 }, (_, i) => validRow(i + 1)), { mergeVillages: true }))
    expect(unzipSync(data)['xl/worksheets/sheet1.xml'].length).toBeGreaterThan(2 << 20)
    expect((await same(data)).rows).toHaveLength(4007)
  })

  it('rich text, formulas, booleans, errors, hyperlinks, numbers and awkward text', async () => {
    const rows: ExcelJS.CellValue[][] = [
      [{ richText: [{ text: '张', font: { bold: true } }, { text: '秀英' }] }, { formula: 'A5+1', result: 3 }, { formula: 'CONCAT("a","b")', result: 'a<b>&"c"' }, { formula: 'TRUE()', result: true }],
      [true, false, { error: '#N/A' }, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'NOW()' }],
      [{ text: '链接', hyperlink: 'http://example.org/?a=1&b=2' }, 0, -12.5, 1e-7, 420302198503121234, 13800000001],
      ['  前后空格  ', 'a & b < c > d " e \' f', '行一\n行二', 'tab\there', '😀 表情', '   ']
    ]
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('值')
    for (const r of rows) ws.addRow(r)
    ws.addRow(['_x0041_ literal', { sharedFormula: 'B1', result: 4 } as unknown as ExcelJS.CellValue])
    ws.getCell('B1').value = { formula: 'A5+1', result: 3, shareType: 'shared', ref: 'B1:B5' } as unknown as ExcelJS.CellValue
    const sheet = await same(await bytes(wb))
    expect(sheet.rows[0].cells).toEqual(['张秀英', 3, 'a<b>&"c"', true])
    expect(sheet.rows[4].cells).toEqual(['A literal', 4])
    const streamed = await streamedXlsx((w) => {
      const sws = w.addWorksheet('值')
      for (const r of rows) sws.addRow(r).commit()
      return [sws]
    })
    expect(strFromU8(unzipSync(streamed)['xl/worksheets/sheet1.xml'])).toMatch(/t="inlineStr".*t="str"/s)
    expect((await same(streamed)).rows[0].cells[0]).toBe('张秀英')
  })

  it('dates: built-in, custom (yyyy年m月d日, with time), 1900 and 1904 systems; text and number formats stay numbers', async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook()
      wb.properties.date1904 = date1904
      const ws = wb.addWorksheet('日期')
      const formats = ['mm-dd-yy', 'd-mmm-yy', 'yyyy年m月d日', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d;@', 'yyyy-mm-dd hh:mm', 'yyyy.mm', 'm/d/yy h:mm', '[DBNum1][$-804]yyyy"年"m"月"']
      formats.forEach((f, i) => {
        const c = ws.getCell(i + 1, 1)
        c.value = UTC(1985 + i, 3, 12, i === 5 ? 14 : 0, i === 5 ? 30 : 0)
        c.numFmt = f
        const d = ws.getCell(i + 1, 2)
        d.value = { formula: 'A1', result: UTC(2000, 1, 1 + i) }
        d.numFmt = f
      })
      const t = ws.getCell(1, 3)
      t.value = 420302198503121234
      t.numFmt = '@'
      const n = ws.getCell(2, 3)
      n.value = 31948
      n.numFmt = '0.00'
      const m = ws.getCell(3, 3)
      m.value = 44000.5
      m.numFmt = '#,##0.00 "元"'
      ws.getCell(4, 3).value = UTC(1900, 1, 1)
      const sheet = await same(await bytes(wb))
      expect(sheet.rows[2].cells[0]).toEqual(UTC(1987, 3, 12))
      expect(sheet.rows[0].cells[2]).toBe(420302198503121234)
    }
  })

  it('merged blocks, gaps between rows, a merge that makes the last rows, styled empty cells far right', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('合并')
    ws.getCell('A1').value = '标题'
    ws.mergeCells('A1:F1')
    ws.getCell('B3').value = '东沟村'
    ws.getCell('C3').value = 1
    ws.mergeCells('B3:B6')
    ws.getCell('C10').value = new Date(Date.UTC(1990, 0, 2))
    ws.mergeCells('C10:D12')
    ws.getCell('E20').value = null
    ws.mergeCells('E20:F24') // an empty master: its rows still count
    ws.getCell('Z7').style = { font: { bold: true } }
    ws.getCell('A7').value = '有值'
    ws.getRow(15).height = 30
    await same(await bytes(wb))
  })

  it('the first sheet with data, or the one named; a named empty sheet; no such name; nothing anywhere', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('空表')
    wb.addWorksheet('第一').addRow(['甲'])
    wb.addWorksheet('第二').addRow(['乙', 2])
    wb.addWorksheet('也空')
    const data = await bytes(wb)
    expect((await same(data)).name).toBe('第一')
    expect((await same(data, '第二')).rows).toEqual([{ row: 1, cells: ['乙', 2] }])
    expect(await same(data, '也空')).toEqual({ name: '也空', rows: [] })
    expect(readXlsx(data).sheets).toEqual(['空表', '第一', '第二', '也空'])
    await same(data, '没有这张表')
    expect(code(() => readXlsx(data, '没有这张表'))).toBe('file_empty')
    const empty = new ExcelJS.Workbook()
    empty.addWorksheet('a')
    empty.addWorksheet('b').getCell('C3').style = { font: { italic: true } }
    await same(await bytes(empty))
    expect(code(() => readXlsx(handBook([{ name: 'a', xml: '<row r="1"><c r="A1" s="1"/></row>' }])))).toBe('file_empty')
  })

  it('hand-zipped parts: out-of-order sheets, absolute targets, gaps, a slave with its own value, cells without r', async () => {
    const sheet1 = '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2"><v>7</v></c></row><row r="5"/><row r="6" spans="1:3"><c r="A6" s="1"><v>31120</v></c><c r="B6" s="2"><v>31121</v></c><c r="C6" s="3"><v>31122</v></c></row>'
    const sheet2 = '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c></row><row r="3"><c r="A3"><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row>'
    const withMerge = sheet2.replace('<row r="3">', '<row r="2"><c r="A2"><v>9</v></c></row><row r="3">')
    const merged = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${withMerge}</sheetData><mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="E3:F9"/></mergeCells></worksheet>`
    const sst = ['<t>一村</t>', '<t xml:space="preserve"> 甲 </t>', '<t>a&amp;b&#x4E59;&#20057;_x000D_</t>']
    for (const absolute of [false, true]) {
      const data = handBook([{ name: '乙', xml: sheet1 }, { name: '甲', xml: merged }], { sst, absolute })
      const first = await same(data)
      expect(first.rows).toEqual([
        { row: 1, cells: [] },
        { row: 2, cells: [null, '一村', null, 7] },
        { row: 3, cells: [] },
        { row: 4, cells: [] },
        { row: 5, cells: [] },
        { row: 6, cells: [UTC(1985, 3, 14), UTC(1985, 3, 15), 31122] }
      ])
      const second = await same(data, '甲')
      expect(second.rows[0].cells).toEqual([' 甲 ', 'a&b乙乙\r'])
      expect(second.rows[1].cells).toEqual([' 甲 '])
      expect(second.rows).toHaveLength(9)
      expect(second.rows[8].cells).toEqual([null, null, null, null, 5, 5])
    }
  })
  it('random workbooks (values of every kind, number formats, merges, gaps, 1904 dates), written with and without shared strings', async () => {
    const FORMATS = ['General', '0.00', '@', 'mm-dd-yy', 'yyyy年m月d日', 'yyyy-mm-dd hh:mm', 'd-mmm-yy', 'h:mm', '#,##0 "元"', '[$-804]yyyy"年"m"月"']
    const CHARS = ['a', ' ', '&', '<', '>', '"', "'", '张', '秀', '\n', '\t', '😀', '0', '_', 'x']
    for (let seed = 1; seed <= 40; seed++) {
      let state = seed
      const rnd = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
      const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]
      const fill = (wb: ExcelJS.Workbook): ExcelJS.Worksheet[] => {
        const sheets: ExcelJS.Worksheet[] = []
        for (let k = 0; k < 2; k++) {
          const ws = wb.addWorksheet(`表${k}`)
          sheets.push(ws)
          if (rnd() < 0.3) continue
          for (let r = 1; r <= 15; r++) {
            if (rnd() < 0.2) continue
            for (let c = 1; c <= 8; c++) {
              const x = rnd()
              const cell = ws.getCell(r, c)
              if (x < 0.3) continue
              else if (x < 0.5) cell.value = Array.from({ length: Math.floor(rnd() * 5) }, () => pick(CHARS)).join('')
              else if (x < 0.65) cell.value = Math.round((rnd() - 0.3) * 1e6) / (rnd() < 0.5 ? 1 : 100)
              else if (x < 0.75) cell.value = UTC(1950 + Math.floor(rnd() * 80), 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28), rnd() < 0.5 ? 0 : 9)
              else if (x < 0.8) cell.value = rnd() < 0.5
              else if (x < 0.85) cell.value = { richText: [{ text: pick(CHARS) + pick(CHARS), font: { bold: true } }, { text: pick(CHARS) }] }
              else if (x < 0.9) cell.value = { formula: 'A1', result: Math.floor(rnd() * 40000) }
              else if (x < 0.93) cell.value = { error: '#REF!' } as ExcelJS.CellErrorValue
              else cell.style = { font: { bold: true } }
              if (rnd() < 0.3 && !(cell.value instanceof Object && 'richText' in cell.value)) cell.numFmt = pick(FORMATS)
            }
          }
          // merges on a 3×3 grid, so that they never overlap
          const used = new Set<string>()
          for (let m = 0; m < 3; m++) {
            const top = 1 + 3 * Math.floor(rnd() * 6)
            const left = 1 + 3 * Math.floor(rnd() * 3)
            if (used.has(`${top},${left}`)) continue
            used.add(`${top},${left}`)
            ws.mergeCells(top, left, top + Math.floor(rnd() * 3), left + Math.floor(rnd() * 3))
          }
        }
        return sheets
      }
      let data: Uint8Array
      if (seed % 2 === 0) data = await streamedXlsx(fill)
      else {
        const wb = new ExcelJS.Workbook()
        wb.properties.date1904 = rnd() < 0.3
        fill(wb)
        data = await bytes(wb)
      }
      await same(data)
      await same(data, '表1')
    }
  })
})

describe('what exceljs did not read right', () => {
  it('phonetic runs (<rPh>) of shared and inline strings are left out', async () => {
    const sst = [
      '<r><rPr><b/></rPr><t>张</t></r><r><t>秀英</t></r><rPh sb="0" eb="1"><t>zhāng</t></rPh><rPh sb="1" eb="3"><t>xiù yīng</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
      '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',
      '<t/>'
    ]
    const xml = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh></is></c></row>'
    const data = handBook([{ name: 'a', xml }], { sst })
    expect(readXlsx(data).rows).toEqual([{ row: 1, cells: ['张秀英', '東京', '', '大阪'] }])
    // exceljs agreed on the shared strings; the phonetic run lost it the whole inline string
    expect((await oracle(data)).rows[0].cells).toEqual(['张秀英', '東京'])
  })

  it('inline strings, plain and rich, with entities, escapes and kept spaces; t="d" ISO dates; pretty-printed XML', () => {
    const xml = `
      <row r="1">
        <c r="A1" t="inlineStr"><is><t xml:space="preserve">  王 &amp; 李  </t></is></c>
        <c r="B1" t="inlineStr">
          <is><r><t>东</t></r><r><rPr><i/></rPr><t>沟_x0009_村</t></r></is>
        </c>
        <c r="C1" t="d"><v>1985-03-12</v></c>
        <c r="D1" t="d"><v>2008-05-01T00:00:00</v></c>
        <c r="E1" t="d"><v>not a date</v></c>
        <c r="F1" t="str"><f>"x"&amp;"y"</f><v>x&lt;y</v></c>
        <c r="G1" t="b"><v>1</v></c>
        <c r="H1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
        <c r="I1" s="1"><f>A2</f><v>31120</v></c>
        <c r="J1"><f>NOW()</f></c>
        <c r="K1" t="n"><v>12</v></c>
      </row>`
    expect(readXlsx(handBook([{ name: 'a', xml }])).rows[0].cells).toEqual(['  王 & 李  ', '东沟\t村', UTC(1985, 3, 12), UTC(2008, 5, 1), null, 'x<y', true, null, UTC(1985, 3, 14), null, 12])
  })

  it('a formula with a text or boolean result in a date style keeps it; the CJK built-in date formats (here 31, yyyy"年"m"月"d"日") are dates', async () => {
    const xml = '<row r="1"><c r="A1" s="1" t="str"><f>"a"</f><v>a</v></c><c r="B1" s="1" t="b"><f>TRUE()</f><v>1</v></c><c r="C1" s="4"><v>31120</v></c></row>'
    const data = handBook([{ name: 'a', xml }])
    expect(readXlsx(data).rows[0].cells).toEqual(['a', true, UTC(1985, 3, 14)])
    // exceljs made an Invalid Date, 1899-12-31 and the bare number
    const old = (await oracle(data)).rows[0].cells
    expect([old[1], old[2]]).toEqual([UTC(1899, 12, 31), 31120])
  })

  it('elements with a namespace prefix (<x:c>, as the OpenXML SDK writes them)', () => {
    const ws = `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="B1:B2"/></x:mergeCells></x:worksheet>`
    const sstXml = `<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>一村</x:t></x:si></x:sst>`
    expect(readXlsx(handBook([{ name: 'a', xml: ws }], { sstXml })).rows).toEqual([
      { row: 1, cells: ['一村', 3] },
      { row: 2, cells: [null, 3] }
    ])
  })

  it('date formats', () => {
    for (const f of ['yyyy年m月d日', 'yyyy"年"m"月"d"日"', 'm/d/yy h:mm', '[$-F800]dddd, mmmm dd, yyyy', 'DD/MM/YYYY', 'h:mm', 'mm:ss']) expect(isDateFormat(f), f).toBe(true)
    for (const f of ['General', '@', '0.00', '#,##0 "元"', '0.00E+00', '[Red]#,##0', '[h]:mm', '[h]:mm:ss', '0\\d', '_-* #,##0_-;-* #,##0_-', '"dmy"0']) expect(isDateFormat(f), f).toBe(false)
  })
})

describe('files that are not workbooks', () => {
  it('corrupt or foreign zips are file_unreadable', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('a').addRow(['姓名'])
    const good = await bytes(wb)
    expect(code(() => readXlsx(good))).toBe('ok')
    expect(code(() => readXlsx(new Uint8Array(0)))).toBe('file_unreadable')
    expect(code(() => readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe('file_unreadable')
    expect(code(() => readXlsx(good.slice(0, good.length >> 1)))).toBe('file_unreadable')
    expect(code(() => readXlsx(zipSync({ 'readme.txt': strToU8('not a workbook') })))).toBe('file_unreadable')
    expect(code(() => readXlsx(zipSync({ 'word/document.xml': strToU8('<w:document/>'), '_rels/.rels': strToU8('<Relationships/>') })))).toBe('file_unreadable')
    // a sheet the workbook lists but the zip lacks, and a sheet cut short
    const book = handBook([{ name: 'a', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }])
    const parts = unzipSync(book)
    delete parts['xl/worksheets/sheet1.xml']
    expect(code(() => readXlsx(zipSync(parts)))).toBe('file_unreadable')
    parts['xl/worksheets/sheet1.xml'] = strToU8(`<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v>`)
    expect(code(() => readXlsx(zipSync(parts)))).toBe('file_unreadable')
  })
})
