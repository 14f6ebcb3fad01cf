import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core'

/**
 * Append-only, hash-chained audit log. `seq` orders the chain; `hash` covers the row and the
 * previous row's hash. Triggers (migration 0001) refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    userId: text('user_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    summary: text('summary').notNull().default(''),
    /** JSON [i18n key, params]: the UI's text for the row */
    message: text('message'),
    details: text('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull()
  },
  (t) => [index('audit_at').on(t.at), index('audit_action').on(t.action), index('audit_entity').on(t.entity, t.entityId)]
)

/** small key-value facts about this installation (last daily backup, …) */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})
