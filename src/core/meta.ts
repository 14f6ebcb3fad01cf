import type { Sqlite } from './db/open'

export function getMeta(sqlite: Sqlite, key: string): string | null {
  const r = sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return r?.value ?? null
}

export function setMeta(sqlite: Sqlite, key: string, value: string): void {
  sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
}
