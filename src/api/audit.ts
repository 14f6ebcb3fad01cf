import { z } from 'zod'
import { method, type Page } from './contract'
import { empty, isoDate, paging, text } from './common'

/** an i18n key under audit.msg with its parameters: the UI's text for a row */
export type AuditMessage = [key: string, params?: Record<string, string | number>]

export interface AuditRow {
  seq: number
  id: string
  at: string
  userId: string | null
  /** username, or cli:<os user> for the command line */
  actor: string
  /** api method or event, e.g. station.update, auth.login_failed, backups.export */
  action: string
  entity: string | null
  entityId: string | null
  /** English, as the CLI prints it */
  summary: string
  message: AuditMessage | null
  hash: string
}

export interface AuditVerify {
  ok: boolean
  rows: number
  /** seq of the first row whose hash or link does not verify */
  firstBroken: number | null
  reason: string | null
}

export const auditApi = {
  'audit.list': method<Page<AuditRow>>()({
    input: z
      .object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        actor: text(64).optional(),
        action: text(64).optional(),
        entity: text(64).optional(),
        q: text(100).optional(),
        ...paging
      })
      .optional()
      .default({ page: 1, pageSize: 50 }),
    roles: ['admin', 'head'],
    kind: 'read'
  }),
  'audit.verify': method<AuditVerify>()({ input: empty, roles: ['admin', 'head'], kind: 'read' }),
  /** distinct actions and entities, for the filters */
  'audit.facets': method<{ actions: string[]; entities: string[]; actors: string[] }>()({ input: empty, roles: ['admin', 'head'], kind: 'read' })
}
