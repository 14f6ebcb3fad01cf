/**
 * 办证率 and 验证率 (certificates.rates, certificates.ratePeople, the home page's card) on a small
 * hand-built register whose every numerator and denominator is worked out by hand: women in and
 * out of the age band on the day, exited before and after it, migrant since after it, a void
 * certificate, an expired one, a superseded one with its renewal, an earlier month's migrant
 * status from the migration events (one back home, one gone since), per village, the 12-month
 * trend, the lists behind the numbers, the roles, and a future month refused.
 * The station's today: 2026-11-20.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Input } from '../../../src/api'
import type { Role } from '../../../src/api/contract'
import { newId } from '../../../src/core/ids'
import { makeHost, setUpStation, type TestHost } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

let t: TestHost
let s: Record<Role, string>
let v1: string
let v2: string
const id: Record<string, string> = {}
const certNo: Record<string, string> = {}
let serial = 0

type Create = Input<'persons.create'>
async function person(key: string, birth: string, over: Partial<Create>, sex: 'female' | 'male' = 'female'): Promise<void> {
  const seq = Object.keys(id).length + 1
  id[key] = (await t.call('persons.create', { idNumber: makeId('410102', birth.replace(/-/g, ''), seq, sex), name: `${key}某`, ...over }, s.clerk)).id
}
const out = (since: string, servicePointId: string | null): Partial<Create> => ({ migrantStatus: 'out', migrantPlace: '广东省深圳市', migrantSince: since, servicePointId })
const inn = (since: string, servicePointId: string | null): Partial<Create> => ({ migrantStatus: 'in', migrantPlace: '安徽省阜阳市', migrantSince: since, servicePointId })

/** a certificate row as the issue core leaves it (the rates read only its dates and status) */
function cert(key: string, issue: string, until: string, status = 'valid', endedOn: string | null = null): string {
  const cid = newId()
  const year = Number(issue.slice(0, 4))
  const number = `410102001-${year}-${String(++serial).padStart(5, '0')}`
  const at = new Date().toISOString()
  t.host.runtime
    .sqlite!.prepare(
      `INSERT INTO certificates (id, created_at, updated_at, updated_by, number, year, serial, person_id, status, facts, issuing_authority, station_code, issue_date, valid_until, qr, key_id, ended_on, created_by)
       VALUES (?, ?, ?, 'test', ?, ?, ?, ?, ?, '{}', '示例乡', '410102001', ?, ?, 'SD1:0', '0000000000000000', ?, 'test')`
    )
    .run(cid, at, at, number, year, serial, id[key], status, issue, until, endedOn)
  certNo[key] = number
  return number
}

function verification(key: string, on: string, result = 'valid'): void {
  const at = new Date().toISOString()
  t.host.runtime
    .sqlite!.prepare(
      `INSERT INTO verifications (id, created_at, updated_at, updated_by, person_id, method, result, certificate_number, verified_on, created_by) VALUES (?, ?, ?, 'test', ?, 'manual', ?, ?, ?, 'test')`
    )
    .run(newId(), at, at, id[key], result, `X-${key}`, on)
}

beforeAll(async () => {
  t = makeHost()
  s = await setUpStation(t)
  v1 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  v2 = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001202', name: '二村服务室' }, s.head)).id
  // out-migrants
  await person('A', '1990-05-01', out('2024-01-01', v1))
  await person('B', '1995-03-03', out('2025-06-01', v1))
  await person('C', '1988-07-07', out('2024-02-01', v2))
  await person('D', '1992-08-08', out('2022-12-01', v2))
  await person('E', '1985-09-09', out('2023-02-01', v1))
  await person('F', '1976-10-15', out('2020-01-01', v1)) // 50 on 2026-10-15
  await person('G', '2011-11-10', out('2026-01-01', v1)) // 15 on 2026-11-10
  await person('H', '1991-01-01', out('2024-01-01', v1))
  await person('I', '1993-02-02', out('2024-01-01', v2))
  await person('J', '1994-04-04', out('2026-11-03', v1))
  await person('K', '1990-06-06', out('2024-01-01', v1), 'male')
  await person('L', '1989-12-12', out('2023-06-01', null))
  await person('M', '1987-03-15', out('2024-05-01', v1))
  await person('N', '1996-05-20', { servicePointId: v1 })
  // in-migrants
  await person('P', '1991-07-01', inn('2025-01-01', v1))
  await person('Q', '1992-07-02', inn('2025-06-01', v2))
  await person('R', '1993-07-03', inn('2026-02-15', v1))
  await person('S', '1970-07-04', inn('2024-01-01', v1)) // 56
  await person('T', '1990-07-05', inn('2025-01-01', v2)) // verified, then gone on as an out-migrant on 11-12

  const event = (key: string, input: Omit<Input<'persons.recordEvent'>, 'personId' | 'reason'>) => t.call('persons.recordEvent', { personId: id[key], reason: '测试', ...input }, s.clerk)
  await event('H', { type: 'exit', date: '2026-08-01', changes: { exitReason: 'moved', exitDate: '2026-08-01' } })
  await event('I', { type: 'exit', date: '2026-11-05', changes: { exitReason: 'moved', exitDate: '2026-11-05' } })
  await event('M', { type: 'migration_in', date: '2026-09-15', changes: { migrantStatus: 'local', migrantPlace: '', migrantSince: null } })
  await event('N', { type: 'migration_out', date: '2026-10-20', changes: { migrantStatus: 'out', migrantPlace: '浙江省杭州市', migrantSince: '2026-10-20' } })
  await event('T', { type: 'migration_out', date: '2026-11-12', changes: { migrantStatus: 'out', migrantPlace: '上海市', migrantSince: '2026-11-12' } })

  cert('A', '2025-01-10', '2028-01-09')
  cert('C', '2025-03-01', '2028-02-28', 'void', '2026-10-15')
  cert('D', '2023-01-01', '2025-12-31')
  cert('E', '2023-03-01', '2026-02-28', 'superseded', '2026-02-01')
  const old = certNo.E
  cert('E', '2026-02-01', '2029-01-31')
  expect(certNo.E).not.toBe(old)
  cert('F', '2025-05-01', '2028-04-30')
  cert('I', '2025-05-01', '2028-04-30')
  cert('J', '2026-11-05', '2029-11-04')
  cert('L', '2024-01-11', '2027-01-10') // ends within 60 days of today
  verification('P', '2026-03-10', 'facts_differ')
  verification('R', '2026-11-10')
  verification('S', '2025-01-10')
  verification('T', '2025-06-01')
})
afterAll(() => t.close())

const r = (num: number, den: number) => ({ num, den, rate: den ? num / den : 0 })

describe('certificates.rates', () => {
  it('counts October (as of its last day) by hand: in and out of the age band, exits, dates, void / expired / renewed certificates', async () => {
    const x = await t.call('certificates.rates', { month: '2026-10' }, s.clerk)
    expect(x.month).toBe('2026-10')
    expect(x.asOf).toBe('2026-10-31')
    // A✓ B✗ C✗(void 10-15) D✗(expired) E✓(renewal) I✓(exits 11-05) L✓ N✗(out since 10-20); F is 50, G 14, H exited, J since 11-03, K a man, M back home
    expect(x.certificate).toEqual(r(4, 8))
    // P✓ (verified in March, facts differ still counts) Q✗ R✗ (verified in November) T✓ (still here); S is 56
    expect(x.verification).toEqual(r(2, 4))
    const byId = new Map(x.byVillage.map((v) => [v.servicePointId, v]))
    expect(byId.get(v1)).toMatchObject({ name: '一村服务室', certificate: r(2, 4), verification: r(1, 2) })
    expect(byId.get(v2)).toMatchObject({ name: '二村服务室', certificate: r(1, 3), verification: r(1, 2) })
    expect(byId.get(null)).toMatchObject({ name: null, certificate: r(1, 1), verification: r(0, 0) })
    expect(x.byVillage.map((v) => v.servicePointId)).toEqual([v1, v2, null])
  })

  it('the current month is counted as of today, and is the default', async () => {
    const x = await t.call('certificates.rates', {}, s.head)
    expect(x.month).toBe('2026-11')
    expect(x.asOf).toBe('2026-11-20')
    // A✓ B✗ C✗ D✗ E✓ G✗ (15 since 11-10) J✓ (since 11-03, issued 11-05) L✓ N✗ T✗ (away since 11-12); I exited 11-05
    expect(x.certificate).toEqual(r(4, 10))
    expect(x.verification).toEqual(r(2, 3))
  })

  it('the trend: 12 months, oldest first, each as of its own last day, with the earlier migrant status from the events', async () => {
    const x = await t.call('certificates.rates', { month: '2026-11' }, s.clerk)
    expect(x.trend.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
    const at = (m: string) => x.trend.find((e) => e.month === m)!
    // December: D's certificate is valid on its last day; E's first one; G is 14, J not yet away; H not yet exited; M still away
    expect(at('2025-12').certificate).toEqual(r(7, 10))
    expect(at('2026-01').certificate).toEqual(r(6, 10)) // D expired
    expect(at('2026-02').certificate).toEqual(r(6, 10)) // E renewed on 02-01
    expect(at('2026-07').certificate).toEqual(r(6, 10))
    expect(at('2026-08').certificate).toEqual(r(6, 9)) // H exited 08-01
    expect(at('2026-09').certificate).toEqual(r(6, 8)) // M back home on 09-15
    expect(at('2026-10').certificate).toEqual(r(4, 8)) // C void, F 50, I and N in
    expect(at('2026-11')).toEqual({ month: '2026-11', certificate: r(4, 10), verification: r(2, 3) })
    // T verified long ago (counted until she left on 11-12, from her verification probed although she is an out-migrant today); R arrived 02-15; P verified 03-10
    expect(x.trend.map((m) => `${m.verification.num}/${m.verification.den}`)).toEqual(['1/3', '1/3', '1/4', '2/4', '2/4', '2/4', '2/4', '2/4', '2/4', '2/4', '2/4', '2/3'])
    // a past month's trend ends with that month
    const oct = await t.call('certificates.rates', { month: '2026-10' }, s.clerk)
    expect(oct.trend[0].month).toBe('2025-11')
    expect(oct.trend[11]).toEqual({ month: '2026-10', certificate: r(4, 8), verification: r(2, 4) })
  })

  it('refuses a month after the current one, and a malformed month', async () => {
    const e = await t.fail('certificates.rates', { month: '2026-12' }, s.clerk)
    expect(e.code).toBe('VALIDATION')
    expect(e.details?.fields?.[0]).toMatchObject({ path: 'month', rule: 'month_future' })
    const p = await t.fail('certificates.ratePeople', { kind: 'certificate', month: '2027-01' }, s.clerk)
    expect(p.details?.fields?.[0]).toMatchObject({ path: 'month', rule: 'month_future' })
    expect((await t.fail('certificates.rates', { month: '2026-13' }, s.clerk)).code).toBe('VALIDATION')
  })

  it('is for the head and the clerk only', async () => {
    for (const role of ['admin', 'clinician'] as const) {
      expect((await t.fail('certificates.rates', {}, s[role])).code).toBe('FORBIDDEN')
      expect((await t.fail('certificates.ratePeople', { kind: 'certificate' }, s[role])).code).toBe('FORBIDDEN')
    }
    expect((await t.fail('certificates.rates', {}, null)).code).toBe('UNAUTHENTICATED')
  })
})

describe('certificates.ratePeople', () => {
  const names = (rows: { name: string }[]) => rows.map((p) => p.name[0]).sort()

  it('lists the people behind the certificate rate: all, counted, the worklist, one village, no village, paged', async () => {
    const all = await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-10' }, s.clerk)
    expect(all.total).toBe(8)
    expect(names(all.rows)).toEqual(['A', 'B', 'C', 'D', 'E', 'I', 'L', 'N'])
    const counted = await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-10', counted: true }, s.clerk)
    expect(names(counted.rows)).toEqual(['A', 'E', 'I', 'L'])
    const e = counted.rows.find((p) => p.personId === id.E)!
    expect(e).toMatchObject({ counted: true, certificateNumber: certNo.E, validUntil: '2029-01-31', place: '广东省深圳市', since: '2023-02-01', servicePointName: '一村服务室', birthDate: '1985-09-09' })
    const worklist = await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-10', counted: false }, s.clerk)
    expect(names(worklist.rows)).toEqual(['B', 'C', 'D', 'N'])
    expect(worklist.rows.every((p) => !p.counted && p.certificateNumber === null)).toBe(true)
    const n = worklist.rows.find((p) => p.personId === id.N)!
    expect(n).toMatchObject({ place: '浙江省杭州市', since: '2026-10-20' })
    expect(names((await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-10', servicePointId: v1 }, s.clerk)).rows)).toEqual(['A', 'B', 'E', 'N'])
    const none = await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-10', servicePointId: null }, s.clerk)
    expect(none.rows).toMatchObject([{ personId: id.L, servicePointName: null, counted: true }])
    const page2 = await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-10', pageSize: 3, page: 2 }, s.clerk)
    expect(page2).toMatchObject({ total: 8, page: 2, pageSize: 3 })
    expect(page2.rows.map((p) => p.personId)).toEqual(all.rows.slice(3, 6).map((p) => p.personId))
  })

  it("an earlier month lists her as she was then: M away in August with her old destination", async () => {
    const aug = await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-08', counted: false }, s.clerk)
    expect(names(aug.rows)).toEqual(['B', 'D', 'M'])
    expect(aug.rows.find((p) => p.personId === id.M)).toMatchObject({ place: '广东省深圳市', since: '2024-05-01', servicePointName: '一村服务室' })
  })

  it('lists the people behind the verification rate with their latest verification up to the day', async () => {
    const oct = await t.call('certificates.ratePeople', { kind: 'verification', month: '2026-10' }, s.head)
    expect(names(oct.rows)).toEqual(['P', 'Q', 'R', 'T'])
    expect(oct.rows.find((p) => p.personId === id.P)).toMatchObject({ counted: true, verifiedOn: '2026-03-10', verificationResult: 'facts_differ', place: '安徽省阜阳市', certificateNumber: null })
    expect(oct.rows.find((p) => p.personId === id.R)).toMatchObject({ counted: false, verifiedOn: null, verificationResult: null })
    const nov = await t.call('certificates.ratePeople', { kind: 'verification', counted: true }, s.head)
    expect(names(nov.rows)).toEqual(['P', 'R'])
    expect(nov.rows.find((p) => p.personId === id.R)).toMatchObject({ verifiedOn: '2026-11-10', verificationResult: 'valid' })
  })

  it('opening a list is audited', async () => {
    await t.call('certificates.ratePeople', { kind: 'certificate', month: '2026-09' }, s.clerk)
    const row = t.host.runtime.sqlite!.prepare(`SELECT action, entity, message FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { action: string; entity: string; message: string }
    expect(row.action).toBe('certificates.ratePeople')
    expect(row.entity).toBe('certificate')
    expect(JSON.parse(row.message)).toEqual(['certificate.ratePeople.certificate', { month: '2026-09', n: 8 }])
  })

  it('a list kept between visits is read again after a write: a September certificate takes B off that month\'s worklist', async () => {
    const input = { kind: 'certificate' as const, month: '2026-09', counted: false }
    const before = await t.call('certificates.ratePeople', input, s.clerk)
    expect(names(before.rows)).toContain('B')
    expect((await t.call('certificates.ratePeople', input, s.clerk)).rows).toEqual(before.rows) // kept: the audit row of opening it is no write
    cert('B', '2026-09-01', '2026-09-30') // ended before November, so the later figures stay as they are
    const after = await t.call('certificates.ratePeople', input, s.clerk)
    expect(names(after.rows)).not.toContain('B')
    expect(after.total).toBe(before.total - 1)
  })
})

describe('the home page', () => {
  it('shows the certificate card to the head and the clerk, with the rates page figures', async () => {
    for (const role of ['head', 'clerk'] as const) {
      const d = await t.call('dashboard.summary', {}, s[role])
      expect(d.certificates).toEqual({
        month: '2026-11',
        asOf: '2026-11-20',
        certificate: r(4, 10),
        verification: r(2, 3),
        issuedThisMonth: 1, // J's
        expiring: 1, // L's ends 2027-01-10 (D's ended last year, C's is void)
        expiringDays: 60,
        verificationsThisMonth: 1
      })
    }
  })

  it('shows no certificates to the admin and the clinician', async () => {
    for (const role of ['admin', 'clinician'] as const) expect((await t.call('dashboard.summary', {}, s[role])).certificates).toBeNull()
  })
})

describe('speed', () => {
  it('reads the women of migrant status from the covering index and the migration events from their partial index', async () => {
    const { RATE_SQL } = await import('../../../src/core/certificates/rateBase')
    const plan = (sql: string, ...p: string[]) => (t.host.runtime.sqlite!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((x) => x.detail).join(' | ')
    expect(plan(RATE_SQL.out, '1976-01-01', '2011-11-20')).toMatch(/^SEARCH p USING COVERING INDEX persons_rates/)
    expect(plan(RATE_SQL.in, '2026-11-20', '1976-01-01', '2011-11-20')).toMatch(/^SEARCH p USING COVERING INDEX persons_rates .*COVERING INDEX verifications_person/)
    expect(plan(RATE_SQL.events, '2025-11-30')).toMatch(/USING INDEX person_events_migration/)
  })
})
