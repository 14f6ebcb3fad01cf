/**
 * The roster import's words and small helpers: the job phases in words, how far along a job is,
 * the names of the fields a column can fill, the sheet's column letters, and a file the core
 * refused in one sentence (its reason, already in the user's language).
 */
import { useMemo } from 'react'
import type { ApiError } from '../../../api/contract'
import type { JobStatus } from '../../../api/jobs'
import { IMPORT_FIELDS, type ImportField, type ImportProblem } from '../../../api/personsImport'
import { errorText } from '../../app/errors'
import { useI18n } from '../../app/i18n'

/** the file problems that leave nothing to import (the core's own list) */
export const BLOCKING_FILE_PROBLEMS = ['header_not_found', 'column_missing']

export const blocksImport = (fileProblems: ImportProblem[]) => fileProblems.some((p) => BLOCKING_FILE_PROBLEMS.includes(p.code))

/** the field -> column mapping as the core takes it */
export type ImportMapping = Partial<Record<ImportField, number | null>>

/** the select's value for a column that is not imported (a select does not hold null well) */
export const NOT_IMPORTED = ''

/** Excel's letter for a 0-based column index (0 -> A, 26 -> AA) */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/**
 * The part of the bar a phase fills: a check reads, checks rows (most of the time) and writes
 * its report; an import then writes (one transaction).
 */
const SPANS: Record<string, [number, number]> = {
  starting: [0, 2],
  reading: [2, 10],
  checking: [10, 75],
  report: [75, 85],
  writing: [85, 99],
  done: [100, 100]
}

export function jobPercent(s: JobStatus | null): number {
  if (!s) return 0
  const [from, to] = SPANS[s.phase] ?? [0, 100]
  const part = s.total > 0 ? Math.min(1, s.done / s.total) : 0
  return Math.round(from + (to - from) * part)
}

export interface ImportWords {
  /** the phase of a job in words ("正在逐行核对") */
  phase(phase: string): string
  /** the name of a field a column can fill */
  field(f: ImportField): string
  /** the select's options: every field, then "not imported" (value NOT_IMPORTED) */
  fieldOptions: { value: ImportField | typeof NOT_IMPORTED; label: string }[]
  /** a refused file or a failed job in one sentence */
  error(e: ApiError): string
}

export function useImportWords(): ImportWords {
  const { t, has } = useI18n()
  return useMemo<ImportWords>(() => {
    const field = (f: ImportField) => (has(`persons.field.${f}`) ? t(`persons.field.${f}`) : f)
    return {
      phase: (p) => (has(`persons.import.phase.${p}`) ? t(`persons.import.phase.${p}`) : p),
      field,
      fieldOptions: [...IMPORT_FIELDS.map((f) => ({ value: f, label: field(f) })), { value: NOT_IMPORTED, label: t('persons.import.mapping.notImported') }],
      error(e) {
        // the core words a refused file itself (details.reason, in the input's language)
        const reason = e.details?.reason
        if (typeof reason === 'string' && reason) return reason
        const f = e.details?.fields?.[0]
        if (e.code === 'VALIDATION' && f?.path === 'file' && has(`errors.rule.${f.rule}`)) return t(`errors.rule.${f.rule}`)
        return errorText(t, has, e)
      }
    }
  }, [t, has])
}
