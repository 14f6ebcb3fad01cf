import { and, asc, count, eq, like, or, type SQL } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core'
import type { Page } from '../../api/contract'
import type { Ctx } from '../context'
import { notFound } from '../errors'
import { newId } from '../ids'

/**
 * The station's small registers (staff, equipment, service points) share one shape:
 * list with search and paging, save = insert or update with a before/after audit row.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = SQLiteTableWithColumns<any>

export interface RegisterSpec<Row> {
  table: AnyTable
  entity: string
  search: SQLiteColumn[]
  active?: SQLiteColumn
  order: SQLiteColumn[]
  toRow(r: Record<string, unknown>): Row
  describe(r: Record<string, unknown>): string
}

export interface ListInput {
  q?: string
  active?: boolean
  page: number
  pageSize: number
}

function where<Row>(spec: RegisterSpec<Row>, input: ListInput): SQL | undefined {
  const parts: SQL[] = []
  const q = input.q?.trim()
  if (q) parts.push(or(...spec.search.map((c) => like(c, `%${q.replace(/[%_]/g, '')}%`)))!)
  if (spec.active && input.active !== undefined) parts.push(eq(spec.active, input.active))
  return parts.length ? and(...parts) : undefined
}

export function listRegister<Row>(ctx: Ctx, spec: RegisterSpec<Row>, input: ListInput): Page<Row> {
  const w = where(spec, input)
  const total = ctx.db.select({ n: count() }).from(spec.table).where(w).get()?.n ?? 0
  const rows = ctx.db
    .select()
    .from(spec.table)
    .where(w)
    .orderBy(...spec.order.map((c) => asc(c)))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .all() as Record<string, unknown>[]
  return { rows: rows.map(spec.toRow), total, page: input.page, pageSize: input.pageSize }
}

/** every row matching the filter, for export */
export function allRegister<Row>(ctx: Ctx, spec: RegisterSpec<Row>, input: Omit<ListInput, 'page' | 'pageSize'>): Row[] {
  const rows = ctx.db
    .select()
    .from(spec.table)
    .where(where(spec, { ...input, page: 1, pageSize: 1 }))
    .orderBy(...spec.order.map((c) => asc(c)))
    .all() as Record<string, unknown>[]
  return rows.map(spec.toRow)
}

export function saveRegister<Row>(ctx: Ctx, spec: RegisterSpec<Row>, input: { id?: string } & Record<string, unknown>): Row {
  const { id, ...fields } = input
  const now = ctx.nowIso()
  const by = ctx.user().actor
  const idCol = spec.table.id as SQLiteColumn
  if (id) {
    const before = ctx.db.select().from(spec.table).where(eq(idCol, id)).get() as Record<string, unknown> | undefined
    if (!before) throw notFound(spec.entity, id)
    ctx.db
      .update(spec.table)
      .set({ ...fields, updatedAt: now, updatedBy: by })
      .where(eq(idCol, id))
      .run()
    const after = ctx.db.select().from(spec.table).where(eq(idCol, id)).get() as Record<string, unknown>
    const changed: Record<string, { before: unknown; after: unknown }> = {}
    for (const k of Object.keys(fields)) if (before[k] !== after[k]) changed[k] = { before: before[k], after: after[k] }
    ctx.audit({ entity: spec.entity, entityId: id, summary: `updated ${spec.describe(after)}`, msg: ['record.updated', { what: spec.describe(after) }], details: { changed } })
    return spec.toRow(after)
  }
  const newRowId = newId()
  ctx.db
    .insert(spec.table)
    .values({ ...fields, id: newRowId, createdAt: now, updatedAt: now, updatedBy: by })
    .run()
  const row = ctx.db.select().from(spec.table).where(eq(idCol, newRowId)).get() as Record<string, unknown>
  ctx.audit({ entity: spec.entity, entityId: newRowId, summary: `added ${spec.describe(row)}`, msg: ['record.added', { what: spec.describe(row) }], details: { after: fields } })
  return spec.toRow(row)
}
