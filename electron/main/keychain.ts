/**
 * The key passphrase in the OS keychain: encrypted with safeStorage (DPAPI on Windows,
 * libsecret/kwallet on Linux, Keychain on macOS) into <userData>/keys/passphrase.safe.
 * safeStorage lives in the main process only; the core gets the clear value at start and
 * posts new values here (electron/core/bridge.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import { safeStorage } from 'electron'

export function passphraseFile(userData: string): string {
  return path.join(userData, 'keys', 'passphrase.safe')
}

/**
 * Real OS-backed encryption only: on Linux without a keyring Electron falls back to a fixed
 * built-in key ('basic_text'), which protects nothing; then we keep no passphrase at all.
 */
export function keychainAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false
  return true
}

export function loadPassphrase(userData: string): string | null {
  const file = passphraseFile(userData)
  if (!fs.existsSync(file) || !keychainAvailable()) return null
  try {
    return safeStorage.decryptString(fs.readFileSync(file)) || null
  } catch (e) {
    console.error('[stationdesk] the kept key passphrase cannot be decrypted:', (e as Error).message)
    return null
  }
}

/** Saves (or with '' forgets) the passphrase; false when no OS keychain is available. */
export function savePassphrase(userData: string, value: string): boolean {
  const file = passphraseFile(userData)
  if (!value) {
    fs.rmSync(file, { force: true })
    return true
  }
  if (!keychainAvailable()) {
    console.warn('[stationdesk] no OS keychain here: the key passphrase is not remembered')
    return false
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, safeStorage.encryptString(value), { mode: 0o600 })
  fs.renameSync(tmp, file)
  return true
}
