/**
 * The invitation list as an xlsx: one sheet per village (named after it), the same columns as
 * the PDF, ID numbers and phones as text so Excel keeps every digit. Written with the fast
 * writer (xlsxWrite.ts): a 20,000-person roster is a fraction of a second, not exceljs' seconds.
 */
import type { InvitationData } from './invitationData'
import { word, type Lang } from './words'
import { writeXlsx, type XlsxColumn, type XlsxSheet } from './xlsxWrite'

/** a worksheet name Excel accepts: no []:*?/\', at most 31 characters, unique in the book */
export function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\']/g, '_').trim() || 'Sheet').slice(0, 31)
  let out = base
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}-${i}`
  taken.add(out.toLowerCase())
  return out
}

export function buildInvitationXlsx(data: InvitationData, lang: Lang): Buffer {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const c = data.campaign
  const taken = new Set<string>()
  const columns: XlsxColumn[] = [
    { header: L('inv.col.no'), width: 6 },
    { header: L('name'), width: 12 },
    { header: L('sex'), width: 7 },
    { header: L('age'), width: 6 },
    { header: L('idNumber'), width: 22, text: true },
    { header: L('phone'), width: 15, text: true },
    { header: L('inv.col.invitedOn'), width: 12 },
    { header: L('inv.col.attended'), width: 18 },
    { header: L('inv.col.signature'), width: 16 }
  ]
  const subtitle = L('inv.subtitle', { campaign: c.name, kind: L(`kind.${c.kind}`), from: c.startDate, to: c.endDate })
  const sheets: XlsxSheet[] = data.villages.map((v) => ({
    name: sheetName(v.name, taken),
    title: `${L('inv.title')} · ${v.name}`,
    subtitle: `${subtitle}    ${L(`inv.count.${data.state}`, { n: v.people.length })}    ${data.station.name}  ${L('printedOn')} ${data.printedOn}`,
    columns,
    rows: v.people.length
      ? v.people.map((p, i) => [i + 1, p.name, L(`sex.${p.sex}`), p.age, p.idNumber, p.phone, p.invitedOn, p.screenedOn ? `${L('inv.screenedOn')} ${p.screenedOn}` : null, null])
      : [[L(`inv.empty.${data.state}`)]]
  }))
  return writeXlsx(sheets)
}
