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

export function writeFileAtomic(file: string, bytes: Uint8Array | string, mode = 0o644): void {
  const dir = path.dirname(file)
  fs.mkdirSync(dir, { recursive: true })
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`)
  try {
    const fd = fs.openSync(tmp, 'w', mode)
    try {
      fs.writeFileSync(fd, bytes)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, file)
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  }
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
