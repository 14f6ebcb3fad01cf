/**
 * The shape of a packet's report tables (src/api/packetReports.ts) as the district reads them:
 * every field its report sums, lists or prints (report.ts, reportXlsx.ts), checked when the
 * packet is imported, so a signed packet whose report is malformed is refused whole instead of
 * breaking the month's district report for every station afterwards. Fields the district does
 * not read may be anything (a newer station's additions); the report's JSON is kept as sent.
 */
import { z } from 'zod'
import { PACKET_REPORTS, type PacketReportKind } from '../../api/packetReports'
import { BASE_UNITS, MOVE_KINDS, PACK_UNITS } from '../../api/inventory/common'
import { VERIFICATION_RESULTS } from '../../api/verifications'

const count = z.number().int().min(0)
const amount = z.number()
const rate = z.object({ num: count, den: count, rate: z.number().min(0) })
const name = z.string().max(200)

const screening = z.object({
  campaigns: z.array(z.object({ screenedInMonth: count, referredInMonth: count })),
  kinds: z.array(
    z.object({ kind: z.string().max(40), campaigns: count, target: count, screenedToDate: count, screenedInMonth: count, abnormalInMonth: count, referredInMonth: count })
  )
})

const stock = z.object({
  rows: z.array(
    z.object({
      code: z.string().min(1).max(40),
      name,
      nameEn: name,
      unit: z.enum(BASE_UNITS),
      packUnit: z.enum(PACK_UNITS),
      packSize: z.number().int().min(1),
      opening: amount,
      columns: z.partialRecord(z.enum(MOVE_KINDS), amount),
      closing: amount,
      consumed: amount
    })
  )
})

const certificates = z.object({
  issued: count,
  renewed: count,
  voided: count,
  validAtMonthEnd: count,
  verifications: z.object({ total: count, byQr: count, byHand: count, byResult: z.partialRecord(z.enum(VERIFICATION_RESULTS), count) })
})

const rates = z.object({ certificate: rate, verification: rate })

const SHAPES: Record<PacketReportKind, z.ZodType> = { screening, stock, certificates, rates }

export const isReportKind = (kind: string): kind is PacketReportKind => (PACKET_REPORTS as readonly string[]).includes(kind)

/** null when the report reads as the district reads it, else the path of the first field at fault */
export function reportProblem(kind: PacketReportKind, doc: unknown): string | null {
  const r = SHAPES[kind].safeParse(doc)
  return r.success ? null : r.error.issues[0]?.path.join('.') || 'the report'
}
