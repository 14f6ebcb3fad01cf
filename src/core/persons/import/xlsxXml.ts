/**
 * XML scanning for the xlsx reader (xlsxReader.ts). The parts of an xlsx are machine-written XML,
 * so indexOf, small regexes and character codes over the decoded text read them much faster and
 * leaner than a DOM or SAX parser. Element names may carry a namespace prefix (<x:c> from the
 * OpenXML SDK): the prefix is taken from the part's root element (prefixOf).
 *
 * The worksheet's per-cell work is in classes (Tag, Values) so the hot loop calls methods rather
 * than imported functions (tsx's CommonJS output reads each imported binding through a getter).
 */
import type { CellValue } from './parse'
import { excelDate, isoDate } from './xlsxStyles'

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ENTITY = /&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g

/** &amp; &lt; &gt; &quot; &apos; &#123; &#x1F; (an unknown or invalid reference is kept as written) */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]
    const cp = hex ? parseInt(hex, 16) : parseInt(dec as string, 10)
    return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : m
  })
}

/** Excel's escapes for characters XML cannot hold: _x000D_ is a carriage return */
export function decodeEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
}

/** the text of an element's content: entities decoded, CDATA kept, line ends as an XML parser gives them */
export function xmlText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n')
  if (raw.indexOf('<') < 0) return decodeEntities(raw)
  let out = ''
  let i = 0
  while (i < raw.length) {
    const lt = raw.indexOf('<', i)
    if (lt < 0) {
      out += decodeEntities(raw.slice(i))
      break
    }
    out += decodeEntities(raw.slice(i, lt))
    if (raw.startsWith('<![CDATA[', lt)) {
      const end = raw.indexOf(']]>', lt + 9)
      const e = end < 0 ? raw.length : end
      out += raw.slice(lt + 9, e)
      i = e + 3
    } else {
      // a comment or an element inside text: not text
      const gt = raw.indexOf('>', lt)
      i = gt < 0 ? raw.length : gt + 1
    }
  }
  return out
}

/** true for the character after an element name: whitespace, '>' or '/' */
export function isNameEnd(ch: number): boolean {
  return ch === 62 || ch === 47 || ch === 32 || ch === 9 || ch === 10 || ch === 13
}

/** the namespace prefix ('' or 'x:') of the part's root element */
export function prefixOf(xml: string, root: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s/>]`).exec(xml)
  return m?.[1] ?? ''
}

/** the attributes of one start tag's text, entities decoded */
export function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /([^\s=/<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[1]] = decodeEntities(m[2] ?? m[3])
  return out
}

/** the attributes of every <name …> start tag (any prefix) in xml[from, to) */
export function tagsOf(xml: string, name: string, from = 0, to = xml.length): Record<string, string>[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])([^>]*)>`, 'g')
  re.lastIndex = from
  const out: Record<string, string>[] = []
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) out.push(attrsOf(m[1]))
  return out
}

// ---- a worksheet's cells ----

/** cell types, the t attribute: n (or none), s, str, b, e, d, inlineStr */
const T_N = 0
const T_S = 1
const T_STR = 2
const T_B = 3
const T_E = 4
const T_D = 5
const T_INLINE = 6

/** the column number of a cell reference ("AB12" -> 28), 0 when it has no letters */
export function colOf(xml: string, from: number, to: number): number {
  let col = 0
  for (let i = from; i < to; i++) {
    const ch = xml.charCodeAt(i) | 32
    if (ch < 97 || ch > 122) break
    col = col * 26 + ch - 96
  }
  return col
}

/** a non-negative integer, 0 when unreadable */
function intOf(xml: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = xml.charCodeAt(i) - 48
    if (d < 0 || d > 9) return parseInt(xml.slice(from, to), 10) || 0
    n = n * 10 + d
  }
  return n
}

function typeOf(xml: string, from: number, to: number): number {
  const c = xml.charCodeAt(from)
  const len = to - from
  if (len === 1) return c === 115 ? T_S : c === 98 ? T_B : c === 101 ? T_E : c === 100 ? T_D : T_N
  if (len === 3 && c === 115) return T_STR
  if (len === 9 && c === 105) return T_INLINE
  return T_N
}

/** the start tags of one worksheet part (prefix p): what they are, and the attributes r, s, t of the last one scanned */
export class Tag {
  /** r: a column number (cells) or row number (rows), 0 when absent */
  r = 0
  s = 0
  t = T_N
  /** index of the tag's closing '>' */
  end = 0
  selfClosing = false
  private readonly np: number

  constructor(private readonly p: string) {
    this.np = p.length
  }

  private prefixAt(xml: string, i: number): boolean {
    return this.np === 0 || xml.startsWith(this.p, i)
  }

  /** xml[i] starts a <c> element */
  isCell(xml: string, i: number): boolean {
    const j = i + 1 + this.np
    return xml.charCodeAt(j) === 99 && isNameEnd(xml.charCodeAt(j + 1)) && this.prefixAt(xml, i + 1)
  }

  /** xml[i] starts a <row> element */
  isRow(xml: string, i: number): boolean {
    const j = i + 1 + this.np
    return xml.charCodeAt(j) === 114 && xml.charCodeAt(j + 1) === 111 && xml.charCodeAt(j + 2) === 119 && isNameEnd(xml.charCodeAt(j + 3)) && this.prefixAt(xml, i + 1)
  }

  /** xml[i] is "<v>" */
  isV(xml: string, i: number): boolean {
    const np = this.np
    return xml.charCodeAt(i) === 60 && xml.charCodeAt(i + 1 + np) === 118 && xml.charCodeAt(i + 2 + np) === 62 && this.prefixAt(xml, i + 1)
  }

  /** xml[i] (a '<') is "</v></c>" */
  isVCEnd(xml: string, i: number): boolean {
    const np = this.np
    const k = i + 4 + np
    return (
      xml.charCodeAt(i + 1) === 47 && xml.charCodeAt(i + 2 + np) === 118 && xml.charCodeAt(i + 3 + np) === 62 &&
      xml.charCodeAt(k) === 60 && xml.charCodeAt(k + 1) === 47 && xml.charCodeAt(k + 2 + np) === 99 && xml.charCodeAt(k + 3 + np) === 62 &&
      this.prefixAt(xml, i + 2) && this.prefixAt(xml, k + 2)
    )
  }

  /** scans the attributes from xml[i] (just after the element name) to the end of the tag */
  scan(xml: string, i: number, limit: number, cell: boolean): void {
    this.r = 0
    this.s = 0
    this.t = T_N
    let ch = 0
    for (;;) {
      if (i >= limit) throw new Error('a start tag is cut short')
      ch = xml.charCodeAt(i)
      if (ch === 62 || ch === 47) break
      if (ch <= 32) {
        i++
        continue
      }
      const name = i
      do ch = xml.charCodeAt(++i)
      while (ch !== 61 && ch > 32 && i < limit)
      const one = i - name === 1 ? xml.charCodeAt(name) : 0
      while (ch !== 34 && ch !== 39) {
        if (++i >= limit) throw new Error('an attribute is cut short')
        ch = xml.charCodeAt(i)
      }
      const quote = ch
      const vs = ++i
      while (xml.charCodeAt(i) !== quote) if (++i >= limit) throw new Error('an attribute is cut short')
      if (one === 114) this.r = cell ? colOf(xml, vs, i) : intOf(xml, vs, i)
      else if (one === 115) this.s = intOf(xml, vs, i)
      else if (one === 116 && cell) this.t = typeOf(xml, vs, i)
      i++
    }
    this.selfClosing = ch === 47
    this.end = ch === 47 ? xml.indexOf('>', i) : i
  }
}

/** a cell's value from its <v> text, its type and its style */
export class Values {
  constructor(
    private readonly sst: (string | null)[],
    private readonly dateStyle: Uint8Array,
    private readonly date1904: boolean
  ) {}

  /** the value of <v> text xml[from, to) for a cell of type t and style s */
  of(xml: string, from: number, to: number, t: number, s: number): CellValue {
    switch (t) {
      case T_S:
        return this.sst[intOf(xml, from, to)] ?? null
      case T_STR:
      case T_INLINE:
        return decodeEscapes(xmlText(xml.slice(from, to)))
      case T_B:
        return parseInt(xml.slice(from, to), 10) !== 0
      case T_E:
        return null
      case T_D:
        return isoDate(xmlText(xml.slice(from, to)))
      default: {
        const n = parseFloat(xml.slice(from, to))
        return this.dateStyle[s] === 1 ? excelDate(n, this.date1904) : n
      }
    }
  }
}

// ---- bytes: a worksheet part is decoded a slice at a time ----

/** the first start tag `name` (its bytes, "<row") followed by whitespace, '/' or '>' in b[from, to), or -1 */
export function findTag(b: Uint8Array, name: Uint8Array, from: number, to = b.length): number {
  for (let i = b.indexOf(name[0], from); i >= 0 && i < to; i = b.indexOf(name[0], i + 1)) {
    let k = 1
    while (k < name.length && b[i + k] === name[k]) k++
    if (k === name.length && isNameEnd(b[i + k])) return i
  }
  return -1
}

/** the last occurrence of pattern in b, or -1 */
export function lastIndexOfBytes(b: Uint8Array, pattern: Uint8Array): number {
  for (let i = b.lastIndexOf(pattern[0]); i >= 0; i = i > 0 ? b.lastIndexOf(pattern[0], i - 1) : -1) {
    let k = 1
    while (k < pattern.length && b[i + k] === pattern[k]) k++
    if (k === pattern.length) return i
  }
  return -1
}
