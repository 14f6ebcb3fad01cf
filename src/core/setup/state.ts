import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'

export function isSetUp(sqlite: Sqlite): boolean {
  return (stmt(sqlite, 'SELECT count(*) AS n FROM station').get() as { n: number }).n > 0
}
