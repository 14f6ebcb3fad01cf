import { localDate } from '../clock'
import { getMeta, setMeta } from '../meta'
import type { Runtime } from '../runtime'
import { backupDatabase } from './files'

/** Once a day (station's date), a backup of the live file; the 14 newest daily ones are kept. */
export function dailyBackupIfDue(rt: Runtime): boolean {
  const sqlite = rt.sqlite
  if (!sqlite) return false
  const today = localDate(rt.clock)
  if (getMeta(sqlite, 'last_daily_backup') === today) return false
  backupDatabase(sqlite, rt.paths.backups, 'daily', rt.clock)
  setMeta(sqlite, 'last_daily_backup', today)
  return true
}
