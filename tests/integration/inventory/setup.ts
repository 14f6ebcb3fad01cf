/** A station with a village room, two people and the seeded catalogue, for the inventory tests. */
import type { Role } from '../../../src/api/contract'
import { CATALOGUE } from '../../../src/core/inventory/products'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

export const productId = (code: string): string => CATALOGUE.find((p) => p.code === code)!.id
export const CONDOM = productId('CONDOM_M_52')
export const PILL = productId('OC_LNG_EE')
export const EC = productId('EC_LNG_15')

export interface Station {
  t: TestHost
  s: Record<Role, string>
  village: string
  wang: string
  li: string
  sqlite: () => import('better-sqlite3').Database
}

export async function inventoryStation(): Promise<Station> {
  const t = makeHost() // the station's today: 2026-11-20
  const s = await setUpStation(t)
  const village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  const add = async (birth: string, seq: number, name: string) => (await t.call('persons.create', { idNumber: makeId('410102', birth, seq, 'female'), name, servicePointId: village }, s.clerk)).id
  return { t, s, village, wang: await add('19900101', 1, '王秀英'), li: await add('19850505', 2, '李桂兰'), sqlite: () => t.host.runtime.sqlite! }
}

/** receives one lot and returns its id */
export async function receiveLot(st: Station, productId: string, lotNumber: string, expiry: string, quantity: number, date = '2026-10-01', documentNo = `DOC-${lotNumber}`): Promise<string> {
  const r = await st.t.call('inventory.receive', { documentNo, date, supplier: '县计生药具站', lines: [{ productId, lotNumber, expiry, quantity }] }, st.s.clerk)
  return r.moves[0].lotId
}

export const moveCount = (st: Station): number => (st.sqlite().prepare('SELECT count(*) AS n FROM inv_moves').get() as { n: number }).n
export const balanceOf = (st: Station, lotId: string): number => (st.sqlite().prepare('SELECT balance FROM inv_lots WHERE id = ?').get(lotId) as { balance: number }).balance
