import type { dashboardApi } from '../../api/dashboard'
import { verifyChain } from '../audit/chain'
import { localDate, localDayRange } from '../clock'
import type { Handlers } from '../handler'
import { keyInfo } from '../keys/keystore'
import { listBackups } from '../backups/files'
import { readStation } from '../station/profile'
import { screeningSummary } from './screening'
import { stockSummary } from './stock'
import { certificateSummary } from './certificates'

function groupCount(rows: { k: string; n: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.k, r.n]))
}

export const dashboardHandlers: Handlers<typeof dashboardApi> = {
  'dashboard.summary': (ctx) => {
    const q = ctx.sqlite
    const st = readStation(ctx)
    const one = <T>(sql: string, ...p: unknown[]) => q.prepare(sql).get(...p) as T
    const staffTotals = one<{ total: number; active: number }>('SELECT count(*) AS total, coalesce(sum(active), 0) AS active FROM staff')
    const byPost = groupCount(q.prepare('SELECT post AS k, count(*) AS n FROM staff WHERE active = 1 GROUP BY post').all() as { k: string; n: number }[])
    const eq = one<{ items: number; units: number }>(`SELECT count(*) AS items, coalesce(sum(count), 0) AS units FROM equipment WHERE state <> 'scrapped'`)
    const byState = groupCount(q.prepare('SELECT state AS k, sum(count) AS n FROM equipment GROUP BY state').all() as { k: string; n: number }[])
    const sp = one<{ v: number; m: number; i: number }>(
      `SELECT coalesce(sum(kind = 'village_room' AND active = 1), 0) AS v, coalesce(sum(kind = 'mobile_van' AND active = 1), 0) AS m, coalesce(sum(active = 0), 0) AS i FROM service_points`
    )
    const nowIso = ctx.nowIso()
    const us = one<{ active: number; locked: number }>(
      'SELECT coalesce(sum(disabled = 0), 0) AS active, coalesce(sum(locked_until IS NOT NULL AND locked_until > ?), 0) AS locked FROM users',
      nowIso
    )
    const day = localDayRange(ctx.clock, localDate(ctx.clock))
    const today = one<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE at >= ? AND at < ?', day.from, day.to).n
    const last = listBackups(ctx.runtime.paths.backups, ctx.clock.timeZone)[0]
    let keyUnprotected = false
    try {
      keyUnprotected = keyInfo(ctx.runtime.paths.privateKey).unprotected
    } catch {
      keyUnprotected = true
    }
    return {
      station: { name: st.name, code: st.code, level: st.level, regionName: st.regionName },
      staff: { active: staffTotals.active, total: staffTotals.total, byPost },
      equipment: { items: eq.items, units: eq.units, byState },
      servicePoints: { villageRooms: sp.v, mobileVans: sp.m, inactive: sp.i },
      users: { active: us.active, locked: us.locked },
      audit: { today, lastBackupAt: last?.createdAt ?? null, chainOk: verifyChain(q).ok },
      keyUnprotected,
      screening: screeningSummary(ctx),
      stock: stockSummary(ctx),
      certificates: certificateSummary(ctx)
    }
  }
}
