/** `stationdesk stock on-hand` and `stationdesk stock report`, through the in-process command line. */
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { makeHost, tmpDir } from '../../helpers/host'
import { CONDOM, PILL } from './setup'

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { USER: 'tester', STATIONDESK_NOW: '2026-11-20T02:00:00Z', ...env }, cwd: tmpDir('sd-cli-cwd-') })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) }
}

describe('stock commands', () => {
  it('list stock on hand and the monthly report, as text and JSON; a bad period is a usage error', async () => {
    const dir = tmpDir('sd-cli-stock-')
    expect((await cli(['init', '--station-code', '410102001', '--name', '示例乡计划生育服务站', '--admin', 'admin', '--data', dir], { STATIONDESK_PASSWORD: 'admin-pass-1' })).code).toBe(0)
    const t = makeHost(dir)
    const sid = t.host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'head', roles: ['admin', 'head'], actor: 'test' })
    await t.call('inventory.receive', { documentNo: 'R-1', date: '2026-10-01', supplier: '县站', lines: [{ productId: CONDOM, lotNumber: 'C1', expiry: '2028-01-01', quantity: 145 }, { productId: PILL, lotNumber: 'P1', expiry: '2027-01-01', quantity: 30 }] }, sid)
    await t.call('inventory.waste', { lotId: (await t.call('inventory.stock', { productId: PILL }, sid))[0].lots[0].lotId, date: '2026-11-02', quantity: 3, reason: 'damaged' }, sid)
    t.close()

    const text = await cli(['stock', 'on-hand', '--data', dir])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/CONDOM_M_52.*C1.*2028-01-01\s+145\s+piece\s+14×10 \+ 5/)
    const json = (await cli(['stock', 'on-hand', '--data', dir, '--json'])).json()
    expect(json.map((p: { code: string; onHand: number }) => [p.code, p.onHand])).toEqual([['CONDOM_M_52', 145], ['OC_LNG_EE', 27]])

    const rep = await cli(['stock', 'report', '--period', '2026-11', '--data', dir, '--json'])
    expect(rep.code, rep.stderr).toBe(0)
    const pill = rep.json().rows.find((r: { code: string }) => r.code === 'OC_LNG_EE')
    expect(pill).toMatchObject({ opening: 30, closing: 27, columns: { wastage: -3, receipt: 0 } })
    expect((await cli(['stock', 'report', '--period', '2026-11', '--data', dir])).stdout).toMatch(/Stock report 2026-11/)
    const bad = await cli(['stock', 'report', '--period', '2026-13', '--data', dir])
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/YYYY-MM/)])
  })
})
