/**
 * Times each page's backend calls through the method table, as the UI makes them (host.call
 * with a session of the page's role, one after another): a few rounds to warm up, then 20
 * rounds, each the page's opening calls and its common action taken together. A row per page
 * with the p95 of a round's total against the 100 ms goal; the slowest call's p95 is kept for
 * the report (and for finding why a page is slow).
 */
import { performance } from 'node:perf_hooks'
import type { Role } from '../../src/api/contract'
import type { Host } from '../../src/core/host'
import type { Call, PageCase } from './pagesCalls'

export type Add = (figure: string, value: string, goal: string, pass: boolean) => void
export const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`
export const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]

export const PAGE_GOAL_MS = 100
const ROUNDS = 20
const WARM = 3

export interface PageTiming {
  page: string
  p95: number
  /** per method: the p95 of its time in a round (summed when a round calls it more than once), and the median of its CPU time (this process's: apart from waiting on a busy machine) */
  calls: [method: string, p95: number, cpu: number][]
}

/** "a + b ×2" from a round's calls */
function callNames(calls: Call[]): string {
  const n = new Map<string, number>()
  for (const [m] of calls) n.set(m, (n.get(m) ?? 0) + 1)
  return [...n].map(([m, k]) => (k > 1 ? `${m} ×${k}` : m)).join(' + ')
}

/**
 * `before` runs ahead of every round, untimed: e.g. a write, so that counts kept until the next
 * write (untilWrite: rosters, rates) are counted again as on a page opened during a working day.
 */
export async function timePages(add: Add, host: Host, sessions: Record<Role, string>, cases: PageCase[], label = 'at full load', before?: () => Promise<void>): Promise<PageTiming[]> {
  const out: PageTiming[] = []
  for (const c of cases) {
    if (c.none) {
      add(`page ${c.page}: no data calls, ${c.none}`, '—', '—', true)
      continue
    }
    const sid = sessions[c.role]
    type Round = { total: number; per: Map<string, number>; cpu: Map<string, number> }
    const round = async (i: number): Promise<Round> => {
      await before?.()
      const per = new Map<string, number>()
      const cpu = new Map<string, number>()
      let total = 0
      for (const [method, input] of [...c.open(i), ...(c.then?.calls(i) ?? [])]) {
        const c0 = process.cpuUsage()
        const t0 = performance.now()
        const r = await host.call(method, input, { sessionId: sid, transport: 'test' })
        const dt = performance.now() - t0
        const used = process.cpuUsage(c0)
        if (!r.result.ok) throw new Error(`page ${c.page}: ${method} ${JSON.stringify(input)}: ${r.result.error.code} ${r.result.error.message}`)
        per.set(method, (per.get(method) ?? 0) + dt)
        cpu.set(method, (cpu.get(method) ?? 0) + (used.user + used.system) / 1000)
        total += dt
      }
      return { total, per, cpu }
    }
    for (let i = 0; i < WARM; i++) await round(i)
    const rounds: Round[] = []
    for (let i = 0; i < ROUNDS; i++) rounds.push(await round(i))
    const p95 = quantile(rounds.map((r) => r.total), 0.95)
    const calls = [...rounds[0].per.keys()]
      .map((m): [string, number, number] => [m, quantile(rounds.map((r) => r.per.get(m) ?? 0), 0.95), quantile(rounds.map((r) => r.cpu.get(m) ?? 0), 0.5)])
      .sort((a, b) => b[1] - a[1])
    out.push({ page: c.page, p95, calls })
    const opened = callNames(c.open(0))
    // the action's calls (what it is, c.then.what, is in pagesCalls.ts: the table stays narrow)
    const what = [opened, c.then ? `then ${callNames(c.then.calls(0))}` : ''].filter(Boolean).join('; ')
    add(`page ${c.page} (${c.role}): ${what} ${label} (p95 of ${ROUNDS})`, ms(p95), `≤ ${PAGE_GOAL_MS} ms`, p95 <= PAGE_GOAL_MS)
  }
  return out
}
