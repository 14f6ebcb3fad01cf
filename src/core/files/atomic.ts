/**
 * Writes a file the app hands to someone else (a packet for the district, an export, a report) so
 * that a crash — a killed process, a power cut — never leaves a part of it under its name: the
 * bytes go to a temporary file beside it (`.<name>.<pid>.tmp`, which no folder import takes for
 * a packet), are synced, and the temporary file is renamed over the name; then the folder is
 * synced so the rename itself survives. After a crash the name holds the old file or none, never
 * a torn one (found by tests/integration/crash/packetExport.test.ts: a 0-byte .sdpkt).
 */
import fs from 'node:fs'
import path from 'node:path'

/** the temporary name beside `file` that writeFileAtomic and a VACUUM INTO use */
export const tmpBeside = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)

export function writeFileAtomic(file: string, bytes: Uint8Array | string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = tmpBeside(file)
  try {
    const fd = fs.openSync(tmp, 'w', mode)
    try {
      fs.writeFileSync(fd, bytes)
    } finally {
      fs.closeSync(fd)
    }
    renameAtomic(tmp, file)
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  }
}

/** a finished temporary file takes its name: synced first, then renamed, then the folder synced */
export function renameAtomic(tmp: string, file: string): void {
  const fd = fs.openSync(tmp, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
  const dir = path.dirname(file)
  try {
    const d = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(d)
    } finally {
      fs.closeSync(d)
    }
  } catch {
    /* folders cannot be opened for syncing on this platform (Windows) */
  }
}

/** temporary files a killed process left in `dir` (older than ten minutes, so never one being written) */
export function removeStaleTmp(dir: string, now = Date.now()): void {
  if (!fs.existsSync(dir)) return
  for (const f of fs.readdirSync(dir)) {
    if (!/^\..+\.\d+\.tmp$/.test(f)) continue
    const p = path.join(dir, f)
    try {
      if (now - fs.statSync(p).mtimeMs > 10 * 60_000) fs.rmSync(p, { force: true })
    } catch {
      /* gone meanwhile */
    }
  }
}
