import type { ZodError } from 'zod'
import type { ApiError, ErrorCode, FieldIssue } from '../api/contract'

/** An error a caller can act on: a stable code, an English fallback and the fields at fault. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details']
  ) {
    super(message)
    this.name = 'AppError'
  }
  toApi(): ApiError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) }
  }
}

export function fieldError(path: string, rule: string, message: string, extra?: Record<string, unknown>): AppError {
  const field: FieldIssue = { path, rule, message }
  return new AppError('VALIDATION', message, { fields: [field], ...extra })
}

export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} not found`, { entity: what, id })

/** zod's issues as field issues: the rule is the schema's message when it is a rule name, else zod's code */
export function zodToFields(e: ZodError): FieldIssue[] {
  return e.issues.map((i) => {
    const params = (i as { params?: { rule?: string } }).params
    const rule = params?.rule ?? (/^[a-z0-9_]+$/.test(i.message) ? i.message : i.code)
    return { path: i.path.map(String).join('.'), rule, message: i.message }
  })
}
