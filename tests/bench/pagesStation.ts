/**
 * One station data folder at full load, for the page bench (./pages.ts): the demo station with
 * its 200,000-person register (and the demo's campaigns, year of stock, certificates and
 * verifications), screening topped up to 40,000 records by three earlier campaigns, the stock
 * ledger topped up to 1,000,000 moves over ten years (./inventory.ts's loadLedger), then ten
 * years of months closed and exported through the method table: 120 packets (the first carries
 * every row; each later one the month's changes, a few hundred people edited in between),
 * sealed to the district office's key.
 */
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Role } from '../../src/api/contract'
import type { Findings } from '../../src/api/screeningFindings'
import type { ManualClock } from '../../src/core/clock'
import { withIndexesRebuilt } from '../../src/core/db/bulk'
import { createDemoStation } from '../../src/core/demo/demo'
import { createHost, type Host } from '../../src/core/host'
import { newId } from '../../src/core/ids'
import { addMonths } from '../../src/core/inventory/report'
import { CATALOGUE } from '../../src/core/inventory/products'
import { rebuildBalances } from '../../src/core/inventory/verify'
import { writeFindingKeys } from '../../src/core/screening/findingKeys'
import { loadLedger } from './inventory'

export const FULL = { persons: 200_000, screening: 40_000, moves: 1_000_000, months: 120 }
/** the first month of the ten years: 2016-11 up to 2026-10, the last month ended on the bench's today */
export const FIRST_MONTH = '2016-11'

export interface Station {
  host: Host
  sessions: Record<Role, string>
  /** what the setup took, each part */
  setup: [part: string, seconds: number][]
  /** the data folder's figures */
  sizes: [what: string, value: string][]
}

export function caller(host: Host) {
  return async <T>(method: string, input: unknown, sid: string): Promise<T> => {
    const r = await host.call(method, input, { sessionId: sid, transport: 'test' })
    if (!r.result.ok) throw new Error(`${method}: ${r.result.error.code} ${r.result.error.message} ${JSON.stringify(r.result.error.details ?? {})}`)
    return r.result.data as T
  }
}

const LOGINS: [Role, string, string][] = [
  ['admin', 'admin', 'demo-admin-1'],
  ['head', 'head', 'demo-head-1'],
  ['clinician', 'doctor', 'demo-doctor-1'],
  ['clerk', 'clerk', 'demo-clerk-1']
]

export async function loginAll(host: Host): Promise<Record<Role, string>> {
  const out = {} as Record<Role, string>
  for (const [role, username, password] of LOGINS) out[role] = (await host.call('auth.login', { username, password }, { transport: 'test' })).session as string
  return out
}

/** breast campaigns of earlier years, closed, their records written as recordSave writes them (one in 40 abnormal and referred) */
async function screeningTopUp(host: Host, head: string, wanted: number): Promise<void> {
  if (wanted <= 0) return
  const sqlite = host.runtime.sqlite!
  const call = caller(host)
  const villages = (sqlite.prepare("SELECT id FROM service_points WHERE kind = 'village_room' ORDER BY code").all() as { id: string }[]).map((v) => v.id)
  const starts = ['2019-04-01', '2021-04-01', '2023-04-01']
  const per = Math.ceil(wanted / starts.length)
  const ins = sqlite.prepare(
    `INSERT INTO screening_records (id, created_at, updated_at, updated_by, campaign_id, person_id, exam_date, examiner, findings, conclusion,
       referral_destination, referral_due, follow_up_state, service_point_id)
     SELECT ?, ?, ?, 'bench', ?, p.id, ?, '陈秀英', ?, ?, ?, ?, ?, p.service_point_id FROM persons p WHERE p.id = ?`
  )
  const side = { cbe: 'normal', birads: '2' }
  const normal = { kind: 'breast', left: side, right: side, ultrasoundDone: true, mammography: 'not_referred' } as const
  const lump = { cbe: 'lump', lumpSizeMm: 12, lumpClock: 10, birads: '4A' }
  for (const [c, start] of starts.entries()) {
    const year = Number(start.slice(0, 4))
    const n = Math.min(per, wanted - c * per)
    const campaign = await call<{ id: string }>('screening.campaignSave', { name: `${year}年乳腺癌筛查`, kind: 'breast', startDate: start, endDate: `${year}-06-30`, servicePointIds: villages, targetCount: n + 500 }, head)
    await call('screening.campaignStatus', { id: campaign.id, status: 'active' }, head)
    const people = (
      sqlite
        .prepare(`SELECT id FROM persons WHERE state = 'active' AND sex = 'female' AND birth_date > ? AND birth_date <= ? AND service_point_id IS NOT NULL AND rowid % 3 = ? LIMIT ?`)
        .all(`${year - 65}-04-01`, `${year - 35}-04-01`, c, n) as { id: string }[]
    ).map((r) => r.id)
    const at = `${year}-06-30T09:00:00.000Z`
    sqlite.transaction(() =>
      people.forEach((personId, i) => {
          const abnormal = i % 40 === 0
          const findings = abnormal ? { ...normal, left: lump } : normal
          const id = newId()
          const day = `${year}-${String(4 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
          const due = `${year}-${String(5 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
          const state = !abnormal ? 'none' : i % 120 === 0 ? 'open' : 'attended'
          ins.run(id, at, at, campaign.id, day, JSON.stringify(findings), abnormal ? 'abnormal_refer' : 'normal', abnormal ? '县妇幼保健院' : null, abnormal ? due : null, state, personId)
          writeFindingKeys(sqlite, id, campaign.id, findings as Findings)
        })
    )()
    await call('screening.campaignStatus', { id: campaign.id, status: 'closed' }, head)
  }
}

/**
 * the ledger to `moves` in all: 20 products × 10 new lots over the ten years, issued to the
 * villages and dispensed to women of the register. Its insert trigger into the change log is
 * left out while loading (dropped and made again in the same transaction): the first packet
 * carries every row whatever the log says and prunes the log, so the folder ends the same, and
 * a million log rows written and deleted again would only lengthen the setup.
 */
function stockTopUp(host: Host, moves: number): void {
  const sqlite = host.runtime.sqlite!
  const have = (sqlite.prepare('SELECT count(*) AS n FROM inv_moves').get() as { n: number }).n
  const points = (sqlite.prepare("SELECT id FROM service_points WHERE kind = 'village_room' ORDER BY code").all() as { id: string }[]).map((v) => v.id)
  const people = (sqlite.prepare("SELECT id FROM persons WHERE sex = 'female' AND marital_status = 'married' AND state = 'active' LIMIT 2000").all() as { id: string }[]).map((r) => r.id)
  const products = CATALOGUE.slice(0, 20).map((p) => ({ id: p.id, code: p.code }))
  const trigger = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = 'inv_moves_changed_insert'").get() as { name: string; sql: string }
  sqlite.transaction(() => {
    sqlite.exec(`DROP TRIGGER ${trigger.name}`)
    withIndexesRebuilt(sqlite, ['inv_moves', 'inv_lots'], () => loadLedger(sqlite, { moves: moves - have, products, points, people, lotsPerProduct: 10, from: `${FIRST_MONTH}-01`, to: '2026-11-19' }))
    sqlite.exec(trigger.sql)
  })()
  rebuildBalances(sqlite)
}

/** ten years of months closed and their packets exported; between months, a few hundred people's phones changed (the change log's next packet) */
async function tenYears(host: Host, head: string, months: number): Promise<{ firstMs: number; restMs: number; firstRows: number; firstSize: number }> {
  const sqlite = host.runtime.sqlite!
  const call = caller(host)
  const edit = sqlite.prepare("UPDATE persons SET phone = ?, updated_at = ?, updated_by = 'clerk' WHERE rowid IN (SELECT rowid FROM persons WHERE rowid % 997 = ? LIMIT 200)")
  let firstMs = 0
  let restMs = 0
  let firstRows = 0
  let firstSize = 0
  for (let m = 0; m < months; m++) {
    const period = addMonths(FIRST_MONTH, m)
    if (m > 0) edit.run(`139${String(m).padStart(8, '0')}`, `${addMonths(period, 1)}-02T02:00:00.000Z`, m % 997)
    await call('periods.close', { period, acceptWarnings: true }, head)
    const t0 = performance.now()
    const out = await call<{ packet: { rows: number; size: number } }>('packets.export', { period }, head)
    if (m === 0) {
      firstMs = performance.now() - t0
      firstRows = out.packet.rows
      firstSize = out.packet.size
    } else restMs += performance.now() - t0
  }
  return { firstMs, restMs, firstRows, firstSize }
}

export async function buildStation(base: string, clock: ManualClock, districtKeyFile: string, full = FULL): Promise<Station> {
  const setup: Station['setup'] = []
  let t = performance.now()
  const lap = (part: string) => {
    setup.push([part, (performance.now() - t) / 1000])
    t = performance.now()
  }
  const host = createHost({ dataDir: path.join(base, 'pages-station'), clock, idleMinutes: 24 * 60 })
  await createDemoStation(host, 'bench', { persons: full.persons })
  lap(`demo station: ${full.persons.toLocaleString('en')} people, the demo's campaigns, stock, certificates`)
  const sessions = await loginAll(host)
  const sqlite = host.runtime.sqlite!
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n
  await screeningTopUp(host, sessions.head, full.screening - count('SELECT count(*) AS n FROM screening_records'))
  lap('screening records topped up (three earlier campaigns, by SQL)')
  stockTopUp(host, full.moves)
  lap('stock moves topped up by SQL, balances rebuilt')
  sqlite.pragma('optimize')
  await caller(host)('keys.districtSet', { content: districtKeyFile, replace: false }, sessions.admin)
  const p = await tenYears(host, sessions.head, full.months)
  setup.push([`packet 1 (every row: ${p.firstRows.toLocaleString('en')}, ${(p.firstSize / 2 ** 20).toFixed(1)} MB sealed), packets.export`, p.firstMs / 1000])
  lap(`${full.months} months closed and exported (the other ${full.months - 1} packets: ${(p.restMs / 1000).toFixed(1)} s)`)

  const fileMb = (count('SELECT page_count AS n FROM pragma_page_count()') * count('SELECT page_size AS n FROM pragma_page_size()')) / 2 ** 20
  const sizes: Station['sizes'] = [
    ['people (persons)', count('SELECT count(*) AS n FROM persons').toLocaleString('en')],
    ['their events (person_events)', count('SELECT count(*) AS n FROM person_events').toLocaleString('en')],
    ['screening campaigns / records', `${count('SELECT count(*) AS n FROM screening_campaigns')} / ${count('SELECT count(*) AS n FROM screening_records').toLocaleString('en')}`],
    ['stock lots / moves', `${count('SELECT count(*) AS n FROM inv_lots')} / ${count('SELECT count(*) AS n FROM inv_moves').toLocaleString('en')}`],
    ['certificates / verifications', `${count('SELECT count(*) AS n FROM certificates').toLocaleString('en')} / ${count('SELECT count(*) AS n FROM verifications').toLocaleString('en')}`],
    ['closed months / packets', `${count("SELECT count(*) AS n FROM periods WHERE status = 'closed'")} / ${count('SELECT count(*) AS n FROM packets')}`],
    ['packets stored (bytes)', `${(count('SELECT sum(size) AS n FROM packets') / 2 ** 20).toFixed(1)} MB`],
    ['audit log rows', count('SELECT count(*) AS n FROM audit_log').toLocaleString('en')],
    ['database file', `${fileMb.toFixed(0)} MB`]
  ]
  return { host, sessions, setup, sizes }
}
