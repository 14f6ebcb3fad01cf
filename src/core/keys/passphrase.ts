import type { Runtime } from '../runtime'

/** The signing key's passphrase: typed by the user, else the OS keychain, else the environment. */
export function keyPassphrase(rt: Runtime, typed?: string): string | null {
  return typed || rt.options.passphraseStore?.get() || process.env.STATIONDESK_KEY_PASSPHRASE || null
}
