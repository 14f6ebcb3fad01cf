/**
 * The closed-month guard on migrant certificates and verifications: an issue, a renewal or a
 * verification dated in a closed month is refused (PERIOD_CLOSED on its date field), and so is a
 * move out given with an issue when dated there. A renewal or a void is dated its own day, so a
 * certificate issued in a closed month may still be renewed or voided in an open one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Input } from '../../../src/api'
import { facts, makeId } from '../../helpers/persons'
import { closedOn, periodStation, type PeriodStation } from './setup'

const DESTINATION = '广东省深圳市宝安区'
let st: PeriodStation
let zhao: string
let sun: string
let chen: string
beforeEach(async () => {
  st = await periodStation()
  const add = async (over: Partial<Input<'persons.create'>>) => (await st.t.call('persons.create', facts({ servicePointId: st.village, ...over }), st.s.clerk)).id
  const out = { migrantStatus: 'out' as const, migrantPlace: DESTINATION, migrantSince: '2026-03-01' }
  zhao = await add({ idNumber: makeId('410102', '19960315', 11, 'female'), name: '赵丽', ...out })
  sun = await add({ idNumber: makeId('410102', '19940720', 12, 'female'), name: '孙梅', ...out })
  chen = await add({ idNumber: makeId('410102', '19950101', 13, 'female'), name: '陈静' })
})
afterEach(() => st.t.close())

const close = () => st.t.call('periods.close', { period: '2026-10' }, st.s.head)
const certificates = () => st.count('SELECT count(*) AS n FROM certificates')

describe('certificates in a closed month', () => {
  it('an issue or a renewal dated in it is refused; renewing or voiding one issued there is done in an open month', async () => {
    const old = await st.t.call('certificates.issue', { personId: zhao, issueDate: '2026-10-10' }, st.s.clerk)
    const toVoid = await st.t.call('certificates.issue', { personId: sun, issueDate: '2026-10-11' }, st.s.clerk)
    await close()
    await st.t.call('certificates.void', { id: toVoid.id, reason: '信息有误' }, st.s.head)
    expect(closedOn(await st.t.fail('certificates.issue', { personId: sun, issueDate: '2026-10-15' }, st.s.clerk))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'issueDate:period_closed' })
    expect(closedOn(await st.t.fail('certificates.renew', { id: old.id, issueDate: '2026-10-20' }, st.s.clerk))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'issueDate:period_closed' })
    expect(certificates()).toBe(2)
    const renewed = await st.t.call('certificates.renew', { id: old.id, reason: '换发' }, st.s.clerk)
    expect(renewed.issueDate).toBe('2026-11-20')
    expect((await st.t.call('certificates.get', { id: old.id }, st.s.clerk)).status).toBe('superseded')
    expect((await st.t.call('certificates.get', { id: toVoid.id }, st.s.clerk)).status).toBe('void')
    // October's count of issued certificates is as it was closed
    expect((await st.t.call('periods.preview', { period: '2026-10' }, st.s.head)).summary.certificatesIssued).toBe(2)
  })

  it('a move out given with an issue and dated in it is refused on migration.since, nothing written', async () => {
    await close()
    const events = st.count('SELECT count(*) AS n FROM person_events WHERE person_id = ?', chen)
    const e = await st.t.fail('certificates.issue', { personId: chen, migration: { destination: DESTINATION, since: '2026-10-05' } }, st.s.clerk)
    expect(closedOn(e)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'migration.since:period_closed' })
    expect([certificates(), st.count('SELECT count(*) AS n FROM person_events WHERE person_id = ?', chen)]).toEqual([0, events])
    expect((await st.t.call('certificates.issue', { personId: chen, migration: { destination: DESTINATION, since: '2026-11-05' } }, st.s.clerk)).status).toBe('valid')
  })
})

describe('verifications in a closed month', () => {
  const manual = (verifiedOn: string, holder: Partial<Input<'certificates.verificationSave'>['holder']> = {}): Input<'certificates.verificationSave'> => ({
    method: 'manual',
    result: 'valid',
    certificateNumber: '410105002-2026-0007',
    issuerName: '某乡计划生育服务站',
    issueDate: '2026-01-05',
    validUntil: '2029-01-04',
    verifiedOn,
    holder: { idNumber: makeId('410105', '19930808', 21, 'female'), name: '周小梅', ...holder }
  })
  const verifications = () => st.count('SELECT count(*) AS n FROM verifications')

  it('one dated in it, or making someone an in-migrant since a day in it, is refused; reopened, it is recorded', async () => {
    await close()
    expect(closedOn(await st.t.fail('certificates.verificationSave', manual('2026-10-20'), st.s.clerk))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'verifiedOn:period_closed' })
    // 李桂兰 is local: the verification records her move in, dated her arrival
    const li = { idNumber: (await st.t.call('persons.get', { id: st.li }, st.s.clerk)).idNumber, name: '李桂兰', since: '2026-10-03' }
    expect(closedOn(await st.t.fail('certificates.verificationSave', manual('2026-11-05', li), st.s.clerk))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'holder.since:period_closed' })
    expect(verifications()).toBe(0)
    expect((await st.t.call('certificates.verificationSave', manual('2026-11-05'), st.s.clerk)).verifiedOn).toBe('2026-11-05')
    await st.t.call('periods.reopen', { period: '2026-10', reason: '补录验证' }, st.s.head)
    await st.t.call('certificates.verificationSave', manual('2026-10-20', li), st.s.clerk)
    expect(verifications()).toBe(2)
  })
})
