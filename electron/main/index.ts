/**
 * StationDesk's Electron main process: thin on purpose. It owns the app lifecycle, the one
 * hardened window (security.ts, window.ts), the IPC binding (ipc.ts), dialogs and the OS
 * keychain. No business logic lives here.
 *
 * Design (main <-> core):
 *
 *   renderer --invoke('rpc', method, input)--> main --{call,id,method,input,sessionId}--> core
 *   renderer <------------ ApiResult --------- main <--------{result,id,outcome}--------- core
 *
 * - The core (src/core Host) runs in a utility process (electron/core/worker.ts, forked with
 *   utilityProcess.fork), so a long write never freezes the window. Main sends `init` first:
 *   data folder (userData), migrations folder, the Electron-ABI better_sqlite3.node and the
 *   key passphrase it decrypted from the OS keychain.
 * - main checks every IPC call's sender (the app's own page, main frame only) and keeps the
 *   session id per web contents; the renderer never holds it.
 * - Desktop-only methods (desktop.saveFile, desktop.printPdf) are registered in the core's
 *   Host like any method, so input validation, session, roles and audit happen there, in one
 *   place. Their handlers post a `desktop` request back to main, which alone can show dialogs
 *   and open files, and replies with the result. system.info therefore lists them as
 *   abilities. (Chosen over "main answers desktop.* itself": that would need a second copy of
 *   the session and role checks in main.)
 * - The key passphrase: safeStorage exists in main only, so main hands the decrypted value to
 *   the core at start, and the core posts new values back for main to encrypt and save in
 *   <userData>/keys/passphrase.safe (keychain.ts).
 * - A core that dies is restarted (up to 3 times); its sessions are gone, so windows log in
 *   again. A core that cannot start (better-sqlite3 not built for Electron) is reported to
 *   the user plainly, and the app quits.
 */
import fs from 'node:fs'
import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess } from 'electron'
import { APP_FOLDER } from '../../src/core/paths'
import type { DesktopMethod } from '../core/protocol'
import { CoreProcess, type ChildLike } from './coreProcess'
import { cleanPrintDir, runDesktopMethod } from './desktop'
import { registerRpc, RpcSessions } from './ipc'
import { loadPassphrase, savePassphrase } from './keychain'
import { locate } from './locations'
import { installMenu } from './menu'
import { hardenApp } from './security'
import { createMainWindow } from './window'

// The data folder is Electron's userData, named StationDesk like the CLI's default
// (src/core/paths.ts); STATIONDESK_DATA points both elsewhere (tests, a second station).
const dataDir = process.env.STATIONDESK_DATA ? path.resolve(process.env.STATIONDESK_DATA) : path.join(app.getPath('appData'), APP_FOLDER)
app.setPath('userData', dataDir)
if (process.platform === 'win32') app.setAppUserModelId('cn.stationdesk.app') // taskbar grouping; Windows-only API

const loc = locate({
  isPackaged: app.isPackaged,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
  mainDir: __dirname,
  devUrl: process.env.ELECTRON_RENDERER_URL,
  platform: process.platform,
  arch: process.arch,
  exists: (f) => fs.existsSync(f)
})
const icon = path.join(app.getAppPath(), 'resources', 'icons', 'icon.png')

let mainWindow: BrowserWindow | null = null
const sessions = new RpcSessions()

function fatal(reason: 'native' | 'start' | 'crashed', message: string): void {
  const text =
    reason === 'native'
      ? `better-sqlite3 is not built for this Electron version, so the database cannot be opened.\n\n${message}\n\n` +
        'Developers: run `node scripts/electron-native.cjs` with internet access (or use `npm run start:web`).'
      : `The StationDesk core could not run.\n\n${message}`
  console.error(`StationDesk: ${text}`)
  if (!process.env.STATIONDESK_NO_DIALOGS) dialog.showErrorBox('StationDesk', text)
  app.exit(1)
}

const core = new CoreProcess({
  fork: () => utilityProcess.fork(loc.worker, [], { serviceName: 'StationDesk core', stdio: 'inherit' }) as unknown as ChildLike,
  init: () => ({
    type: 'init',
    dataDir,
    migrationsFolder: loc.migrationsFolder,
    nativeBinding: loc.nativeBinding,
    passphrase: loadPassphrase(dataDir),
    version: app.getVersion()
  }),
  onDesktop: (method: DesktopMethod, input: unknown) => runDesktopMethod(method, input, mainWindow),
  onPassphrase: (value) => {
    try {
      savePassphrase(dataDir, value)
    } catch (e) {
      console.error('[stationdesk] could not keep the key passphrase:', (e as Error).message)
    }
  },
  onFatal: fatal,
  onRestart: () => sessions.clear()
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  hardenApp(app, () => loc.appUrl)

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(() => {
    cleanPrintDir()
    installMenu(loc.dev)
    registerRpc(ipcMain, core, sessions, () => loc.appUrl)
    core.start().then(
      (info) => {
        if (info.recovery) console.warn(`StationDesk: the database cannot be opened (${info.problem}); the app offers the newest good backup.`)
      },
      () => undefined
    )
    const open = () => {
      mainWindow = createMainWindow(loc, session.defaultSession, fs.existsSync(icon) ? icon : undefined)
      mainWindow.on('closed', () => {
        mainWindow = null
      })
    }
    open()
    app.on('activate', () => {
      if (!mainWindow) open()
    })
  })

  app.on('window-all-closed', () => app.quit())

  // close the database cleanly (WAL checkpoint) before the process ends
  let coreStopped = false
  app.on('before-quit', (event) => {
    if (coreStopped) return
    event.preventDefault()
    void core.stop().finally(() => {
      coreStopped = true
      app.quit()
    })
  })
}
