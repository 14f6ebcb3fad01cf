import os from 'node:os'
import path from 'node:path'

export const APP_FOLDER = 'StationDesk'

/** The desktop app's own data folder (Electron's userData for productName StationDesk). */
export function defaultDataDir(): string {
  const home = os.homedir()
  if (process.platform === 'win32') return path.join(process.env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_FOLDER)
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER)
  return path.join(process.env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER)
}

/** --data, else STATIONDESK_DATA, else the desktop app's folder */
export function resolveDataDir(flag?: string): string {
  return path.resolve(flag || process.env.STATIONDESK_DATA || defaultDataDir())
}

export interface DataPaths {
  root: string
  db: string
  backups: string
  keys: string
  privateKey: string
  /** highest numbers ever used (certificates, packets), kept outside the database file */
  counters: string
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    db: path.join(root, 'stationdesk.db'),
    backups: path.join(root, 'backups'),
    keys: path.join(root, 'keys'),
    privateKey: path.join(root, 'keys', 'station-signing-key.json'),
    counters: path.join(root, 'counters.json')
  }
}
