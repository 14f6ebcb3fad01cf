/**
 * The demo station: on an empty data folder it sets up a realistic township station
 * (沙窝镇, 新县, 信阳市, 河南省) with one login per role; on a set-up station it adds demo
 * records (staff, equipment, 8 villages and the mobile van). Everything goes through the
 * method table, so the demo data is audited like any other write; the people register
 * (options.persons) is written in bulk by ./persons.ts, audited as one row, and with it the
 * screening campaigns (./screening.ts) on a station that has none, and a year of contraceptive
 * stock (./inventory.ts) on a station without stock moves.
 */
import type { Host } from '../host'
import type { Role } from '../../api/contract'
import type { Input, MethodName, Output } from '../../api'
import { DEFAULT_DEMO_SEED, generateDemoPersons } from './persons'
import { generateDemoInventory } from './inventory'
import { generateDemoScreening } from './screening'
import { generateDemoCertificates } from './certificates'

export interface DemoLogin {
  role: Role
  username: string
  password: string
}

export const DEMO_LOGINS: DemoLogin[] = [
  { role: 'admin', username: 'admin', password: 'demo-admin-1' },
  { role: 'head', username: 'head', password: 'demo-head-1' },
  { role: 'clinician', username: 'doctor', password: 'demo-doctor-1' },
  { role: 'clerk', username: 'clerk', password: 'demo-clerk-1' }
]

const DISPLAY: Record<Role, string> = { admin: '系统管理员', head: '刘站长', clinician: '陈医生', clerk: '周文员' }

export const DEMO_STATION = {
  level: 'township' as const,
  code: '411523101',
  name: '新县沙窝镇计划生育服务站',
  address: '河南省信阳市新县沙窝镇沙窝街18号',
  phone: '0376-2981234',
  buildingArea: 460
}

const VILLAGES: [string, string][] = [
  ['411523101201', '王山村'],
  ['411523101202', '沙坪村'],
  ['411523101203', '曾畈村'],
  ['411523101204', '罗汉村'],
  ['411523101205', '吴塆村'],
  ['411523101206', '汪冲村'],
  ['411523101207', '油榨村'],
  ['411523101208', '杨畈村']
]

const STAFF = [
  { name: '刘建华', post: 'head', qualification: '主治医师', licenceNo: '110411500012345', phone: '13803761001' },
  { name: '陈秀英', post: 'doctor', qualification: '妇产科主治医师', licenceNo: '110411500023456', phone: '13803761002' },
  { name: '王丽', post: 'doctor', qualification: '执业医师（妇产科）', licenceNo: '110411500034567', phone: '13803761003' },
  { name: '张敏', post: 'nurse', qualification: '护师', licenceNo: '201841000123', phone: '13803761004' },
  { name: '李娟', post: 'nurse', qualification: '护士', licenceNo: '201941000456', phone: '13803761005' },
  { name: '赵刚', post: 'technician', qualification: 'B超技师', licenceNo: '', phone: '13803761006' },
  { name: '孙芳', post: 'pharmacist', qualification: '药师', licenceNo: '', phone: '13803761007' },
  { name: '周静', post: 'clerk', qualification: '', licenceNo: '', phone: '13803761008' }
] as const

const EQUIPMENT = [
  { name: '彩色多普勒超声诊断仪', model: 'DC-30', count: 1, state: 'in_use', acquired: '2021-06-15' },
  { name: '阴道镜', model: 'SLC-2000', count: 1, state: 'in_use', acquired: '2020-09-01' },
  { name: '乳腺检查仪', model: 'RX-3000', count: 1, state: 'in_use', acquired: '2019-04-20' },
  { name: '妇科检查床', model: 'DH-S102', count: 3, state: 'in_use', acquired: '2018-03-10' },
  { name: '全自动生化分析仪', model: 'BS-240', count: 1, state: 'repair', acquired: '2017-11-05' },
  { name: '高压蒸汽灭菌器', model: 'YXQ-50', count: 2, state: 'in_use', acquired: '2016-08-12' },
  { name: '显微镜', model: 'CX23', count: 2, state: 'idle', acquired: '2015-05-30' },
  { name: '心电图机', model: 'ECG-1210', count: 1, state: 'scrapped', acquired: '2010-02-01' }
] as const

async function must<M extends MethodName>(host: Host, m: M, input: Input<M>, sessionId: string): Promise<Output<M>> {
  const r = await host.call(m, input, { sessionId, transport: 'cli' })
  if (!r.result.ok) throw new Error(`${m}: ${r.result.error.code} ${r.result.error.message}`)
  return r.result.data as Output<M>
}

export interface DemoOptions {
  /** people to add to the register (default none) */
  persons?: number
  /** the generator's seed (default: a fixed seed plus the people already registered) */
  seed?: number
  /** add them only to an empty register (a demo run again adds nothing) */
  onlyIfEmpty?: boolean
  /** with new people, also the screening campaigns (default true; only where there are no campaigns yet) */
  screening?: boolean
  /** with new people, also a year of stock moves (default true; only where there are none yet) */
  stock?: boolean
  /** with new people, also migrant certificates and verifications (default true; only where there are none yet) */
  certificates?: boolean
}

/** Sets up the demo station on an empty folder (returns the logins), else adds demo records. */
export async function createDemoStation(host: Host, operator = 'cli:demo', options: DemoOptions = {}): Promise<DemoLogin[] | null> {
  const info = await host.call('system.info', {}, { transport: 'cli' })
  if (!info.result.ok) throw new Error(info.result.error.message)
  const fresh = !(info.result.data as Output<'system.info'>).setUp
  const sid = host.openLocalSession({ userId: null, username: operator, displayName: operator, role: 'admin', roles: ['admin', 'head'], actor: operator })
  try {
    if (fresh) {
      const admin = DEMO_LOGINS[0]
      await must(host, 'setup.init', { station: DEMO_STATION, admin: { username: admin.username, displayName: DISPLAY.admin, password: admin.password }, keyPassphrase: '' }, sid)
      for (const l of DEMO_LOGINS.slice(1)) await must(host, 'users.create', { username: l.username, displayName: DISPLAY[l.role], role: l.role, password: l.password }, sid)
    }
    await addDemoRecords(host, sid)
    if (options.persons && options.persons > 0) {
      const sqlite = host.runtime.sqlite!
      const have = (sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n
      if (!options.onlyIfEmpty || have === 0) {
        const seed = options.seed ?? DEFAULT_DEMO_SEED + have
        generateDemoPersons(sqlite, host.runtime.clock, { count: options.persons, seed, actor: operator })
        // the screening campaigns, once, on a station without campaigns of its own (./screening.ts)
        if (options.screening !== false && !sqlite.prepare('SELECT 1 FROM screening_campaigns LIMIT 1').get())
          generateDemoScreening(sqlite, host.runtime.clock, { seed: (seed ^ 0x5c4ee) >>> 0, actor: operator })
        // a year of stock for the register, once, on a station without stock moves (./inventory.ts)
        if (options.stock !== false) generateDemoInventory(host.runtime, { seed: (seed ^ 0x570c4) >>> 0, actor: operator })
        // certificates for its out-migrant women and verifications of its in-migrants, once (./certificates.ts)
        if (options.certificates !== false) generateDemoCertificates(host.runtime, { seed: (seed ^ 0xce271f) >>> 0, actor: operator })
      }
    }
    return fresh ? DEMO_LOGINS : null
  } finally {
    host.runtime.sessions.delete(sid)
  }
}

async function addDemoRecords(host: Host, sid: string): Promise<void> {
  const station = await must(host, 'station.get', {}, sid)
  const have = await must(host, 'servicePoints.list', { pageSize: 500 }, sid)
  const codes = new Set(have.rows.map((r) => r.code))
  // villages of the demo township; on another station, villages numbered under its own code
  const villages = station.code === DEMO_STATION.code ? VILLAGES : VILLAGES.map(([c, n], i) => [`${station.code}${String(201 + i)}`, n] as [string, string])
  if (station.level === 'township')
    for (const [code, name] of villages) if (!codes.has(code)) await must(host, 'servicePoints.save', { kind: 'village_room', code, name: `${name}服务室`, address: `${name}村委会院内` }, sid)
  if (!have.rows.some((r) => r.kind === 'mobile_van')) await must(host, 'servicePoints.save', { kind: 'mobile_van', code: '', name: '流动服务车（豫S·J1234）', address: '' }, sid)
  const staff = await must(host, 'staff.list', { pageSize: 500 }, sid)
  const names = new Set(staff.rows.map((r) => r.name))
  for (const s of STAFF) if (!names.has(s.name)) await must(host, 'staff.save', { ...s }, sid)
  const eq = await must(host, 'equipment.list', { pageSize: 500 }, sid)
  const eqNames = new Set(eq.rows.map((r) => r.name))
  for (const e of EQUIPMENT) if (!eqNames.has(e.name)) await must(host, 'equipment.save', { ...e }, sid)
}
