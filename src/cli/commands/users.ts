import type { UserRow } from '../../api/auth'
import type { CommandContext, CommandSpec } from '../command'
import { str } from '../command'
import { RefusedError, UsageError, table } from '../output'
import { newPassword } from '../secrets'

/** the user with this username (users.list searches; the match here is exact) */
async function findUser(c: CommandContext, username: string): Promise<UserRow> {
  const name = username.trim().toLowerCase()
  const page = await c.call('users.list', { q: name, pageSize: 500 })
  const u = page.rows.find((r) => r.username === name)
  if (!u) throw new RefusedError({ code: 'NOT_FOUND', message: `no user named ${username}`, details: { entity: 'user', id: username } })
  return u
}

function status(u: UserRow): string {
  if (u.disabled) return 'disabled'
  if (u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now()) return `locked until ${u.lockedUntil}`
  return 'active'
}

const userLine = (u: UserRow) => `${u.username} (${u.displayName}, ${u.role})`

export const usersCommands: CommandSpec[] = [
  {
    domain: 'users',
    verb: 'list',
    summary: 'list the user accounts',
    usage: 'stationdesk users list [--q TEXT]',
    options: { q: { type: 'string', help: '--q TEXT  only usernames or names containing TEXT' } },
    async run(c) {
      const page = await c.call('users.list', { q: str(c.opts, 'q'), pageSize: 500 })
      const lines = page.rows.length
        ? table(
            ['USERNAME', 'NAME', 'ROLE', 'STATUS', 'LAST LOGIN'],
            page.rows.map((u) => [u.username, u.displayName, u.role, status(u), u.lastLoginAt ?? '-'])
          )
        : ['no users']
      c.out.result(lines, page)
    }
  },
  {
    domain: 'users',
    verb: 'add',
    summary: 'create a user account',
    usage: 'stationdesk users add USER --role ROLE [--name DISPLAY]',
    args: ['USER'],
    options: {
      role: { type: 'string', help: '--role ROLE  admin, head, clinician or clerk' },
      name: { type: 'string', help: '--name DISPLAY  display name (default: the username)' }
    },
    notes: ['The password: STATIONDESK_PASSWORD (with --user: STATIONDESK_NEW_PASSWORD), else the first line of standard input.'],
    async run(c) {
      const role = str(c.opts, 'role')
      if (!role) throw new UsageError('users add needs --role ROLE')
      const username = c.args[0]
      const password = await newPassword(c, `the password for ${username}`)
      const u = await c.call('users.create', { username, displayName: str(c.opts, 'name') || username, role: role as 'clerk', password })
      c.out.result(`created user ${userLine(u)}`, u)
    }
  },
  {
    domain: 'users',
    verb: 'disable',
    summary: 'disable a user account (it can no longer log in)',
    usage: 'stationdesk users disable USER',
    args: ['USER'],
    async run(c) {
      const u = await c.call('users.setDisabled', { id: (await findUser(c, c.args[0])).id, disabled: true })
      c.out.result(`disabled user ${userLine(u)}`, u)
    }
  },
  {
    domain: 'users',
    verb: 'enable',
    summary: 'enable a disabled user account',
    usage: 'stationdesk users enable USER',
    args: ['USER'],
    async run(c) {
      const u = await c.call('users.setDisabled', { id: (await findUser(c, c.args[0])).id, disabled: false })
      c.out.result(`enabled user ${userLine(u)}`, u)
    }
  },
  {
    domain: 'users',
    verb: 'reset-password',
    summary: "set a user's password and clear a lockout (the way back in for a locked-out admin)",
    usage: 'stationdesk users reset-password USER',
    args: ['USER'],
    notes: ['The new password: STATIONDESK_PASSWORD (with --user: STATIONDESK_NEW_PASSWORD), else the first line of standard input.'],
    async run(c) {
      const target = await findUser(c, c.args[0])
      const password = await newPassword(c, `the new password for ${target.username}`)
      const u = await c.call('users.resetPassword', { id: target.id, password })
      c.out.result(`reset the password of ${userLine(u)}; any lockout is cleared`, u)
    }
  }
]
