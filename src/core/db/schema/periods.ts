import { blob, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'

/**
 * Months closed by the station head, the monthly packets built from them, and the change log
 * that tells a packet which rows changed since the previous one (src/api/periods.ts,
 * packets.ts; DESIGN.md §4).
 */
export const periods = sqliteTable(
  'periods',
  {
    ...baseColumns(),
    /** YYYY-MM */
    period: text('period').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    closedAt: text('closed_at'),
    closedBy: text('closed_by'),
    /** how many times it was closed: 1 at the first close, +1 after each reopen and close */
    closeCount: integer('close_count').notNull().default(0),
    reopenedAt: text('reopened_at'),
    reopenedBy: text('reopened_by'),
    reopenReason: text('reopen_reason'),
    /** records dated in the month, counted when it was closed (they cannot change while it is): the periods list reads it instead of counting again */
    records: integer('records')
  },
  (t) => [uniqueIndex('periods_period').on(t.period)]
)

/** every packet this station built: the exact bytes, so exporting again writes the same file */
export const packets = sqliteTable(
  'packets',
  {
    ...baseColumns(),
    seq: integer('seq').notNull(),
    period: text('period').notNull(),
    /** the period's close count when built: a reopened and closed month gets a new packet */
    closeNo: integer('close_no').notNull(),
    /** SHA-256 (hex) of the whole file */
    sha256: text('sha256').notNull(),
    prevSha256: text('prev_sha256'),
    size: integer('size').notNull(),
    /** data rows carried */
    rows: integer('rows').notNull(),
    sealed: integer('sealed', { mode: 'boolean' }).notNull(),
    /** the district seal key's id when sealed */
    recipientKeyId: text('recipient_key_id'),
    /** the highest change_log seq the packet includes: the next packet carries what is above it */
    changeMark: integer('change_mark').notNull(),
    filename: text('filename').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    createdBy: text('created_by').notNull(),
    exportCount: integer('export_count').notNull().default(0),
    lastExportedAt: text('last_exported_at')
  },
  (t) => [uniqueIndex('packets_seq').on(t.seq), uniqueIndex('packets_period_close').on(t.period, t.closeNo)]
)

/**
 * Rows written since the last packet, filled by triggers on every table a packet carries
 * (migration 0013). A packet takes the distinct (tbl, row_id) above the previous packet's mark
 * and reads the rows as they are now; entries at or below the newest packet's mark are pruned.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull()
  }
)

