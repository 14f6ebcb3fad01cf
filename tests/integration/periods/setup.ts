/**
 * A station for the period tests (its today: 2026-11-20, so October 2026 has ended and November
 * has not): one user per role, a village room, two women, a condom lot received on 2026-10-01,
 * and helpers for the dated records of each domain.
 */
import type { Role } from '../../../src/api/contract'
import type { ApiError } from '../../../src/api/contract'
import { CATALOGUE } from '../../../src/core/inventory/products'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

export const CONDOM = CATALOGUE.find((p) => p.code === 'CONDOM_M_52')!.id

export interface PeriodStation {
  t: TestHost
  s: Record<Role, string>
  village: string
  wang: string
  li: string
  lot: string
  sqlite: () => import('better-sqlite3').Database
  count(sql: string, ...params: unknown[]): number
}

export async function periodStation(): Promise<PeriodStation> {
  const t = makeHost()
  const s = await setUpStation(t)
  const village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  const add = async (birth: string, seq: number, name: string) => (await t.call('persons.create', { idNumber: makeId('410102', birth, seq, 'female'), name, servicePointId: village }, s.clerk)).id
  const wang = await add('19800101', 1, '王秀英')
  const li = await add('19750505', 2, '李桂兰')
  const r = await t.call('inventory.receive', { documentNo: 'R-10', date: '2026-10-01', supplier: '县计生药具站', lines: [{ productId: CONDOM, lotNumber: 'C1', expiry: '2028-12-31', quantity: 500 }] }, s.clerk)
  const sqlite = () => t.host.runtime.sqlite!
  return {
    t,
    s,
    village,
    wang,
    li,
    lot: r.moves[0].lotId,
    sqlite,
    count: (sql, ...params) => (sqlite().prepare(sql).get(...params) as { n: number }).n
  }
}

/** a breast campaign of the given dates, made active */
export async function activeCampaign(st: PeriodStation, startDate: string, endDate: string): Promise<string> {
  const id = (await st.t.call('screening.campaignSave', { name: `乳腺筛查 ${startDate}`, kind: 'breast', startDate, endDate, servicePointIds: [st.village], targetCount: 10 }, st.s.head)).id
  await st.t.call('screening.campaignStatus', { id, status: 'active' }, st.s.head)
  return id
}

const side = (o: object = {}) => ({ cbe: 'normal' as const, birads: '1' as const, ...o })
export const normalFindings = () => ({ kind: 'breast' as const, left: side(), right: side(), ultrasoundDone: true })
export const referFindings = () => ({ kind: 'breast' as const, left: side(), right: side({ cbe: 'lump', lumpSizeMm: 12, lumpClock: 10, birads: '4A' }), ultrasoundDone: true })

/** the error's code, its period and the first field's path and rule */
export const closedOn = (e: ApiError) => ({ code: e.code, period: e.details?.period, field: e.details?.fields?.map((f) => `${f.path}:${f.rule}`)[0] })
