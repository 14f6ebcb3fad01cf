/**
 * `stationdesk <domain> <verb> [args] [--data DIR] [--json] [--user U]`: the command line over
 * the same core as the app. Every action is a call through the method table
 * (`host.call(method, input, { sessionId, transport: 'cli' })`); this file only parses the
 * arguments, opens the data folder, picks who acts, and dispatches.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { ApiError } from '../api/contract'
import { clockFromEnv } from '../core/clock'
import type { Host } from '../core/host'
import { resolveDataDir } from '../core/paths'
import type { CommandContext, CommandSpec, OptionDef, Values } from './command'
import { commands } from './commands'
import { commandHelp, domainHelp, GLOBAL, mainHelp, nameOf, optionsOf, parseOptions, SHORT_USAGE, TOP, USER } from './help'
import { EXIT_OK, Out, RefusedError, UsageError, type CliIO } from './output'
import { operatorSession, userSession, type Acting } from './session'
import { readFirstLine } from './stdin'

/** the core is loaded only when a command runs, so help and usage errors answer at once */
type Core = typeof import('../core/host')
async function loadCore(): Promise<Core> {
  // under tsx's CommonJS hooks (the bin, `npm run cli`) require loads TypeScript; elsewhere (vitest) import() does
  if (typeof require === 'function' && require.extensions?.['.ts']) return require('../core/host') as Core
  return import('../core/host')
}

/** the version in the app's package.json, found from this file upwards */
function appVersion(): string | undefined {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd()
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'stationdesk') return pkg.version
    } catch {
      /* not here: look further up */
    }
    dir = path.dirname(dir)
  }
  return undefined
}

/** what to do next, for people (stderr) */
function hintsFor(e: ApiError): string[] {
  switch (e.code) {
    case 'NOT_SET_UP':
      return ['Set the station up first: stationdesk init --station-code CODE --name NAME --admin USER (or `stationdesk demo` for a demo station).']
    case 'ACCOUNT_LOCKED':
      return ['An administrator (or the local operator, without --user) can clear the lockout: stationdesk users reset-password USER']
    case 'PASSPHRASE_REQUIRED':
    case 'BAD_PASSPHRASE':
      return ['Passphrases come from STATIONDESK_KEY_PASSPHRASE (signing key) or STATIONDESK_BACKUP_PASSPHRASE (backup files).']
    default:
      return []
  }
}

export function processIO(): CliIO {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    readLine: (prompt) => readFirstLine(process.stdin, prompt)
  }
}

async function recoveryRefusal(host: Host): Promise<RefusedError> {
  const rt = host.runtime
  const st = await host.call('recovery.status', {}, { transport: 'cli' })
  const names = st.result.ok ? (st.result.data as { goodBackups: { name: string }[] }).goodBackups.map((b) => b.name) : []
  const hints = names.length
    ? ['Good backups in the data folder, newest first:', ...names.slice(0, 5).map((n) => `  stationdesk restore ${n}`)]
    : ['No good backup in the data folder: restore an exported backup with `stationdesk restore FILE`.']
  return new RefusedError(
    {
      code: 'RECOVERY_MODE',
      message: `the database cannot be opened (${rt.problem}): restore a backup with \`stationdesk restore FILE\``,
      details: { problem: rt.problem, dbPath: rt.paths.db, goodBackups: names }
    },
    hints
  )
}

async function dispatch(argv: string[], io: CliIO, out: Out): Promise<number> {
  // first pass: find the command (every known option, so option values are not taken for it)
  const every = Object.assign({}, GLOBAL, USER, TOP, ...commands.map((c) => c.options ?? {})) as Record<string, OptionDef>
  const first = parseArgs({ args: argv, options: parseOptions(every), strict: false, allowPositionals: true })
  const pos = first.positionals
  const wantsHelp = first.values.help === true
  if (pos.length === 0) {
    if (wantsHelp) return out.line(mainHelp()), EXIT_OK
    if (first.values.version === true && argv.length === 1) {
      const version = appVersion()
      return out.result(version ?? 'unknown', { version: version ?? null }), EXIT_OK
    }
    throw new UsageError('a command is needed', SHORT_USAGE)
  }
  if (pos[0] === 'help') {
    const d = pos[1]
    if (d && commands.some((c) => c.domain === d)) return out.line(domainHelp(d)), EXIT_OK
    return out.line(mainHelp()), EXIT_OK
  }
  const domain = pos[0]
  const inDomain = commands.filter((c) => c.domain === domain)
  if (!inDomain.length) throw new UsageError(`unknown command: ${domain}`, SHORT_USAGE)
  // a verb may be two words (`keys trust add`): the longest that matches wins
  let cmd = inDomain.filter((c) => c.verb !== null && c.verb.split(' ').every((w, i) => pos[1 + i] === w)).sort((x, y) => y.verb!.length - x.verb!.length)[0]
  if (!cmd) {
    const bare = inDomain.find((c) => c.verb === null)
    if (bare && (pos[1] === undefined || bare.args?.length)) cmd = bare
    else if (wantsHelp && pos[1] === undefined) return out.line(domainHelp(domain)), EXIT_OK
    else if (pos[1] === undefined) throw new UsageError(`${domain} needs a command`, domainHelp(domain))
    else throw new UsageError(`unknown command: ${domain} ${pos[1]}`, domainHelp(domain))
  }
  if (wantsHelp) return out.line(cmd.verb === null && inDomain.length > 1 ? domainHelp(domain) : commandHelp(cmd)), EXIT_OK

  const spec = cmd
  try {
    return await runCommand(spec, argv, io, out)
  } catch (e) {
    if (e instanceof UsageError && !e.usage) throw new UsageError(e.message, `Usage: ${spec.usage}\nRun \`stationdesk ${nameOf(spec)} --help\` for its options.`)
    throw e
  }
}

/** the context of a `noData` command: nothing of the data folder is there */
function withoutData(out: Out, io: CliIO, opts: Values, args: string[]): CommandContext {
  const none = (): never => {
    throw new Error('this command runs without a data folder')
  }
  return {
    get host(): Host {
      return none()
    },
    call: async () => none(),
    out,
    io,
    dataDir: '',
    opts,
    args,
    sessionId: null,
    actor: '',
    namedUser: false
  }
}

async function runCommand(cmd: CommandSpec, argv: string[], io: CliIO, out: Out): Promise<number> {
  // second pass: only this command's options, strictly
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options: parseOptions(optionsOf(cmd)), strict: true, allowPositionals: true }) as typeof parsed
  } catch (e) {
    const m = (e as Error).message
    const unknown = /^Unknown option '([^']+)'/.exec(m)
    throw new UsageError(unknown ? `unknown option ${unknown[1]}` : m.charAt(0).toLowerCase() + m.slice(1))
  }
  const rest = parsed.positionals.slice(cmd.verb ? 1 + cmd.verb.split(' ').length : 1)
  const required = cmd.args ?? []
  if (rest.length < required.length) throw new UsageError(`missing ${required[rest.length]}`)
  if (rest.length > required.length) throw new UsageError(`unexpected argument: ${rest[required.length]}`)
  const opts = parsed.values
  cmd.validate?.(opts)
  if (cmd.noData) return (await cmd.run(withoutData(out, io, opts, rest))) ?? EXIT_OK

  const dataFlag = typeof opts.data === 'string' && opts.data ? path.resolve(io.cwd, opts.data) : undefined
  const dataDir = resolveDataDir(dataFlag ?? (io.env.STATIONDESK_DATA || undefined))
  let host: Host
  try {
    const { createHost } = await loadCore()
    host = createHost({ dataDir, version: appVersion(), clock: clockFromEnv(io.env) })
  } catch (e) {
    throw new RefusedError({ code: 'INTERNAL', message: `cannot open the data folder ${dataDir}: ${(e as Error).message}` })
  }
  let acting: Acting | null = null
  try {
    if (host.runtime.recovery && !cmd.inRecovery) throw await recoveryRefusal(host)
    if (cmd.acts !== 'none') acting = typeof opts.user === 'string' ? await userSession(host, io.env, opts.user) : operatorSession(host, io.env)
    const sessionId = acting?.sessionId ?? null
    const c: CommandContext = {
      host,
      out,
      io,
      dataDir,
      opts,
      args: rest,
      sessionId,
      actor: acting?.actor ?? '',
      namedUser: acting?.namedUser ?? false,
      call: async (method, input) => {
        const r = await host.call(method, input, { sessionId, transport: 'cli' })
        if (!r.result.ok) throw new RefusedError(r.result.error)
        return r.result.data as never
      }
    }
    return (await cmd.run(c)) ?? EXIT_OK
  } finally {
    try {
      await acting?.close()
    } finally {
      host.close()
    }
  }
}

/**
 * Runs one command line (the arguments after `stationdesk`) and returns the exit code.
 * `io` replaces stdout, stderr, the environment, the working folder and stdin (tests).
 */
export async function run(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const full: CliIO = { ...processIO(), ...io }
  const out = new Out(full, argv.includes('--json'))
  try {
    return await dispatch(argv, full, out)
  } catch (e) {
    if (e instanceof UsageError) return out.usage(e.message, e.usage)
    if (e instanceof RefusedError) return out.refused(e.error, [...e.hints, ...hintsFor(e.error)])
    return out.refused({ code: 'INTERNAL', message: `internal error: ${e instanceof Error ? e.message : String(e)}` })
  }
}

/** The process entry (also used by bin/stationdesk.cjs): sets the exit code, lets stdout drain. */
export function main(argv = process.argv.slice(2)): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
  })
  return run(argv).then(
    (code) => {
      process.exitCode = code
    },
    (e) => {
      process.stderr.write(`stationdesk: ${e instanceof Error ? e.stack : String(e)}\n`)
      process.exitCode = 1
    }
  )
}

if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) void main()
