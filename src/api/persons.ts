/**
 * People register (服务对象档案): the contract. The facts of a person, and every change to them
 * as an event with before/after and a reason (the information card's history).
 */
import { z } from 'zod'
import { method, type FileOut, type Page } from './contract'
import { isoDate, optionalDate, paging, phone, requiredText, text } from './common'
import { LANGS } from './station'

export const SEXES = ['male', 'female'] as const
export const MARITAL_STATUSES = ['unmarried', 'married', 'remarried', 'divorced', 'widowed'] as const
export const CONTRACEPTIONS = ['none', 'iud', 'implant', 'injectable', 'oral', 'condom', 'external', 'female_sterilization', 'male_sterilization', 'other'] as const
export const MIGRANT_STATUSES = ['local', 'out', 'in'] as const
export const PERSON_STATES = ['active', 'exited'] as const
export const EXIT_REASONS = ['age', 'death', 'moved'] as const
export const EVENT_TYPES = ['registered', 'marriage', 'divorce', 'birth', 'contraception', 'migration_out', 'migration_in', 'correction', 'exit'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** The facts a person has; sex and birth date come from the ID number and must agree with it. */
export interface PersonFacts {
  idNumber: string
  name: string
  sex: (typeof SEXES)[number]
  birthDate: string
  phone: string
  /** 户籍地: 6-digit GB/T 2260 region + address */
  hukouRegion: string
  hukouAddress: string
  /** 现居住地: the station's service point + address */
  servicePointId: string | null
  residenceAddress: string
  maritalStatus: (typeof MARITAL_STATUSES)[number]
  maritalDate: string | null
  spouseName: string
  spouseIdNumber: string
  boys: number
  girls: number
  contraception: (typeof CONTRACEPTIONS)[number]
  contraceptionSince: string | null
  migrantStatus: (typeof MIGRANT_STATUSES)[number]
  /** out-migrants: where to; in-migrants: where from */
  migrantPlace: string
  migrantSince: string | null
}

export interface Person extends PersonFacts {
  id: string
  pinyin: string
  initials: string
  state: (typeof PERSON_STATES)[number]
  exitReason: (typeof EXIT_REASONS)[number] | null
  exitDate: string | null
  servicePointName: string | null
  /** missing items a complete information card should have (错项漏项: wrong ones cannot be saved) */
  missing: string[]
  /**
   * accepted but worth a look: an ID region or household region not in the current GB/T 2260
   * list (an older code?), and, in the answer to a write, an ID that was normalised or upgraded
   * from 15 digits
   */
  warnings: PersonWarning[]
  createdAt: string
  updatedAt: string
  updatedBy: string
}

/** codes: the ID check's warnings (ID_REGION_NOT_CURRENT, ID_LEGACY_UPGRADED, ID_NORMALIZED), REGION_NOT_CURRENT */
export interface PersonWarning {
  /** the fact it concerns: idNumber, spouseIdNumber or hukouRegion */
  path: string
  code: string
  /** English fallback */
  message: string
  params?: Record<string, string | number>
}

/** one row of a search result */
export interface PersonRow {
  id: string
  idNumber: string
  name: string
  sex: Person['sex']
  birthDate: string
  age: number
  phone: string
  servicePointName: string | null
  maritalStatus: Person['maritalStatus']
  migrantStatus: Person['migrantStatus']
  state: Person['state']
}

export interface PersonEvent {
  id: string
  personId: string
  type: EventType
  /** the business date of the change (marriage date, birth date, …) */
  date: string
  reason: string
  /** the facts that changed: field -> { before, after } */
  changes: Record<string, { before: unknown; after: unknown }>
  createdAt: string
  createdBy: string
}

const idField = z.string().trim().min(1, { message: 'required' }).max(40)
const count = z.number().int({ message: 'integer' }).min(0, { message: 'min0' }).max(20)

/** a date that may be cleared: '' or null -> null */
const clearableDate = z.union([isoDate, z.literal(''), z.null()]).transform((v) => v || null)

/**
 * The facts' schemas without defaults: an event's `changes` is a partial of these, so a fact the
 * event does not name stays absent (a default there would read as a change to every fact).
 */
const factFields = {
  idNumber: idField,
  name: requiredText(30),
  sex: z.enum(SEXES),
  birthDate: isoDate,
  phone,
  hukouRegion: z.string().trim().regex(/^$|^\d{6}$/, { message: 'region_format' }),
  hukouAddress: text(120),
  servicePointId: z.string().nullable(),
  residenceAddress: text(120),
  maritalStatus: z.enum(MARITAL_STATUSES),
  maritalDate: clearableDate,
  spouseName: text(30),
  spouseIdNumber: z.string().trim().max(40),
  boys: count,
  girls: count,
  contraception: z.enum(CONTRACEPTIONS),
  contraceptionSince: clearableDate,
  migrantStatus: z.enum(MIGRANT_STATUSES),
  migrantPlace: text(120),
  migrantSince: clearableDate
}

export const personFactsInput = z.object({
  ...factFields,
  /** optional: derived from the ID; if given it must agree */
  sex: factFields.sex.optional(),
  birthDate: factFields.birthDate.optional(),
  phone: phone.default(''),
  hukouRegion: factFields.hukouRegion.default(''),
  hukouAddress: factFields.hukouAddress.default(''),
  servicePointId: factFields.servicePointId.default(null),
  residenceAddress: factFields.residenceAddress.default(''),
  maritalStatus: factFields.maritalStatus.default('unmarried'),
  maritalDate: optionalDate,
  spouseName: factFields.spouseName.default(''),
  spouseIdNumber: factFields.spouseIdNumber.default(''),
  boys: count.default(0),
  girls: count.default(0),
  contraception: factFields.contraception.default('none'),
  contraceptionSince: optionalDate,
  migrantStatus: factFields.migrantStatus.default('local'),
  migrantPlace: factFields.migrantPlace.default(''),
  migrantSince: optionalDate
})

export const SORT_FIELDS = ['name', 'birthDate', 'idNumber', 'updatedAt'] as const

export const personSearchInput = z
  .object({
    /** full ID, last 4–6 digits of the ID, name, full pinyin, pinyin initials, or phone */
    q: text(40).optional(),
    servicePointId: z.string().optional(),
    sex: z.enum(SEXES).optional(),
    maritalStatus: z.enum(MARITAL_STATUSES).optional(),
    migrantStatus: z.enum(MIGRANT_STATUSES).optional(),
    state: z.enum(PERSON_STATES).optional().default('active'),
    ageFrom: z.number().int().min(0).max(130).optional(),
    ageTo: z.number().int().min(0).max(130).optional(),
    sort: z.enum(SORT_FIELDS).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...paging,
    lang: z.enum(LANGS).default('zh-CN')
  })
  .optional()
  .default({ state: 'active', sort: 'name', order: 'asc', page: 1, pageSize: 50, lang: 'zh-CN' })

/** which facts each kind of event may change */
export const EVENT_FIELDS: Record<Exclude<EventType, 'registered'>, readonly (keyof PersonFacts | 'state' | 'exitReason' | 'exitDate')[]> = {
  marriage: ['maritalStatus', 'maritalDate', 'spouseName', 'spouseIdNumber'],
  divorce: ['maritalStatus', 'maritalDate', 'spouseName', 'spouseIdNumber'],
  birth: ['boys', 'girls'],
  contraception: ['contraception', 'contraceptionSince'],
  migration_out: ['migrantStatus', 'migrantPlace', 'migrantSince', 'servicePointId', 'residenceAddress'],
  migration_in: ['migrantStatus', 'migrantPlace', 'migrantSince', 'servicePointId', 'residenceAddress'],
  correction: ['idNumber', 'name', 'phone', 'hukouRegion', 'hukouAddress', 'servicePointId', 'residenceAddress', 'maritalStatus', 'maritalDate', 'spouseName', 'spouseIdNumber', 'boys', 'girls', 'contraception', 'contraceptionSince', 'migrantStatus', 'migrantPlace', 'migrantSince'],
  exit: ['state', 'exitReason', 'exitDate']
}

export const recordEventInput = z.object({
  personId: z.string().min(1),
  type: z.enum(EVENT_TYPES).exclude(['registered']),
  date: isoDate,
  reason: requiredText(200),
  /** the new values of the facts this event changes (others are refused) */
  changes: z
    .object(factFields)
    .partial()
    .extend({
      state: z.enum(PERSON_STATES).optional(),
      exitReason: z.enum(EXIT_REASONS).nullable().optional(),
      exitDate: clearableDate.optional()
    })
})

const REGISTER = ['head', 'clinician', 'clerk'] as const

export const personsApi = {
  'persons.search': method<Page<PersonRow>>()({ input: personSearchInput, roles: REGISTER, kind: 'read' }),
  /** opening a person's record is audited */
  'persons.get': method<Person>()({ input: z.object({ id: z.string().min(1) }), roles: REGISTER, kind: 'sensitive-read' }),
  /** adding an ID already in the register is refused with CONFLICT and details.existingId: the UI opens that person */
  'persons.create': method<Person>()({ input: personFactsInput, roles: REGISTER, kind: 'write' }),
  /** same name and birth date with another ID: possible duplicates, for a warning before saving */
  'persons.similar': method<PersonRow[]>()({
    input: z.object({ name: z.string().trim().min(1), birthDate: isoDate, excludeId: z.string().optional(), idNumber: z.string().optional() }),
    roles: REGISTER,
    kind: 'read'
  }),
  /** a change of facts as an event (marriage, birth, contraception, migration, correction, exit) */
  'persons.recordEvent': method<Person>()({ input: recordEventInput, roles: REGISTER, kind: 'write' }),
  'persons.events': method<PersonEvent[]>()({ input: z.object({ personId: z.string().min(1) }), roles: REGISTER, kind: 'read' }),
  /** the filtered list as xlsx */
  'persons.export': method<FileOut>()({ input: personSearchInput, roles: REGISTER, kind: 'sensitive-read' })
}

/**
 * The information card as a PDF (A4 unless the print settings say A5), audited. A persons method
 * answered by the print module (src/core/print/handlers.ts): kept out of personsApi so that
 * map's handlers stay complete on their own.
 */
export const personsCardApi = {
  'persons.card': method<FileOut>()({ input: z.object({ id: z.string().min(1), lang: z.enum(LANGS).default('zh-CN') }), roles: REGISTER, kind: 'sensitive-read' })
}
