/**
 * Closing and reopening a month through the method table: head only, only a month that has
 * ended, once; blockers (an open stocktake) refuse the close, warnings (an open referral due in
 * the month, a campaign still active that ended in it) need acceptWarnings; the summary counts
 * by business date; reopen with a reason, close again; audit rows; the list of months.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeHost, setUpStation } from '../../helpers/host'
import { activeCampaign, CONDOM, normalFindings, periodStation, referFindings, type PeriodStation } from './setup'

let st: PeriodStation
beforeEach(async () => {
  st = await periodStation()
})
afterEach(() => st.t.close())

const auditOf = (msgKey: string) =>
  st.sqlite().prepare(`SELECT action, entity, summary, message, details FROM audit_log WHERE message LIKE ? ORDER BY seq`).all(`["${msgKey}"%`) as { action: string; entity: string; summary: string; message: string; details: string }[]

describe('periods.close and periods.reopen', () => {
  it('are the head’s alone', async () => {
    for (const role of ['admin', 'clinician', 'clerk'] as const) {
      expect((await st.t.fail('periods.close', { period: '2026-10' }, st.s[role])).code).toBe('FORBIDDEN')
      expect((await st.t.fail('periods.reopen', { period: '2026-10', reason: '更正' }, st.s[role])).code).toBe('FORBIDDEN')
      expect((await st.t.fail('periods.list', {}, st.s[role])).code).toBe('FORBIDDEN')
      expect((await st.t.fail('periods.preview', { period: '2026-10' }, st.s[role])).code).toBe('FORBIDDEN')
    }
    expect(st.count('SELECT count(*) AS n FROM periods')).toBe(0)
  })

  it('close only a month that has ended, once; reopen with a reason; close again counts the closes', async () => {
    for (const period of ['2026-11', '2026-12']) {
      const e = await st.t.fail('periods.close', { period }, st.s.head)
      expect([e.code, e.details?.fields?.[0]]).toEqual(['VALIDATION', expect.objectContaining({ path: 'period', rule: 'period_not_ended' })])
      expect(e.details?.current).toBe('2026-11')
    }
    expect((await st.t.fail('periods.close', { period: '2026-13' }, st.s.head)).code).toBe('VALIDATION')

    const closed = await st.t.call('periods.close', { period: '2026-10' }, st.s.head)
    expect(closed).toMatchObject({ period: '2026-10', status: 'closed', ended: true, closeCount: 1, closedBy: 'head', reopenedAt: null, packet: null, records: 1 })
    const again = await st.t.fail('periods.close', { period: '2026-10' }, st.s.head)
    expect([again.code, again.details?.rule, again.details?.period]).toEqual(['CONFLICT', 'period_closed_already', '2026-10'])

    expect((await st.t.fail('periods.reopen', { period: '2026-10', reason: '  ' }, st.s.head)).code).toBe('VALIDATION')
    const reopened = await st.t.call('periods.reopen', { period: '2026-10', reason: '补录 10 月的随访' }, st.s.head)
    expect(reopened).toMatchObject({ status: 'open', closeCount: 1, reopenedBy: 'head', reopenReason: '补录 10 月的随访', closedAt: closed.closedAt })
    const notClosed = await st.t.fail('periods.reopen', { period: '2026-10', reason: '再次' }, st.s.head)
    expect([notClosed.code, notClosed.details?.rule]).toEqual(['CONFLICT', 'period_not_closed'])
    expect((await st.t.fail('periods.reopen', { period: '2026-09', reason: '从未关账' }, st.s.head)).details?.rule).toBe('period_not_closed')

    st.t.clock.advance(60_000)
    const second = await st.t.call('periods.close', { period: '2026-10' }, st.s.head)
    expect(second).toMatchObject({ status: 'closed', closeCount: 2, reopenReason: '补录 10 月的随访' })
    expect(second.closedAt! > closed.closedAt!).toBe(true)
    expect(st.count('SELECT count(*) AS n FROM periods')).toBe(1)

    const closes = auditOf('period.closed')
    expect(closes.map((a) => [a.action, a.entity, JSON.parse(a.message)])).toEqual([
      ['periods.close', 'period', ['period.closed', { period: '2026-10', n: 1 }]],
      ['periods.close', 'period', ['period.closed', { period: '2026-10', n: 2 }]]
    ])
    expect(JSON.parse(closes[0].details).summary).toMatchObject({ stockMoves: 1 })
    const reopens = auditOf('period.reopened')
    expect(reopens.map((a) => [a.action, JSON.parse(a.message), a.summary])).toEqual([['periods.reopen', ['period.reopened', { period: '2026-10', reason: '补录 10 月的随访' }], 'reopened 2026-10: 补录 10 月的随访']])
  })

  it('an open stocktake dated in the month blocks the close; cancelled, the month closes', async () => {
    const stocktake = await st.t.call('inventory.stocktakeStart', { date: '2026-10-15', note: '十月盘点' }, st.s.head)
    const e = await st.t.fail('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    expect([e.code, e.details?.rule]).toEqual(['CONFLICT', 'period_blocked'])
    expect(e.details?.blockers).toEqual([{ kind: 'stocktake_open', count: 1, samples: [{ id: stocktake.id, label: '十月盘点', date: '2026-10-15' }] }])
    expect(e.message).toMatch(/stocktake/)
    expect(st.count('SELECT count(*) AS n FROM periods')).toBe(0)
    expect(auditOf('period.closed')).toEqual([])
    // another month is not blocked by it
    expect((await st.t.call('periods.close', { period: '2026-09' }, st.s.head)).status).toBe('closed')
    await st.t.call('inventory.stocktakeCancel', { id: stocktake.id }, st.s.head)
    expect((await st.t.call('periods.close', { period: '2026-10' }, st.s.head)).status).toBe('closed')
  })

  it('open referrals due in the month and campaigns still active that ended in it need acceptWarnings', async () => {
    const campaign = await activeCampaign(st, '2026-10-01', '2026-10-31')
    const rec = await st.t.call(
      'screening.recordSave',
      { campaignId: campaign, personId: st.wang, examDate: '2026-10-12', findings: referFindings(), conclusion: 'abnormal_refer', referral: { destination: '县妇幼保健院', dueDate: '2026-10-26' } },
      st.s.clinician
    )
    await st.t.call('screening.recordSave', { campaignId: campaign, personId: st.li, examDate: '2026-10-13', findings: normalFindings(), conclusion: 'normal' }, st.s.clinician)
    const preview = await st.t.call('periods.preview', { period: '2026-10' }, st.s.head)
    expect(preview.blockers).toEqual([])
    expect(preview.warnings).toEqual([
      { kind: 'follow_up_due', count: 1, samples: [{ id: rec.id, label: `王秀英 · 乳腺筛查 2026-10-01`, date: '2026-10-26' }] },
      { kind: 'campaign_active', count: 1, samples: [{ id: campaign, label: '乳腺筛查 2026-10-01', date: '2026-10-31' }] }
    ])
    const e = await st.t.fail('periods.close', { period: '2026-10' }, st.s.head)
    expect([e.code, e.details?.rule, (e.details?.warnings as { kind: string }[]).map((w) => w.kind)]).toEqual(['CONFLICT', 'period_warnings', ['follow_up_due', 'campaign_active']])
    expect(st.count('SELECT count(*) AS n FROM periods')).toBe(0)
    const row = await st.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, st.s.head)
    expect(row.status).toBe('closed')
    expect(JSON.parse(auditOf('period.closed')[0].details).acceptedWarnings).toEqual([{ kind: 'follow_up_due', count: 1 }, { kind: 'campaign_active', count: 1 }])
    // a month without open items closes without accepting anything
    expect((await st.t.call('periods.close', { period: '2026-08' }, st.s.head)).status).toBe('closed')
  })

  it('the preview sums the month by business date', async () => {
    const campaign = await activeCampaign(st, '2026-10-01', '2026-11-30')
    await st.t.call('screening.recordSave', { campaignId: campaign, personId: st.wang, examDate: '2026-10-12', findings: referFindings(), conclusion: 'abnormal_refer', referral: { destination: '县妇幼保健院', dueDate: '2026-11-26' } }, st.s.clinician)
    await st.t.call('screening.recordSave', { campaignId: campaign, personId: st.li, examDate: '2026-11-02', findings: normalFindings(), conclusion: 'normal' }, st.s.clinician)
    await st.t.call('inventory.issue', { servicePointId: st.village, date: '2026-10-05', lines: [{ productId: CONDOM, quantity: 100 }] }, st.s.clerk)
    const d = await st.t.call('inventory.dispense', { personId: st.wang, productId: CONDOM, quantity: 10, date: '2026-10-06' }, st.s.clerk)
    await st.t.call('inventory.reverse', { moveId: d.moves[0].id, date: '2026-10-07', note: '登记错人' }, st.s.clerk)
    await st.t.call('inventory.dispense', { personId: st.li, productId: CONDOM, quantity: 20, date: '2026-11-03' }, st.s.clerk)
    await st.t.call('persons.recordEvent', { personId: st.wang, type: 'contraception', date: '2026-10-09', reason: '改用避孕套', changes: { contraception: 'condom', contraceptionSince: '2026-10-09' } }, st.s.clerk)
    const p = await st.t.call('periods.preview', { period: '2026-10' }, st.s.head)
    expect(p).toMatchObject({ period: '2026-10', status: 'open', ended: true, blockers: [], warnings: [] })
    expect(p.summary).toEqual({ personsAdded: 0, personEvents: 1, screeningRecords: 1, referrals: 1, stockMoves: 4, stockOut: 100, certificatesIssued: 0, verifications: 0 })
    const nov = await st.t.call('periods.preview', { period: '2026-11' }, st.s.head)
    expect([nov.ended, nov.warnings.map((w) => w.kind)]).toEqual([false, ['follow_up_due', 'campaign_active']])
    expect(nov.summary).toMatchObject({ personsAdded: 2, personEvents: 0, screeningRecords: 1, referrals: 0, stockMoves: 1, stockOut: 20 })
  })
})

describe('periods.list', () => {
  it('every month from the first dated record to the current one, closed months always, newest first, with packet and records', async () => {
    await st.t.call('persons.recordEvent', { personId: st.wang, type: 'contraception', date: '2026-07-09', reason: '补登', changes: { contraception: 'condom', contraceptionSince: '2026-07-09' } }, st.s.clerk)
    await st.t.call('periods.close', { period: '2026-08' }, st.s.head)
    await st.t.call('periods.close', { period: '2026-10' }, st.s.head)
    const list = await st.t.call('periods.list', {}, st.s.head)
    expect(list.current).toBe('2026-11')
    expect(list.rows.map((r) => [r.period, r.status, r.ended, r.records, r.closeCount])).toEqual([
      ['2026-11', 'open', false, 2, 0],
      ['2026-10', 'closed', true, 1, 1],
      ['2026-09', 'open', true, 0, 0],
      ['2026-08', 'closed', true, 0, 1],
      ['2026-07', 'open', true, 1, 0]
    ])
    // the packet of the latest close: another engineer's table, filled here by hand
    st.sqlite()
      .prepare(`INSERT INTO packets (id, created_at, updated_at, updated_by, seq, period, close_no, sha256, size, rows, sealed, change_mark, filename, bytes, created_by, export_count)
        VALUES ('p1', 'x', 'x', 'head', 1, '2026-10', 1, 'ab12', 10, 1, 0, 5, 'f.sdpkt', x'00', 'head', 2)`)
      .run()
    expect((await st.t.call('periods.list', {}, st.s.head)).rows[1].packet).toEqual({ seq: 1, sha256: 'ab12', exportCount: 2 })
    await st.t.call('periods.reopen', { period: '2026-10', reason: '更正' }, st.s.head)
    expect((await st.t.call('periods.list', {}, st.s.head)).rows[1]).toMatchObject({ status: 'open', packet: { seq: 1 } })
    await st.t.call('periods.close', { period: '2026-10' }, st.s.head)
    expect((await st.t.call('periods.list', {}, st.s.head)).rows[1]).toMatchObject({ status: 'closed', closeCount: 2, packet: null })
  })

  it('a station without dated records lists its setup month', async () => {
    const t = makeHost()
    try {
      const s = await setUpStation(t)
      const list = await t.call('periods.list', {}, s.head)
      expect(list.rows.map((r) => [r.period, r.records, r.ended])).toEqual([['2026-11', 0, false]])
    } finally {
      t.close()
    }
  })
})
