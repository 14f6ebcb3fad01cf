/**
 * The parts of an xlsx read once per file: the zip's entries (only the parts asked for are
 * inflated, with fflate), the shared strings and the styles. The worksheet's cells are scanned
 * in xlsxXml.ts.
 */
import { unzipSync } from 'fflate'
import { decodeEscapes, isNameEnd, prefixOf, tagsOf, xmlText } from './xlsxXml'

/** the zip's entries by normalised, lower-cased name (part names are case-insensitive) */
export class Zip {
  private readonly names = new Map<string, string>()

  constructor(private readonly data: Uint8Array) {
    unzipSync(data, {
      filter: (f) => {
        this.names.set(normPath(f.name).toLowerCase(), f.name)
        return false
      }
    })
  }

  /** a part's bytes (only this entry is inflated), undefined when the zip has no such part */
  bytes(path: string): Uint8Array | undefined {
    const name = this.names.get(path.toLowerCase())
    if (name === undefined) return undefined
    return unzipSync(this.data, { filter: (f) => f.name === name })[name]
  }

  /** a part's text */
  text(path: string): string | undefined {
    const bytes = this.bytes(path)
    return bytes && new TextDecoder().decode(bytes)
  }
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
