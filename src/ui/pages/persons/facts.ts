import type { z } from 'zod'
import type { Person, PersonFacts, personFactsInput } from '../../../api/persons'
import type { FactName } from './words'

/** the field whose value decides whether this one is shown, and the values that hide it */
export const SHOWN_WITH: Partial<Record<FactName, [FactName, string[]]>> = {
  maritalDate: ['maritalStatus', ['unmarried']],
  spouseName: ['maritalStatus', ['unmarried']],
  spouseIdNumber: ['maritalStatus', ['unmarried']],
  contraceptionSince: ['contraception', ['none']],
  migrantPlace: ['migrantStatus', ['local']],
  migrantSince: ['migrantStatus', ['local']]
}

/** is the fact shown, given the form's values? (hidden facts are sent empty) */
export function factShown(name: FactName, values: Record<string, unknown>): boolean {
  const dep = SHOWN_WITH[name]
  if (!dep) return true
  const v = values[dep[0]]
  return v === undefined || !dep[1].includes(v as string)
}

/** the form's values: dates as 'YYYY-MM-DD' or '' (the pickers' normalize), selects possibly unset */
export type FactValues = Partial<Record<FactName, unknown>>

export type FactsInput = z.input<typeof personFactsInput>

/** order of the facts on the person page and in the correction form */
export const FACT_ORDER: (keyof PersonFacts)[] = [
  'idNumber',
  'name',
  'sex',
  'birthDate',
  'phone',
  'hukouRegion',
  'hukouAddress',
  'servicePointId',
  'residenceAddress',
  'maritalStatus',
  'maritalDate',
  'spouseName',
  'spouseIdNumber',
  'boys',
  'girls',
  'contraception',
  'contraceptionSince',
  'migrantStatus',
  'migrantPlace',
  'migrantSince'
]

const TEXT: FactName[] = ['name', 'phone', 'hukouRegion', 'hukouAddress', 'residenceAddress', 'spouseName', 'spouseIdNumber', 'migrantPlace', 'idNumber']
const DATES: FactName[] = ['maritalDate', 'contraceptionSince', 'migrantSince', 'exitDate']

/**
 * One fact as the core takes it: text trimmed ('' when empty), dates '' when empty, counts 0,
 * a fact hidden by another's value (spouse while unmarried …) sent empty.
 */
export function factValue(name: FactName, values: FactValues): unknown {
  const v = values[name]
  const shown = factShown(name, values as Record<string, unknown>)
  if (TEXT.includes(name)) return shown && typeof v === 'string' ? v.trim() : ''
  if (DATES.includes(name)) return shown && typeof v === 'string' && v ? v : ''
  if (name === 'boys' || name === 'girls') return typeof v === 'number' ? v : 0
  if (name === 'servicePointId') return typeof v === 'string' && v ? v : null
  return v
}

/** the person's current value of a fact, in the form's terms (null dates as '') */
export function currentValue(p: Person, name: FactName): unknown {
  const v = (p as unknown as Record<string, unknown>)[name]
  if (DATES.includes(name)) return v ?? ''
  return v
}

/** same value, for the core's purposes ('' and null are both "nothing") */
export function sameValue(a: unknown, b: unknown): boolean {
  const empty = (x: unknown) => x === null || x === undefined || x === ''
  return (empty(a) && empty(b)) || a === b
}
