/**
 * The person's information card (服务对象信息卡): every fact in a bordered table, then the change
 * history (date, event, before → after, reason, by), with page numbers; a long history flows
 * onto further pages with its header repeated. A4 or A5, nudged by the document's offset.
 */
import type { Person, PersonEvent, PersonFacts } from '../../api/persons'
import type { Paper } from '../../api/print'
import { regionName } from '../station/codes'
import { printLabel, hasPrintLabel, type Lang } from './labels'
import { PAPER, footerTop, mm, pageSetup, renderPdf, type Content, type Offset, type RenderOptions, type TDocumentDefinitions } from './pdf'
import type { TableCell, TableLayout } from 'pdfmake/interfaces'

/** what the card prints of a person: the facts, the record's state and when it last changed */
export type CardPerson = PersonFacts & Pick<Person, 'id' | 'state' | 'exitReason' | 'exitDate' | 'servicePointName' | 'updatedAt'>

export interface PersonCardData {
  person: CardPerson
  /** in any order: printed by date, then by entry */
  events: PersonEvent[]
  station: { name: string; code: string }
  /** YYYY-MM-DD in the station's zone */
  printedOn: string
  lang: Lang
  /** service point names by id (residence, and ids in the history) */
  servicePoints?: Record<string, string>
  /** display names by the `createdBy` written on events (username or actor) */
  users?: Record<string, string>
}

export interface PageSettings {
  paper: Paper
  offset: Offset
}

const ENUM_FIELDS = new Set(['sex', 'maritalStatus', 'contraception', 'migrantStatus', 'state', 'exitReason'])

const GRID: TableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#333333',
  vLineColor: () => '#333333',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5
}

const LABEL_FILL = '#eeeeee'

export function personCardDoc(data: PersonCardData, page: PageSettings): TDocumentDefinitions {
  const { person: p, lang } = data
  const L = (key: string, params?: Record<string, string | number>) => printLabel(lang, key, params)
  const spec = PAPER[page.paper]
  const fs = spec.fontSize
  const scale = page.paper === 'A5' ? 148 / 210 : 1
  const dash = L('empty')
  const en = lang === 'en'
  /** punctuation: full-width in Chinese, ASCII with a space in English */
  const colon = en ? ': ' : '：'
  const paren = (inner: string) => (en ? ` (${inner})` : `（${inner}）`)
  const comma = en ? ', ' : '，'

  /** a fact's value as printed: enum words, region names, service point names, '—' for nothing */
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return dash
    if (ENUM_FIELDS.has(field) && hasPrintLabel(lang, `${field}.${value}`)) return L(`${field}.${value}`)
    if (field === 'servicePointId') return data.servicePoints?.[String(value)] ?? String(value)
    if (field === 'hukouRegion') {
      const name = regionName(String(value))
      return name ? `${name}${paren(String(value))}` : String(value)
    }
    return String(value)
  }
  const join = (...parts: (string | null | undefined)[]) => parts.filter((s) => s && s.trim()).join(' ') || dash

  const labelCell = (key: string): TableCell => ({ text: L(key), fillColor: LABEL_FILL, noWrap: false })
  const valueCell = (text: string, colSpan?: number): TableCell => (colSpan ? { text, colSpan } : { text })

  const exited = p.state === 'exited'
  const stateText = exited ? show('state', p.state) + paren([show('exitReason', p.exitReason), p.exitDate].filter((s) => s && s !== dash).join(comma)) : show('state', p.state)
  const hukouRegion = p.hukouRegion ? show('hukouRegion', p.hukouRegion) : ''
  const placeLabel = p.migrantStatus === 'out' ? 'migrantPlace.out' : p.migrantStatus === 'in' ? 'migrantPlace.in' : 'migrantPlace'

  const facts: TableCell[][] = [
    [labelCell('name'), valueCell(show('name', p.name)), labelCell('sex'), valueCell(show('sex', p.sex))],
    [labelCell('idNumber'), valueCell(show('idNumber', p.idNumber)), labelCell('birthDate'), valueCell(show('birthDate', p.birthDate))],
    [labelCell('phone'), valueCell(show('phone', p.phone)), labelCell('children'), valueCell(L('childrenCount', { boys: p.boys, girls: p.girls }))],
    [labelCell('hukou'), valueCell(join(hukouRegion, p.hukouAddress), 3), {}, {}],
    [labelCell('residence'), valueCell(join(p.servicePointName ?? (p.servicePointId ? show('servicePointId', p.servicePointId) : ''), p.residenceAddress), 3), {}, {}],
    [labelCell('maritalStatus'), valueCell(show('maritalStatus', p.maritalStatus)), labelCell('maritalDate'), valueCell(show('maritalDate', p.maritalDate))],
    [labelCell('spouseName'), valueCell(show('spouseName', p.spouseName)), labelCell('spouseIdNumber'), valueCell(show('spouseIdNumber', p.spouseIdNumber))],
    [labelCell('contraception'), valueCell(show('contraception', p.contraception)), labelCell('contraceptionSince'), valueCell(show('contraceptionSince', p.contraceptionSince))],
    [labelCell('migrantStatus'), valueCell(show('migrantStatus', p.migrantStatus)), labelCell('migrantSince'), valueCell(show('migrantSince', p.migrantSince))],
    [labelCell(placeLabel), valueCell(show('migrantPlace', p.migrantPlace), 3), {}, {}],
    [labelCell('state'), valueCell(stateText), labelCell('card.updated'), valueCell(p.updatedAt ? p.updatedAt.slice(0, 10) : dash)]
  ]

  const events = [...data.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
  const changeLines = (e: PersonEvent): Content => {
    const entries = Object.entries(e.changes ?? {})
    if (entries.length === 0) return { text: dash }
    // a registration gives every fact from nothing: its values in one paragraph, not a "— →" per line
    if (entries.every(([, c]) => c.before === null || c.before === undefined || c.before === ''))
      return {
        text: entries.flatMap(([field, c], i) => [
          { text: `${i ? (en ? '; ' : '；') : ''}${hasPrintLabel(lang, field) ? L(field) : field}${colon}`, color: '#555555' },
          show(field, c.after)
        ])
      }
    return {
      stack: entries.map(([field, c]) => ({
        text: [{ text: `${hasPrintLabel(lang, field) ? L(field) : field}${colon}`, color: '#555555' }, `${show(field, c.before)} → ${show(field, c.after)}`]
      }))
    }
  }
  const headCell = (key: string): TableCell => ({ text: L(key), fillColor: LABEL_FILL })
  const history: TableCell[][] = [
    [headCell('col.date'), headCell('col.type'), headCell('col.changes'), headCell('col.reason'), headCell('col.by')],
    ...events.map((e): TableCell[] => [
      { text: e.date, noWrap: true },
      { text: hasPrintLabel(lang, `event.${e.type}`) ? L(`event.${e.type}`) : e.type },
      changeLines(e),
      { text: e.reason || dash },
      { text: data.users?.[e.createdBy] ?? (e.createdBy || dash) }
    ])
  ]

  const w = (pt: number) => Math.round(pt * scale)
  // date, event, changes, reason, by: on A5 the reason gives way so the changes stay readable
  const historyWidths = page.paper === 'A5' ? [48, en ? 62 : 50, '*', 70, 40] : [56, en ? 72 : 62, '*', 110, 52]
  const content: Content[] = [
    { text: L('card.title'), fontSize: fs + 7, alignment: 'center', margin: [0, 0, 0, mm(2.5)], characterSpacing: lang === 'en' ? 0 : 2 },
    {
      // font size on each text (not the columns): 'auto' widths are measured with it
      columns: [
        { text: `${L('card.station')}${colon}${data.station.name}${paren(`${L('card.stationCode')} ${data.station.code}`)}`, width: '*', fontSize: fs - 0.5 },
        { text: `${L('card.printedOn')}${colon}${data.printedOn}`, width: 'auto', alignment: 'right', noWrap: true, fontSize: fs - 0.5 }
      ],
      columnGap: mm(3),
      margin: [0, 0, 0, mm(2)]
    },
    { text: L('card.facts'), fontSize: fs + 1.5, margin: [0, 0, 0, mm(1)] },
    { table: { widths: [w(en ? 92 : 78), '*', w(en ? 92 : 78), '*'], body: facts, dontBreakRows: true }, layout: GRID },
    { text: L('card.history'), fontSize: fs + 1.5, margin: [0, mm(4), 0, mm(1)] },
    events.length === 0
      ? { text: L('card.noHistory'), color: '#555555' }
      : { table: { headerRows: 1, dontBreakRows: true, widths: historyWidths, body: history }, layout: GRID, fontSize: fs - 0.5 }
  ]

  const [left, , right] = pageSetup(page.paper, page.offset).pageMargins as number[]
  return {
    ...pageSetup(page.paper, page.offset),
    info: { title: `${L('card.title')} ${p.name}`, creator: 'StationDesk', producer: 'StationDesk' },
    defaultStyle: { fontSize: fs, lineHeight: 1.15 },
    content,
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${data.station.name} · ${p.name}`, width: '*', fontSize: fs - 1.5, color: '#555555' },
        { text: L('card.page', { n: current, total }), width: 'auto', alignment: 'right', noWrap: true, fontSize: fs - 1.5, color: '#555555' }
      ],
      margin: [left, footerTop(page.paper, page.offset, 2.5, fs - 1.5), right, 0]
    })
  }
}

export async function renderPersonCard(data: PersonCardData, page: PageSettings, options?: RenderOptions): Promise<Buffer> {
  return renderPdf(personCardDoc(data, page), options)
}
