/**
 * One findings form per campaign kind (breast, cervical, male reproductive, gynecological), each
 * in its own file, all with the same shape: the preset state of a normal exam, the state → the
 * findings the contract takes (src/api/screening/<kind>.ts, fields that do not apply left out),
 * a saved record's findings → the state, and the fields.
 */
import type { ComponentType } from 'react'
import type { Findings, ScreeningKind } from '../../../../api/screeningFindings'
import type { EntryWords } from './entryWords'
import type { KeyOption } from './KeyChoice'

/** the form's state under `findings` */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FindingsState = Record<string, any>

export interface KindForm {
  /** a normal exam: everything normal, optional tests not done */
  defaults(): FindingsState
  /** the findings as the contract takes them (findingsInput of the kind) */
  toFindings(s: FindingsState): unknown
  /** a saved record's findings as the form's state */
  fromFindings(f: Findings): FindingsState
  /** the form name under `findings` for an error's path relative to the findings, where they differ */
  nameOf?(path: string): (string | number)[] | undefined
  /** field issues the schema can only say of a whole (paths relative to the findings) */
  issues?(s: FindingsState): { path: string; rule: string }[]
  Fields: ComponentType<{ disabled?: boolean }>
}

/** an enum's options in the user's words, numbered 1, 2, 3 … for typing */
export function wordOptions<V extends string>(words: EntryWords, field: string, values: readonly V[]): KeyOption<V>[] {
  return values.map((v) => ({ value: v, label: words.value(field, v) }))
}

/** options that are their own code (BI-RADS 4A, TBS HSIL, grade II): typed as written */
export function codeOptions<V extends string>(words: EntryWords, field: string, values: readonly V[], codes: Partial<Record<V, string>> = {}): KeyOption<V>[] {
  return values.map((v) => ({ value: v, label: words.value(field, v), code: codes[v] ?? v }))
}

/** drops the keys whose value is undefined, null or blank text */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''))) as Partial<T>
}
