/** The shape of a CLI command and what it receives. Commands hold no business logic. */
import type { Input, MethodName, Output as OutputOf } from '../api'
import type { Host } from '../core/host'
import type { CliIO, Out } from './output'

export interface OptionDef {
  type: 'string' | 'boolean'
  short?: string
  /** e.g. "--role ROLE  admin, head, clinician or clerk" for the help */
  help?: string
}

export interface CommandSpec {
  domain: string
  /** null: the domain alone is the command (`stationdesk backup`, `stationdesk restore FILE`) */
  verb: string | null
  summary: string
  /** e.g. "users add USER --role ROLE [--name DISPLAY]" */
  usage: string
  options?: Record<string, OptionDef>
  /** names of the required positional arguments, in order */
  args?: string[]
  /**
   * who acts: 'operator' (default): the local operator, or the named user with --user;
   * 'local': always the local operator (no --user); 'none': no session (setup, before any user exists)
   */
  acts?: 'operator' | 'local' | 'none'
  /** runs while the database is in recovery mode (restore, info) */
  inRecovery?: boolean
  /**
   * needs no data folder (pure checks such as `id check`): no database is opened or created;
   * `run` gets no host (`c.host` and `c.call` throw), no session and an empty `dataDir`
   */
  noData?: boolean
  /** extra help lines */
  notes?: string[]
  /** checks option values before the data folder is opened; throws UsageError */
  validate?(opts: Values): void
  run(c: CommandContext): Promise<number | void>
}

export type Values = Record<string, string | boolean | undefined>

export interface CommandContext {
  host: Host
  out: Out
  io: CliIO
  dataDir: string
  opts: Values
  args: string[]
  /** the session the calls use (null for 'none' commands) */
  sessionId: string | null
  /** the name in the audit: cli:<os user>, or the --user username */
  actor: string
  /** true when acting as a named user (--user) */
  namedUser: boolean
  /** host.call through the method table; throws RefusedError on an API error */
  call<M extends MethodName>(method: M, input: Input<M>): Promise<OutputOf<M>>
}

/** a string option's value, or undefined */
export function str(v: Values, name: string): string | undefined {
  const x = v[name]
  return typeof x === 'string' ? x : undefined
}
