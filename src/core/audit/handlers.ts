import type { AuditRow, auditApi } from '../../api/audit'
import { localDayRange } from '../clock'
import type { Handlers } from '../handler'
import { verifyChain } from './chain'

interface Raw {
  seq: number
  id: string
  at: string
  user_id: string | null
  actor: string
  action: string
  entity: string | null
  entity_id: string | null
  summary: string
  message: string | null
  hash: string
}

export const auditHandlers: Handlers<typeof auditApi> = {
  'audit.list': (ctx, input) => {
    const where: string[] = []
    const params: unknown[] = []
    if (input.from) {
      where.push('at >= ?')
      params.push(localDayRange(ctx.clock, input.from).from)
    }
    if (input.to) {
      where.push('at < ?')
      params.push(localDayRange(ctx.clock, input.to).to)
    }
    if (input.actor) {
      where.push('actor = ?')
      params.push(input.actor)
    }
    if (input.action) {
      where.push('action = ?')
      params.push(input.action)
    }
    if (input.entity) {
      where.push('entity = ?')
      params.push(input.entity)
    }
    if (input.q) {
      where.push("(summary LIKE ? ESCAPE '\\' OR entity_id = ?)")
      params.push(`%${input.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`, input.q)
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log ${w}`).get(...params) as { n: number }).n
    const rows = ctx.sqlite
      .prepare(`SELECT seq, id, at, user_id, actor, action, entity, entity_id, summary, message, hash FROM audit_log ${w} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as Raw[]
    const out: AuditRow[] = rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      at: r.at,
      userId: r.user_id,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      summary: r.summary,
      message: r.message ? (JSON.parse(r.message) as AuditRow['message']) : null,
      hash: r.hash
    }))
    return { rows: out, total, page: input.page, pageSize: input.pageSize }
  },

  'audit.verify': (ctx) => verifyChain(ctx.sqlite),

  'audit.facets': (ctx) => {
    const col = (c: string) => (ctx.sqlite.prepare(`SELECT DISTINCT ${c} AS v FROM audit_log WHERE ${c} IS NOT NULL ORDER BY 1`).all() as { v: string }[]).map((r) => r.v)
    return { actions: col('action'), entities: col('entity'), actors: col('actor') }
  }
}
