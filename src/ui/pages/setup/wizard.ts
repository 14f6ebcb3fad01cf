/**
 * What the setup wizard's steps share: the form's values, which fields each step holds (so an
 * error the core reports on a field can send the user back to that field's step) and the
 * initial values. Form names follow the API's paths (station.code, admin.username,
 * keyPassphrase).
 */
import type { StationLevel } from '../../../api/station'
import type { StationMode } from '../../../api/system'

export interface Values {
  mode: StationMode
  station: { level: StationLevel; code: string; name: string; address?: string; phone?: string; buildingArea?: number | null }
  admin: { username: string; displayName: string; password: string; confirm: string }
  keyPassphrase?: string
  keyConfirm?: string
  rememberPassphrase?: boolean
}

/** ruleMessage bound to the current language */
export type Rule = (r: string, params?: Record<string, string | number>) => string

export type Name = (string | number)[]
export const STEP_FIELDS: Name[][] = [
  [['mode'], ['station', 'level'], ['station', 'code'], ['station', 'name'], ['station', 'address'], ['station', 'phone'], ['station', 'buildingArea']],
  [['admin', 'username'], ['admin', 'displayName'], ['admin', 'password'], ['admin', 'confirm']],
  [['keyPassphrase'], ['keyConfirm'], ['rememberPassphrase']],
  []
]
export const REVIEW = 3

/** the step holding the field an API path names (review when none does) */
export function stepOf(path: string): number {
  const i = STEP_FIELDS.findIndex((names) => names.some((n) => n.join('.') === path || path.startsWith(n.join('.') + '.')))
  if (i >= 0) return i
  if (path === 'station' || path.startsWith('station.')) return 0
  if (path === 'admin' || path.startsWith('admin.')) return 1
  return REVIEW
}

export const INITIAL: Partial<Values> = {
  mode: 'station',
  station: { level: 'township', code: '', name: '', address: '', phone: '', buildingArea: null },
  keyPassphrase: '',
  keyConfirm: '',
  rememberPassphrase: false
}

/** the names of the fields in a (nested) changed-values object */
export function changedNames(changed: Record<string, unknown>, prefix: Name = []): Name[] {
  return Object.entries(changed).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? changedNames(v as Record<string, unknown>, [...prefix, k]) : [[...prefix, k]]
  )
}
