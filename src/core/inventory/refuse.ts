import { AppError } from '../errors'

export interface Issue {
  path: string
  rule: string
  message: string
  params?: Record<string, string | number>
}

/** a VALIDATION error of field issues; their params go to details for the UI's messages */
export function refuse(issues: Issue[]): AppError {
  const details: Record<string, unknown> = {}
  for (const i of issues) for (const [k, v] of Object.entries(i.params ?? {})) if (!(k in details)) details[k] = v
  return new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { ...details, fields: issues.map(({ path, rule, message }) => ({ path, rule, message })) })
}
