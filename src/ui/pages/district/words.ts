/**
 * What the district pages say the same way: a packet's refusal reason and the next step in the
 * user's language, the rule of an error, a month shifted, a rate as "num / den · %", the
 * district's current month in its time zone.
 */
import type { ApiError } from '../../../api/contract'
import type { Rate } from '../../../api/campaigns'
import type { DistrictImportItem } from '../../../api/district'
import { errorText } from '../../app/errors'
import type { TFunc } from '../../app/i18n'
import { shiftMonth } from '../../components/MonthSwitcher'

/** the reasons a packet can be refused (src/api/district.ts, src/core/packets/errors.ts) */
export const REFUSAL_REASONS = [
  'not_a_packet',
  'truncated',
  'newer_format',
  'unknown_key',
  'bad_signature',
  'wrong_station',
  'file_mismatch',
  'sealed_no_key',
  'not_for_this_district',
  'seal_broken',
  'too_big',
  'seq_conflict',
  'bad_row'
] as const

/** the rules of district.stationAdd's refusals the district pages word themselves (src/core/district/stations.ts) */
export const STATION_KEY_RULES = ['station_key_one', 'station_key_unsigned', 'station_key_own', 'key_other_station', 'station_key_set'] as const

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/

/** the rule of a refusal: details.rule, else details.reason, else the first field's rule */
export function ruleOf(e: ApiError): string | undefined {
  const d = e.details ?? {}
  if (typeof d.rule === 'string') return d.rule
  if (typeof d.reason === 'string') return d.reason
  return d.fields?.[0]?.rule
}

/** a refused file: why (in the user's language, not the core's English) and what to do next */
export function refusalWords(t: TFunc, has: (k: string) => boolean, item: Pick<DistrictImportItem, 'code' | 'reason' | 'message' | 'stationCode' | 'seq'>): { why: string; next: string | null } {
  const params = { station: item.stationCode ?? '—', seq: item.seq ?? '—' }
  const reason = item.reason ?? ''
  if (reason && has(`district.reason.${reason}`)) {
    return { why: t(`district.reason.${reason}`, params), next: has(`district.next.${reason}`) ? t(`district.next.${reason}`, params) : null }
  }
  // a refusal without a known reason (a database error, say): the code's own text
  const code = item.code ?? 'INTERNAL'
  const why = has(`errors.code.${code}`) ? t(`errors.code.${code}`) : t('errors.code.INTERNAL')
  return { why: item.message ? `${why} (${item.message})` : why, next: null }
}

/** the error's details that are words or numbers, as message parameters */
function detailParams(e: ApiError): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(e.details ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = v
  return out
}

/** the district's own words for an error's rule (a packet's refusal reason or a station key rule), else null */
export function districtRuleText(t: TFunc, has: (k: string) => boolean, e: ApiError): string | null {
  const rule = ruleOf(e)
  const p = detailParams(e)
  if (rule && has(`district.reason.${rule}`)) return t(`district.reason.${rule}`, { station: p.stationCode ?? '—', seq: p.seq ?? '—', ...p })
  // a field's rule (details.reason may be a finer word, e.g. a key file's)
  const field = e.details?.fields?.[0]?.rule
  for (const r of [rule, field]) if (r && has(`district.rule.${r}`)) return t(`district.rule.${r}`, { station: p.stationCode ?? '—', keyId: p.keyId ?? '—', count: p.count ?? '—', ...p })
  return null
}

/** an error of district.* as one sentence: the district's own words for its rule, else the usual text */
export function districtErrorText(t: TFunc, has: (k: string) => boolean, e: ApiError): string {
  return districtRuleText(t, has, e) ?? errorText(t, has, e)
}

export { shiftMonth }

/** this month (YYYY-MM) in the given time zone */
export function monthIn(timeZone: string, now = new Date()): string {
  try {
    return now.toLocaleDateString('en-CA', { timeZone }).slice(0, 7)
  } catch {
    return now.toISOString().slice(0, 7)
  }
}

/** a percent formatter for rates (— when nothing to divide by) */
export function percentOf(lang: string): (r: Rate) => string {
  const f = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
  return (r) => (r.den > 0 ? f.format(r.rate) : '—')
}

/** months as runs: ['2026-01','2026-02','2026-03','2026-05'] → [['2026-01','2026-03'], ['2026-05','2026-05']] */
export function monthRuns(periods: string[]): [string, string][] {
  const runs: [string, string][] = []
  for (const p of [...periods].sort()) {
    const last = runs[runs.length - 1]
    if (last && shiftMonth(last[1], 1) === p) last[1] = p
    else runs.push([p, p])
  }
  return runs
}
