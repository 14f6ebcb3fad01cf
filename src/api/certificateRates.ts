/**
 * The two rates district work reports measure stations by, per month (the state at the month's
 * last day) and per village (service point):
 * - 办证率, certificate rate: out-migrant women of childbearing age holding a valid certificate
 *   on that day / all out-migrant women of childbearing age;
 * - 验证率, verification rate: in-migrant women of childbearing age whose certificate was
 *   verified (any recorded verification up to that day, whatever its result) / all of them.
 * People counted: in the register and not exited on that day, migrant since on or before it.
 */
import { z } from 'zod'
import { method, type Page } from './contract'
import { paging } from './common'
import type { Rate } from './campaigns'

export const RATE_KINDS = ['certificate', 'verification'] as const
export type RateKind = (typeof RATE_KINDS)[number]

export interface VillageRates {
  /** null: people with no service point */
  servicePointId: string | null
  name: string | null
  certificate: Rate
  verification: Rate
}

export interface CertificateRates {
  month: string
  /** the month's last day, or today for the current month */
  asOf: string
  certificate: Rate
  verification: Rate
  byVillage: VillageRates[]
  /** the 12 months up to this one, oldest first */
  trend: { month: string; certificate: Rate; verification: Rate }[]
}

/** one person behind a rate */
export interface RatePerson {
  personId: string
  name: string
  idNumber: string
  birthDate: string
  servicePointName: string | null
  /** out-migrants: destination; in-migrants: where from */
  place: string
  since: string | null
  /** counted in the numerator */
  counted: boolean
  /** certificate rate: her valid certificate; verification rate: the latest verification */
  certificateNumber: string | null
  validUntil: string | null
  verifiedOn: string | null
  verificationResult: string | null
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month' })

export const certificateRatesApi = {
  'certificates.rates': method<CertificateRates>()({ input: z.object({ month: month.optional() }), roles: ['head', 'clerk'], kind: 'read' }),
  /** the people behind a rate: all of them, or those counted / not counted (the worklist) */
  'certificates.ratePeople': method<Page<RatePerson>>()({
    input: z.object({
      kind: z.enum(RATE_KINDS),
      month: month.optional(),
      servicePointId: z.string().nullable().optional(),
      counted: z.boolean().optional(),
      ...paging
    }),
    roles: ['head', 'clerk'],
    kind: 'sensitive-read'
  })
}
