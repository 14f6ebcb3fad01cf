/**
 * The closed-month guard on the register and screening writes: a write dated in a closed month
 * is refused with PERIOD_CLOSED naming the month on the date's field, nothing written; the same
 * write dated in an open month goes through; reopened, the month takes it again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { periodChecker } from '../../../src/core/periods/guard'
import { makeId } from '../../helpers/persons'
import { activeCampaign, closedOn, normalFindings, periodStation, referFindings, type PeriodStation } from './setup'

let st: PeriodStation
beforeEach(async () => {
  st = await periodStation()
})
afterEach(() => st.t.close())

const close = (period: string) => st.t.call('periods.close', { period, acceptWarnings: true }, st.s.head)
const reopen = (period: string) => st.t.call('periods.reopen', { period, reason: '补录' }, st.s.head)
const events = () => st.count('SELECT count(*) AS n FROM person_events')

describe('people register', () => {
  it('a change event dated in a closed month is refused, naming the month; in an open month, or once reopened, it is recorded', async () => {
    await close('2026-10')
    const before = events()
    const change = (date: string, contraception: 'condom' | 'oral') => ({ personId: st.wang, type: 'contraception' as const, date, reason: '改用', changes: { contraception, contraceptionSince: date } })
    const e = await st.t.fail('persons.recordEvent', change('2026-10-09', 'condom'), st.s.clerk)
    expect(closedOn(e)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'date:period_closed' })
    expect(e.message).toMatch(/^2026-10 已关账，不能再记录或修改该月的数据；如需更正，请站长先重新开放该月。\(the month 2026-10 is closed/)
    expect(events()).toBe(before)
    await st.t.call('persons.recordEvent', change('2026-11-02', 'condom'), st.s.clerk)
    await reopen('2026-10')
    await st.t.call('persons.recordEvent', change('2026-10-09', 'oral'), st.s.clerk)
    expect(events()).toBe(before + 2)
  })

  it('an import is refused as a whole when its day (every row’s registration date) is in a closed month', async () => {
    await close('2026-10')
    // the machine's clock set back into the closed month
    st.t.clock.set(new Date('2026-10-15T02:00:00Z'))
    const csv = `身份证号,姓名\n${makeId('410102', '19920202', 7, 'female')},陈静\n`
    const before = st.count('SELECT count(*) AS n FROM persons')
    const e = await st.t.fail('persons.import', { filename: '花名册.csv', base64: Buffer.from(csv).toString('base64') }, st.s.clerk)
    expect(closedOn(e)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'file:period_closed' })
    expect(st.count('SELECT count(*) AS n FROM persons')).toBe(before)
    const one = await st.t.fail('persons.create', { idNumber: makeId('410102', '19920202', 8, 'female'), name: '周敏' }, st.s.clerk)
    expect(closedOn(one)).toMatchObject({ code: 'PERIOD_CLOSED', period: '2026-10' })
    st.t.clock.set(new Date('2026-11-20T02:00:00Z'))
    const clerk = await st.t.login('clerk', 'clerk-pass-1') // the idle lock took the old session with the clock's jump
    expect((await st.t.call('persons.import', { filename: '花名册.csv', base64: Buffer.from(csv).toString('base64') }, clerk)).imported).toBe(1)
  })
})

describe('screening', () => {
  it('a record dated in a closed month is refused; one stored there cannot be changed, not even to an open month’s date', async () => {
    const campaign = await activeCampaign(st, '2026-10-01', '2026-11-30')
    const rec = await st.t.call('screening.recordSave', { campaignId: campaign, personId: st.wang, examDate: '2026-10-12', findings: normalFindings(), conclusion: 'normal' }, st.s.clinician)
    await close('2026-10')
    const li = { campaignId: campaign, personId: st.li, examDate: '2026-10-20', findings: normalFindings(), conclusion: 'normal' as const }
    expect(closedOn(await st.t.fail('screening.recordSave', li, st.s.clinician))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'examDate:period_closed' })
    const moved = await st.t.fail('screening.recordSave', { id: rec.id, campaignId: campaign, personId: st.wang, examDate: '2026-11-02', findings: normalFindings(), conclusion: 'normal' }, st.s.clinician)
    expect(closedOn(moved)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'examDate:period_closed' })
    expect(st.count('SELECT count(*) AS n FROM screening_records')).toBe(1)
    expect((await st.t.call('screening.recordSave', { ...li, examDate: '2026-11-03' }, st.s.clinician)).examDate).toBe('2026-11-03')
    const marked = await st.t.fail('screening.mark', { campaignId: campaign, personIds: [st.li], mark: 'attended', date: '2026-10-20' }, st.s.clerk)
    expect(closedOn(marked)).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'date:period_closed' })
    await reopen('2026-10')
    expect((await st.t.call('screening.recordSave', { id: rec.id, campaignId: campaign, personId: st.wang, examDate: '2026-10-13', findings: normalFindings(), conclusion: 'normal' }, st.s.clinician)).examDate).toBe('2026-10-13')
  })

  it('a follow-up outcome is dated its own day: refused in a closed month, recorded in an open one for an exam of a closed month', async () => {
    const campaign = await activeCampaign(st, '2026-10-01', '2026-11-30')
    const refer = { findings: referFindings(), conclusion: 'abnormal_refer' as const, referral: { destination: '县妇幼保健院', dueDate: '2026-10-30' } }
    const wang = await st.t.call('screening.recordSave', { campaignId: campaign, personId: st.wang, examDate: '2026-10-12', ...refer }, st.s.clinician)
    const li = await st.t.call('screening.recordSave', { campaignId: campaign, personId: st.li, examDate: '2026-10-13', ...refer }, st.s.clinician)
    const attended = (recordId: string, date: string) => ({ recordId, outcome: { outcome: 'attended' as const, date, place: '县妇幼保健院', diagnosis: '乳腺纤维腺瘤', treatment: '定期复查' } })
    await st.t.call('screening.followUpSave', attended(li.id, '2026-10-20'), st.s.clinician)
    await close('2026-10')
    expect(closedOn(await st.t.fail('screening.followUpSave', attended(wang.id, '2026-10-20'), st.s.clinician))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'outcome.date:period_closed' })
    expect((await st.t.call('screening.followUpSave', attended(wang.id, '2026-11-05'), st.s.clinician)).followUp).toMatchObject({ state: 'attended', date: '2026-11-05' })
    // the outcome recorded in October cannot be replaced, not even by one dated November
    expect(closedOn(await st.t.fail('screening.followUpSave', { recordId: li.id, outcome: { outcome: 'lost', reason: 'moved' } }, st.s.clinician))).toEqual({ code: 'PERIOD_CLOSED', period: '2026-10', field: 'outcome.date:period_closed' })
    await reopen('2026-10')
    expect((await st.t.call('screening.followUpSave', { recordId: li.id, outcome: { outcome: 'lost', reason: 'moved' } }, st.s.clinician)).followUp.state).toBe('lost')
  })
})

describe('periodChecker', () => {
  it('reads the closed months once and checks many dates in memory', async () => {
    await close('2026-09')
    await close('2026-10')
    const check = periodChecker({ sqlite: st.sqlite() })
    expect(['2026-08-31', '2026-09-01', '2026-10-31', '2026-11-01', null, undefined, ''].map((d) => check.closedOf(d))).toEqual([null, '2026-09', '2026-10', null, null, null, null])
    expect(() => check.check('2026-11-05', 'rows.0.date')).not.toThrow()
    expect(() => check.check('2026-09-05', 'rows.3.date')).toThrow(expect.objectContaining({ code: 'PERIOD_CLOSED', details: expect.objectContaining({ period: '2026-09', fields: [expect.objectContaining({ path: 'rows.3.date', rule: 'period_closed' })] }) }))
  })
})
