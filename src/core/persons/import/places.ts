/**
 * The village column of a roster names a service point as townships write it: 张家村, 张家村委会,
 * 张家, 张家村服务室, or its 12-digit statistical code. Looked up among the station's service points.
 */
import type { Ctx } from '../../context'
import { stmt } from '../../db/stmt'

const SUFFIX = /(村级服务室|计生服务室|服务室|服务站|村民委员会|村委会|居民委员会|居委会|社区|村|居)$/

/** 一村服务室 -> 一村 -> 一: the name without what townships add or leave off */
function bareName(k: string): string {
  return k.replace(SUFFIX, '').replace(SUFFIX, '')
}

function key(s: string): string {
  return s.replace(/[\s\u3000]/g, '')
}

export interface ServicePointIndex {
  /** the service point's id, or null when no service point has this name or code */
  find(name: string): string | null
  /** whether a service point of this id exists */
  has(id: string): boolean
}

export function servicePointIndex(ctx: Ctx): ServicePointIndex {
  const rows = stmt(ctx.sqlite, 'SELECT id, code, name FROM service_points').all() as { id: string; code: string; name: string }[]
  const exact = new Map<string, string>()
  const bare = new Map<string, string | null>()
  for (const r of rows) {
    exact.set(key(r.name), r.id)
    if (r.code) exact.set(r.code, r.id)
    const b = bareName(key(r.name))
    // two points that differ only by their suffix (张家村, 张家社区) are not guessed between
    if (b) bare.set(b, bare.has(b) && bare.get(b) !== r.id ? null : r.id)
  }
  const ids = new Set(rows.map((r) => r.id))
  // a roster names the same few villages over and over
  const seen = new Map<string, string | null>()
  return {
    has: (id) => ids.has(id),
    find(name) {
      let hit = seen.get(name)
      if (hit === undefined) {
        const k = key(name)
        hit = exact.get(k) ?? bare.get(bareName(k)) ?? null
        if (seen.size < 10_000) seen.set(name, hit)
      }
      return hit
    }
  }
}
