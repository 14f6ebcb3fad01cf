/**
 * `stationdesk screening campaigns | dashboard CAMPAIGN_ID | follow-ups`: the screening
 * campaigns, one campaign's dashboard and the follow-up worklist, read through the method table
 * (screening.campaigns, screening.campaign, screening.dashboard, screening.followUps).
 * Also what `stationdesk demo` prints about the campaigns it added.
 */
import { CAMPAIGN_STATUSES, type Campaign, type Rate } from '../../api/campaigns'
import type { Page } from '../../api/contract'
import type { FollowUpRow } from '../../api/screeningRecords'
import { SCREENING_KINDS } from '../../api/screeningFindings'
import { DEMO_CAMPAIGNS } from '../../core/demo/screening'
import { str, type CommandContext, type CommandSpec, type Values } from '../command'
import { table, UsageError } from '../output'

const oneOf = <T extends string>(opts: Values, name: string, values: readonly T[]): T | undefined => {
  const v = str(opts, name)
  if (v !== undefined && !values.includes(v as T)) throw new UsageError(`--${name} is one of ${values.join(', ')}`)
  return v as T | undefined
}

const num = (n: number) => n.toLocaleString('en')
const pct = (r: Rate) => (r.den > 0 ? `${(r.rate * 100).toFixed(1)}%` : '–')
const ratio = (r: Rate) => `${num(r.num)} / ${num(r.den)}  ${pct(r)}`
const share = (n: number, of: number) => (of > 0 ? `${((n / of) * 100).toFixed(1)}%` : '–')

/** every page of a paged read (500 rows a call) */
async function all<T>(read: (page: number) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = []
  for (let page = 1; ; page++) {
    const p = await read(page)
    rows.push(...p.rows)
    if (rows.length >= p.total || p.rows.length === 0) return rows
  }
}

const campaignsOf = (c: CommandContext, filter: { status?: Campaign['status']; kind?: Campaign['kind'] } = {}) =>
  all((page) => c.call('screening.campaigns', { ...filter, page, pageSize: 500 }))

/** the campaigns `stationdesk demo` added (not in `before`), for its output */
export async function screeningAdded(c: CommandContext, before: string[]): Promise<{ human: string[]; json: unknown[] }> {
  const added = (await campaignsOf(c)).filter((r) => !before.includes(r.id)).reverse()
  const human: string[] = []
  const json: unknown[] = []
  for (const k of added) {
    const d = await c.call('screening.dashboard', { campaignId: k.id })
    const planned = DEMO_CAMPAIGNS.find((p) => p.kind === k.kind)?.records ?? k.screened
    const r = d.referrals
    human.push(
      `Added the screening campaign ${k.name} (${k.kind}, ${k.status}, ${k.startDate} to ${k.endDate}): ${num(k.screened)} records of ${num(k.eligible)} eligible people (target ${num(k.targetCount)}), ${num(r.total)} referrals (${num(r.attended)} attended, ${num(r.lost)} lost, ${num(r.open)} open, ${num(r.overdue)} of them overdue).`
    )
    if (k.screened < planned) human.push(`  The register is too small for ${num(planned)} records: the campaign was sized to its ${num(k.eligible)} eligible people (a larger --persons gives the full campaign).`)
    json.push({ id: k.id, name: k.name, kind: k.kind, status: k.status, startDate: k.startDate, endDate: k.endDate, records: k.screened, planned, eligible: k.eligible, target: k.targetCount, referrals: r })
  }
  if (added.length) human.push('Run `stationdesk screening campaigns` to see them.')
  return { human, json }
}

export const screeningCommands: CommandSpec[] = [
  {
    domain: 'screening',
    verb: 'campaigns',
    summary: 'list the screening campaigns with their screened, target and eligible counts',
    usage: 'stationdesk screening campaigns [--status STATUS] [--kind KIND]',
    options: {
      status: { type: 'string', help: `--status STATUS  ${CAMPAIGN_STATUSES.join(', ')}` },
      kind: { type: 'string', help: `--kind KIND  ${SCREENING_KINDS.join(', ')}` }
    },
    notes: ['With --json the last line is {"total","rows":[campaign…]}; the ID is what `screening dashboard` and `screening follow-ups --campaign` take.'],
    validate(opts) {
      oneOf(opts, 'status', CAMPAIGN_STATUSES)
      oneOf(opts, 'kind', SCREENING_KINDS)
    },
    async run(c) {
      const rows = await campaignsOf(c, { status: oneOf(c.opts, 'status', CAMPAIGN_STATUSES), kind: oneOf(c.opts, 'kind', SCREENING_KINDS) })
      const human = rows.length
        ? [
            ...table(
              ['ID', 'NAME', 'KIND', 'STATUS', 'DATES', 'SCREENED', 'TARGET', 'ELIGIBLE'],
              rows.map((r) => [r.id, r.name, r.kind, r.status, `${r.startDate} to ${r.endDate}`, num(r.screened), num(r.targetCount), num(r.eligible)])
            ),
            `${rows.length} campaign${rows.length === 1 ? '' : 's'}`
          ]
        : ['No campaigns.']
      c.out.result(human, { total: rows.length, rows })
    }
  },
  {
    domain: 'screening',
    verb: 'dashboard',
    summary: "a campaign's coverage (of target, of eligible, by village), conclusions, findings and referral completion",
    usage: 'stationdesk screening dashboard CAMPAIGN_ID',
    args: ['CAMPAIGN_ID'],
    notes: [
      'With --json the last line is the dashboard with the campaign: {"campaign","target","eligible","screened","ofTarget","ofEligible","byVillage",',
      '"byDay","conclusions","findings","referrals"}; rates are {"num","den","rate"}, rate a fraction from 0 to 1.'
    ],
    async run(c) {
      const k = await c.call('screening.campaign', { id: c.args[0] })
      const d = await c.call('screening.dashboard', { campaignId: k.id })
      const r = d.referrals
      const human = [
        `${k.name}  (${k.kind}, ${k.status}, ${k.startDate} to ${k.endDate})`,
        '',
        `Screened of target:    ${ratio(d.ofTarget)}`,
        `Screened of eligible:  ${ratio(d.ofEligible)}`,
        '',
        'By village:',
        ...table(['VILLAGE', 'ELIGIBLE', 'SCREENED', 'COVERAGE'], d.byVillage.map((v) => [v.name, num(v.eligible), num(v.screened), share(v.screened, v.eligible)])).map((l) => '  ' + l),
        '',
        'Conclusions:',
        ...table(['CONCLUSION', 'RECORDS', 'SHARE'], Object.entries(d.conclusions).map(([name, n]) => [name, num(n), share(n, d.screened)])).map((l) => '  ' + l),
        '',
        'Findings:',
        ...(d.findings.length ? table(['FINDING', 'RECORDS', 'SHARE'], d.findings.map((f) => [f.key, num(f.count), share(f.count, d.screened)])).map((l) => '  ' + l) : ['  none yet']),
        '',
        `Referrals: ${num(r.total)}  attended ${num(r.attended)}  lost ${num(r.lost)}  open ${num(r.open)} (overdue ${num(r.overdue)})`,
        `Referral completion (attended of referred): ${ratio(r.completion)}`
      ]
      c.out.result(human, { campaign: { id: k.id, name: k.name, kind: k.kind, status: k.status, startDate: k.startDate, endDate: k.endDate }, ...d })
    }
  },
  {
    domain: 'screening',
    verb: 'follow-ups',
    summary: 'the follow-up worklist: open referrals, overdue ones first',
    usage: 'stationdesk screening follow-ups [--overdue] [--campaign CAMPAIGN_ID]',
    options: {
      overdue: { type: 'boolean', help: '--overdue  only referrals past their due date' },
      campaign: { type: 'string', help: '--campaign ID  only this campaign\'s referrals (IDs from `screening campaigns`)' }
    },
    notes: ['With --json the last line is {"total","overdue","rows":[{recordId,campaignId,name,idNumber,phone,servicePointName,examDate,conclusion,destination,dueDate,daysOverdue,…}]}.'],
    async run(c) {
      const campaignId = str(c.opts, 'campaign')
      // an unknown campaign is NOT_FOUND (exit 1), not an empty list
      if (campaignId) await c.call('screening.campaign', { id: campaignId })
      const overdueOnly = c.opts.overdue === true
      const rows: FollowUpRow[] = await all((page) => c.call('screening.followUps', { state: 'open', overdueOnly, campaignId, page, pageSize: 500 }))
      const overdue = rows.filter((r) => r.daysOverdue > 0).length
      const human = rows.length
        ? [
            ...table(
              ['DUE', 'OVERDUE', 'NAME', 'VILLAGE', 'PHONE', 'CONCLUSION', 'REFERRED TO', 'CAMPAIGN'],
              rows.map((r) => [r.dueDate, r.daysOverdue > 0 ? `${r.daysOverdue} d` : '', r.name, r.servicePointName ?? '', r.phone, r.conclusion, r.destination, r.campaignName])
            ),
            `${num(rows.length)} open referral${rows.length === 1 ? '' : 's'}, ${num(overdue)} overdue`
          ]
        : [overdueOnly ? 'No overdue referrals.' : 'No open referrals.']
      c.out.result(human, { total: rows.length, overdue, rows })
    }
  }
]
