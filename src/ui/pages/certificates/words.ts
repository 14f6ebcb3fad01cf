/**
 * The certificate pages' words (locales/<lang>/certificates.json): a certificate's state as a
 * tag, the names of the facts it states, why one cannot be issued, a print job's phase, and the
 * core's refusals in a sentence. The register's own words (persons.*) name her facts and their
 * values, so the certificate and her page say "婚姻状况" the same way.
 */
import { useMemo } from 'react'
import type { CertificateStatus, CertificateDraft } from '../../../api/certificates'
import type { ApiError } from '../../../api/contract'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { usePersonWords } from '../persons/words'

/** a certificate's state as the clerk reads it: valid ones past their last day are expired */
export type ShownStatus = CertificateStatus | 'expired'

export function shownStatus(status: CertificateStatus, validUntil: string, today: string, expired?: boolean): ShownStatus {
  if (status !== 'valid') return status
  return (expired ?? validUntil < today) ? 'expired' : 'valid'
}

export const STATUS_COLORS: Record<ShownStatus, string> = { valid: 'green', superseded: 'blue', void: 'red', expired: 'orange' }

export interface CertWords {
  status(s: ShownStatus): string
  /** the name of a fact on the certificate (or of a register fact it needs) */
  fact(f: string): string
  refusal(r: NonNullable<CertificateDraft['refusal']>): string
  /** a print job's phase in words */
  phase(p: string): string
  /** one sentence for a toast or an alert: field issues named with their fact */
  error(e: ApiError): string
}

function scalars(details: ApiError['details']): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

export function useCertWords(): CertWords {
  const { t, has } = useI18n()
  const person = usePersonWords()
  return useMemo<CertWords>(() => {
    const fact = (f: string) => (has(`certificates.fact.${f}`) ? t(`certificates.fact.${f}`) : person.field(f))
    const rule = (r: string, params: Record<string, string | number>) => (has(`certificates.rule.${r}`) ? t(`certificates.rule.${r}`, params) : ruleMessage(t, has, r, params))
    return {
      status: (s) => t(`certificates.status.${s}`),
      fact,
      refusal: (r) => (has(`certificates.refusal.${r.rule}`) ? t(`certificates.refusal.${r.rule}`, r.params) : t('certificates.refusal.other')),
      phase: (p) => (has(`certificates.print.phase.${p}`) ? t(`certificates.print.phase.${p}`) : t('certificates.print.phase.working')),
      error(e) {
        const fields = e.details?.fields ?? []
        const params = scalars(e.details)
        // a refusal names its rule on a field (also a CONFLICT: she already holds one); a missing fact is named by its path
        if (fields.length && (e.code === 'VALIDATION' || has(`errors.rule.${fields[0].rule}`))) {
          const missing = fields.filter((f) => f.rule === 'certificate_fact_missing' || f.rule === 'required').map((f) => fact(f.path.replace(/^(facts|migration)\./, '')))
          if (missing.length > 1) return t('certificates.rule.missingList', { items: missing.join(t('certificates.listSep')) })
          const f = fields[0]
          const name = f.path.replace(/^(facts|migration)\./, '')
          const text = rule(f.rule, params)
          // a fact is named before its rule; a rule about the whole certificate (personId, migration, reason) stands alone
          const named = has(`certificates.fact.${name}`) || has(`persons.field.${name}`)
          return named ? t('errors.fieldPrefix', { field: fact(name) }) + text : text
        }
        if (e.details && typeof e.details.rule === 'string' && has(`certificates.rule.${e.details.rule}`)) return t(`certificates.rule.${e.details.rule}`, params)
        return errorText(t, has, e)
      }
    }
  }, [t, has, person])
}

/** a certificate's page, and the issue flow for one person */
export const certPath = (id: string): string => `/certificates/view?id=${encodeURIComponent(id)}`
export const issuePath = (personId: string): string => `/certificates/new?person=${encodeURIComponent(personId)}`
