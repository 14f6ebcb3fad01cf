/**
 * The contract between every caller (UI, CLI, tests) and the core.
 * Each domain file exports a map: method name -> { input schema, roles, kind } and,
 * as a phantom type, the output. Depends on zod only.
 */
import type { z } from 'zod'

export const ROLES = ['admin', 'head', 'clinician', 'clerk'] as const
export type Role = (typeof ROLES)[number]

/** Who may call: a list of roles, or 'public' (no session needed, e.g. login). */
export type Access = readonly Role[] | 'public'

/**
 * kind:
 *  - read: no writes, no audit row
 *  - write: one transaction, at least one audit row in it
 *  - sensitive-read: no writes to business data, but audited (exports, prints, opening a person)
 */
export type MethodKind = 'read' | 'write' | 'sensitive-read'

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  roles: Access
  kind: MethodKind
  /** Desktop-only abilities are registered by the Electron transport alone. */
  desktopOnly?: boolean
  /**
   * A long job (import, batch print): its handler is async, reports progress and stops when
   * cancelled; it writes, if at all, in one transaction at its end (ctx.commit). Called directly
   * it answers when done; through `jobs.start` it runs in the background (jobs.status, jobs.cancel).
   */
  job?: boolean
  /** phantom: never set at run time */
  readonly __output?: O
}

/** `method<Output>()({ input, roles, kind })` keeps the output type with the definition. */
export function method<O>() {
  return <I extends z.ZodType>(def: { input: I; roles: Access; kind: MethodKind; desktopOnly?: boolean; job?: boolean }): MethodDef<I, O> =>
    def as MethodDef<I, O>
}

export type MethodMap = Record<string, MethodDef>
export type InputOf<D> = D extends MethodDef<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<D> = D extends MethodDef<infer I, unknown> ? z.output<I> : never
export type OutputOf<D> = D extends MethodDef<z.ZodType, infer O> ? O : never

/** Stable error codes; the UI turns code + details into the user's language. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'RECOVERY_MODE',
  'BAD_BACKUP',
  'BAD_PASSPHRASE',
  'PASSPHRASE_REQUIRED',
  'PERIOD_CLOSED',
  'INSUFFICIENT_STOCK',
  'LOT_EXPIRED',
  'SIGNATURE_INVALID',
  'CANCELLED',
  'UNSUPPORTED',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldIssue {
  /** dotted path of the field at fault, e.g. "code" or "staff.0.phone" */
  path: string
  /** a stable rule name, e.g. "required", "format", "county_unknown" */
  rule: string
  /** English fallback text */
  message: string
}

export interface ApiError {
  code: ErrorCode
  /** English fallback; the UI shows its own translation of code + details */
  message: string
  details?: { fields?: FieldIssue[]; [k: string]: unknown }
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** One page of a list that can grow. */
export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
}

/** A file produced by the core (xlsx, pdf, key file…), handed to the UI to save or download. */
export interface FileOut {
  filename: string
  mime: string
  base64: string
}
