/** Certificate settings, kept in the meta table: how many years a new certificate is valid. */
import { DEFAULT_VALID_YEARS, type CertificateSettings } from '../../api/certificates'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { getMeta, setMeta } from '../meta'

export const VALID_YEARS_KEY = 'certificates.validYears'

export function readSettings(sqlite: Sqlite): CertificateSettings {
  const v = Number(getMeta(sqlite, VALID_YEARS_KEY))
  return { validYears: Number.isInteger(v) && v >= 1 && v <= 10 ? v : DEFAULT_VALID_YEARS }
}

export function saveSettings(ctx: Ctx, input: CertificateSettings): CertificateSettings {
  const before = readSettings(ctx.sqlite)
  setMeta(ctx.sqlite, VALID_YEARS_KEY, String(input.validYears))
  ctx.audit({
    entity: 'certificate',
    entityId: 'settings',
    summary: `certificates valid for ${input.validYears} years (was ${before.validYears})`,
    msg: ['certificate.settingsSaved', { years: input.validYears }],
    details: { before, after: input }
  })
  return readSettings(ctx.sqlite)
}
