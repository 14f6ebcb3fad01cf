import { createContext, useContext } from 'react'
import type { SystemInfo } from '../../api/system'
import type { Role } from '../../api/contract'

export type SessionInfo = NonNullable<SystemInfo['session']>

export interface AppState {
  info: SystemInfo
  session: SessionInfo
  /** re-reads system.info (after a change of station name, a restore …) */
  refresh(): Promise<void>
  can(...roles: Role[]): boolean
}

export const AppContext = createContext<AppState | null>(null)

export function useApp(): AppState {
  const c = useContext(AppContext)
  if (!c) throw new Error('useApp outside the logged-in shell')
  return c
}
