/** The command line's options and help texts (`stationdesk --help`, `stationdesk <domain> --help`). */
import type { ParseArgsConfig } from 'node:util'
import type { CommandSpec, OptionDef } from './command'
import { commands } from './commands'

export const GLOBAL: Record<string, OptionDef> = {
  data: { type: 'string', help: "--data DIR  the data folder (else STATIONDESK_DATA, else the desktop app's folder)" },
  json: { type: 'boolean', help: '--json  print one JSON value as the last line of stdout' },
  help: { type: 'boolean', short: 'h', help: '--help, -h  show help' }
}
export const USER: Record<string, OptionDef> = {
  user: { type: 'string', help: '--user U  act as user U (password in STATIONDESK_PASSWORD) instead of the local operator' }
}
export const TOP: Record<string, OptionDef> = { version: { type: 'boolean', help: '--version  print the version' } }

export function parseOptions(defs: Record<string, OptionDef>): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.short ? { type: d.type, short: d.short } : { type: d.type }]))
}

export function optionsOf(cmd: CommandSpec): Record<string, OptionDef> {
  const global = cmd.noData ? { json: GLOBAL.json, help: GLOBAL.help } : GLOBAL
  return { ...(cmd.options ?? {}), ...(cmd.acts === undefined || cmd.acts === 'operator' ? USER : {}), ...global }
}

export const nameOf = (c: CommandSpec) => (c.verb ? `${c.domain} ${c.verb}` : c.domain)

/** option help lines, flags in one column: "--data DIR  the data folder" */
export function optionLines(defs: OptionDef[]): string[] {
  const split = defs.map((d) => {
    const h = d.help ?? ''
    const i = h.indexOf('  ')
    return i < 0 ? [h, ''] : [h.slice(0, i), h.slice(i + 2)]
  })
  const w = Math.max(0, ...split.map(([f]) => f.length))
  return split.map(([f, t]) => `  ${f.padEnd(w)}  ${t}`.trimEnd())
}

export const SHORT_USAGE = 'Usage: stationdesk <command> [args] [--data DIR] [--json] [--user U]\nRun `stationdesk --help` for the commands.'

export function listing(cmds: CommandSpec[]): string[] {
  const w = Math.max(...cmds.map((c) => nameOf(c).length))
  return cmds.map((c) => `  ${nameOf(c).padEnd(w)}  ${c.summary}`)
}

export function mainHelp(): string {
  return [
    'stationdesk: the StationDesk command line (same data and rules as the app)',
    '',
    'Usage: stationdesk <command> [args] [--data DIR] [--json] [--user U]',
    '',
    'Commands:',
    ...listing(commands),
    '',
    'Options for every command:',
    ...optionLines(Object.values({ ...GLOBAL, ...USER })),
    '',
    'Environment:',
    '  STATIONDESK_DATA               the data folder when --data is not given',
    '  STATIONDESK_PASSWORD           the --user password; the password to set for init, users add/reset-password',
    '  STATIONDESK_NEW_PASSWORD       the password to set when acting with --user',
    '  STATIONDESK_KEY_PASSPHRASE     the passphrase of the station signing key',
    '  STATIONDESK_BACKUP_PASSPHRASE  the passphrase of encrypted backup exports (.sdbak)',
    '',
    'Without --user the CLI acts as the local operator (cli:<os user> in the audit) with admin and head rights.',
    'Exit status: 0 done or valid, 1 refused or invalid, 2 wrong usage.',
    'Run `stationdesk <command> --help` for a command.'
  ].join('\n')
}

export function domainHelp(domain: string): string {
  const cmds = commands.filter((c) => c.domain === domain)
  return [`Usage: stationdesk ${domain} <command> [args] [--data DIR] [--json]`, '', 'Commands:', ...listing(cmds), '', `Run \`stationdesk ${domain} <command> --help\` for its options.`].join('\n')
}

export function commandHelp(cmd: CommandSpec): string {
  const own = optionLines(Object.values(cmd.options ?? {}))
  const shared = optionLines(Object.values(optionsOf(cmd)).filter((o) => !Object.values(cmd.options ?? {}).includes(o)))
  return [
    `Usage: ${cmd.usage}`,
    '',
    cmd.summary,
    ...(own.length ? ['', 'Options:', ...own] : []),
    '',
    'Common options:',
    ...shared,
    ...(cmd.notes?.length ? ['', ...cmd.notes] : [])
  ].join('\n')
}
