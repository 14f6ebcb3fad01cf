/**
 * Messages between Electron's main process and the core's utility process (structured clone
 * over process.parentPort). Types only: both sides import it, neither pulls electron in.
 */
import type { ErrorCode } from '../../src/api/contract'
import type { CallOutcome } from '../../src/core/host'

/** The first message main sends: everything the core needs to start. */
export interface InitMessage {
  type: 'init'
  dataDir: string
  migrationsFolder: string
  /** better_sqlite3.node built for Electron's ABI; absent: better-sqlite3's own build */
  nativeBinding?: string
  /** the key passphrase main decrypted from the OS keychain, if one is kept */
  passphrase: string | null
  version: string
}

export type MainToCore =
  | InitMessage
  | { type: 'call'; id: number; method: string; input: unknown; sessionId: string | null }
  | { type: 'desktop.reply'; id: number; ok: true; data: unknown }
  | { type: 'desktop.reply'; id: number; ok: false; code?: ErrorCode; message: string }
  /** the window that held this session is gone */
  | { type: 'forget'; sessionId: string }
  | { type: 'shutdown' }

export type CoreToMain =
  | { type: 'ready'; abilities: string[]; recovery: boolean; problem: string | null }
  /** the core could not start; `native`: better-sqlite3 does not load in this runtime */
  | { type: 'fatal'; reason: 'native' | 'start'; message: string }
  | { type: 'result'; id: number; outcome: CallOutcome }
  /** a desktop-only method passed the host's checks: main shows the dialog and answers */
  | { type: 'desktop'; id: number; method: DesktopMethod; input: unknown }
  /** keep this passphrase in the OS keychain ('' forgets it) */
  | { type: 'passphrase.set'; value: string }
  | { type: 'closed' }

export const DESKTOP_METHODS = ['desktop.saveFile', 'desktop.printPdf'] as const
export type DesktopMethod = (typeof DESKTOP_METHODS)[number]

/** The part of Electron's parentPort (or a test double) the core side uses. */
export interface CorePort {
  postMessage(message: CoreToMain): void
  on(event: 'message', listener: (e: { data: MainToCore }) => void): unknown
}
