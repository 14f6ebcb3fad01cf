/**
 * Small things the month-close and packet pages share: a hash said short, the SHA-256 of a file
 * the core sent (to show a download is the same bytes as on record), and an error of these
 * methods said in the user's language (their rule first, e.g. period_blocked, then the usual text).
 */
import type { ApiError } from '../../../api/contract'
import { errorText } from '../../app/errors'
import type { TFunc } from '../../app/i18n'

/** the first 12 hex digits, enough to tell packets apart on screen */
export const shortHash = (hex: string): string => `${hex.slice(0, 12)}…`

export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
}

/** hex SHA-256 of a file's bytes; null where the browser offers no WebCrypto (not a secure context) */
export async function sha256Hex(base64: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null
  const digest = await crypto.subtle.digest('SHA-256', base64Bytes(base64))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** the rule of a refusal: details.rule, else the first field's */
export function ruleOf(e: ApiError): string | undefined {
  const d = e.details ?? {}
  return typeof d.rule === 'string' ? d.rule : d.fields?.[0]?.rule
}

/** a refusal of periods.* / packets.*: the domain's own sentence for its rule, else the usual one */
export function refusalText(t: TFunc, has: (k: string) => boolean, e: ApiError, domain: 'periods' | 'packets'): string {
  const rule = ruleOf(e)
  if (rule && has(`${domain}.rule.${rule}`)) {
    const params: Record<string, string | number> = {}
    for (const [k, v] of Object.entries(e.details ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = v
    return t(`${domain}.rule.${rule}`, params)
  }
  return errorText(t, has, e)
}
