import type { Sqlite } from './open'
import { stmt } from './stmt'

/**
 * Results kept until the database next changes: for counts that cost tens of milliseconds and
 * are asked again and again between writes (a roster's per-village totals while the user pages).
 * "Changes" are every row this connection inserted, updated or deleted (total_changes(), which a
 * rolled-back write also moves: a needless recount, never a stale one) and every commit by
 * another connection to the same file (PRAGMA data_version, e.g. the CLI). A restore opens a new
 * connection, so the store is keyed by it.
 */
const MAX_ENTRIES = 16
const stores = new WeakMap<Sqlite, Map<string, { version: string; value: unknown }>>()
/** audit rows this connection wrote: they change no figure, so they do not end a kept result */
const auditRows = new WeakMap<Sqlite, number>()

/**
 * Called by the audit chain after it appended rows. Opening a list of people is audited (a
 * sensitive read), and that row alone made the certificate rates' twelve months be counted
 * again on every visit of the rates page (~80 ms at 200,000 people). Only rows that were
 * written are passed, so a count never runs ahead of total_changes() (which could let two
 * different states share a version).
 */
export function notAWrite(sqlite: Sqlite, rows: number): void {
  auditRows.set(sqlite, (auditRows.get(sqlite) ?? 0) + rows)
}

function version(sqlite: Sqlite): string {
  const changes = (stmt(sqlite, 'SELECT total_changes()').pluck().get() as number) - (auditRows.get(sqlite) ?? 0)
  const data = stmt(sqlite, 'PRAGMA data_version').pluck().get() as number
  return `${changes}:${data}`
}

export function untilWrite<T>(sqlite: Sqlite, key: string, compute: () => T): T {
  let store = stores.get(sqlite)
  if (!store) stores.set(sqlite, (store = new Map()))
  const v = version(sqlite)
  const hit = store.get(key)
  if (hit && hit.version === v) {
    // most recently used last
    store.delete(key)
    store.set(key, hit)
    return hit.value as T
  }
  const value = compute()
  store.delete(key)
  store.set(key, { version: v, value })
  while (store.size > MAX_ENTRIES) store.delete(store.keys().next().value as string)
  return value
}
