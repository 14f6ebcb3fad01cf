/**
 * Every change to a person's facts is an event with before/after and a reason: registering
 * (persons.create) and each later change (persons.recordEvent). The host runs each in one
 * transaction with its audit row, so a refusal or a failure leaves nothing written.
 *
 * Rules (FieldIssue.rule) besides those of facts.ts:
 *  - id_exists (CONFLICT, details.existingId): the ID number is someone else's in the register
 *  - not_for_event: this kind of event may not change this fact (EVENT_FIELDS)
 *  - no_change: the event changes nothing
 *  - event_mismatch: the new status does not fit the event (a marriage to "divorced", …)
 *  - children_decrease: a birth event lowering the number of boys or girls
 *  - person_exited: only a correction may be recorded for someone who left the register
 *  - required: the reason of an exit
 *  - date_future / before_birth: the event's date
 */
import type { PersonFacts, Person, PersonEvent, EventType } from '../../api/persons'
import { EVENT_FIELDS } from '../../api/persons'
import type { ParsedInputOf } from '../../api/contract'
import type { personsApi } from '../../api/persons'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, notFound } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
import { checkFacts, Issues, type FactsInput } from './facts'
import { nameKeys } from './pinyin'
import { FACT_KEYS, findPerson, idOfNumber, insertEvent, insertPerson, loadPerson, todayOf, updatePerson } from './record'

type CreateInput = ParsedInputOf<(typeof personsApi)['persons.create']>
type EventInput = ParsedInputOf<(typeof personsApi)['persons.recordEvent']>
type Changes = PersonEvent['changes']

function idExists(existingId: string, path: string): AppError {
  return new AppError('CONFLICT', 'this ID number is in the register already', {
    existingId,
    fields: [{ path, rule: 'id_exists', message: 'this ID number is in the register already' }]
  })
}

export function createPerson(ctx: Ctx, input: CreateInput): Person {
  const today = todayOf(ctx)
  assertPeriodOpen(ctx, today, '') // the registration event is dated today
  const { facts, warnings } = checkFacts(ctx, input as FactsInput, today)
  const existing = idOfNumber(ctx.sqlite, facts.idNumber)
  if (existing) throw idExists(existing, 'idNumber')

  const id = newId()
  const at = ctx.nowIso()
  const by = ctx.user().actor
  insertPerson(ctx.sqlite, { ...facts, ...nameKeys(facts.name), id, state: 'active', exitReason: null, exitDate: null, createdAt: at, updatedAt: at, updatedBy: by })
  // the registration's history entry: every fact given, from nothing
  const changes: Changes = {}
  for (const k of FACT_KEYS) if (facts[k] !== '' && facts[k] !== null && facts[k] !== 0) changes[k] = { before: null, after: facts[k] }
  insertEvent(ctx.sqlite, { id: newId(), personId: id, type: 'registered', date: today, reason: '', changes, at, by })
  ctx.audit({
    entity: 'person',
    entityId: id,
    summary: `registered ${facts.name}`,
    msg: ['person.registered', { name: facts.name }],
    details: warnings.length ? { warnings } : undefined
  })
  return loadPerson(ctx, id, warnings)
}

type StateFacts = Pick<Person, 'state' | 'exitReason' | 'exitDate'>
type AllFacts = PersonFacts & StateFacts
const STATE_KEYS: (keyof StateFacts)[] = ['state', 'exitReason', 'exitDate']

/** what each event must leave behind: a marriage leaves someone married, … */
const FITS: Partial<Record<EventType, { field: 'maritalStatus' | 'migrantStatus'; values: string[] }>> = {
  marriage: { field: 'maritalStatus', values: ['married', 'remarried'] },
  divorce: { field: 'maritalStatus', values: ['divorced', 'widowed'] },
  migration_out: { field: 'migrantStatus', values: ['out'] },
  migration_in: { field: 'migrantStatus', values: ['in', 'local'] }
}

export function recordEvent(ctx: Ctx, input: EventInput): Person {
  const row = findPerson(ctx.sqlite, input.personId)
  if (!row) throw notFound('person', input.personId)
  assertPeriodOpen(ctx, input.date, 'date')
  const today = todayOf(ctx)
  const type = input.type
  const issues = new Issues('changes.')
  const given = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) as Partial<AllFacts>

  if (row.state === 'exited' && type !== 'correction')
    throw new AppError('VALIDATION', 'this person has left the register: only a correction can be recorded', {
      fields: [{ path: 'type', rule: 'person_exited', message: 'this person has left the register' }]
    })

  // the facts this kind of event may change; sex and birth date follow a corrected ID
  const allowed = new Set<string>(EVENT_FIELDS[type])
  if (allowed.has('idNumber')) allowed.add('sex').add('birthDate')
  for (const k of Object.keys(given)) if (!allowed.has(k)) issues.add(k, 'not_for_event', `a ${type} event may not change ${k}`, { event: type })
  issues.throwIfAny()

  const before = Object.fromEntries([...FACT_KEYS, ...STATE_KEYS].map((k) => [k, row[k]])) as unknown as AllFacts
  let stateAfter: StateFacts = { state: row.state, exitReason: row.exitReason, exitDate: row.exitDate }
  if (type === 'exit') {
    if (!given.exitReason) issues.add('exitReason', 'required', 'the reason for leaving the register is required')
    stateAfter = { state: 'exited', exitReason: given.exitReason ?? null, exitDate: given.exitDate ?? input.date }
    if (stateAfter.exitDate && stateAfter.exitDate > today) issues.add('exitDate', 'date_future', `${stateAfter.exitDate} is after today (${today})`, { today })
  }

  // the new facts, checked as a whole; sex and birth date come from the (possibly corrected) ID
  const merged = Object.fromEntries(FACT_KEYS.map((k) => [k, before[k]])) as FactsInput
  for (const k of FACT_KEYS) if (k in given) (merged as Record<string, unknown>)[k] = given[k]
  if ('idNumber' in given) {
    merged.sex = given.sex
    merged.birthDate = given.birthDate
  }
  const { facts, warnings } = checkFacts(ctx, merged, today, 'changes.')

  const dateIssues = new Issues()
  if (input.date > today) dateIssues.add('date', 'date_future', `${input.date} is after today (${today})`, { today })
  else if (input.date < facts.birthDate) dateIssues.add('date', 'before_birth', `${input.date} is before the birth date ${facts.birthDate}`, { birthDate: facts.birthDate })
  dateIssues.throwIfAny()

  const fit = FITS[type]
  if (fit && !fit.values.includes(facts[fit.field])) issues.add(fit.field, 'event_mismatch', `a ${type} event leaves ${fit.field} one of ${fit.values.join(', ')}`, { event: type })
  if (type === 'birth' && (facts.boys < before.boys || facts.girls < before.girls)) issues.add(facts.boys < before.boys ? 'boys' : 'girls', 'children_decrease', 'a birth does not lower the number of children')
  issues.throwIfAny()

  const after: AllFacts = { ...facts, ...stateAfter }
  const changes: Changes = {}
  for (const k of [...FACT_KEYS, ...STATE_KEYS]) if (before[k] !== after[k]) changes[k] = { before: before[k], after: after[k] }
  if (Object.keys(changes).length === 0)
    throw new AppError('VALIDATION', 'the event changes nothing', { fields: [{ path: 'changes', rule: 'no_change', message: 'the event changes nothing' }] })

  if (changes.idNumber) {
    const other = idOfNumber(ctx.sqlite, facts.idNumber)
    if (other && other !== row.id) throw idExists(other, 'changes.idNumber')
  }

  const at = ctx.nowIso()
  const by = ctx.user().actor
  updatePerson(ctx.sqlite, { ...after, ...nameKeys(after.name), id: row.id, updatedAt: at, updatedBy: by })
  insertEvent(ctx.sqlite, { id: newId(), personId: row.id, type, date: input.date, reason: input.reason, changes, at, by })
  ctx.audit({
    entity: 'person',
    entityId: row.id,
    summary: `${type} of ${after.name}: ${Object.keys(changes).join(', ')}`,
    msg: [`person.event.${type}`, { name: after.name }],
    details: { changes, reason: input.reason, ...(warnings.length ? { warnings } : {}) }
  })
  return loadPerson(ctx, row.id, warnings)
}

interface EventDbRow extends Omit<PersonEvent, 'changes' | 'type'> {
  type: EventType
  changes: string
}

/** a person's history, newest first */
export function listEvents(ctx: Ctx, personId: string): PersonEvent[] {
  if (!stmt(ctx.sqlite, 'SELECT 1 FROM persons WHERE id = ?').get(personId)) throw notFound('person', personId)
  const rows = stmt(
    ctx.sqlite,
    `SELECT id, person_id AS personId, type, date, reason, changes, created_at AS createdAt, created_by AS createdBy
     FROM person_events WHERE person_id = ? ORDER BY date DESC, created_at DESC, id DESC`
  ).all(personId) as EventDbRow[]
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as PersonEvent['changes'] }))
}
