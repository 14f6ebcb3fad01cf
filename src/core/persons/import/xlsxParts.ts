/**
 * The parts of an xlsx read once per file: the zip's entries (only the parts asked for are
 * inflated), the shared strings and the styles. The worksheet's cells are scanned in xlsxXml.ts.
 */
import { unzipSync } from 'fflate'
import { inflateRawSync } from 'node:zlib'
import { ImportFileError } from './parse'
import { decodeEscapes, isNameEnd, prefixOf, tagsOf, xmlText } from './xlsxXml'

/**
 * How far a part may inflate. A zip bomb (a few MB that inflate to gigabytes of one repeated
 * byte) held the core's thread for minutes, since the whole stream was inflated even when the
 * output was cut to the declared size. Now inflation stops at 100 times the part's compressed
 * size (Apache POI's ZipSecureFile refuses the same ratio; XML of a roster compresses about 8:1),
 * never below 32 MiB (a sheet of ~50,000 rows) and never above 1 GiB (well past the largest
 * roster the import accepts, ~45 MB of xlsx).
 */
const MAX_RATIO = 100
const MIN_LIMIT = 32 << 20
const MAX_LIMIT = 1 << 30

interface Entry {
  /** its place in the central directory */
  index: number
  compression: number
  size: number
}

/** the zip's entries by normalised, lower-cased name (part names are case-insensitive) */
export class Zip {
  private readonly entries = new Map<string, Entry>()
  private offsets: number[] | undefined

  constructor(private readonly data: Uint8Array) {
    // fflate reads the central directory (and refuses a zip without one); nothing is inflated here
    let index = 0
    unzipSync(data, {
      filter: (f) => {
        this.entries.set(normPath(f.name).toLowerCase(), { index: index++, compression: f.compression, size: f.size })
        return false
      }
    })
  }

  /** a part's bytes (only this entry is inflated, within its limit), undefined when the zip has no such part */
  bytes(path: string): Uint8Array | undefined {
    const e = this.entries.get(path.toLowerCase())
    if (e === undefined) return undefined
    this.offsets ??= localHeaders(this.data)
    const at = this.offsets[e.index]
    if (at === undefined || at + 30 > this.data.length) throw new Error('the zip is cut short')
    const start = at + 30 + b2(this.data, at + 26) + b2(this.data, at + 28)
    const raw = this.data.subarray(start, start + e.size)
    if (e.compression === 0) return raw
    if (e.compression !== 8) throw new Error(`unknown compression type ${e.compression}`)
    const limit = Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, MAX_RATIO * e.size))
    try {
      return inflateRawSync(raw, { maxOutputLength: limit })
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ImportFileError('file_too_large', `${path} inflates past ${limit} bytes`)
      throw err
    }
  }

  /** a part's text */
  text(path: string): string | undefined {
    const bytes = this.bytes(path)
    return bytes && new TextDecoder().decode(bytes)
  }
}

const b2 = (d: Uint8Array, i: number) => d[i] | (d[i + 1] << 8)
const b4 = (d: Uint8Array, i: number) => (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) >>> 0
const b8 = (d: Uint8Array, i: number) => b4(d, i) + 4294967296 * b4(d, i + 4)

/** where each central directory entry's local header is, in the directory's order (as fflate reads it, zip64 included) */
function localHeaders(d: Uint8Array): number[] {
  let e = d.length - 22
  while (b4(d, e) !== 0x06054b50) if (--e <= 0 || d.length - e > 65558) throw new Error('no end of central directory')
  let count = b2(d, e + 8)
  let o = b4(d, e + 16)
  let z64 = b4(d, e - 20) === 0x07064b50
  if (z64) {
    const ze = b4(d, e - 12)
    z64 = b4(d, ze) === 0x06064b50
    if (z64) {
      count = b4(d, ze + 32)
      o = b4(d, ze + 48)
    }
  }
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    const nameLen = b2(d, o + 28)
    const extraLen = b2(d, o + 30)
    let off = b4(d, o + 42)
    if (z64 && off === 0xffffffff) {
      // the zip64 extra field holds, in order, the sizes that overflowed and then the offset
      const skip = 8 * (Number(b4(d, o + 24) === 0xffffffff) + Number(b4(d, o + 20) === 0xffffffff))
      for (let x = o + 46 + nameLen, end = x + extraLen; x + 4 < end; x += 4 + b2(d, x + 2)) if (b2(d, x) === 1) off = b8(d, x + 4 + skip)
    }
    out.push(off)
    o += 46 + nameLen + extraLen + b2(d, o + 32)
  }
  return out
}

function normPath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\/+/, '')
}

/** the tags of a string item's text and phonetic runs, with prefix p */
export interface ItemTags {
  T: string
  T_END: string
  PH: string
  PH_END: string
}

export function itemTags(p: string): ItemTags {
  return { T: `<${p}t`, T_END: `</${p}t>`, PH: `<${p}rPh`, PH_END: `</${p}rPh>` }
}

/**
 * The text of a string item (<si> of sharedStrings.xml, <is> of an inline string) in xml[from, to):
 * its <t> elements joined, whether plain or inside rich-text runs <r>; phonetic runs <rPh> (the
 * kana or pinyin guide Chinese and Japanese Excel writes) are left out. null when there is no <t>.
 */
export function itemText(xml: string, from: number, to: number, tags: ItemTags): string | null {
  const { T, T_END, PH, PH_END } = tags
  let text: string | null = null
  let i = from
  while (i < to) {
    const lt = xml.indexOf('<', i)
    if (lt < 0 || lt >= to) break
    if (xml.startsWith(T, lt) && isNameEnd(xml.charCodeAt(lt + T.length))) {
      const gt = xml.indexOf('>', lt)
      if (xml.charCodeAt(gt - 1) === 47) {
        text ??= ''
        i = gt + 1
        continue
      }
      const end = xml.indexOf(T_END, gt)
      if (end < 0 || end > to) throw new Error('an unclosed <t> element')
      text = (text ?? '') + decodeEscapes(xmlText(xml.slice(gt + 1, end)))
      i = end + T_END.length
    } else if (xml.startsWith(PH, lt) && isNameEnd(xml.charCodeAt(lt + PH.length))) {
      const gt = xml.indexOf('>', lt)
      const end = xml.charCodeAt(gt - 1) === 47 ? -1 : xml.indexOf(PH_END, gt)
      i = end < 0 ? gt + 1 : end + PH_END.length
    } else i = lt + 1
  }
  return text
}

/** xl/sharedStrings.xml -> the strings by index (null for an item without text, as exceljs reads it) */
export function readSharedStrings(xml: string): (string | null)[] {
  const p = prefixOf(xml, 'sst')
  const SI = `<${p}si`
  const SI_END = `</${p}si>`
  const tags = itemTags(p)
  const out: (string | null)[] = []
  for (let i = xml.indexOf(SI); i >= 0; ) {
    if (!isNameEnd(xml.charCodeAt(i + SI.length))) {
      i = xml.indexOf(SI, i + 1)
      continue
    }
    const gt = xml.indexOf('>', i)
    if (gt < 0) throw new Error('sharedStrings.xml is cut short')
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push(null)
      i = xml.indexOf(SI, gt)
      continue
    }
    const end = xml.indexOf(SI_END, gt)
    if (end < 0) throw new Error('sharedStrings.xml is cut short')
    out.push(itemText(xml, gt + 1, end, tags))
    i = xml.indexOf(SI, end + SI_END.length)
  }
  return out
}

/** xl/styles.xml -> its custom number formats by id, and the numFmtId of each <cellXfs> entry (a cell's s) */
export function readStyles(xml: string): { numFmts: Map<number, string>; xfNumFmts: number[] } {
  const p = prefixOf(xml, 'styleSheet')
  const numFmts = new Map<number, string>()
  for (const a of tagsOf(xml, 'numFmt')) {
    const id = parseInt(a.numFmtId, 10)
    if (!isNaN(id) && a.formatCode !== undefined) numFmts.set(id, a.formatCode)
  }
  const start = xml.indexOf(`<${p}cellXfs`)
  const gt = xml.indexOf('>', start)
  if (start < 0 || gt < 0 || xml.charCodeAt(gt - 1) === 47) return { numFmts, xfNumFmts: [] }
  const end = xml.indexOf(`</${p}cellXfs>`, gt)
  const xfNumFmts = tagsOf(xml, 'xf', gt, end < 0 ? xml.length : end).map((a) => parseInt(a.numFmtId ?? '0', 10) || 0)
  return { numFmts, xfNumFmts }
}
