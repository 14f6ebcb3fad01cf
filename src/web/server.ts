/**
 * The browser preview: a loopback HTTP server hosting the same method table and the built UI,
 * for machines without Electron, for e2e tests and for demos. Protocol (DESIGN.md §2):
 * POST /rpc with JSON { method, input } and `Authorization: Bearer <token>`; the Host header
 * must be 127.0.0.1:PORT or localhost:PORT (else 403); a missing or wrong token gets 401.
 * The session id travels in an HttpOnly, SameSite=Strict cookie: the page never sees it.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Host } from '../core/host'

export interface WebServerOptions {
  host: Host
  /** folder of the built UI (index.html + assets) */
  uiDir: string
  port?: number
  token?: string
  /** largest request body accepted (bytes) */
  maxBody?: number
}

export interface WebServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
}

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

function tokenOk(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '')
  if (!m) return false
  const a = Buffer.from(m[1])
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function sessionCookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers })
  res.end(text)
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024
  let port = 0
  // one cookie name per run, so two previews on one machine do not mix sessions
  const cookieName = `sd_session_${randomBytes(4).toString('hex')}`
  const uiRoot = path.resolve(opts.uiDir)

  const server = http.createServer((req, res) => {
    const hostHeader = req.headers.host ?? ''
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) return send(res, 403, { error: { code: 'FORBIDDEN', message: 'foreign Host header' } })
    const url = new URL(req.url ?? '/', `http://${hostHeader}`)

    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return send(res, 405, { error: { code: 'VALIDATION', message: 'POST only' } }, { Allow: 'POST' })
      if (!tokenOk(req.headers.authorization, token)) return send(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'missing or wrong token' } })
      const chunks: Buffer[] = []
      let size = 0
      let tooBig = false
      req.on('data', (c: Buffer) => {
        size += c.length
        if (size > maxBody) {
          tooBig = true
          req.destroy()
        } else chunks.push(c)
      })
      req.on('end', async () => {
        if (tooBig) return
        let body: { method?: unknown; input?: unknown }
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
        } catch {
          return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'the body is not JSON' } })
        }
        if (typeof body?.method !== 'string')
          return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'method missing', details: { fields: [{ path: 'method', rule: 'required', message: 'method missing' }] } } })
        const out = await opts.host.call(body.method, body.input, { sessionId: sessionCookie(req, cookieName), transport: 'web' })
        const headers: Record<string, string> = {}
        if (out.session !== undefined)
          headers['Set-Cookie'] =
            out.session === null
              ? `${cookieName}=; Path=/rpc; HttpOnly; SameSite=Strict; Max-Age=0`
              : `${cookieName}=${encodeURIComponent(out.session)}; Path=/rpc; HttpOnly; SameSite=Strict`
        send(res, 200, out.result, headers)
      })
      return
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: { code: 'VALIDATION', message: 'GET only' } })
    let rel = decodeURIComponent(url.pathname)
    if (rel === '/' || !path.extname(rel)) rel = '/index.html'
    const file = path.resolve(uiRoot, '.' + rel)
    if (!file.startsWith(uiRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      return res.end(fs.existsSync(path.join(uiRoot, 'index.html')) ? 'not found' : 'The UI is not built: run `npm run build:ui`.')
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': rel === '/index.html' ? 'no-store' : 'max-age=3600'
    })
    if (req.method === 'HEAD') return res.end()
    fs.createReadStream(file).pipe(res)
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        token,
        // stops listening, drops idle keep-alive connections at once and any still busy after 2 s,
        // so a browser tab left open never holds the shutdown
        close: () =>
          new Promise<void>((r) => {
            const force = setTimeout(() => server.closeAllConnections(), 2000)
            server.close(() => (clearTimeout(force), r()))
            server.closeIdleConnections()
          })
      })
    })
  })
}
