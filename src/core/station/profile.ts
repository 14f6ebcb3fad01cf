import { eq } from 'drizzle-orm'
import type { StationLevel, StationProfile } from '../../api/station'
import type { Ctx } from '../context'
import { station } from '../db/schema'
import { stmt } from '../db/stmt'
import { AppError, fieldError } from '../errors'
import { isKnownCounty, regionName } from './codes'

/** The code's county must exist in GB/T 2260; a township's code should be a known township. */
export function checkStationCode(code: string, path = 'code'): void {
  const county = code.slice(0, 6)
  if (!isKnownCounty(county)) throw fieldError(path, 'county_unknown', `${county} is not a GB/T 2260 county code`, { county })
}

export function readStation(ctx: Ctx): StationProfile {
  const s = stmt(ctx.sqlite, 'SELECT id, level, code, name, address, phone, building_area AS buildingArea, key_id AS keyId, updated_at AS updatedAt FROM station LIMIT 1').get() as
    | (Omit<StationProfile, 'regionName'>)
    | undefined
  if (!s) throw new AppError('NOT_SET_UP', 'the station is not set up yet')
  return {
    id: s.id,
    level: s.level,
    code: s.code,
    name: s.name,
    address: s.address,
    phone: s.phone,
    buildingArea: s.buildingArea,
    regionName: regionName(s.code) ?? '',
    keyId: s.keyId,
    updatedAt: s.updatedAt
  }
}

export function updateStation(
  ctx: Ctx,
  input: { level: StationLevel; code: string; name: string; address: string; phone: string; buildingArea: number | null }
): StationProfile {
  const before = readStation(ctx)
  checkStationCode(input.code)
  const mode = ctx.db.select({ mode: station.mode }).from(station).get()!.mode
  if (mode === 'district' && input.level !== 'district') throw fieldError('level', 'district_mode_level', 'a district office uses the district level')
  ctx.db
    .update(station)
    .set({ ...input, updatedAt: ctx.nowIso(), updatedBy: ctx.user().actor })
    .where(eq(station.id, before.id))
    .run()
  const after = readStation(ctx)
  const changed: Record<string, { before: unknown; after: unknown }> = {}
  for (const k of Object.keys(input) as (keyof typeof input)[]) if (before[k] !== after[k]) changed[k] = { before: before[k], after: after[k] }
  ctx.audit({ entity: 'station', entityId: before.id, summary: `station profile ${Object.keys(changed).join(', ') || 'saved unchanged'}`,
    msg: ['station.updated', { fields: Object.keys(changed).join(', ') }], details: { changed } })
  return after
}
