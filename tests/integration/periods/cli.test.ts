/** `stationdesk period close | reopen | list`, through the in-process command line (exit codes per DESIGN §2c). */
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { makeHost, tmpDir } from '../../helpers/host'
import { CONDOM } from './setup'

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { USER: 'tester', STATIONDESK_NOW: '2026-11-20T02:00:00Z', ...env }, cwd: tmpDir('sd-cli-cwd-') })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) }
}

describe('period commands', () => {
  it('close lists what blocks or warns, closes with --accept-warnings; reopen needs a reason; list shows the months', async () => {
    const dir = tmpDir('sd-cli-period-')
    expect((await cli(['init', '--station-code', '410102001', '--name', '示例乡计划生育服务站', '--admin', 'admin', '--data', dir], { STATIONDESK_PASSWORD: 'admin-pass-1' })).code).toBe(0)
    const t = makeHost(dir)
    const sid = t.host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'head', roles: ['admin', 'head'], actor: 'test' })
    await t.call('inventory.receive', { documentNo: 'R-1', date: '2026-10-01', supplier: '县站', lines: [{ productId: CONDOM, lotNumber: 'C1', expiry: '2028-01-01', quantity: 100 }] }, sid)
    const stocktake = await t.call('inventory.stocktakeStart', { date: '2026-10-15', note: '十月盘点' }, sid)
    const village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, sid)).id
    const campaign = (await t.call('screening.campaignSave', { name: '十月乳腺筛查', kind: 'breast', startDate: '2026-10-01', endDate: '2026-10-31', servicePointIds: [village] }, sid)).id
    await t.call('screening.campaignStatus', { id: campaign, status: 'active' }, sid)
    await t.call('users.create', { username: 'clerk', displayName: '文员', role: 'clerk', password: 'clerk-pass-1' }, sid)
    t.close()

    const early = await cli(['period', 'close', '2026-11', '--data', dir])
    expect([early.code, early.stderr]).toEqual([1, expect.stringMatching(/2026-11 尚未结束.*has not ended.*period_not_ended/s)])
    expect((await cli(['period', 'close', '2026-1', '--data', dir])).code).toBe(2)

    const blocked = await cli(['period', 'close', '2026-10', '--accept-warnings', '--data', dir])
    expect(blocked.code).toBe(1)
    expect(blocked.stderr).toMatch(/stocktakes not confirmed: 1\n\s+2026-10-15\s+十月盘点/)

    const t2 = makeHost(dir)
    await t2.call('inventory.stocktakeCancel', { id: stocktake.id }, t2.host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'head', roles: ['head'], actor: 'test' }))
    t2.close()
    const warned = await cli(['period', 'close', '2026-10', '--data', dir])
    expect(warned.code).toBe(1)
    expect(warned.stderr).toMatch(/campaigns still active that ended in the month: 1\n\s+2026-10-31\s+十月乳腺筛查/)
    expect(warned.stderr).toMatch(/stationdesk period close 2026-10 --accept-warnings/)
    const warnedJson = await cli(['period', 'close', '2026-10', '--data', dir, '--json'])
    expect(warnedJson.json().error).toMatchObject({ code: 'CONFLICT', details: { rule: 'period_warnings', warnings: [{ kind: 'campaign_active', count: 1 }] } })

    const closed = await cli(['period', 'close', '2026-10', '--accept-warnings', '--data', dir])
    expect(closed.code, closed.stderr).toBe(0)
    expect(closed.stdout).toMatch(/closed 2026-10: 1 records dated in it are now read-only\n[\s\S]*stock moves:\s+1 \(units out 0\)/)
    const again = await cli(['period', 'close', '2026-10', '--data', dir, '--json'])
    expect([again.code, again.json().error.details.rule]).toEqual([1, 'period_closed_already'])

    const list = await cli(['period', 'list', '--data', dir, '--json'])
    expect(list.json().rows.map((r: { period: string; status: string; records: number }) => [r.period, r.status, r.records])).toEqual([
      ['2026-11', 'open', 0],
      ['2026-10', 'closed', 1]
    ])
    expect((await cli(['period', 'list', '--data', dir])).stdout).toMatch(/2026-10\s+closed\s+1\s+1\s+2026-11-20T02:00:00\.000Z/)

    expect((await cli(['period', 'reopen', '2026-10', '--data', dir])).code).toBe(2)
    const reopened = await cli(['period', 'reopen', '2026-10', '--reason', '补录十月入库', '--data', dir, '--json'])
    expect([reopened.code, reopened.json()]).toEqual([0, expect.objectContaining({ period: '2026-10', status: 'open', reopenReason: '补录十月入库', reopenedBy: expect.stringMatching(/^cli:/) })])
    expect((await cli(['period', 'list', '--data', dir])).stdout).toMatch(/2026-10\s+reopened/)

    const clerk = await cli(['period', 'close', '2026-10', '--user', 'clerk', '--data', dir], { STATIONDESK_PASSWORD: 'clerk-pass-1' })
    expect([clerk.code, clerk.stderr]).toEqual([1, expect.stringMatching(/FORBIDDEN/)])
  })
})
