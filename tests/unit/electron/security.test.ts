/**
 * The hardening checklist of the desktop shell, item by item, with electron mocked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeEmitter, FakeWebContents, fakeSession, navEvent } from './fakes'

const created = vi.hoisted(() => [] as { options: any; win: any }[])
vi.mock('electron', async () => {
  const { FakeEmitter, FakeWebContents } = await import('./fakes')
  class BrowserWindow extends FakeEmitter {
    webContents = new FakeWebContents()
    loadFile = vi.fn(async () => undefined)
    loadURL = vi.fn(async () => undefined)
    show = vi.fn()
    constructor(public options: any) {
      super()
      created.push({ options, win: this })
    }
  }
  return { BrowserWindow, app: {}, ipcMain: { handle: vi.fn() }, Menu: {}, dialog: {}, shell: {}, safeStorage: {} }
})

import {
  CSP,
  devCsp,
  hardenApp,
  installContentsHandlers,
  installSecurityHandlers,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
  withSecurityHeaders
} from '../../../electron/main/security'
import { createMainWindow } from '../../../electron/main/window'
import { locate } from '../../../electron/main/locations'
import { REFUSED, rpcHandler, RpcSessions } from '../../../electron/main/ipc'

const APP = 'file:///opt/StationDesk/resources/app.asar/out/renderer/index.html'
const DEV = 'http://localhost:5173/'

describe('web preferences', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const w = secureWebPreferences('/app/out/preload/index.js')
    expect(w).toMatchObject({
      preload: '/app/out/preload/index.js',
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
    expect(w).not.toHaveProperty('enableBlinkFeatures')
  })

  it('the one window is created with them, hidden until painted, loading the built page from disk', () => {
    created.length = 0
    const loc = locate({
      isPackaged: true,
      appPath: '/opt/StationDesk/resources/app.asar',
      resourcesPath: '/opt/StationDesk/resources',
      mainDir: '/opt/StationDesk/resources/app.asar/out/main',
      devUrl: 'http://evil.example/',
      platform: 'linux',
      arch: 'x64',
      exists: () => false
    })
    const session = fakeSession()
    createMainWindow(loc, session as any)
    expect(created).toHaveLength(1)
    const { options, win } = created[0]
    expect(options.show).toBe(false)
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(options.webPreferences.preload).toBe('/opt/StationDesk/resources/app.asar/out/preload/index.js')
    expect(win.loadFile).toHaveBeenCalledWith('/opt/StationDesk/resources/app.asar/out/renderer/index.html')
    expect(win.loadURL).not.toHaveBeenCalled()
    // handlers are in place on the window's contents and the session
    expect(win.webContents.windowOpenHandler).toBeTypeOf('function')
    expect(win.webContents.has('will-navigate')).toBe(true)
    expect(session.setPermissionRequestHandler).toHaveBeenCalled()
  })
})

describe('content security policy', () => {
  it('is strict: self only, no eval, no inline script, no objects or frames', () => {
    const d = Object.fromEntries(CSP.split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
    expect(d['default-src']).toEqual(["'self'"])
    expect(d['script-src']).toEqual(["'self'"])
    expect(d['object-src']).toEqual(["'none'"])
    expect(d['frame-src']).toEqual(["'none'"])
    expect(d['base-uri']).toEqual(["'none'"])
    expect(d['connect-src']).toEqual(["'self'"])
    expect(CSP).not.toContain('unsafe-eval')
    expect(CSP).not.toMatch(/https?:/)
    expect(CSP).not.toContain('*')
  })

  it('development only loosens what the dev server needs, never eval', () => {
    const c = devCsp(DEV)
    expect(c).toContain('ws://localhost:5173')
    expect(c).not.toContain('unsafe-eval')
  })

  it('is set as a header on the app own responses and replaces a weaker one', () => {
    const h = withSecurityHeaders(APP, { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] }, APP, CSP)!
    expect(h['Content-Security-Policy']).toEqual([CSP])
    expect(h['content-security-policy']).toBeUndefined()
    expect(h['X-Other']).toEqual(['1'])
    expect(h['X-Content-Type-Options']).toEqual(['nosniff'])
  })

  it('is installed through session.webRequest.onHeadersReceived', () => {
    const s = fakeSession()
    installSecurityHandlers(s as any, new FakeWebContents() as any, DEV, devCsp(DEV))
    const listener = s.webRequest.onHeadersReceived.mock.calls[0][0]
    const cb = vi.fn()
    listener({ url: 'http://localhost:5173/index.html', responseHeaders: {} }, cb)
    expect(cb.mock.calls[0][0].responseHeaders['Content-Security-Policy'][0]).toContain("default-src 'self'")
  })
})

describe('app URL', () => {
  it('production: exactly the built index.html, any route', () => {
    expect(isAppUrl(APP, APP)).toBe(true)
    expect(isAppUrl(APP + '#/persons/1', APP)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', APP)).toBe(false)
    expect(isAppUrl('file:///opt/StationDesk/resources/app.asar/out/renderer/other.html', APP)).toBe(false)
    expect(isAppUrl('https://example.com/', APP)).toBe(false)
    expect(isAppUrl('', APP)).toBe(false)
    expect(isAppUrl('not a url', APP)).toBe(false)
  })
  it('development: the dev server origin only', () => {
    expect(isAppUrl('http://localhost:5173/#/login', DEV)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false)
    expect(isAppUrl('http://evil.example/', DEV)).toBe(false)
  })
  it('the dev server URL is honoured only unpackaged and only on loopback', () => {
    const base = { appPath: '/repo', resourcesPath: '/r', mainDir: '/repo/out/main', platform: 'linux' as const, arch: 'x64', exists: () => false }
    expect(locate({ ...base, isPackaged: false, devUrl: DEV }).appUrl).toBe(DEV)
    expect(locate({ ...base, isPackaged: false, devUrl: 'http://localhost:5173' }).appUrl).toBe('http://localhost:5173')
    expect(locate({ ...base, isPackaged: false, devUrl: 'http://localhost.evil.example:5173/' }).dev).toBe(false)
    expect(locate({ ...base, isPackaged: false, devUrl: 'http://evil.example/' }).appUrl).toBe('file:///repo/out/renderer/index.html')
    expect(locate({ ...base, isPackaged: true, devUrl: DEV }).appUrl).toBe('file:///repo/out/renderer/index.html')
  })
})

describe('navigation, new windows, webviews', () => {
  let wc: FakeWebContents
  beforeEach(() => {
    wc = new FakeWebContents()
    installContentsHandlers(wc as any, APP)
  })

  it('will-navigate to a foreign URL is prevented, within the app it is not', () => {
    const bad = navEvent('https://example.com/')
    wc.emit('will-navigate', bad, bad.url)
    expect(bad.prevented).toBe(true)
    const file = navEvent('file:///home/user/evil.html')
    wc.emit('will-navigate', file, file.url)
    expect(file.prevented).toBe(true)
    const ok = navEvent(APP + '#/dashboard')
    wc.emit('will-navigate', ok, ok.url)
    expect(ok.prevented).toBe(false)
  })

  it('frame navigations and redirects away are prevented too', () => {
    const f = navEvent('https://example.com/')
    wc.emit('will-frame-navigate', f)
    expect(f.prevented).toBe(true)
    const r = navEvent('https://example.com/')
    wc.emit('will-redirect', r, r.url)
    expect(r.prevented).toBe(true)
  })

  it('window.open is denied, whatever the URL', () => {
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(wc.windowOpenHandler!({ url: APP })).toEqual({ action: 'deny' })
  })

  it('attaching a webview is refused', () => {
    const e = navEvent('')
    wc.emit('will-attach-webview', e, {}, {})
    expect(e.prevented).toBe(true)
  })

  it('the app enables the sandbox for every renderer and hardens every web contents created', () => {
    const app = Object.assign(new FakeEmitter(), { enableSandbox: vi.fn() })
    hardenApp(app as any, () => APP)
    expect(app.enableSandbox).toHaveBeenCalledOnce()
    const other = new FakeWebContents()
    app.emit('web-contents-created', {}, other)
    expect(other.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' })
    const e = navEvent('')
    other.emit('will-attach-webview', e)
    expect(e.prevented).toBe(true)
  })
})

describe('permissions', () => {
  it('every permission request and check is denied', () => {
    const s = fakeSession()
    installSecurityHandlers(s as any, new FakeWebContents() as any, APP)
    const request = s.setPermissionRequestHandler.mock.calls[0][0]
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn()
      request({}, p, cb, {})
      expect(cb).toHaveBeenCalledWith(false)
    }
    const check = s.setPermissionCheckHandler.mock.calls[0][0]
    expect(check({}, 'media', APP, {})).toBe(false)
    expect(check({}, 'clipboard-sanitized-write', APP, {})).toBe(false)
    const device = s.setDevicePermissionHandler.mock.calls[0][0]
    expect(device({})).toBe(false)
  })
})

describe('IPC sender check', () => {
  const mainFrame = (url: string) => ({ url, parent: null })
  it('accepts the app page in a main frame only', () => {
    expect(isTrustedSender({ senderFrame: mainFrame(APP + '#/x') }, APP)).toBe(true)
    expect(isTrustedSender({ senderFrame: mainFrame('https://example.com/') }, APP)).toBe(false)
    expect(isTrustedSender({ senderFrame: { url: APP, parent: mainFrame(APP) } }, APP)).toBe(false)
    expect(isTrustedSender({ senderFrame: null }, APP)).toBe(false)
  })

  it('the rpc handler refuses a foreign frame URL and a sub-frame without calling the core', async () => {
    const backend = { call: vi.fn(), forget: vi.fn() }
    const h = rpcHandler(backend, new RpcSessions(), () => APP)
    const sender = new FakeWebContents()
    expect(await h({ sender, senderFrame: mainFrame('https://example.com/') } as any, 'system.info', {})).toEqual(REFUSED)
    expect(await h({ sender, senderFrame: { url: APP, parent: mainFrame(APP) } } as any, 'system.info', {})).toEqual(REFUSED)
    expect(await h({ sender, senderFrame: null } as any, 'system.info', {})).toEqual(REFUSED)
    expect(REFUSED).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(backend.call).not.toHaveBeenCalled()
  })
})
