/**
 * A person's row: reading it as the contract's Person, writing it with cached prepared
 * statements (the demo generator uses the same insert), and what an information card misses.
 */
import type { Person, PersonFacts, PersonRow, PersonWarning } from '../../api/persons'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { notFound } from '../errors'
import { factWarnings } from './facts'

/** the columns of a Person (p = persons, sp = service_points), aliased to the contract's names */
export const PERSON_COLUMNS = `p.id, p.id_number AS idNumber, p.name, p.pinyin, p.initials, p.sex, p.birth_date AS birthDate, p.phone,
  p.hukou_region AS hukouRegion, p.hukou_address AS hukouAddress, p.service_point_id AS servicePointId, sp.name AS servicePointName,
  p.residence_address AS residenceAddress, p.marital_status AS maritalStatus, p.marital_date AS maritalDate, p.spouse_name AS spouseName,
  p.spouse_id_number AS spouseIdNumber, p.boys, p.girls, p.contraception, p.contraception_since AS contraceptionSince,
  p.migrant_status AS migrantStatus, p.migrant_place AS migrantPlace, p.migrant_since AS migrantSince, p.state, p.exit_reason AS exitReason,
  p.exit_date AS exitDate, p.created_at AS createdAt, p.updated_at AS updatedAt, p.updated_by AS updatedBy`

/** the columns of a search row */
export const ROW_COLUMNS = `p.id, p.id_number AS idNumber, p.name, p.sex, p.birth_date AS birthDate, p.phone, sp.name AS servicePointName,
  p.marital_status AS maritalStatus, p.migrant_status AS migrantStatus, p.state`

export const PERSON_FROM = 'persons p LEFT JOIN service_points sp ON sp.id = p.service_point_id'

/** every fact, in a fixed order: the order of the columns below and of the history's changes */
export const FACT_KEYS: (keyof PersonFacts)[] = [
  'idNumber', 'name', 'sex', 'birthDate', 'phone', 'hukouRegion', 'hukouAddress', 'servicePointId', 'residenceAddress',
  'maritalStatus', 'maritalDate', 'spouseName', 'spouseIdNumber', 'boys', 'girls', 'contraception', 'contraceptionSince',
  'migrantStatus', 'migrantPlace', 'migrantSince'
]

/** full years from a YYYY-MM-DD birth date to a YYYY-MM-DD day */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4))
  return today.slice(5) < birth.slice(5) ? years - 1 : years
}

/** items a complete information card has; a missing one is shown, not refused */
export function missingItems(f: PersonFacts): string[] {
  const out: string[] = []
  if (!f.phone) out.push('phone')
  if (!f.hukouRegion) out.push('hukouRegion')
  if (!f.hukouAddress) out.push('hukouAddress')
  if (!f.servicePointId) out.push('servicePointId')
  if (!f.residenceAddress) out.push('residenceAddress')
  if (f.maritalStatus === 'married' || f.maritalStatus === 'remarried') {
    if (!f.spouseName) out.push('spouseName')
    if (!f.spouseIdNumber) out.push('spouseIdNumber')
  }
  if (f.contraception !== 'none' && !f.contraceptionSince) out.push('contraceptionSince')
  if (f.migrantStatus !== 'local' && !f.migrantSince) out.push('migrantSince')
  return out
}

type PersonDbRow = Omit<Person, 'missing' | 'warnings'>

export function findPerson(sqlite: Sqlite, id: string): PersonDbRow | undefined {
  return stmt(sqlite, `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.id = ?`).get(id) as PersonDbRow | undefined
}

/** the person as the contract has it; `extra` adds warnings of the write that produced it */
export function loadPerson(ctx: Ctx, id: string, extra: PersonWarning[] = []): Person {
  const row = findPerson(ctx.sqlite, id)
  if (!row) throw notFound('person', id)
  const warnings = [...extra]
  for (const w of factWarnings(row)) if (!warnings.some((x) => x.path === w.path && x.code === w.code)) warnings.push(w)
  return { ...row, missing: missingItems(row), warnings }
}

export function idOfNumber(sqlite: Sqlite, idNumber: string): string | undefined {
  return (stmt(sqlite, 'SELECT id FROM persons WHERE id_number = ?').get(idNumber) as { id: string } | undefined)?.id
}

/** one person's row as stored */
export interface PersonInsert extends PersonFacts {
  id: string
  pinyin: string
  initials: string
  state: Person['state']
  exitReason: Person['exitReason']
  exitDate: string | null
  createdAt: string
  updatedAt: string
  updatedBy: string
}

/** the stored columns of a person, in insert order, with the PersonInsert field of each */
const INSERT_COLUMNS: [string, keyof PersonInsert][] = [
  ['id', 'id'], ['created_at', 'createdAt'], ['updated_at', 'updatedAt'], ['updated_by', 'updatedBy'], ['id_number', 'idNumber'], ['name', 'name'],
  ['pinyin', 'pinyin'], ['initials', 'initials'], ['sex', 'sex'], ['birth_date', 'birthDate'], ['phone', 'phone'], ['hukou_region', 'hukouRegion'],
  ['hukou_address', 'hukouAddress'], ['service_point_id', 'servicePointId'], ['residence_address', 'residenceAddress'], ['marital_status', 'maritalStatus'],
  ['marital_date', 'maritalDate'], ['spouse_name', 'spouseName'], ['spouse_id_number', 'spouseIdNumber'], ['boys', 'boys'], ['girls', 'girls'],
  ['contraception', 'contraception'], ['contraception_since', 'contraceptionSince'], ['migrant_status', 'migrantStatus'], ['migrant_place', 'migrantPlace'],
  ['migrant_since', 'migrantSince'], ['state', 'state'], ['exit_reason', 'exitReason'], ['exit_date', 'exitDate']
]
const INSERT_FIELDS = INSERT_COLUMNS.map(([, f]) => f)
const INSERT_PERSON_SQL = `INSERT INTO persons (${INSERT_COLUMNS.map(([c]) => c).join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`

/** positional parameters: binding 29 named ones costs more than the insert itself */
export function insertPerson(sqlite: Sqlite, p: PersonInsert): void {
  const values = new Array(INSERT_FIELDS.length)
  for (let i = 0; i < INSERT_FIELDS.length; i++) values[i] = p[INSERT_FIELDS[i]]
  stmt(sqlite, INSERT_PERSON_SQL).run(values)
}

const INSERT_NEW_PERSON_SQL = `${INSERT_PERSON_SQL} ON CONFLICT (id_number) DO NOTHING`

interface NewPerson {
  facts: PersonFacts
  keys: { pinyin: string; initials: string }
  id: string
  at: string
  by: string
}
/** each insert column's value for a new, active person (no PersonInsert built: an import writes 100,000) */
const NEW_VALUE: ((n: NewPerson) => unknown)[] = INSERT_FIELDS.map((f) => {
  switch (f) {
    case 'id':
      return (n) => n.id
    case 'createdAt':
    case 'updatedAt':
      return (n) => n.at
    case 'updatedBy':
      return (n) => n.by
    case 'pinyin':
      return (n) => n.keys.pinyin
    case 'initials':
      return (n) => n.keys.initials
    case 'state':
      return () => 'active'
    case 'exitReason':
    case 'exitDate':
      return () => null
    default:
      return (n) => n.facts[f]
  }
})

/** inserts a new person unless the ID number is in the register already (added meanwhile): true when inserted */
export function insertPersonIfNew(sqlite: Sqlite, n: NewPerson): boolean {
  const values = new Array(NEW_VALUE.length)
  for (let i = 0; i < NEW_VALUE.length; i++) values[i] = NEW_VALUE[i](n)
  return stmt(sqlite, INSERT_NEW_PERSON_SQL).run(values).changes === 1
}

const UPDATE_PERSON_SQL = `UPDATE persons SET updated_at = @updatedAt, updated_by = @updatedBy, id_number = @idNumber, name = @name, pinyin = @pinyin,
  initials = @initials, sex = @sex, birth_date = @birthDate, phone = @phone, hukou_region = @hukouRegion, hukou_address = @hukouAddress,
  service_point_id = @servicePointId, residence_address = @residenceAddress, marital_status = @maritalStatus, marital_date = @maritalDate,
  spouse_name = @spouseName, spouse_id_number = @spouseIdNumber, boys = @boys, girls = @girls, contraception = @contraception,
  contraception_since = @contraceptionSince, migrant_status = @migrantStatus, migrant_place = @migrantPlace, migrant_since = @migrantSince,
  state = @state, exit_reason = @exitReason, exit_date = @exitDate
  WHERE id = @id`

export function updatePerson(sqlite: Sqlite, p: Omit<PersonInsert, 'createdAt'>): void {
  stmt(sqlite, UPDATE_PERSON_SQL).run(p)
}

export interface EventInsert {
  id: string
  personId: string
  type: string
  date: string
  reason: string
  /** field -> { before, after }, or that already as JSON */
  changes: Record<string, { before: unknown; after: unknown }> | string
  at: string
  by: string
}

export function insertEvent(sqlite: Sqlite, e: EventInsert): void {
  stmt(
    sqlite,
    `INSERT INTO person_events (id, person_id, type, date, reason, changes, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(e.id, e.personId, e.type, e.date, e.reason, typeof e.changes === 'string' ? e.changes : JSON.stringify(e.changes), e.at, e.by, e.at, e.by)
}

/** a search row with the age on the station's today */
export function toRow(r: Omit<PersonRow, 'age'>, today: string): PersonRow {
  return { ...r, age: ageOn(r.birthDate, today) }
}

export const todayOf = (ctx: Ctx): string => localDate(ctx.clock)
