import { text } from 'drizzle-orm/sqlite-core'

/** Columns every table carries: UUID v7 id, UTC ISO timestamps, and who wrote the row. */
export const baseColumns = () => ({
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull()
})
