import type { Sqlite } from '../db/open'

export function isSetUp(sqlite: Sqlite): boolean {
  return (sqlite.prepare('SELECT count(*) AS n FROM station').get() as { n: number }).n > 0
}
