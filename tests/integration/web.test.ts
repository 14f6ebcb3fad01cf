import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebServer, type WebServer } from '../../src/web/server'
import { makeHost, setUpStation, tmpDir, type TestHost } from '../helpers/host'

let t: TestHost
let srv: WebServer
const ui = tmpDir('ui-')

beforeAll(async () => {
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>StationDesk</title>')
  t = makeHost()
  await setUpStation(t)
  srv = await startWebServer({ host: t.host, uiDir: ui })
})
afterAll(async () => {
  await srv.close()
  t.close()
})

interface Res {
  status: number
  body: string
  headers: http.IncomingHttpHeaders
}
function request(opts: { path?: string; method?: string; host?: string; token?: string | null; body?: unknown; cookie?: string }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const data = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)
    const req = http.request(
      {
        host: '127.0.0.1',
        port: srv.port,
        path: opts.path ?? '/rpc',
        method: opts.method ?? 'POST',
        headers: {
          Host: opts.host ?? `127.0.0.1:${srv.port}`,
          'Content-Type': 'application/json',
          ...(opts.token === null ? {} : { Authorization: `Bearer ${opts.token ?? srv.token}` }),
          ...(opts.cookie ? { Cookie: opts.cookie } : {})
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }))
      }
    )
    req.on('error', reject)
    if (data) req.write(data)
    req.end()
  })
}

describe('web preview transport', () => {
  it('listens on loopback only and prints a URL with the token', () => {
    expect(srv.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${srv.port}/#token=${srv.token}$`))
    expect(srv.token.length).toBeGreaterThanOrEqual(32)
  })
  it('refuses a request without a token or with a wrong one (401)', async () => {
    expect((await request({ token: null, body: { method: 'system.info' } })).status).toBe(401)
    expect((await request({ token: 'wrong', body: { method: 'system.info' } })).status).toBe(401)
  })
  it('refuses a foreign Host header (403), for the page too', async () => {
    expect((await request({ host: 'evil.example:80', body: { method: 'system.info' } })).status).toBe(403)
    expect((await request({ host: `127.0.0.1.evil.example:${srv.port}`, body: { method: 'system.info' } })).status).toBe(403)
    expect((await request({ host: 'evil.example', path: '/', method: 'GET' })).status).toBe(403)
  })
  it('answers an unknown method and malformed input with VALIDATION naming the field', async () => {
    const a = JSON.parse((await request({ body: { method: 'nope.nothing' } })).body)
    expect(a).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'method' }] } } })
    const b = await request({ body: '{not json' })
    expect(b.status).toBe(400)
    expect(JSON.parse(b.body).error.code).toBe('VALIDATION')
    const login = await request({ body: { method: 'auth.login', input: { username: 'admin', password: 'admin-pass-1' } } })
    const cookie = String(login.headers['set-cookie']).split(';')[0]
    const c = JSON.parse((await request({ body: { method: 'staff.save', input: { name: 'x', post: 'astronaut' } }, cookie })).body)
    expect(c).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ path: 'post' }] } } })
  })
  it('keeps the session in an HttpOnly cookie the page cannot read', async () => {
    const login = await request({ body: { method: 'auth.login', input: { username: 'clerk', password: 'clerk-pass-1' } } })
    const setCookie = String(login.headers['set-cookie'])
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(login.body).not.toContain(setCookie.split(';')[0].split('=')[1])
    const cookie = setCookie.split(';')[0]
    const info = JSON.parse((await request({ body: { method: 'system.info' }, cookie })).body)
    expect(info.data.session.username).toBe('clerk')
    const forbidden = JSON.parse((await request({ body: { method: 'users.list' }, cookie })).body)
    expect(forbidden.error.code).toBe('FORBIDDEN')
    const out = await request({ body: { method: 'auth.logout' }, cookie })
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/)
    expect(JSON.parse((await request({ body: { method: 'station.get' }, cookie })).body).error.code).toBe('UNAUTHENTICATED')
  })
  it('serves the UI with a CSP and never files outside it', async () => {
    const page = await request({ path: '/', method: 'GET' })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect((await request({ path: '/../package.json', method: 'GET' })).status).toBe(404)
    const traversal = await request({ path: '/%2e%2e/%2e%2e/etc/passwd', method: 'GET' })
    expect(traversal.body).not.toMatch(/root:/)
    expect((await request({ path: '/assets/%2e%2e%2f%2e%2e%2fpackage.json', method: 'GET' })).status).toBe(404)
  })
})
