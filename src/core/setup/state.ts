import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'

export function isSetUp(sqlite: Sqlite): boolean {
  return (stmt(sqlite, 'SELECT count(*) AS n FROM station').get() as { n: number }).n > 0
}

/** 'station' or 'district' (chosen at setup); null before setup */
export function stationMode(sqlite: Sqlite): 'station' | 'district' | null {
  const r = stmt(sqlite, 'SELECT mode FROM station LIMIT 1').get() as { mode: 'station' | 'district' } | undefined
  return r?.mode ?? null
}
