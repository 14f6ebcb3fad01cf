/**
 * The Electron security checklist against the BUILT main process (out/main/index.js, what
 * electron-builder packages), not its sources: the bundle is loaded under Node with a recording
 * stand-in for the `electron` module, started as Electron would start it (packaged), and every
 * item is read back from what it did: the window's web preferences, the sandbox switch, the
 * session's CSP and permission handlers, navigation / window-open / webview handlers, the IPC
 * sender check, and that nothing it loads is remote (the window's page, the preload, the
 * renderer's HTML and CSS). security.test.ts checks the same functions one by one with fakes;
 * this test catches a bundle that does not use them.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import Module from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { builtElectronFake, type ElectronRecord } from './builtFake'

const ROOT = path.resolve(__dirname, '../../..')
const OUT = path.join(ROOT, 'out')
const MAIN = path.join(OUT, 'main', 'index.js')

/** newest mtime of the sources the main bundle is built from */
function newestSource(): number {
  let newest = 0
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else newest = Math.max(newest, fs.statSync(p).mtimeMs)
    }
  }
  walk(path.join(ROOT, 'electron'))
  return newest
}

/** `npm test` builds before vitest; a lone `vitest run` builds here when out/ is missing or older than electron/ */
function ensureBuilt(): void {
  const fresh = fs.existsSync(MAIN) && fs.existsSync(path.join(OUT, 'renderer', 'index.html')) && fs.statSync(MAIN).mtimeMs >= newestSource()
  if (fresh) return
  const b = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' })
  if (b.status !== 0) throw new Error(`electron-vite build failed:\n${b.stdout}\n${b.stderr}`)
}

let rec: ElectronRecord
const appUrl = pathToFileURL(path.join(OUT, 'renderer', 'index.html')).href

beforeAll(async () => {
  ensureBuilt()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-built-main-'))
  const { electron, record } = builtElectronFake({ appPath: ROOT, appData: dataDir })
  rec = record
  const M = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown }
  const load = M._load
  const saved = { resourcesPath: (process as { resourcesPath?: string }).resourcesPath, data: process.env.STATIONDESK_DATA, dev: process.env.ELECTRON_RENDERER_URL }
  ;(process as { resourcesPath?: string }).resourcesPath = path.join(ROOT, 'resources')
  process.env.STATIONDESK_DATA = dataDir
  delete process.env.ELECTRON_RENDERER_URL
  M._load = function (request, parent, isMain) {
    return request === 'electron' ? electron : load.call(this, request, parent, isMain)
  }
  try {
    const req = Module.createRequire(MAIN)
    for (const k of Object.keys(req.cache)) if (k.startsWith(path.join(OUT, 'main'))) delete req.cache[k]
    req(MAIN)
    await record.ready()
  } finally {
    M._load = load
    ;(process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath
    if (saved.data === undefined) delete process.env.STATIONDESK_DATA
    else process.env.STATIONDESK_DATA = saved.data
    if (saved.dev !== undefined) process.env.ELECTRON_RENDERER_URL = saved.dev
  }
}, 120_000)

describe('the built main process', () => {
  it('sandboxes every renderer before ready, and hardens any web contents created later', () => {
    expect(rec.sandboxEnabledBeforeReady).toBe(true)
    expect(rec.appHandlers.has('web-contents-created')).toBe(true)
    const other = rec.newContents()
    rec.appHandlers.get('web-contents-created')!({}, other)
    expect(other.windowOpen?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    const nav = rec.navEvent('https://example.com/')
    other.emit('will-navigate', nav, nav.url)
    expect(nav.prevented).toBe(true)
  })

  it('opens exactly one window, hidden until painted, with the hardened web preferences', () => {
    expect(rec.windows).toHaveLength(1)
    const o = rec.windows[0].options
    expect(o.show).toBe(false)
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false
    })
    expect(o.webPreferences.enableBlinkFeatures).toBeUndefined()
    // the preload is the built one, and exposes one function over one channel
    expect(o.webPreferences.preload).toBe(path.join(OUT, 'preload', 'index.js'))
    const preload = fs.readFileSync(o.webPreferences.preload, 'utf8')
    expect(preload).toContain('exposeInMainWorld')
    expect(preload).toMatch(/invoke\(\s*["']rpc["']/)
    expect(preload).not.toMatch(/require\(\s*["'](fs|child_process|node:fs|node:child_process)["']\)/)
  })

  it('loads the page from disk, never a URL', () => {
    const w = rec.windows[0]
    expect(w.loadURL).toEqual([])
    expect(w.loadFile).toEqual([path.join(OUT, 'renderer', 'index.html')])
    expect(fs.existsSync(w.loadFile[0])).toBe(true)
  })

  it('sends the strict CSP header on the app page and drops a weaker one', () => {
    expect(rec.headersHandler).toBeTypeOf('function')
    let out: Record<string, string[]> | undefined
    rec.headersHandler!({ url: appUrl, responseHeaders: { 'content-security-policy': ["default-src *; script-src * 'unsafe-eval'"] } }, (r: { responseHeaders: Record<string, string[]> }) => (out = r.responseHeaders))
    expect(Object.keys(out!).filter((k) => k.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy'])
    const csp = Object.fromEntries(out!['Content-Security-Policy'][0].split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
    expect(csp['default-src']).toEqual(["'self'"])
    expect(csp['script-src']).toEqual(["'self'"])
    expect(csp['connect-src']).toEqual(["'self'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['frame-src']).toEqual(["'none'"])
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-eval|https?:|\*/)
  })

  it('denies every permission request and check', () => {
    let granted: boolean | undefined
    rec.permissionRequest!({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      rec.permissionRequest!({}, p, (g: boolean) => (granted = g))
      expect(granted, p).toBe(false)
      expect(rec.permissionCheck!({}, p), p).toBe(false)
    }
    if (rec.deviceHandler) expect(rec.deviceHandler({})).toBe(false)
  })

  it('keeps the window on the app page: navigation, redirects, frames, window.open, webviews', () => {
    const wc = rec.windows[0].webContents
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:1/', 'javascript:alert(1)']) {
      const e = rec.navEvent(url)
      wc.emit('will-navigate', e, url)
      expect(e.prevented, url).toBe(true)
      const r = rec.navEvent(url)
      wc.emit('will-redirect', r, url)
      expect(r.prevented, url).toBe(true)
      const f = rec.navEvent(url)
      wc.emit('will-frame-navigate', f)
      expect(f.prevented, url).toBe(true)
      expect(wc.windowOpen?.({ url })).toEqual({ action: 'deny' })
    }
    const home = rec.navEvent(`${appUrl}#/persons`)
    wc.emit('will-navigate', home, home.url)
    expect(home.prevented).toBe(false)
    const wv = rec.navEvent('')
    wc.emit('will-attach-webview', wv, {}, {})
    expect(wv.prevented).toBe(true)
  })

  it('answers IPC on the one channel "rpc", and only from the app page in a main frame', async () => {
    expect([...rec.ipcHandlers.keys()]).toEqual(['rpc'])
    const rpc = rec.ipcHandlers.get('rpc')!
    const sender = { id: 1, once: () => undefined }
    for (const frame of [{ url: 'https://example.com/', parent: null }, { url: appUrl, parent: {} }, null]) {
      const r = await rpc({ senderFrame: frame, sender }, 'system.info', {})
      expect(r, JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(rec.coreCalls).toEqual([]) // refused before the core is asked
    // the app's own page in its main frame does reach the core
    const ok = await rpc({ senderFrame: { url: `${appUrl}#/persons`, parent: null }, sender }, 'system.info', {})
    expect(ok).toEqual({ ok: true, data: 'from the core' })
    expect(rec.coreCalls).toHaveLength(1)
  })

  it('loads no remote content: the renderer HTML and CSS reference nothing off the machine', () => {
    const dir = path.join(OUT, 'renderer')
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8')
    expect(html.match(/(?:src|href)\s*=\s*["'](?:https?:)?\/\/[^"']+/gi) ?? []).toEqual([])
    expect(html).toMatch(/<meta[^>]+Content-Security-Policy/i)
    const css = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.css'))
    for (const f of css) {
      const text = fs.readFileSync(path.join(dir, 'assets', f), 'utf8')
      expect(text.match(/url\(\s*["']?(?:https?:)?\/\/[^)]*\)/gi) ?? [], f).toEqual([])
      expect(text.match(/@import\s+(?:url\()?["']?(?:https?:)?\/\//gi) ?? [], f).toEqual([])
    }
  })

  it('forks the core as a utility process from the built worker, with no dev tools in production', () => {
    expect(rec.forks).toHaveLength(1)
    expect(rec.forks[0]).toBe(path.join(OUT, 'main', 'worker.js'))
    expect(fs.existsSync(rec.forks[0])).toBe(true)
    expect(rec.menuTemplate.flatMap((m) => (m.submenu as { role?: string }[] | undefined) ?? []).map((i) => i.role)).not.toContain('toggleDevTools')
  })
})
