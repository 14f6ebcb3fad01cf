/**
 * certificates.print (a job) and certificates.calibration.
 *
 * Printing reads every certificate first and refuses the batch (CONFLICT, rule
 * certificate_not_printable, naming the number) when one is void or superseded, before anything
 * is rendered. It renders in the order given, reporting progress per certificate and giving way
 * between them (a cancel takes effect there), then writes once, in one transaction: print_count
 * + 1 and last_printed_at on each, and an audit row per certificate ('printed' the first time,
 * 'reprinted' with its count after). A cancel leaves every count as it was.
 */
import type { FileOut } from '../../../api/contract'
import type { Certificate } from '../../../api/certificates'
import type { certificatesPrintApi } from '../../../api/certificatesPrint'
import type { ParsedInputOf } from '../../../api/contract'
import { localDate } from '../../clock'
import type { Ctx } from '../../context'
import { stmt } from '../../db/stmt'
import { AppError } from '../../errors'
import type { Handlers } from '../../handler'
import { renderPdf } from '../../print/pdf'
import { readPrintSettings } from '../../print/settings'
import { loadCertificate } from '../list'
import { a4Doc } from './a4'
import { bookletDoc, type PrintItem } from './booklet'
import { calibrationDoc } from './calibration'
import { renderSections } from './render'

type PrintInput = ParsedInputOf<(typeof certificatesPrintApi)['certificates.print']>
type CalibrationInput = ParsedInputOf<(typeof certificatesPrintApi)['certificates.calibration']>

/** status: void, superseded, or 'expired' for a valid one past its last day (renew it instead) */
function notPrintable(c: Pick<Certificate, 'id' | 'number'>, status: string): AppError {
  const message = `certificate ${c.number} is ${status}: only a valid certificate is printed`
  return new AppError('CONFLICT', message, { rule: 'certificate_not_printable', number: c.number, status, id: c.id, fields: [{ path: 'ids', rule: 'certificate_not_printable', message }] })
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_')

export async function printCertificates(ctx: Ctx, input: PrintInput): Promise<FileOut & { count: number }> {
  const total = input.ids.length
  ctx.job.progress('reading', 0, total)
  const certs = input.ids.map((id) => loadCertificate(ctx.sqlite, id))
  // a valid certificate past its last day is not handed out again: it is renewed
  const today = localDate(ctx.clock)
  const refused = certs.find((c) => c.status !== 'valid' || c.validUntil < today)
  if (refused) throw notPrintable(refused, refused.status === 'valid' ? 'expired' : refused.status)

  const doc = input.layout === 'a4' ? 'certificate' : 'certificateBooklet'
  const settings = readPrintSettings(ctx.sqlite, doc)
  const offset = { x: settings.offsetX, y: settings.offsetY }
  // the same certificate twice in a batch is two prints of it
  const counted = new Map<string, number>()
  const items: PrintItem[] = certs.map((c) => {
    const nth = (counted.get(c.id) ?? c.printCount) + 1
    counted.set(c.id, nth)
    return { certificate: c, nth }
  })

  ctx.job.progress('rendering', 0, total)
  await ctx.job.checkpoint()
  const sections = input.layout === 'a4' ? a4Doc(items, { lang: input.lang, paper: settings.paper, offset, printedOn: today }) : bookletDoc(items, { paper: settings.paper, offset })
  const pdf = await renderSections(sections, {
    between: async (done) => {
      ctx.job.progress('rendering', done, total)
      await ctx.job.checkpoint()
    }
  })

  // the last moment a cancel takes effect; from here the write runs to its end
  ctx.job.progress('writing', total, total)
  await ctx.job.checkpoint()
  const at = ctx.nowIso()
  const by = ctx.user().actor
  ctx.commit(() => {
    // voided or renewed by someone else while this batch was rendered: nothing is counted
    for (const c of certs) {
      const now = stmt(ctx.sqlite, 'SELECT id, number, status FROM certificates WHERE id = ?').get(c.id) as Pick<Certificate, 'id' | 'number' | 'status'>
      if (now.status !== 'valid') throw notPrintable(now, now.status)
    }
    const bump = stmt(ctx.sqlite, 'UPDATE certificates SET print_count = print_count + 1, last_printed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?')
    certs.forEach((c, i) => {
      const nth = items[i].nth
      bump.run(at, at, by, c.id)
      const where = `${input.layout === 'a4' ? 'A4 certificate' : 'booklet page'}, ${settings.paper}, offset ${offset.x}/${offset.y} mm`
      ctx.audit({
        entity: 'certificate',
        entityId: c.id,
        summary: nth === 1 ? `printed certificate ${c.number} of ${c.facts.name} (${where})` : `reprinted certificate ${c.number} of ${c.facts.name} (${ordinal(nth)} print; ${where})`,
        msg: nth === 1 ? ['certificate.printed', { number: c.number, name: c.facts.name }] : ['certificate.reprinted', { number: c.number, name: c.facts.name, n: nth }],
        details: { layout: input.layout, paper: settings.paper, offsetX: offset.x, offsetY: offset.y, printCount: nth }
      })
    })
  })

  const suffix = input.layout === 'booklet' ? '-booklet' : ''
  const filename = certs.length === 1 ? `certificate-${fileSafe(certs[0].number)}${suffix}.pdf` : `certificates-${today}-${certs.length}${suffix}.pdf`
  return { filename, mime: 'application/pdf', base64: pdf.toString('base64'), count: items.length }
}

/** offsets are kept to a tenth of a millimetre, as the print settings keep them */
const tenth = (v: number) => Math.round(v * 10) / 10

export async function calibrationPage(ctx: Ctx, input: CalibrationInput): Promise<FileOut> {
  const saved = readPrintSettings(ctx.sqlite, 'certificateBooklet')
  const trial = input.offsetX !== undefined || input.offsetY !== undefined
  const offset = { x: tenth(input.offsetX ?? saved.offsetX), y: tenth(input.offsetY ?? saved.offsetY) }
  const pdf = await renderPdf(calibrationDoc({ paper: saved.paper, offset, trial, lang: input.lang }))
  return { filename: `certificate-booklet-calibration-${saved.paper}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64') }
}

/** joined into the method table by src/core/handlers.ts */
export const certificatesPrintHandlers: Handlers<typeof certificatesPrintApi> = {
  'certificates.print': (ctx, input) => printCertificates(ctx, input),
  'certificates.calibration': (ctx, input) => calibrationPage(ctx, input)
}
