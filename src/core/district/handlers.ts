/** District mode's methods (src/api/district.ts); the host answers them only in a district data folder. */
import type { districtApi } from '../../api/district'
import { keyInfo } from '../keys/keystore'
import type { Handlers } from '../handler'
import { readStation } from '../station/profile'
import { arrivals } from './arrivals'
import { importPackets } from './import'
import { exportKeys } from './keysExport'
import { knownSealKeyId } from './ownKey'
import { districtReport } from './report'
import { buildDistrictReportXlsx } from './reportXlsx'
import { addStation, listStations } from './stations'
import { stmt } from '../db/stmt'
import type { DistrictPacket } from '../../api/district'
import type { PacketSkipped } from '../../api/packets'

const PACKETS = `SELECT p.station_code AS stationCode, p.seq, p.period, p.sha256, p.size, p.rows, p.sealed, p.built_at AS builtAt, p.created_at AS importedAt, p.chain,
    p.skipped_from AS skippedFrom, p.skipped_to AS skippedTo, p.skipped_reason AS skippedReason,
    EXISTS (SELECT 1 FROM district_packets q WHERE q.station_code = p.station_code AND p.seq BETWEEN q.skipped_from AND q.skipped_to) AS superseded,
    coalesce((SELECT s.name FROM district_stations s WHERE s.code = p.station_code ORDER BY s.status = 'active' DESC, s.created_at DESC LIMIT 1), '') AS stationName
  FROM district_packets p
  WHERE (@code IS NULL OR p.station_code = @code) AND (@period IS NULL OR p.period = @period)
  ORDER BY p.station_code, p.seq DESC`

type PacketRow = Omit<DistrictPacket, 'sealed' | 'skipped' | 'superseded'> & {
  sealed: number
  superseded: number
  skippedFrom: number | null
  skippedTo: number | null
  skippedReason: PacketSkipped['reason'] | null
}

export const districtHandlers: Handlers<typeof districtApi> = {
  'district.info': (ctx) => {
    const own = readStation(ctx)
    const stations = (stmt(ctx.sqlite, 'SELECT count(DISTINCT code) AS n FROM district_stations').get() as { n: number }).n
    return { code: own.code, name: own.name, keyId: keyInfo(ctx.runtime.paths.privateKey).keyId, sealKeyId: knownSealKeyId(ctx), stations }
  },

  'district.stations': (ctx) => listStations(ctx.sqlite),

  'district.stationAdd': (ctx, input) => addStation(ctx, input),

  'district.import': (ctx, input) => importPackets(ctx, input),

  'district.packets': (ctx, input) =>
    (stmt(ctx.sqlite, PACKETS).all({ code: input.stationCode ?? null, period: input.period ?? null }) as PacketRow[]).map(
      ({ skippedFrom, skippedTo, skippedReason, ...p }): DistrictPacket => ({
        ...p,
        sealed: !!p.sealed,
        superseded: !!p.superseded,
        skipped: skippedFrom !== null && skippedTo !== null && skippedReason !== null ? { from: skippedFrom, to: skippedTo, reason: skippedReason } : null
      })
    ),

  'district.arrivals': (ctx, input) => arrivals(ctx, input.year),

  'district.report': (ctx, input) => districtReport(ctx, input.period),

  'district.reportExport': async (ctx, input) => {
    const file = await buildDistrictReportXlsx(ctx, districtReport(ctx, input.period), input.lang)
    ctx.audit({ entity: 'districtReport', entityId: input.period, summary: `exported the district report of ${input.period} (xlsx)`, msg: ['district.reportExported', { period: input.period }] })
    return file
  },

  'district.keysExport': (ctx, input) => exportKeys(ctx, input.passphrase)
}
