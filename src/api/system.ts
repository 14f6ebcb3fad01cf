import { z } from 'zod'
import { method, type Role } from './contract'
import { empty } from './common'

export type StationMode = 'station' | 'district'

export interface SystemInfo {
  version: string
  /** false until the setup wizard has run */
  setUp: boolean
  /** the database could not be opened: only recovery methods work */
  recovery: boolean
  mode: StationMode | null
  stationName: string | null
  /** methods only some transports offer, e.g. 'desktop.saveFile' */
  abilities: string[]
  timeZone: string
  /** minutes without activity before the screen locks */
  idleMinutes: number
  /** the logged-in user, if the caller has a session */
  session: { userId: string; username: string; displayName: string; role: Role; locked: boolean } | null
}

export const systemApi = {
  'system.info': method<SystemInfo>()({ input: empty, roles: 'public', kind: 'read' })
}

/** Desktop-only abilities, registered by the Electron transport only. */
export const desktopApi = {
  'desktop.saveFile': method<{ saved: boolean; path: string | null }>()({
    input: z.object({ filename: z.string().min(1).max(200), base64: z.string() }),
    roles: ['admin', 'head', 'clinician', 'clerk'],
    kind: 'read',
    desktopOnly: true
  }),
  'desktop.printPdf': method<{ printed: boolean }>()({
    input: z.object({ base64: z.string() }),
    roles: ['admin', 'head', 'clinician', 'clerk'],
    kind: 'read',
    desktopOnly: true
  })
}
