import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'

/**
 * District mode (src/api/district.ts): the stations whose packets this office accepts, the
 * packets imported, and what they carried: every row by (station, table, id), newest wins, and
 * each month's report tables by (station, period, report), the highest sequence number wins.
 */
export const districtStations = sqliteTable(
  'district_stations',
  {
    ...baseColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    keyId: text('key_id').notNull(),
    publicKey: text('public_key').notNull(),
    /** a replaced key stays registered (retired) so packets it signed still verify */
    status: text('status', { enum: ['active', 'retired'] }).notNull().default('active')
  },
  (t) => [uniqueIndex('district_stations_key').on(t.keyId), index('district_stations_code').on(t.code)]
)

export const districtPackets = sqliteTable(
  'district_packets',
  {
    ...baseColumns(),
    stationCode: text('station_code').notNull(),
    seq: integer('seq').notNull(),
    period: text('period').notNull(),
    sha256: text('sha256').notNull(),
    prevSha256: text('prev_sha256'),
    size: integer('size').notNull(),
    rows: integer('rows').notNull(),
    sealed: integer('sealed', { mode: 'boolean' }).notNull(),
    keyId: text('key_id').notNull(),
    /** the station's createdAt and createdBy from the manifest */
    builtAt: text('built_at').notNull(),
    builtBy: text('built_by').notNull(),
    fileName: text('file_name').notNull(),
    /** 'ok': prevSha256 is the hash of packet seq-1 (skipped_from − 1 when it declares a skip) here; 'first': seq 1; 'unknown': seq-1 not here yet; 'break': it differs */
    chain: text('chain', { enum: ['ok', 'first', 'unknown', 'break'] }).notNull(),
    /**
     * the manifest's skipped: sequence numbers the station handed out before this packet and no
     * longer holds (restored an older backup); not missing, and this packet chains to skipped_from − 1
     */
    skippedFrom: integer('skipped_from'),
    skippedTo: integer('skipped_to'),
    skippedReason: text('skipped_reason', { enum: ['restored_backup', 'not_recorded'] }),
    /** JSON: the manifest's totals */
    totals: text('totals').notNull()
  },
  (t) => [uniqueIndex('district_packets_seq').on(t.stationCode, t.seq), uniqueIndex('district_packets_sha').on(t.sha256), index('district_packets_period').on(t.period, t.stationCode)]
)

export const districtRows = sqliteTable(
  'district_rows',
  {
    stationCode: text('station_code').notNull(),
    tbl: text('tbl').notNull(),
    id: text('id').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** the record's business date (exam, move, issue, verification date…), null for registers */
    businessDate: text('business_date'),
    /** JSON: the row as the station sent it */
    data: text('data').notNull(),
    packetSeq: integer('packet_seq').notNull()
  },
  (t) => [primaryKey({ columns: [t.stationCode, t.tbl, t.id] }), index('district_rows_date').on(t.tbl, t.businessDate)]
)

export const districtReports = sqliteTable(
  'district_reports',
  {
    stationCode: text('station_code').notNull(),
    period: text('period').notNull(),
    /** PacketReportKind */
    report: text('report').notNull(),
    packetSeq: integer('packet_seq').notNull(),
    /** JSON: the report as the station computed it */
    data: text('data').notNull()
  },
  (t) => [primaryKey({ columns: [t.stationCode, t.period, t.report] }), index('district_reports_period').on(t.period)]
)
