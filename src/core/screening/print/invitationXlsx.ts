/**
 * The invitation list as an xlsx: one sheet per village (named after it), the same columns as
 * the PDF, ID numbers and phones as text so Excel keeps every digit.
 */
import ExcelJS from 'exceljs'
import type { InvitationData } from './invitationData'
import { word, type Lang } from './words'

/** a worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the book */
export function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, '_').trim() || 'Sheet').slice(0, 31)
  let out = base
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}-${i}`
  taken.add(out.toLowerCase())
  return out
}

export async function buildInvitationXlsx(data: InvitationData, lang: Lang): Promise<Buffer> {
  const L = (key: string, params?: Record<string, string | number>) => word(lang, key, params)
  const c = data.campaign
  const wb = new ExcelJS.Workbook()
  wb.creator = 'StationDesk'
  const taken = new Set<string>()
  const cols: { header: string; width: number; text?: boolean }[] = [
    { header: L('inv.col.no'), width: 6 },
    { header: L('name'), width: 12 },
    { header: L('sex'), width: 6 },
    { header: L('age'), width: 6 },
    { header: L('idNumber'), width: 22, text: true },
    { header: L('phone'), width: 15, text: true },
    { header: L('inv.col.invitedOn'), width: 12 },
    { header: L('inv.col.attended'), width: 12 },
    { header: L('inv.col.signature'), width: 16 }
  ]
  const subtitle = L('inv.subtitle', { campaign: c.name, kind: L(`kind.${c.kind}`), from: c.startDate, to: c.endDate })
  for (const v of data.villages) {
    const ws = wb.addWorksheet(sheetName(v.name, taken), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
    ws.addRow([`${L('inv.title')} · ${v.name}`])
    ws.mergeCells(1, 1, 1, cols.length)
    ws.getRow(1).font = { bold: true, size: 14 }
    ws.addRow([`${subtitle}    ${L(`inv.count.${data.state}`, { n: v.people.length })}    ${data.station.name}  ${L('printedOn')} ${data.printedOn}`])
    ws.mergeCells(2, 1, 2, cols.length)
    const header = ws.addRow(cols.map((x) => x.header))
    header.font = { bold: true }
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
      cell.border = { bottom: { style: 'thin' } }
    })
    cols.forEach((x, i) => {
      ws.getColumn(i + 1).width = x.width
      if (x.text) ws.getColumn(i + 1).numFmt = '@'
    })
    v.people.forEach((p, i) =>
      ws.addRow([i + 1, p.name, L(`sex.${p.sex}`), p.age, p.idNumber, p.phone, p.invitedOn ?? '', p.screenedOn ? `${L('inv.screenedOn')} ${p.screenedOn}` : '', ''])
    )
    if (!v.people.length) ws.addRow([L(`inv.empty.${data.state}`)])
    ws.views = [{ state: 'frozen', ySplit: 3 }]
    ws.pageSetup.printTitlesRow = '3:3'
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
