/**
 * A small, fast xlsx writer for long lists (the invitation list: tens of thousands of rows),
 * where exceljs takes seconds: the sheet XML is built as strings and zipped. Per
 * sheet: a title row and a subtitle row merged across, a bold shaded header, frozen below it and
 * repeated on every printed page, column widths, text columns ("@": ID numbers keep every digit),
 * printed fitted to the page width. Strings are written inline (no shared-strings table); the
 * archive is deflated by node's zlib (zipWrite.ts).
 */
import { zipFiles } from './zipWrite'

export type XlsxCell = string | number | null

export interface XlsxColumn {
  header: string
  /** characters */
  width: number
  /** a text column: numbers-looking strings stay text */
  text?: boolean
}

export interface XlsxSheet {
  name: string
  title: string
  subtitle: string
  columns: XlsxColumn[]
  rows: XlsxCell[][]
}

const SPECIAL = /[&<>"\x00-\x08\x0b\x0c\x0e-\x1f]/
/** XML text: the five specials escaped, control characters XML cannot hold dropped (most strings have neither) */
const esc = (s: string): string =>
  SPECIAL.test(s) ? s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;')).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '') : s

/** A1-style column letters for a 0-based index */
export function colName(i: number): string {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

// style ids (cellXfs): 0 plain, 1 title, 2 header, 3 text ("@"), 4 subtitle (grey)
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><sz val="10"/><color rgb="FF555555"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`

function cell(ref: string, v: XlsxCell, style: number): string {
  const s = style ? ` s="${style}"` : ''
  if (v === null || v === '') return style ? `<c r="${ref}"${s}/>` : ''
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : ''
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`
}

function sheetXml(sh: XlsxSheet): string {
  const n = sh.columns.length
  const last = colName(n - 1)
  const letters = sh.columns.map((_, i) => colName(i))
  const textStyle = sh.columns.map((c) => (c.text ? 3 : 0))
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    `<dimension ref="A1:${last}${sh.rows.length + 3}"/>`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
    `<cols>${sh.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.text ? ' style="3"' : ''}/>`).join('')}</cols>`,
    '<sheetData>',
    `<row r="1">${cell('A1', sh.title, 1)}</row>`,
    `<row r="2">${cell('A2', sh.subtitle, 4)}</row>`,
    `<row r="3">${sh.columns.map((c, i) => cell(`${letters[i]}3`, c.header, 2)).join('')}</row>`
  ]
  for (let r = 0; r < sh.rows.length; r++) {
    const row = sh.rows[r]
    const rn = r + 4
    let cells = ''
    for (let i = 0; i < row.length && i < n; i++) cells += cell(`${letters[i]}${rn}`, row[i], textStyle[i])
    out.push(`<row r="${rn}">${cells}</row>`)
  }
  out.push('</sheetData>')
  out.push(`<mergeCells count="2"><mergeCell ref="A1:${last}1"/><mergeCell ref="A2:${last}2"/></mergeCells>`)
  out.push('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>')
  out.push('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>')
  out.push('</worksheet>')
  return out.join('')
}

/** the workbook's bytes; sheet names must be valid and unique (see sheetName in invitationXlsx.ts) */
export function writeXlsx(sheets: XlsxSheet[], creator = 'StationDesk'): Buffer {
  const files: Record<string, string> = {}
  const ct = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
  files['[Content_Types].xml'] = (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${ct}</Types>`
  )
  files['_rels/.rels'] = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
  )
  files['docProps/core.xml'] = (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${esc(creator)}</dc:creator></cp:coreProperties>`
  )
  // print titles: the header row repeats on every printed page
  const names = sheets.map((s, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(s.name).replace(/'/g, "''")}'!$3:$3</definedName>`).join('')
  files['xl/workbook.xml'] = (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><definedNames>${names}</definedNames></workbook>`
  )
  files['xl/_rels/workbook.xml.rels'] = (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
  )
  files['xl/styles.xml'] = STYLES
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(s)))
  return zipFiles(files)
}
