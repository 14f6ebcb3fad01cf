/**
 * The hardening of the one window, as pure functions over the objects Electron hands us, so a
 * unit test can check every item with fakes (tests/unit/electron/security.test.ts).
 *
 * Checklist: contextIsolation, sandbox (also app.enableSandbox()), no nodeIntegration,
 * webSecurity, no webview tag, strict CSP header, navigation only within the app's own page,
 * window.open denied, every permission request/check denied, webview attach refused, IPC only
 * from the app's own main frame. The app loads no remote content: file:// in production, the
 * electron-vite dev server on localhost in development.
 */
import type { App, Session, WebContents, WebPreferences } from 'electron'

/**
 * The policy for the app's pages, the same as the web preview's (src/web/server.ts) and the
 * renderer's <meta>: scripts only from the app itself, no eval, no remote anything. Styles
 * allow inline because antd injects its CSS-in-JS as <style> elements.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * Development only (the electron-vite dev server): React Fast Refresh injects an inline
 * preamble script and HMR talks over a websocket to the same host.
 */
export function devCsp(devUrl: string): string {
  const u = new URL(devUrl)
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${u.host} ${u.protocol}//${u.host}`
  )
}

export function secureWebPreferences(preload: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools ?? false
  }
}

function normPath(p: string): string {
  let s = p
  try {
    s = decodeURIComponent(p)
  } catch {
    /* keep as is */
  }
  return process.platform === 'win32' ? s.toLowerCase() : s
}

/**
 * Is `url` the app's own page? `appUrl` is the file:// URL of out/renderer/index.html
 * (production: exactly that file, any #route) or the dev server's URL (same origin).
 */
export function isAppUrl(url: string | null | undefined, appUrl: string): boolean {
  if (!url) return false
  let u: URL
  let a: URL
  try {
    u = new URL(url)
    a = new URL(appUrl)
  } catch {
    return false
  }
  if (a.protocol === 'file:') return u.protocol === 'file:' && u.host === a.host && normPath(u.pathname) === normPath(a.pathname)
  if (a.protocol !== 'http:' && a.protocol !== 'https:') return false
  return u.protocol === a.protocol && u.host === a.host
}

/** The part of an IPC event the sender check reads (Electron's IpcMainInvokeEvent). */
export interface SenderLike {
  senderFrame: { url: string; parent: unknown } | null | undefined
}

/**
 * IPC is answered only for the app's own page in a main frame (a frame without a parent; an
 * iframe never), and never when the frame is already gone (senderFrame null).
 */
export function isTrustedSender(event: SenderLike, appUrl: string): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, appUrl)
}

type Headers = Record<string, string | string[]>

/** Adds the CSP (and a few safe headers) to the app's own responses; others pass unchanged. */
export function withSecurityHeaders(url: string, headers: Headers | undefined, appUrl: string, csp: string): Headers | undefined {
  if (!isAppUrl(url, appUrl) && !sameOrigin(url, appUrl)) return headers
  const out: Headers = {}
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = v
  out['Content-Security-Policy'] = [csp]
  out['X-Content-Type-Options'] = ['nosniff']
  out['Referrer-Policy'] = ['no-referrer']
  return out
}

function sameOrigin(url: string, appUrl: string): boolean {
  try {
    const u = new URL(url)
    const a = new URL(appUrl)
    if (a.protocol === 'file:') return u.protocol === 'file:'
    return u.origin === a.origin
  } catch {
    return false
  }
}

/** Session-wide: CSP header, every permission denied, no downloads to unknown places. */
export function installSessionHandlers(session: Session, appUrl: string, csp: string = CSP): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.url, details.responseHeaders, appUrl, csp) })
  })
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler?.(() => false)
}

/** Per web contents: navigation stays on the app's page, no new windows, no webviews. */
export function installContentsHandlers(contents: WebContents, appUrl: string): void {
  const stayHome = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isAppUrl(url ?? event.url, appUrl)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-frame-navigate', (e) => stayHome(e, e.url))
  contents.on('will-redirect', stayHome)
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function installSecurityHandlers(session: Session, contents: WebContents, appUrl: string, csp: string = CSP): void {
  installSessionHandlers(session, appUrl, csp)
  installContentsHandlers(contents, appUrl)
}

/** Process-wide, before `ready`: sandbox every renderer, and harden any web contents created. */
export function hardenApp(app: App, appUrl: () => string): void {
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => installContentsHandlers(contents, appUrl()))
}
