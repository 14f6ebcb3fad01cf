/** The one window: hardened web preferences, shown when painted, the app's page only. */
import { BrowserWindow, type Session } from 'electron'
import type { Locations } from './locations'
import { CSP, devCsp, installSecurityHandlers, secureWebPreferences } from './security'

export function windowOptions(loc: Locations, icon?: string): Electron.BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'StationDesk',
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(loc.preload, { devTools: loc.dev || !!process.env.STATIONDESK_DEVTOOLS })
  }
}

export function createMainWindow(loc: Locations, session: Session, icon?: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(loc, icon))
  installSecurityHandlers(session, win.webContents, loc.appUrl, loc.dev ? devCsp(loc.appUrl) : CSP)
  win.once('ready-to-show', () => win.show())
  if (loc.dev) void win.loadURL(loc.appUrl)
  else void win.loadFile(loc.rendererHtml)
  return win
}
