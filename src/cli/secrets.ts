/** Passwords and passphrases come from the environment or standard input, never from flags. */
import type { CommandContext } from './command'
import { UsageError } from './output'

/**
 * A password to set (init, users add, users reset-password): STATIONDESK_NEW_PASSWORD, else
 * STATIONDESK_PASSWORD (unless that is the --user's own password), else the first line of stdin.
 */
export async function newPassword(c: Pick<CommandContext, 'io' | 'namedUser'>, what = 'the password'): Promise<string> {
  const env = c.io.env
  const fromEnv = env.STATIONDESK_NEW_PASSWORD || (c.namedUser ? undefined : env.STATIONDESK_PASSWORD)
  if (fromEnv) return fromEnv
  const line = await c.io.readLine(`${what[0].toUpperCase()}${what.slice(1)}: `)
  if (!line) {
    const vars = c.namedUser ? 'STATIONDESK_NEW_PASSWORD' : 'STATIONDESK_PASSWORD'
    throw new UsageError(`${what} is needed: set ${vars} or give it as the first line of standard input`)
  }
  return line
}

/** the key passphrase from STATIONDESK_KEY_PASSPHRASE, or undefined */
export function keyPassphrase(c: Pick<CommandContext, 'io'>): string | undefined {
  return c.io.env.STATIONDESK_KEY_PASSPHRASE || undefined
}

/** the passphrase of encrypted backup exports, from STATIONDESK_BACKUP_PASSPHRASE */
export function backupPassphrase(c: Pick<CommandContext, 'io'>): string | undefined {
  return c.io.env.STATIONDESK_BACKUP_PASSPHRASE || undefined
}

export const KEY_WARNING =
  "the station's private signing key is stored without a passphrase (protected by file permissions 0600 only); set STATIONDESK_KEY_PASSPHRASE at setup to encrypt it"

/** prints the one-line warning when the private key is unprotected (silently skips when keys.info is refused) */
export async function warnIfKeyUnprotected(c: CommandContext): Promise<void> {
  try {
    const info = await c.call('keys.info', {})
    if (info.unprotected) c.out.warn(KEY_WARNING)
  } catch {
    /* a role without keys.info, or no key yet: nothing to warn about here */
  }
}
