/**
 * The web preview under 50 concurrent clients on loopback (issue 8's load figure, started with
 * issue 7): each client logs in (its own session cookie, its own keep-alive connection), then
 * makes 40 calls a page makes (station.get, staff.list, users.list, audit.list) as fast as it
 * can, all 50 at once. Every call must answer 200 with ok: true.
 */
import http from 'node:http'
import path from 'node:path'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import type { Host } from '../../src/core/host'
import { startWebServer } from '../../src/web/server'

type Add = (figure: string, value: string, goal: string, pass: boolean) => void
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]

const CALLS: [string, unknown][] = [
  ['station.get', {}],
  ['staff.list', {}],
  ['users.list', {}],
  ['audit.list', { page: 1, pageSize: 50 }]
]

export async function benchWebLoad(add: Add, host: Host, base: string, user: { username: string; password: string }, clients = 50, perClient = 40): Promise<void> {
  const ui = path.join(base, 'ui-load')
  fs.mkdirSync(ui, { recursive: true })
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html>')
  const srv = await startWebServer({ host, uiDir: ui })
  let errors = 0
  const firstError: string[] = []
  const times: number[] = []
  const duringLogins: number[] = []

  // each client: a connection and its session; logging in (scrypt, on the thread pool) first,
  // all at once, then the page calls, all at once
  const client = (times: number[]) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    let cookie = ''
    const rpc = (method: string, input: unknown) =>
      new Promise<void>((resolve) => {
        const body = JSON.stringify({ method, input })
        const t0 = performance.now()
        const req = http.request(
          {
            host: '127.0.0.1',
            port: srv.port,
            path: '/rpc',
            method: 'POST',
            agent,
            headers: { Host: `127.0.0.1:${srv.port}`, Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(cookie ? { Cookie: cookie } : {}) }
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              const set = res.headers['set-cookie']?.[0]
              if (set) cookie = set.split(';')[0]
              const text = Buffer.concat(chunks).toString('utf8')
              let ok = false
              try {
                ok = res.statusCode === 200 && (JSON.parse(text) as { ok: boolean }).ok
              } catch {
                ok = false
              }
              if (!ok) {
                errors++
                if (firstError.length < 3) firstError.push(`${method}: ${res.statusCode} ${text.slice(0, 200)}`)
              } else if (method !== 'auth.login') times.push(performance.now() - t0)
              resolve()
            })
          }
        )
        req.on('error', (e) => {
          errors++
          if (firstError.length < 3) firstError.push(`${method}: ${e.message}`)
          resolve()
        })
        req.end(body)
      })
    return {
      login: () => rpc('auth.login', user),
      pages: async () => {
        for (let i = 0; i < perClient; i++) {
          const [m, input] = CALLS[i % CALLS.length]
          await rpc(m, input)
        }
      },
      close: () => agent.destroy()
    }
  }

  // one clerk already at work while all the others log in at once
  const working = client(duringLogins)
  await working.login()
  const all = Array.from({ length: clients }, () => client(times))
  let t0 = performance.now()
  const burst = Promise.all(all.map((c) => c.login()))
  let burstOver = false
  void burst.then(() => (burstOver = true))
  while (!burstOver) await working.pages()
  await burst
  const logins = performance.now() - t0
  working.close()
  t0 = performance.now()
  await Promise.all(all.map((c) => c.pages()))
  const wall = performance.now() - t0
  all.forEach((c) => c.close())
  await srv.close()
  const total = clients * perClient
  add(`web preview, ${clients} concurrent clients × ${perClient} page calls: errors`, `${errors}${firstError.length ? ` (${firstError[0]})` : ''}`, '0', errors === 0)
  add('  p95 of those calls, all clients at once', ms(quantile(times, 0.95)), '≤ 100 ms', quantile(times, 0.95) <= 100)
  add('  calls per second, all clients together', `${Math.round((total / wall) * 1000).toLocaleString('en')}/s`, '—', true)
  add(`  ${clients} logins at once (scrypt each, on the thread pool)`, `${(logins / 1000).toFixed(1)} s`, '—', true)
  add(`  page calls of a clerk at work during those ${clients} logins, p95 (${duringLogins.length} calls)`, ms(quantile(duringLogins, 0.95)), '≤ 100 ms', quantile(duringLogins, 0.95) <= 100)
}
