/**
 * What the CLI prints and how it ends: human text (tables for lists) or, with --json, exactly
 * one JSON value as the last line of stdout. Exit 0 done or valid, 1 refused or invalid,
 * 2 wrong usage. Warnings and hints go to stderr so they never break --json.
 */
import type { ApiError } from '../api/contract'

export const EXIT_OK = 0
export const EXIT_REFUSED = 1
export const EXIT_USAGE = 2

export interface CliIO {
  /** writes text as given (callers add the newline) */
  stdout(text: string): void
  stderr(text: string): void
  env: Record<string, string | undefined>
  cwd: string
  /** the first line of standard input (prompting on a terminal), or null at end of input */
  readLine(prompt: string): Promise<string | null>
}

/** Wrong usage: unknown command or option, missing argument. Exit 2 with a short usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

/** The core (or the CLI on its behalf) refused: exit 1. `hints` are extra lines for people. */
export class RefusedError extends Error {
  constructor(
    readonly error: ApiError,
    readonly hints: string[] = []
  ) {
    super(error.message)
    this.name = 'RefusedError'
  }
}

export class Out {
  constructor(
    readonly io: CliIO,
    readonly json: boolean
  ) {}

  /** a line of human output (nothing in --json mode) */
  line(text = ''): void {
    if (!this.json) this.io.stdout(text + '\n')
  }

  /** the result: human lines, or the JSON value */
  result(human: string | string[], value: unknown): void {
    if (this.json) this.io.stdout(JSON.stringify(value) + '\n')
    else for (const l of Array.isArray(human) ? human : [human]) this.io.stdout(l + '\n')
  }

  warn(message: string): void {
    this.io.stderr(`WARNING: ${message}\n`)
  }

  /** prints a refusal; returns the exit code */
  refused(error: ApiError, hints: string[] = []): number {
    if (this.json) {
      const e: Record<string, unknown> = { code: error.code, message: error.message }
      if (error.details) e.details = error.details
      this.io.stdout(JSON.stringify({ error: e }) + '\n')
    } else {
      const lines = [`error: ${error.message} (${error.code})`]
      for (const f of error.details?.fields ?? []) lines.push(`  ${f.path || '(input)'}: ${f.rule}${f.message && f.message !== f.rule ? ` (${f.message})` : ''}`)
      this.io.stderr(lines.join('\n') + '\n')
    }
    if (hints.length) this.io.stderr(hints.join('\n') + '\n')
    return EXIT_REFUSED
  }

  /** prints a usage error; returns the exit code */
  usage(message: string, usage?: string): number {
    if (this.json) this.io.stdout(JSON.stringify({ error: { code: 'USAGE', message } }) + '\n')
    this.io.stderr(`stationdesk: ${message}\n${usage ? usage.replace(/\n*$/, '\n') : 'Run `stationdesk --help` for the commands.\n'}`)
    return EXIT_USAGE
  }
}

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/

/** columns a string takes in a terminal (CJK characters take two) */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) w += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1
  return w
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)))
}

/** a plain text table: a header line, then one line per row */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string[] {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))))
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i])))
      .join('  ')
      .trimEnd()
  return [fmt(headers), ...cells.map(fmt)]
}
