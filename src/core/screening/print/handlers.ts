/**
 * The screening documents through the method table: the result slip, the campaign report and
 * the invitation list, each on the paper and with the offset saved for it (print settings),
 * each audited (the report too, as an export, although it names nobody).
 */
import type { FileOut } from '../../../api/contract'
import type { screeningPrintApi } from '../../../api/screeningPrint'
import { localDate } from '../../clock'
import type { Ctx } from '../../context'
import type { Handlers } from '../../handler'
import { safeFilePart } from '../../print/handlers'
import { readPrintSettings } from '../../print/settings'
import { readStation } from '../../station/profile'
import { loadRecord } from '../records'
import { readInvitations } from './invitationData'
import { renderInvitationPdf } from './invitationPdf'
import { buildInvitationXlsx } from './invitationXlsx'
import { readReportData } from './reportData'
import { renderReportPdf } from './reportPdf'
import { buildReportXlsx, XLSX_MIME } from './reportXlsx'
import { renderSlip } from './slip'
import type { Lang } from './words'

const PDF = 'application/pdf'

function pageOf(ctx: Ctx, doc: 'screeningSlip' | 'screeningReport' | 'invitationList') {
  const s = readPrintSettings(ctx.sqlite, doc)
  return { paper: s.paper, offset: { x: s.offsetX, y: s.offsetY } }
}

const file = (filename: string, mime: string, bytes: Buffer): FileOut => ({ filename, mime, base64: bytes.toString('base64') })

export async function printSlip(ctx: Ctx, input: { recordId: string; lang: Lang }): Promise<FileOut> {
  const record = loadRecord(ctx, input.recordId)
  const station = readStation(ctx)
  const page = pageOf(ctx, 'screeningSlip')
  const pdf = await renderSlip({ record, station: { name: station.name, phone: station.phone }, printedOn: localDate(ctx.clock), lang: input.lang }, page)
  ctx.audit({
    entity: 'screeningRecord',
    entityId: record.id,
    summary: `printed the screening result slip of ${record.name} (${record.campaignName}, ${page.paper})`,
    msg: ['screening.slipPrinted', { name: record.name, campaign: record.campaignName }]
  })
  return file(`slip-${safeFilePart(record.name)}-${record.examDate}.pdf`, PDF, pdf)
}

export async function exportReport(ctx: Ctx, input: { campaignId: string; format: 'pdf' | 'xlsx'; lang: Lang }): Promise<FileOut> {
  const data = readReportData(ctx, input.campaignId)
  const name = `report-${safeFilePart(data.campaign.name)}-${data.printedOn}.${input.format}`
  const out =
    input.format === 'pdf'
      ? file(name, PDF, await renderReportPdf(data, input.lang, pageOf(ctx, 'screeningReport')))
      : file(name, XLSX_MIME, await buildReportXlsx(data, input.lang))
  ctx.audit({
    entity: 'campaign',
    entityId: data.campaign.id,
    summary: `exported the report of campaign ${data.campaign.name} (${input.format})`,
    msg: ['screening.reportExported', { name: data.campaign.name, format: input.format }]
  })
  return out
}

export async function exportInvitations(
  ctx: Ctx,
  input: { campaignId: string; servicePointId?: string; state: 'not_screened' | 'all'; format: 'pdf' | 'xlsx'; lang: Lang }
): Promise<FileOut> {
  const data = readInvitations(ctx, input)
  const where = input.servicePointId ? data.villages[0]?.name ?? input.servicePointId : 'all'
  const name = `invitations-${safeFilePart(data.campaign.name)}-${safeFilePart(where)}-${data.printedOn}.${input.format}`
  const out =
    input.format === 'pdf'
      ? file(name, PDF, await renderInvitationPdf(data, input.lang, pageOf(ctx, 'invitationList')))
      : file(name, XLSX_MIME, buildInvitationXlsx(data, input.lang))
  ctx.audit({
    entity: 'campaign',
    entityId: data.campaign.id,
    summary: `exported the invitation list of campaign ${data.campaign.name}: ${data.total} people (${input.state}, ${input.servicePointId ? where : 'every village'}, ${input.format})`,
    msg: ['screening.invitationsExported', { name: data.campaign.name, n: data.total }]
  })
  return out
}

/** joined into the method table by src/core/handlers.ts */
export const screeningPrintHandlers: Handlers<typeof screeningPrintApi> = {
  'screening.slip': (ctx, input) => printSlip(ctx, input),
  'screening.report': (ctx, input) => exportReport(ctx, input),
  'screening.invitations': (ctx, input) => exportInvitations(ctx, input)
}
