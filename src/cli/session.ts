/**
 * Who acts. By default the local operator: `cli:<os user>` in the audit, with admin and head
 * rights (whoever can run the CLI on this machine can read the data folder anyway). With
 * `--user U` a named user, logged in through auth.login with the password in
 * STATIONDESK_PASSWORD, so lockouts, roles and the audit apply as in the app.
 */
import os from 'node:os'
import type { Host } from '../core/host'
import { RefusedError, UsageError, type CliIO } from './output'

export function osUser(env: CliIO['env'] = process.env): string {
  try {
    const u = os.userInfo().username
    if (u) return u
  } catch {
    /* no passwd entry (containers): fall back to the environment */
  }
  return env.USER || env.USERNAME || 'unknown'
}

export interface Acting {
  sessionId: string
  actor: string
  namedUser: boolean
  /** ends the session (logout for a named user) */
  close(): Promise<void>
}

export function operatorSession(host: Host, env: CliIO['env']): Acting {
  const actor = `cli:${osUser(env)}`
  const sessionId = host.openLocalSession({ userId: null, username: actor, displayName: actor, role: 'admin', roles: ['admin', 'head'], actor })
  return {
    sessionId,
    actor,
    namedUser: false,
    close: async () => host.runtime.sessions.delete(sessionId)
  }
}

export async function userSession(host: Host, env: CliIO['env'], username: string): Promise<Acting> {
  const password = env.STATIONDESK_PASSWORD
  if (!password) throw new UsageError('--user needs the password in STATIONDESK_PASSWORD')
  const r = await host.call('auth.login', { username, password }, { transport: 'cli' })
  if (!r.result.ok) throw new RefusedError(r.result.error)
  const sessionId = r.session as string
  return {
    sessionId,
    actor: (r.result.data as { username: string }).username,
    namedUser: true,
    close: async () => {
      // a restore clears every session: then there is nothing to log out of
      if (host.runtime.sessions.get(sessionId)) await host.call('auth.logout', {}, { sessionId, transport: 'cli' })
    }
  }
}
