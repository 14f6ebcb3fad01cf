/**
 * Printed documents through the method table: their page settings, and the documents
 * themselves (the person's information card; later: certificates, slips …).
 */
import type { FileOut } from '../../api/contract'
import type { personsCardApi } from '../../api/persons'
import type { printApi } from '../../api/print'
import type { Ctx } from '../context'
import type { Handlers } from '../handler'
import { readCardData } from './cardData'
import type { Lang } from './labels'
import { renderPersonCard } from './personCard'
import { allPrintSettings, readPrintSettings, savePrintSettings } from './settings'

/** a file name any OS accepts: no path separators or reserved characters */
export const safeFilePart = (s: string): string => s.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').trim() || 'unnamed'

/** The information card as a PDF, on the paper and with the offset saved for it. Audited. */
export async function personCard(ctx: Ctx, input: { id: string; lang: Lang }): Promise<FileOut> {
  const data = readCardData(ctx, input.id, input.lang)
  const s = readPrintSettings(ctx.sqlite, 'personCard')
  const pdf = await renderPersonCard(data, { paper: s.paper, offset: { x: s.offsetX, y: s.offsetY } })
  ctx.audit({
    entity: 'person',
    entityId: data.person.id,
    summary: `printed the information card of person ${data.person.id} (${s.paper})`,
    msg: ['person.printed', { name: data.person.name }]
  })
  return { filename: `card-${safeFilePart(data.person.name)}-${data.printedOn}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64') }
}

export const printSettingsHandlers: Handlers<typeof printApi> = {
  'print.settings': (ctx) => allPrintSettings(ctx.sqlite),
  'print.saveSettings': (ctx, input) => {
    const before = readPrintSettings(ctx.sqlite, input.doc)
    const after = savePrintSettings(ctx.sqlite, input)
    ctx.audit({
      entity: 'print',
      entityId: input.doc,
      summary: `print settings of ${input.doc}: ${after.paper}, offset ${after.offsetX} mm right, ${after.offsetY} mm down`,
      msg: ['print.settingsSaved', { doc: input.doc, paper: after.paper, x: after.offsetX, y: after.offsetY }],
      details: { before, after }
    })
    return after
  }
}

/** joined into the method table by src/core/handlers.ts */
export const printHandlers: Handlers<typeof printApi> & Handlers<typeof personsCardApi> = {
  ...printSettingsHandlers,
  'persons.card': (ctx, input) => personCard(ctx, input)
}
