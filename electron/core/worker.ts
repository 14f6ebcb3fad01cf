/**
 * Entry of the core's utility process (utilityProcess.fork from the main process): the whole
 * backend runs here, off Electron's main thread, so a long write never freezes the window.
 * Plain Node plus `process.parentPort`; it never imports electron. See bridge.ts.
 */
import { runCore } from './bridge'
import type { CorePort } from './protocol'

const port = (process as unknown as { parentPort?: CorePort }).parentPort
if (!port) {
  console.error('StationDesk: electron/core/worker must be started by the desktop app (utilityProcess.fork).')
  process.exit(2)
}
runCore(port)
