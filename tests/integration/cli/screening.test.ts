/**
 * `stationdesk screening campaigns | dashboard | follow-ups` on a demo station, through the
 * in-process command line: tables for people, one JSON value with --json, exit 1 for an unknown
 * campaign or a role without access, exit 2 for bad usage; and what `stationdesk demo` says about
 * the campaigns it added to a small register.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { DEMO_CAMPAIGNS } from '../../../src/core/demo/screening'
import { tmpDir } from '../../helpers/host'

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { USER: 'tester', STATIONDESK_NOW: '2026-11-20T02:00:00Z', ...env },
    cwd: tmpDir('sd-cli-cwd-')
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) }
}

let dir: string
let demo: Awaited<ReturnType<typeof cli>>
let breast: { id: string; name: string; screened: number; eligible: number }
let men: { id: string; name: string; screened: number }

beforeAll(async () => {
  dir = tmpDir('sd-cli-screening-')
  demo = await cli(['demo', '--data', dir, '--persons', '3000', '--seed', '4'])
  const list = (await cli(['screening', 'campaigns', '--data', dir, '--json'])).json()
  breast = list.rows.find((r: { kind: string }) => r.kind === 'breast')
  men = list.rows.find((r: { kind: string }) => r.kind === 'male_reproductive')
})

describe('stationdesk demo', () => {
  it('says which campaigns it added, and that a small register sized them', async () => {
    expect(demo.code, demo.stderr).toBe(0)
    expect(demo.stdout).toMatch(/Added the screening campaign 2026年农村妇女乳腺癌筛查 \(breast, closed, .*\): [\d,]+ records of [\d,]+ eligible people/)
    expect(demo.stdout).toMatch(/Added the screening campaign 2026年男性生殖健康检查 \(male_reproductive, active/)
    expect(demo.stdout).toMatch(/too small for 4,000 records: the campaign was sized to its [\d,]+ eligible people/)
    // run again: nothing more, and the JSON says so
    const again = await cli(['demo', '--data', dir, '--json'])
    expect(again.json()).toMatchObject({ created: false, screening: [] })
    const other = await cli(['demo', '--data', tmpDir('sd-cli-screening-'), '--persons', '2000', '--seed', '4', '--json'])
    const s = other.json().screening as { kind: string; records: number; planned: number; eligible: number; referrals: { total: number } }[]
    expect(s.map((x) => x.kind)).toEqual(['breast', 'male_reproductive'])
    for (const x of s) {
      expect(x.planned).toBe(DEMO_CAMPAIGNS.find((p) => p.kind === x.kind)!.records)
      expect(x.records).toBeLessThan(x.planned)
      expect(x.records).toBeLessThanOrEqual(x.eligible)
    }
  })
})

describe('stationdesk screening campaigns', () => {
  it('lists the campaigns as a table or JSON, filtered by status; a bad status is a usage error', async () => {
    const human = await cli(['screening', 'campaigns', '--data', dir])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(/^ID\s+NAME\s+KIND\s+STATUS\s+DATES\s+SCREENED\s+TARGET\s+ELIGIBLE$/m)
    expect(human.stdout).toContain(breast.id)
    expect(human.stdout).toMatch(/2 campaigns/)
    const closed = await cli(['screening', 'campaigns', '--data', dir, '--status', 'closed', '--json'])
    expect(closed.json().rows.map((r: { id: string }) => r.id)).toEqual([breast.id])
    expect(breast.screened).toBeGreaterThan(0)
    const none = await cli(['screening', 'campaigns', '--data', dir, '--status', 'planned'])
    expect(none.stdout.trim()).toBe('No campaigns.')
    const bad = await cli(['screening', 'campaigns', '--data', dir, '--status', 'open'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--status is one of planned, active, closed/)
  })
})

describe('stationdesk screening dashboard', () => {
  it('gives coverage, villages, conclusions and referrals; JSON rates are num/den/rate', async () => {
    const j = (await cli(['screening', 'dashboard', breast.id, '--data', dir, '--json'])).json()
    expect(j.campaign).toMatchObject({ id: breast.id, kind: 'breast', status: 'closed' })
    expect(j.ofEligible).toEqual({ num: breast.screened, den: breast.eligible, rate: breast.screened / breast.eligible })
    expect(j.ofTarget.num).toBe(breast.screened)
    expect(Object.values(j.conclusions as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(breast.screened)
    expect(j.byVillage.reduce((s: number, v: { screened: number }) => s + v.screened, 0)).toBe(breast.screened)
    expect(j.referrals.completion).toEqual({ num: j.referrals.attended, den: j.referrals.total, rate: j.referrals.total ? j.referrals.attended / j.referrals.total : 0 })

    const human = await cli(['screening', 'dashboard', breast.id, '--data', dir])
    expect(human.code, human.stderr).toBe(0)
    const pct = ((breast.screened / breast.eligible) * 100).toFixed(1)
    expect(human.stdout).toContain(`Screened of eligible:  ${breast.screened.toLocaleString('en')} / ${breast.eligible.toLocaleString('en')}  ${pct}%`)
    expect(human.stdout).toMatch(/^\s+王山村服务室\s+[\d,]+\s+[\d,]+\s+[\d.]+%$/m)
    expect(human.stdout).toMatch(/^\s+normal\s+[\d,]+\s+[\d.]+%$/m)
    expect(human.stdout).toMatch(/^\s+birads\.1\s+/m)
    expect(human.stdout).toMatch(/^Referrals: \d+ {2}attended \d+ {2}lost \d+ {2}open \d+ \(overdue \d+\)$/m)

    const missing = await cli(['screening', 'dashboard', 'no-such-campaign', '--data', dir, '--json'])
    expect(missing.code).toBe(1)
    expect(missing.json().error.code).toBe('NOT_FOUND')
    const usage = await cli(['screening', 'dashboard', '--data', dir])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/missing CAMPAIGN_ID/)
  })
})

describe('stationdesk screening follow-ups', () => {
  it('lists open referrals overdue first, only overdue ones, or one campaign’s', async () => {
    const open = (await cli(['screening', 'follow-ups', '--data', dir, '--json'])).json()
    const days = open.rows.map((r: { daysOverdue: number }) => r.daysOverdue)
    expect(days).toEqual([...days].sort((a: number, b: number) => b - a))
    expect(open.rows.every((r: { state: string }) => r.state === 'open')).toBe(true)
    expect(open.overdue).toBe(days.filter((d: number) => d > 0).length)

    const overdue = (await cli(['screening', 'follow-ups', '--overdue', '--data', dir, '--json'])).json()
    expect(overdue.total).toBe(open.overdue)
    expect(overdue.rows.every((r: { daysOverdue: number }) => r.daysOverdue > 0)).toBe(true)

    const mine = (await cli(['screening', 'follow-ups', '--campaign', men.id, '--data', dir, '--json'])).json()
    expect(mine.rows.every((r: { campaignId: string }) => r.campaignId === men.id)).toBe(true)
    expect(mine.total + open.rows.filter((r: { campaignId: string }) => r.campaignId !== men.id).length).toBe(open.total)

    const human = await cli(['screening', 'follow-ups', '--overdue', '--data', dir])
    expect(human.code, human.stderr).toBe(0)
    if (overdue.total) {
      expect(human.stdout).toMatch(/^DUE\s+OVERDUE\s+NAME\s+VILLAGE\s+PHONE\s+CONCLUSION\s+REFERRED TO\s+CAMPAIGN$/m)
      expect(human.stdout).toContain(`${overdue.rows[0].daysOverdue} d`)
      expect(human.stdout).toContain(`${overdue.total} open referral${overdue.total === 1 ? '' : 's'}, ${overdue.total} overdue`)
    } else expect(human.stdout.trim()).toBe('No overdue referrals.')

    const unknown = await cli(['screening', 'follow-ups', '--campaign', 'nope', '--data', dir])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/NOT_FOUND/)
  })
})

describe('who may read', () => {
  it('a clerk may (--user); the admin account alone may not; the help lists the commands', async () => {
    const clerk = await cli(['screening', 'campaigns', '--data', dir, '--user', 'clerk', '--json'], { STATIONDESK_PASSWORD: 'demo-clerk-1' })
    expect(clerk.code, clerk.stdout).toBe(0)
    expect(clerk.json().total).toBe(2)
    const admin = await cli(['screening', 'follow-ups', '--data', dir, '--user', 'admin', '--json'], { STATIONDESK_PASSWORD: 'demo-admin-1' })
    expect(admin.code).toBe(1)
    expect(admin.json().error.code).toBe('FORBIDDEN')
    const help = await cli(['screening', '--help'])
    expect(help.code).toBe(0)
    for (const v of ['campaigns', 'dashboard', 'follow-ups']) expect(help.stdout).toContain(`screening ${v}`)
    expect((await cli(['--help'])).stdout).toMatch(/screening follow-ups\s+the follow-up worklist/)
  })
})
