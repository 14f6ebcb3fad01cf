/**
 * The month's report tables a packet carries (src/core/packets/reports) on a small demo station
 * (2,000 people: two campaigns, a year of stock, certificates and verifications) with records
 * added by hand around the turn of September 2026: each report equals the station's own figures
 * read through the method table (inventory.monthlyReport, certificates.rates, screening.dashboard,
 * certificates.list / get, certificates.verifications), every figure goes by business date (a
 * record dated in the next or the previous month, or voided late at night UTC, lands in its own
 * month), and the same data gives the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CertificateRow, Certificate } from '../../../src/api/certificates'
import type { PacketReports } from '../../../src/api/packetReports'
import type { Verification } from '../../../src/api/verifications'
import { ManualClock, localDate } from '../../../src/core/clock'
import type { Ctx } from '../../../src/core/context'
import { createDemoStation } from '../../../src/core/demo/demo'
import { createHost, type Host } from '../../../src/core/host'
import { addMonths, lastDayOf } from '../../../src/core/inventory/report'
import { buildReports, reportTotals } from '../../../src/core/packets/reports'
import { operatorCaller, T0, tmpDir } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

const MONTHS = Array.from({ length: 12 }, (_, i) => addMonths('2026-11', i - 11)) // 2025-12 … 2026-11 (today: 2026-11-20)
const AROUND = ['2026-08', '2026-09', '2026-10']

let host: Host
let call: ReturnType<typeof operatorCaller>
let ctx: Ctx
let before: Record<string, PacketReports>
let sept: { campaign: string; planned: string; issued: string; renewed: string; voided: string; stockOut: number }

const sqlite = () => host.runtime.sqlite!
const inMonth = (d: string | null, m: string) => d !== null && d.slice(0, 7) === m
const reports = (m: string) => buildReports(ctx, m)

function readCtx(h: Host): Ctx {
  const rt = h.runtime
  const session = { userId: null, username: 'test', displayName: 'test', role: 'head', roles: ['head'], actor: 'test' }
  return { db: rt.db, sqlite: rt.sqlite, session, clock: rt.clock, runtime: rt, method: 'test', transport: 'test', audit: () => {}, nowIso: () => rt.clock.now().toISOString(), user: () => session } as unknown as Ctx
}

const normal = { cbe: 'normal' as const, birads: '1' as const }
const breast = { kind: 'breast' as const, left: normal, right: normal, ultrasoundDone: true }

/** the hand-made records of September 2026 and its edges */
async function septemberRecords(): Promise<typeof sept> {
  const points = (sqlite().prepare("SELECT id FROM service_points WHERE kind = 'village_room' ORDER BY code").all() as { id: string }[]).map((r) => r.id)
  // a breast campaign held inside September, closed afterwards; a cervical one planned over the turn of the month, never started
  const campaign = (await call('screening.campaignSave', { name: '九月乳腺筛查', kind: 'breast', startDate: '2026-09-01', endDate: '2026-09-30', servicePointIds: points, targetCount: 20 })).id
  await call('screening.campaignStatus', { id: campaign, status: 'active' })
  const planned = (await call('screening.campaignSave', { name: '宫颈筛查（计划）', kind: 'cervical', startDate: '2026-09-20', endDate: '2026-10-20', servicePointIds: points, targetCount: 30 })).id
  const women = sqlite()
    .prepare(`SELECT id FROM persons WHERE sex = 'female' AND state = 'active' AND birth_date BETWEEN '1965-01-01' AND '1985-01-01' AND service_point_id IS NOT NULL ORDER BY id LIMIT 6`)
    .all() as { id: string }[]
  const plan = [
    ['2026-09-01', 'normal'],
    ['2026-09-03', 'normal'],
    ['2026-09-10', 'normal'],
    ['2026-09-10', 'benign'],
    ['2026-09-15', 'abnormal_refer'],
    ['2026-09-30', 'abnormal_refer']
  ] as const
  for (const [i, [examDate, conclusion]] of plan.entries()) {
    const referral = conclusion === 'abnormal_refer' ? { destination: '县妇幼保健院乳腺科', dueDate: '2026-10-30' } : undefined
    await call('screening.recordSave', { campaignId: campaign, personId: women[i].id, examDate, findings: breast, conclusion, referral, confirmIneligible: true })
  }
  await call('screening.campaignStatus', { id: campaign, status: 'closed' })

  // a certificate issued on 10 September to an out-migrant woman who holds none
  const candidates = sqlite()
    .prepare(`SELECT p.id FROM persons p WHERE p.migrant_status = 'out' AND p.sex = 'female' AND p.birth_date BETWEEN '1980-01-01' AND '2005-01-01'
      AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = p.id AND c.status = 'valid') ORDER BY p.id`)
    .all() as { id: string }[]
  let issued: string | undefined
  for (const { id } of candidates) {
    const d = await call('certificates.prepare', { personId: id, issueDate: '2026-09-10' })
    if (d.missing.length || d.refusal || d.current || d.needsMigration) continue
    issued = (await call('certificates.issue', { personId: id, issueDate: '2026-09-10' })).id
    break
  }
  if (!issued) throw new Error('no demo woman could be issued a certificate')
  // a renewal dated 15 September of a certificate valid then
  const valid = sqlite().prepare("SELECT id FROM certificates WHERE status = 'valid' AND issue_date < '2026-09-01' AND valid_until > '2026-10-31' ORDER BY number").all() as { id: string }[]
  let renewed: string | undefined
  for (const { id } of valid) {
    const r = await call('certificates.renew', { id, issueDate: '2026-09-15', reason: '信息变更' }).catch(() => null)
    if (r) {
      renewed = r.id
      break
    }
  }
  if (!renewed) throw new Error('no demo certificate could be renewed')
  // voided at 01:30 on 1 October in the station's zone, still 30 September in UTC
  const voided = valid.find((c) => (sqlite().prepare("SELECT status FROM certificates WHERE id = ?").get(c.id) as { status: string }).status === 'valid')!.id
  const clock = host.runtime.clock as ManualClock
  clock.set(new Date('2026-09-30T17:30:00Z'))
  await operatorCaller(host, ['head'])('certificates.void', { id: voided, reason: '登记错误' })
  clock.set(T0)
  call = operatorCaller(host, ['head', 'clinician']) // the earlier session locked itself across the clock's jump

  // verifications by hand on the last day of August and the first of September
  const verify = (seq: number, verifiedOn: string, result: 'valid' | 'expired') =>
    call('certificates.verificationSave', {
      method: 'manual',
      result,
      certificateNumber: `410105002-2025-0001${seq}`,
      issuerName: '金水区某乡计划生育服务站',
      issueDate: '2023-06-01',
      validUntil: result === 'valid' ? '2028-05-31' : '2026-05-31',
      verifiedOn,
      holder: { idNumber: makeId('410105', '19950612', 40 + seq, 'female'), name: `验证${seq}`, from: '河南省郑州市金水区', since: '2026-08-01' }
    })
  await verify(1, '2026-08-31', 'valid')
  await verify(2, '2026-09-01', 'expired')

  // condoms issued to a village on 30 September
  const product = sqlite().prepare("SELECT product_id AS id FROM inv_lots GROUP BY product_id ORDER BY sum(balance) DESC LIMIT 1").get() as { id: string }
  await call('inventory.issue', { servicePointId: points[0], date: '2026-09-30', lines: [{ productId: product.id, quantity: 10 }] })
  return { campaign, planned, issued, renewed, voided, stockOut: 10 }
}

beforeAll(async () => {
  host = createHost({ dataDir: tmpDir('sd-reports-'), clock: new ManualClock(T0) })
  await createDemoStation(host, 'cli:test', { persons: 2000 })
  call = operatorCaller(host, ['head', 'clinician'])
  ctx = readCtx(host)
  before = Object.fromEntries(AROUND.map((m) => [m, reports(m)]))
  sept = await septemberRecords()
}, 120_000)
afterAll(() => host.close())

describe('reports equal the station’s own figures', () => {
  it('stock: inventory.monthlyReport of each month; stockOut its consumption, as the moves dated in the month give it', async () => {
    for (const m of MONTHS) {
      const r = reports(m)
      const own = await call('inventory.monthlyReport', { period: m })
      expect(r.stock).toEqual(own)
      const consumed = (sqlite().prepare('SELECT coalesce(sum(consumed), 0) AS n FROM inv_moves WHERE date BETWEEN ? AND ?').get(`${m}-01`, lastDayOf(m)) as { n: number }).n
      expect(reportTotals(r).stockOut, m).toBe(consumed)
    }
    expect(MONTHS.some((m) => reportTotals(reports(m)).stockOut > 0)).toBe(true)
  })

  it('rates: certificates.rates of each month, as of its last day (today for the current month)', async () => {
    for (const m of MONTHS) {
      const r = reports(m).rates
      const { trend: _trend, month, ...own } = await call('certificates.rates', { month: m })
      expect(r).toEqual({ period: month, ...own })
      expect(r.asOf).toBe(m === '2026-11' ? '2026-11-20' : lastDayOf(m))
    }
    expect(reports('2026-10').rates.certificate.den).toBeGreaterThan(0)
  })

  it('certificates: what certificates.list and get say for each month, a void by its date in the station’s zone', async () => {
    const rows: CertificateRow[] = []
    for (let page = 1; ; page++) {
      const p = await call('certificates.list', { page, pageSize: 500, withQr: false })
      rows.push(...p.rows)
      if (rows.length >= p.total) break
    }
    const full = new Map<string, Certificate>()
    for (const r of rows) full.set(r.id, await call('certificates.get', { id: r.id }))
    const endedOn = (c: Certificate): string | null =>
      c.status === 'void' ? localDate(host.runtime.clock, new Date(c.voidedAt!)) : c.status === 'superseded' ? full.get(c.supersededBy!.id)!.issueDate : null
    for (const m of MONTHS) {
      const last = lastDayOf(m)
      const certs = [...full.values()]
      expect(reports(m).certificates, m).toMatchObject({
        period: m,
        issued: certs.filter((c) => inMonth(c.issueDate, m)).length,
        renewed: certs.filter((c) => inMonth(c.issueDate, m) && c.supersedes).length,
        voided: certs.filter((c) => c.status === 'void' && inMonth(endedOn(c), m)).length,
        validAtMonthEnd: certs.filter((c) => c.issueDate <= last && last <= c.validUntil && (c.status === 'valid' || endedOn(c)! > last)).length
      })
    }
    expect(full.get(sept.voided)!.voidedAt!.slice(0, 10)).toBe('2026-09-30') // UTC: still September
  })

  it('verifications: certificates.verifications of the month, by method and result', async () => {
    for (const m of MONTHS) {
      const list: Verification[] = (await call('certificates.verifications', { month: m, page: 1, pageSize: 500 })).rows
      const v = reports(m).certificates.verifications
      expect(v.total, m).toBe(list.length)
      expect(v.byQr + v.byHand).toBe(v.total)
      expect(v.byQr).toBe(list.filter((x) => x.method === 'qr').length)
      for (const [result, n] of Object.entries(v.byResult)) expect(n, `${m} ${result}`).toBe(list.filter((x) => x.result === result).length)
    }
  })

  it('screening: a campaign inside one month shows its dashboard; a campaign over months adds up to it', async () => {
    const line = (m: string, id: string) => reports(m).screening.campaigns.find((c) => c.campaignId === id)
    const d = await call('screening.dashboard', { campaignId: sept.campaign })
    expect(line('2026-09', sept.campaign)).toEqual({
      campaignId: sept.campaign, name: '九月乳腺筛查', kind: 'breast', startDate: '2026-09-01', endDate: '2026-09-30',
      target: d.target, screenedToDate: d.screened, screenedInMonth: d.screened, conclusionsInMonth: d.conclusions, referredInMonth: d.referrals.total
    })
    expect([d.screened, d.conclusions, d.referrals.total]).toEqual([6, { normal: 3, benign: 1, abnormal_refer: 2, suspected_malignancy: 0 }, 2])
    // the demo's campaigns run over two or three months: their months add up to the dashboard
    const demo = (await call('screening.campaigns', { page: 1, pageSize: 50 })).rows.filter((c) => c.id !== sept.campaign && c.id !== sept.planned)
    expect(demo.length).toBe(2)
    for (const c of demo) {
      const dash = await call('screening.dashboard', { campaignId: c.id })
      const lines = MONTHS.map((m) => line(m, c.id)).filter((l) => l !== undefined)
      const months = MONTHS.filter((m) => m >= c.startDate.slice(0, 7) && m <= c.endDate.slice(0, 7))
      expect(lines.length, c.name).toBe(months.length)
      expect(lines.reduce((s, l) => s + l.screenedInMonth, 0)).toBe(dash.screened)
      expect(lines.reduce((s, l) => s + l.referredInMonth, 0)).toBe(dash.referrals.total)
      for (const k of ['normal', 'benign', 'abnormal_refer', 'suspected_malignancy'] as const) expect(lines.reduce((s, l) => s + l.conclusionsInMonth[k], 0)).toBe(dash.conclusions[k])
      // to date: the days of the dashboard up to each month's end
      for (const [i, l] of lines.entries()) expect(l.screenedToDate).toBe(dash.byDay.filter((x) => x.date <= lastDayOf(months[i])).reduce((s, x) => s + x.screened, 0))
    }
  })

  it('sums the campaign lines per kind with coverage to date, and totals every record examined in the month', () => {
    for (const m of MONTHS) {
      const r = reports(m)
      for (const k of r.screening.kinds) {
        const of = r.screening.campaigns.filter((c) => c.kind === k.kind)
        expect(k.campaigns).toBe(of.length)
        expect(k.target).toBe(of.reduce((s, c) => s + c.target, 0))
        expect(k.abnormalInMonth).toBe(of.reduce((s, c) => s + c.conclusionsInMonth.abnormal_refer + c.conclusionsInMonth.suspected_malignancy, 0))
        expect(k.coverage).toEqual({ num: k.screenedToDate, den: k.target, rate: k.target ? k.screenedToDate / k.target : 0 })
      }
      const records = (sqlite().prepare('SELECT count(*) AS n FROM screening_records WHERE exam_date BETWEEN ? AND ?').get(`${m}-01`, lastDayOf(m)) as { n: number }).n
      const t = reportTotals(r)
      expect(t.screened, m).toBe(records)
      expect(t).toMatchObject({ certificatesIssued: r.certificates.issued, verifications: r.certificates.verifications.total, certificateRate: r.rates.certificate, verificationRate: r.rates.verification })
    }
  })
})

describe('business dates', () => {
  it('counts each hand-made record in its own month and in no other', () => {
    const after = Object.fromEntries(AROUND.map((m) => [m, reports(m)]))
    const delta = (m: string, f: (r: PacketReports) => number) => f(after[m]) - f(before[m])
    const totals = (m: string) => [reportTotals(after[m]), reportTotals(before[m])]
    // screening: the September campaign's six records, two referred, in September only; the planned campaign nowhere
    expect(AROUND.map((m) => delta(m, (r) => reportTotals(r).screened))).toEqual([0, 6, 0])
    expect(AROUND.map((m) => delta(m, (r) => reportTotals(r).referred))).toEqual([0, 2, 0])
    expect(AROUND.map((m) => after[m].screening.campaigns.some((c) => c.campaignId === sept.campaign))).toEqual([false, true, false])
    expect(AROUND.some((m) => after[m].screening.campaigns.some((c) => c.campaignId === sept.planned))).toBe(false)
    // certificates: one issued and one renewal in September; the void of 1 October (local) in October
    expect(AROUND.map((m) => delta(m, (r) => r.certificates.issued))).toEqual([0, 2, 0])
    expect(AROUND.map((m) => delta(m, (r) => r.certificates.renewed))).toEqual([0, 1, 0])
    expect(AROUND.map((m) => delta(m, (r) => r.certificates.voided))).toEqual([0, 0, 1])
    // valid at the end of September: +1 issued (the renewal replaces its old one); at the end of October the void one is gone too
    expect(AROUND.map((m) => delta(m, (r) => r.certificates.validAtMonthEnd))).toEqual([0, 1, 0])
    // verifications on 31 August and 1 September
    expect(AROUND.map((m) => delta(m, (r) => r.certificates.verifications.total))).toEqual([1, 1, 0])
    expect(delta('2026-08', (r) => r.certificates.verifications.byResult.valid)).toBe(1)
    expect(delta('2026-09', (r) => r.certificates.verifications.byResult.expired)).toBe(1)
    expect(delta('2026-09', (r) => r.certificates.verifications.byHand)).toBe(1)
    // stock: the issue of 30 September
    expect(AROUND.map((m) => totals(m)[0].stockOut - totals(m)[1].stockOut)).toEqual([0, sept.stockOut, 0])
  })
})

describe('the packet’s bytes', () => {
  it('gives the same JSON for the same data, campaigns by start date, kinds in their order', () => {
    for (const m of MONTHS) {
      const a = JSON.stringify(buildReports(ctx, m))
      expect(JSON.stringify(buildReports(readCtx(host), m))).toBe(a)
      const starts = JSON.parse(a).screening.campaigns.map((c: { startDate: string }) => c.startDate)
      expect(starts).toEqual([...starts].sort())
    }
  })

  it('refuses a period that is not a month', () => {
    expect(() => buildReports(ctx, '2026-13')).toThrow(/not a month/)
  })
})
