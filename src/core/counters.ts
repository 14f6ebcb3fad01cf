/**
 * The highest numbers ever used (certificate serials per year: 'certificate.2026'; packet
 * sequence numbers: 'packet'), kept in counters.json beside the database file and outside it.
 * Restoring an older backup swaps the database file only, so this file still knows every number
 * handed out since, and none is handed out twice (DESIGN.md §4).
 *
 * Rules for writers:
 *  - raise a counter only while holding SQLite's write lock, i.e. inside a write method's
 *    immediate transaction, before it commits: two processes on one data folder then cannot
 *    take the same number (the second waits for the first's commit, then reads its counter);
 *  - raise it as the transaction's last step: a failure before it leaves no trace, a failure
 *    after it (the commit itself) leaves the counter above the database, which the next writer
 *    records as an explained gap.
 *
 * The file is replaced atomically (temporary file, fsync, rename, fsync of the folder). A
 * missing file reads as no counters; a damaged one is refused loudly, never reset: resetting it
 * would let a restored backup hand out numbers again.
 */
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from './errors'

export const COUNTERS_FORMAT = 'stationdesk-counters/1'

export interface Counter {
  /** the highest number ever used */
  value: number
  /** when it was last raised (UTC ISO) */
  at: string
}

interface CountersFile {
  format: typeof COUNTERS_FORMAT
  counters: Record<string, Counter>
}

function damaged(file: string, problem: string): AppError {
  return new AppError(
    'INTERNAL',
    `${file} is damaged (${problem}). It keeps the highest certificate and packet numbers ever used, so it is not reset: ` +
      'put back a good copy of it (or move it aside to continue from the numbers in the database, accepting that numbers of a restored backup may repeat). Nothing was written.',
    { file, problem: 'counters_damaged' }
  )
}

function isCounter(v: unknown): v is Counter {
  const c = v as Counter
  return typeof c === 'object' && c !== null && Number.isSafeInteger(c.value) && c.value >= 0 && typeof c.at === 'string'
}

/** every counter in the file; {} when there is no file yet */
export function readCounters(file: string): Record<string, Counter> {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw e
  }
  let parsed: CountersFile
  try {
    parsed = JSON.parse(text) as CountersFile
  } catch {
    throw damaged(file, text.length === 0 ? 'empty file' : 'not JSON')
  }
  if (parsed?.format !== COUNTERS_FORMAT || typeof parsed.counters !== 'object' || parsed.counters === null) throw damaged(file, 'unknown format')
  for (const [k, v] of Object.entries(parsed.counters)) if (!isCounter(v)) throw damaged(file, `counter ${k} is not a whole number`)
  return parsed.counters
}

export function readCounter(file: string, key: string): Counter | null {
  return readCounters(file)[key] ?? null
}

/** replaces the file's content atomically and durably */
function writeAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  const fd = fs.openSync(tmp, 'w', 0o600)
  try {
    fs.writeSync(fd, content)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
  // the rename itself survives a power cut only once the folder is synced (not possible on Windows)
  try {
    const dir = fs.openSync(path.dirname(file), 'r')
    try {
      fs.fsyncSync(dir)
    } finally {
      fs.closeSync(dir)
    }
  } catch {
    /* folders cannot be opened for syncing on this platform */
  }
}

/**
 * Raises a counter to `value` (never lowers it). Call it holding SQLite's write lock (see above).
 * Returns the counter as it stands afterwards.
 */
export function raiseCounter(file: string, key: string, value: number, at: string): Counter {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`a counter is a whole number: ${value}`)
  const counters = readCounters(file)
  const current = counters[key]
  if (current && current.value >= value) return current
  const next: CountersFile = { format: COUNTERS_FORMAT, counters: { ...counters, [key]: { value, at } } }
  writeAtomic(file, JSON.stringify(next, null, 2) + '\n')
  return next.counters[key]
}
