/**
 * The rows a packet carries (data/<table>.jsonl, src/api/packets.ts): every table the change log
 * follows (migration 0013), each row exactly as `SELECT * FROM <table>` returns it (snake_case
 * columns), one JSON object a line, ordered by id, so the same data gives the same bytes.
 * Two tables travel inside their parent's row, as their triggers note the parent:
 *  - screening_campaigns rows get `points`: the service point ids of the campaign, sorted;
 *  - inv_stocktakes rows get `lines`: the stocktake's lines (SELECT * without stocktake_id,
 *    the parent's id), ordered by lot_id.
 * The first packet carries every row; a later one the rows named in change_log between the
 * previous packet's mark (exclusive) and this packet's mark (inclusive). Each table is one
 * prepared query (the change log's ids as a subquery) whose rows SQLite turns into JSON text,
 * never a query per row.
 */
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import type { PacketFile } from './container'

/** in the order their files appear in a packet: the station's records, then the register, then the rest */
export const PACKET_TABLES = [
  'station',
  'staff',
  'equipment',
  'service_points',
  'persons',
  'person_events',
  'screening_campaigns',
  'screening_records',
  'inv_products',
  'inv_lots',
  'inv_moves',
  'inv_stocktakes',
  'certificates',
  'certificate_gaps',
  'verifications',
  'periods'
] as const
export type PacketTable = (typeof PACKET_TABLES)[number]

/** which rows: all of them (first packet), or those changed in (after, upTo] of change_log */
export type RowRange = { all: true } | { all: false; after: number; upTo: number }

const CHANGED = 'SELECT row_id FROM change_log WHERE tbl = ? AND seq > ? AND seq <= ?'

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`

/**
 * A column's value for json_object: as stored, except a REAL holding a whole number, which
 * JSON.stringify would print without its ".0" (460, not 460.0).
 */
function valueOf(column: string, type: string | null, alias: string): string {
  const c = `${alias}.${quote(column)}`
  if (type && /^(TEXT|INTEGER)$/i.test(type)) return c
  return `CASE WHEN typeof(${c}) = 'real' AND ${c} = CAST(${c} AS INTEGER) AND abs(${c}) < 9007199254740992 THEN CAST(${c} AS INTEGER) ELSE ${c} END`
}

/** json_object(...) over every column `SELECT * FROM table` returns (generated ones too), in its order */
function objectOf(sqlite: Sqlite, table: string, alias: string, skip: string[] = []): string {
  const cols = sqlite.prepare(`SELECT * FROM ${table} LIMIT 0`).columns().filter((c) => !skip.includes(c.name))
  return `json_object(${cols.map((c) => `'${c.name}', ${valueOf(c.name, c.type, alias)}`).join(', ')})`
}

/** the children a parent row carries, as a JSON array */
function embedded(sqlite: Sqlite, table: PacketTable): string {
  if (table === 'screening_campaigns')
    return `, 'points', json((SELECT json_group_array(p.service_point_id ORDER BY p.service_point_id) FROM screening_campaign_points p WHERE p.campaign_id = t.id))`
  if (table === 'inv_stocktakes')
    return `, 'lines', json((SELECT json_group_array(${objectOf(sqlite, 'inv_stocktake_lines', 'l', ['stocktake_id'])} ORDER BY l.lot_id) FROM inv_stocktake_lines l WHERE l.stocktake_id = t.id))`
  return ''
}

/** per connection: each table's query, for all rows and for the changed ones */
const queries = new WeakMap<Sqlite, Map<PacketTable, { all: string; changed: string }>>()

function queryOf(sqlite: Sqlite, table: PacketTable): { all: string; changed: string } {
  let m = queries.get(sqlite)
  if (!m) queries.set(sqlite, (m = new Map()))
  let q = m.get(table)
  if (!q) {
    const head = `SELECT json_object(${objectOf(sqlite, table, 't').slice('json_object('.length, -1)}${embedded(sqlite, table)}) FROM ${table} t`
    q = { all: `${head} ORDER BY t.id`, changed: `${head} WHERE t.id IN (${CHANGED}) ORDER BY t.id` }
    m.set(table, q)
  }
  return q
}

/**
 * One table's rows in the range as JSON lines, built by SQLite itself (json_object: ~5× faster
 * than row objects and JSON.stringify, and the same values; a fraction is printed with up to
 * 17 digits where JSON.stringify prints the shortest form of the same number).
 */
export function tableLines(sqlite: Sqlite, table: PacketTable, range: RowRange): string[] {
  const q = queryOf(sqlite, table)
  return (range.all ? stmt(sqlite, q.all).pluck().all() : stmt(sqlite, q.changed).pluck().all(table, range.after, range.upTo)) as string[]
}

/** one table's rows in the range, parsed (for tests and readers) */
export function tableRows(sqlite: Sqlite, table: PacketTable, range: RowRange): Record<string, unknown>[] {
  return tableLines(sqlite, table, range).map((l) => JSON.parse(l) as Record<string, unknown>)
}

/**
 * data/<table>.jsonl for every table with rows in the range (empty tables are left out).
 * onTable is told before each table is read (for a job's progress).
 */
export function dataFiles(sqlite: Sqlite, range: RowRange, onTable?: (table: PacketTable, index: number, count: number) => void): PacketFile[] {
  const files: PacketFile[] = []
  PACKET_TABLES.forEach((table, i) => {
    onTable?.(table, i, PACKET_TABLES.length)
    const lines = tableLines(sqlite, table, range)
    if (lines.length) files.push({ path: `data/${table}.jsonl`, bytes: Buffer.from(lines.join('\n') + '\n', 'utf8'), rows: lines.length })
  })
  return files
}

/** the change log's highest seq, or null when it is empty */
export function changeLogTop(sqlite: Sqlite): number | null {
  return (stmt(sqlite, 'SELECT max(seq) AS n FROM change_log').get() as { n: number | null }).n
}

/** how many rows the next packet would carry: every row before the first packet, else the distinct rows noted after the mark */
export function pendingRows(sqlite: Sqlite, lastMark: number | null): number {
  if (lastMark === null) {
    let n = 0
    for (const t of PACKET_TABLES) n += (stmt(sqlite, `SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    return n
  }
  return (stmt(sqlite, 'SELECT count(*) AS n FROM (SELECT DISTINCT tbl, row_id FROM change_log WHERE seq > ?)').get(lastMark) as { n: number }).n
}

/** drops the change log's entries a packet has carried */
export function pruneChangeLog(sqlite: Sqlite, upTo: number): number {
  return stmt(sqlite, 'DELETE FROM change_log WHERE seq <= ?').run(upTo).changes
}
