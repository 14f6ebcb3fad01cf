/**
 * Roster import, step 5: each row read from the sheet -> what importing it would do: add a new
 * person, correct an existing one (updateExisting), leave an existing one as it is, or reject
 * the row with every problem found. The rules are the register's own (checkFacts, the contract's
 * schema): a row the import accepts is one the add form would accept.
 *
 * A 出生年月 column (year and month, no day) is compared with the ID number's birth date instead
 * of being refused: the birth date comes from the ID anyway.
 */
import { personFactsInput, type PersonFacts } from '../../../api/persons'
import type { ImportField } from '../../../api/personsImport'
import type { Ctx } from '../../context'
import { AppError, zodToFields } from '../../errors'
import { checkFacts, checkId, type FactsInput } from '../facts'
import { nameKeys, type NameKeys } from '../pinyin'
import { findPerson } from '../record'
import type { SheetHeader } from './header'
import type { ServicePointIndex } from './places'
import type { ImportProblem as RowProblem, ImportRow } from './rows'

/** a problem before it is worded: the code, its field and the params of its message */
export interface Problem {
  row: number
  column: string
  field: ImportField | null
  code: string
  params: Record<string, string | number>
}

export type Outcome =
  | { kind: 'new'; row: number; facts: PersonFacts; keys: NameKeys }
  | { kind: 'update'; row: number; personId: string; changes: Partial<PersonFacts> }
  | { kind: 'existing'; row: number; personId: string }
  | { kind: 'rejected'; row: number; problems: Problem[] }

export interface CheckEnv {
  ctx: Ctx
  today: string
  updateExisting: boolean
  header: SheetHeader
  servicePoints: ServicePointIndex
}

/** problems of reading a cell (the value is missing from the draft, a default stands in for it) */
const VALUE_CODES = new Set(['date_format', 'date_incomplete', 'date_invalid', 'id_as_number', 'enum_unknown', 'count_format', 'required'])

/** facts a correction may change (sex and birth date follow the ID; the ID is how the row was matched) */
const CORRECTABLE: (keyof PersonFacts)[] = [
  'name', 'phone', 'hukouRegion', 'hukouAddress', 'servicePointId', 'residenceAddress', 'maritalStatus', 'maritalDate', 'spouseName',
  'spouseIdNumber', 'boys', 'girls', 'contraception', 'contraceptionSince', 'migrantStatus', 'migrantPlace', 'migrantSince'
]

/** a path of the facts (servicePointId) -> the import field (servicePoint) */
function fieldOfPath(path: string): ImportField | null {
  const f = path.replace(/^changes\./, '')
  if (f === 'servicePointId') return 'servicePoint'
  return (f || null) as ImportField | null
}

/** a field issue's rule -> the problem code (a required date names why it is required) */
function codeOf(field: ImportField | null, rule: string, params: Record<string, unknown>): string {
  if (/^id_date$/.test(rule) && typeof params.reason === 'string') return `id_date_${params.reason}`
  if (rule === 'required' && field === 'maritalDate') return 'required_married'
  if (rule === 'required' && (field === 'migrantPlace' || field === 'migrantSince')) return 'required_migrant'
  if (rule === 'service_point_unknown') return rule
  return rule
}

/**
 * facts whose rules depend on another: when the sheet's value of the one could not be read, the
 * other's problems would follow from the default put in its place (an unreadable 婚姻状况 read
 * as unmarried makes the spouse "not applicable"), so they are not reported
 */
const DEPENDS: Partial<Record<ImportField, ImportField[]>> = {
  maritalStatus: ['maritalDate', 'spouseName', 'spouseIdNumber'],
  contraception: ['contraceptionSince'],
  migrantStatus: ['migrantPlace', 'migrantSince'],
  idNumber: ['birthDate', 'sex', 'maritalDate', 'contraceptionSince', 'migrantSince']
}

export class RowChecker {
  /** ID number -> person id of everyone in the register, read once (a lookup per row costs more) */
  private readonly existing: Map<string, string>
  /** pinyin of names seen: rosters repeat names, and pinyin is the slowest part of a row */
  private readonly keys = new Map<string, NameKeys>()
  private readonly spExists: (id: string) => boolean

  constructor(private readonly env: CheckEnv) {
    const rows = env.ctx.sqlite.prepare('SELECT id_number, id FROM persons').raw().all() as [string, string][]
    this.existing = new Map(rows)
    this.spExists = (id) => env.servicePoints.has(id)
  }

  private nameKeys(name: string): NameKeys {
    let k = this.keys.get(name)
    if (!k) this.keys.set(name, (k = nameKeys(name)))
    return k
  }

  private problem(row: number, field: ImportField | null, code: string, params: Record<string, string | number> = {}): Problem {
    return { row, column: (field && this.env.header.mapping[field]?.header) || '', field, code, params }
  }

  /** problems in the order of the sheet's columns (those of no column last) */
  private sorted(ps: Problem[]): Problem[] {
    const at = (p: Problem) => (p.field && this.env.header.mapping[p.field]?.index) ?? 1e9
    const unread = new Set(ps.filter((p) => p.field && VALUE_CODES.has(p.code)).map((p) => p.field!))
    const follow = new Set<string>()
    for (const f of unread) for (const d of DEPENDS[f] ?? []) follow.add(d)
    return ps.filter((p) => !(p.field && follow.has(p.field) && !VALUE_CODES.has(p.code))).sort((a, b) => at(a) - at(b))
  }

  /** the problems of a refused check (VALIDATION with fields), or rethrows anything else */
  private fromError(row: number, e: unknown): Problem[] {
    if (!(e instanceof AppError) || e.code !== 'VALIDATION') throw e
    const { fields = [], ...params } = (e.details ?? {}) as { fields?: { path: string; rule: string }[] } & Record<string, unknown>
    return fields.map((f) => {
      const field = fieldOfPath(f.path)
      const p: Record<string, string | number> = {}
      for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') p[k] = v
      return this.problem(row, field, codeOf(field, f.rule, p), p)
    })
  }

  check(r: ImportRow): Outcome {
    const { today, updateExisting, servicePoints } = this.env
    const problems: Problem[] = []
    let birthPartial: RowProblem | null = null
    for (const p of r.problems) {
      // 出生年月: compared with the ID below
      if (p.field === 'birthDate' && p.code === 'date_incomplete') birthPartial = p
      else problems.push({ row: p.row, column: p.column, field: p.field, code: p.code, params: p.params ?? {} })
    }
    const d = r.draft

    // the ID first: an existing person is matched by it
    let personId: string | undefined
    const id = d.idNumber ? checkId(d.idNumber, today) : null
    if (id?.valid) {
      personId = this.existing.get(id.normalized)
      if (personId && !updateExisting) return { kind: 'existing', row: r.row, personId }
      if (birthPartial) {
        const { year, month } = birthPartial.params ?? {}
        const agrees = Number(id.birth.slice(0, 4)) === year && (month === undefined || Number(id.birth.slice(5, 7)) === month)
        if (!agrees) problems.push(this.problem(r.row, 'birthDate', 'birth_mismatch', { value: String(birthPartial.params?.value ?? ''), derived: id.birth }))
      }
    }
    // without a valid ID there is nothing to compare a 出生年月 with: the ID's own problem says what to fix

    // the contract's defaults for what the row leaves out (servicePointName is not a fact: nothing reads it)
    const input = withDefaults(d as Record<string, unknown>)
    const servicePointName = d.servicePointName
    if (servicePointName) {
      const spId = servicePoints.find(servicePointName)
      if (spId) input.servicePointId = spId
      else problems.push(this.problem(r.row, 'servicePoint', 'service_point_unknown', { value: servicePointName }))
    }

    if (personId) return this.update(r.row, personId, input, problems)

    // readRows typed the dates, choices and counts already: the schema checks the texts, the defaults fill the rest
    const parsed = TEXTS.safeParse(input)
    if (!parsed.success) {
      for (const f of zodToFields(parsed.error)) {
        const field = fieldOfPath(f.path)
        // a field the sheet already had a problem with is not reported twice
        if (!problems.some((p) => p.field === field)) problems.push(this.problem(r.row, field, codeOf(field, f.rule, {}), {}))
      }
      return { kind: 'rejected', row: r.row, problems: this.sorted(problems) }
    }
    try {
      // (the texts were trimmed and the ID normalised by readRows: the parsed copy is the same)
      const { facts } = checkFacts(this.env.ctx, input as FactsInput, today, '', { servicePointExists: this.spExists, idCheck: id ?? undefined })
      if (problems.length) return { kind: 'rejected', row: r.row, problems: this.sorted(problems) }
      return { kind: 'new', row: r.row, facts, keys: this.nameKeys(facts.name) }
    } catch (e) {
      for (const p of this.fromError(r.row, e)) if (!problems.some((q) => q.field === p.field)) problems.push(p)
      return { kind: 'rejected', row: r.row, problems: this.sorted(problems) }
    }
  }

  /** an existing person: the row's facts that differ become one correction */
  private update(row: number, personId: string, input: Record<string, unknown>, problems: Problem[]): Outcome {
    const stored = findPerson(this.env.ctx.sqlite, personId)!
    const merged = { ...stored } as unknown as Record<string, unknown>
    for (const k of CORRECTABLE) if (input[k] !== undefined) merged[k] = input[k]
    const parsed = personFactsInput.safeParse({ ...pick(merged), sex: undefined, birthDate: undefined })
    if (!parsed.success) {
      for (const f of zodToFields(parsed.error)) {
        const field = fieldOfPath(f.path)
        if (!problems.some((p) => p.field === field)) problems.push(this.problem(row, field, codeOf(field, f.rule, {}), {}))
      }
      return { kind: 'rejected', row, problems: this.sorted(problems) }
    }
    let facts: PersonFacts
    try {
      facts = checkFacts(this.env.ctx, parsed.data as FactsInput, this.env.today, '', { servicePointExists: this.spExists }).facts
    } catch (e) {
      for (const p of this.fromError(row, e)) if (!problems.some((q) => q.field === p.field)) problems.push(p)
      return { kind: 'rejected', row, problems: this.sorted(problems) }
    }
    if (problems.length) return { kind: 'rejected', row, problems: this.sorted(problems) }
    const changes: Partial<PersonFacts> = {}
    const before = stored as unknown as Record<string, unknown>
    for (const k of CORRECTABLE) if (facts[k] !== before[k]) (changes as Record<string, unknown>)[k] = facts[k]
    if (Object.keys(changes).length === 0) return { kind: 'existing', row, personId }
    return { kind: 'update', row, personId, changes }
  }
}

const FACT_INPUT_KEYS = Object.keys(personFactsInput.shape)

/** the contract's rules of the free-text facts (a roster's other cells are typed by readRows) */
const TEXTS = personFactsInput.pick({ idNumber: true, name: true, phone: true, hukouRegion: true, hukouAddress: true, residenceAddress: true, spouseName: true, spouseIdNumber: true, migrantPlace: true })

/** a row's facts with the contract's defaults for what it leaves out, every key in one order (one object shape for all rows) */
function withDefaults(d: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of FACT_INPUT_KEYS) out[k] = d[k] !== undefined ? d[k] : DEFAULTS[k]
  return out
}

/** the contract's defaults of the facts a row leaves out */
const DEFAULTS: Record<string, unknown> = (() => {
  const { idNumber: _i, name: _n, ...rest } = personFactsInput.parse({ idNumber: '-', name: '-' })
  return rest
})()

function pick(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of FACT_INPUT_KEYS) if (o[k] !== undefined && o[k] !== null) out[k] = o[k]
  return out
}
