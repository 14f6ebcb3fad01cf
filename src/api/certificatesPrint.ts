/**
 * Printing certificates (pdfmake, Noto Sans SC embedded): the full A4 certificate, or only the
 * fields, placed for the pre-printed booklet page (套打) with the document's x/y offsets in
 * millimetres (print settings: certificate, certificateBooklet). Printed at 100% scale, never
 * fit-to-page, so the offsets hold. Every print is counted on the certificate and audited; a
 * void or superseded certificate is not printed.
 */
import { z } from 'zod'
import { method, type FileOut } from './contract'
import { LANGS } from './station'

export const CERTIFICATE_LAYOUTS = ['a4', 'booklet'] as const
export type CertificateLayout = (typeof CERTIFICATE_LAYOUTS)[number]

/** at most this many certificates in one batch */
export const MAX_PRINT_BATCH = 500

export const certificatesPrintApi = {
  /**
   * One PDF of the chosen certificates (1–500), in the order given; counts a print on each, in
   * one transaction at the end. A job: a batch reports progress and can be cancelled.
   */
  'certificates.print': method<FileOut & { count: number }>()({
    input: z.object({
      ids: z.array(z.string().min(1)).min(1).max(MAX_PRINT_BATCH),
      layout: z.enum(CERTIFICATE_LAYOUTS).default('a4'),
      lang: z.enum(LANGS).default('zh-CN')
    }),
    roles: ['head', 'clerk'],
    kind: 'write',
    job: true
  }),
  /**
   * A test page for the booklet layout: a millimetre grid, crosshairs and boxes where each
   * field will print, with the saved offsets (or the ones given, to try before saving). Print it
   * on plain paper, lay it over a blank form, adjust.
   */
  'certificates.calibration': method<FileOut>()({
    input: z.object({
      offsetX: z.number().min(-20).max(20).optional(),
      offsetY: z.number().min(-20).max(20).optional(),
      lang: z.enum(LANGS).default('zh-CN')
    }),
    roles: ['admin', 'head', 'clerk'],
    kind: 'read'
  })
}
