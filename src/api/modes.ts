import type { StationMode } from './system'

/**
 * Which methods a data folder answers, by its mode (chosen at setup): a service station does not
 * import packets, and a district office keeps no register, screening, stock or certificates of
 * its own. The host refuses the others with UNSUPPORTED; the UI hides their pages.
 */
const COMMON = ['system', 'setup', 'auth', 'users', 'station', 'codes', 'audit', 'backups', 'recovery', 'keys', 'jobs', 'desktop']
const DISTRICT_ONLY = ['district']

export function domainOf(method: string): string {
  return method.slice(0, method.indexOf('.'))
}

export function methodInMode(method: string, mode: StationMode): boolean {
  const d = domainOf(method)
  if (COMMON.includes(d)) return true
  return mode === 'district' ? DISTRICT_ONLY.includes(d) : !DISTRICT_ONLY.includes(d)
}
