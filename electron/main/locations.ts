/**
 * Where the built pieces are, in development (`electron .` from the repo, or the electron-vite
 * dev server) and packaged (electron-builder: app.asar + resources/). Pure, for tests.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export interface LocateInput {
  isPackaged: boolean
  /** app.getAppPath(): the repo root in development, resources/app.asar when packaged */
  appPath: string
  /** process.resourcesPath */
  resourcesPath: string
  /** the folder of the built main bundle (out/main) */
  mainDir: string
  /** ELECTRON_RENDERER_URL (electron-vite dev); ignored when packaged */
  devUrl?: string
  platform: NodeJS.Platform
  arch: string
  exists: (file: string) => boolean
}

export interface Locations {
  /** the one URL the window may show and IPC may come from */
  appUrl: string
  /** true when appUrl is the dev server */
  dev: boolean
  rendererHtml: string
  preload: string
  worker: string
  migrationsFolder: string
  /** better_sqlite3.node for Electron's ABI, when present */
  nativeBinding?: string
}

/** electron-builder's ${os} names, used for build/native/electron/<os>-<arch>/ */
export function builderOs(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : platform
}

export function locate(i: LocateInput): Locations {
  const rendererHtml = path.join(i.mainDir, '..', 'renderer', 'index.html')
  // electron-vite sets it as http://localhost:5173 (no path): loopback only, never a remote page
  const dev = !i.isPackaged && !!i.devUrl && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/.*)?$/.test(i.devUrl)
  const native = i.isPackaged
    ? path.join(i.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(i.appPath, 'build', 'native', 'electron', `${builderOs(i.platform)}-${i.arch}`, 'better_sqlite3.node')
  return {
    appUrl: dev ? i.devUrl! : pathToFileURL(rendererHtml).href,
    dev,
    rendererHtml,
    preload: path.join(i.mainDir, '..', 'preload', 'index.js'),
    worker: path.join(i.mainDir, 'worker.js'),
    migrationsFolder: i.isPackaged ? path.join(i.resourcesPath, 'migrations') : path.join(i.appPath, 'src', 'core', 'db', 'migrations'),
    nativeBinding: i.exists(native) ? native : undefined
  }
}
