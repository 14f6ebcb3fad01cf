/**
 * The facts of a person, checked and normalised before anything is written: the judge behind
 * "wrong items cannot be saved". Every refusal names the field and a stable rule; everything
 * found is reported at once (one VALIDATION error, one entry per field).
 *
 * Rules (FieldIssue.rule), besides the contract's zod rules:
 *  - id_format, id_province, id_region, id_date, id_checksum: the ID check's error code, lower-cased,
 *    with its params (length, province, region, birth, expected, got) in details
 *  - id_mismatch: sex or birth date given and not what the ID says (details.derived)
 *  - spouse_self: the spouse's ID is the person's own
 *  - region_unknown: the household region cannot be a GB/T 2260 region (no such province, or no
 *    city part); a well-formed code missing from the current list is accepted with a warning
 *  - required: marital date when married/remarried/divorced/widowed; migrant place when out/in
 *  - not_applicable: a marital date or spouse for someone unmarried, a "since" for no
 *    contraception, a migrant place or date for a local person
 *  - date_future: a date after the station's today (details.today)
 *  - before_birth: a date before the person's birth (details.birthDate)
 *  - service_point_unknown: no such service point
 */
import type { FieldIssue } from '../../api/contract'
import { checkIdNumber, PROVINCES, type IdCheck } from '../../api/idNumber'
import type { PersonFacts, PersonWarning } from '../../api/persons'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { isKnownCounty } from '../station/codes'

/** facts as a caller gives them: sex and birth date may be left to the ID */
export type FactsInput = Omit<PersonFacts, 'sex' | 'birthDate'> & { sex?: PersonFacts['sex']; birthDate?: string }

export interface CheckedFacts {
  facts: PersonFacts
  /** accepted, worth a look (region not current, ID normalised or upgraded) */
  warnings: PersonWarning[]
}

/** collects field issues and their params; throws them as one VALIDATION error */
export class Issues {
  readonly fields: FieldIssue[] = []
  readonly params: Record<string, string | number> = {}
  constructor(private readonly prefix = '') {}
  add(path: string, rule: string, message: string, params?: Record<string, string | number>): void {
    this.fields.push({ path: this.prefix + path, rule, message })
    if (params) for (const [k, v] of Object.entries(params)) if (!(k in this.params)) this.params[k] = v
  }
  get any(): boolean {
    return this.fields.length > 0
  }
  throwIfAny(): void {
    if (this.any) throw new AppError('VALIDATION', this.fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields: this.fields, ...this.params })
  }
}

const MARRIED_ONCE = new Set(['married', 'remarried', 'divorced', 'widowed'])

export function checkId(raw: string, today: string): IdCheck {
  return checkIdNumber(raw, { today, isCurrentRegion: isKnownCounty })
}

/** an ID check's error as a field issue: rule = the code lower-cased, params in details */
function idIssue(issues: Issues, path: string, r: Extract<IdCheck, { valid: false }>): void {
  issues.add(path, r.error.code.toLowerCase(), r.error.message, r.error.params)
}

function idWarnings(path: string, r: IdCheck): PersonWarning[] {
  return r.warnings.map((w) => ({ path, code: w.code, message: w.message, ...(w.params ? { params: w.params } : {}) }))
}

/** 'unknown': cannot be a region; 'not_current': well-formed, not in the current GB/T 2260 list */
export function regionStatus(code: string): 'ok' | 'unknown' | 'not_current' {
  const province = code.slice(0, 2)
  if (!PROVINCES.has(province)) return 'unknown'
  if (province === '81' || province === '82' || province === '83') return code === `${province}0000` ? 'ok' : 'unknown'
  if (code.slice(2, 4) === '00') return 'unknown'
  return isKnownCounty(code) ? 'ok' : 'not_current'
}

function regionWarning(code: string): PersonWarning {
  return { path: 'hukouRegion', code: 'REGION_NOT_CURRENT', message: `${code} is not in the current GB/T 2260 list (an older code?)`, params: { region: code } }
}

/** warnings a stored person carries whenever it is read */
export function factWarnings(f: Pick<PersonFacts, 'idNumber' | 'spouseIdNumber' | 'hukouRegion'>): PersonWarning[] {
  const out: PersonWarning[] = []
  const notCurrent = (path: string, id: string) => {
    const r = checkIdNumber(id, { today: '9999-12-31', isCurrentRegion: isKnownCounty })
    out.push(...idWarnings(path, r).filter((w) => w.code === 'ID_REGION_NOT_CURRENT'))
  }
  notCurrent('idNumber', f.idNumber)
  if (f.spouseIdNumber) notCurrent('spouseIdNumber', f.spouseIdNumber)
  if (f.hukouRegion && regionStatus(f.hukouRegion) === 'not_current') out.push(regionWarning(f.hukouRegion))
  return out
}

export function servicePointExists(ctx: Ctx, id: string): boolean {
  return stmt(ctx.sqlite, 'SELECT 1 FROM service_points WHERE id = ?').get(id) !== undefined
}

/**
 * Checks and normalises a person's facts. `prefix` goes before every path ('changes.' for an
 * event); `opts.servicePointExists` answers from a list already read and `opts.idCheck` is the
 * ID number's check already made (a roster import checks thousands of rows). Throws one VALIDATION error listing every field at fault.
 */
export function checkFacts(
  ctx: Ctx,
  input: FactsInput,
  today: string,
  prefix = '',
  opts: { servicePointExists?: (id: string) => boolean; idCheck?: IdCheck } = {}
): CheckedFacts {
  const issues = new Issues(prefix)
  const warnings: PersonWarning[] = []

  const id = opts.idCheck ?? checkId(input.idNumber, today)
  let idNumber = input.idNumber
  let sex = input.sex
  let birthDate = input.birthDate
  if (!id.valid) idIssue(issues, 'idNumber', id)
  else {
    idNumber = id.normalized
    warnings.push(...idWarnings('idNumber', id))
    if (input.sex && input.sex !== id.sex) issues.add('sex', 'id_mismatch', `the ID number says ${id.sex}`, { derived: id.sex })
    if (input.birthDate && input.birthDate !== id.birth) issues.add('birthDate', 'id_mismatch', `the ID number says born ${id.birth}`, { derived: id.birth })
    sex = id.sex
    birthDate = id.birth
  }

  let spouseIdNumber = input.spouseIdNumber
  if (spouseIdNumber) {
    const sp = checkId(spouseIdNumber, today)
    if (!sp.valid) idIssue(issues, 'spouseIdNumber', sp)
    else {
      spouseIdNumber = sp.normalized
      warnings.push(...idWarnings('spouseIdNumber', sp))
      if (id.valid && sp.normalized === id.normalized) issues.add('spouseIdNumber', 'spouse_self', "the spouse's ID number is the person's own")
    }
  }

  if (input.hukouRegion) {
    const st = regionStatus(input.hukouRegion)
    if (st === 'unknown') issues.add('hukouRegion', 'region_unknown', `${input.hukouRegion} is not a GB/T 2260 region`, { region: input.hukouRegion })
    else if (st === 'not_current') warnings.push(regionWarning(input.hukouRegion))
  }

  /** a date the person gave: not after today, not before their birth */
  const lifeDate = (path: string, d: string | null) => {
    if (!d) return
    if (d > today) issues.add(path, 'date_future', `${d} is after today (${today})`, { today })
    else if (birthDate && d < birthDate) issues.add(path, 'before_birth', `${d} is before the birth date ${birthDate}`, { birthDate })
  }

  if (MARRIED_ONCE.has(input.maritalStatus)) {
    if (!input.maritalDate) issues.add('maritalDate', 'required', 'the date of the marriage (or its end) is required')
    lifeDate('maritalDate', input.maritalDate)
  } else {
    if (input.maritalDate) issues.add('maritalDate', 'not_applicable', 'an unmarried person has no marital date')
    if (input.spouseName) issues.add('spouseName', 'not_applicable', 'an unmarried person has no spouse')
    if (input.spouseIdNumber) issues.add('spouseIdNumber', 'not_applicable', 'an unmarried person has no spouse')
  }

  if (input.contraception === 'none') {
    if (input.contraceptionSince) issues.add('contraceptionSince', 'not_applicable', 'no contraception, so no start date')
  } else lifeDate('contraceptionSince', input.contraceptionSince)

  if (input.migrantStatus === 'local') {
    if (input.migrantPlace) issues.add('migrantPlace', 'not_applicable', 'a local resident has no migration place')
    if (input.migrantSince) issues.add('migrantSince', 'not_applicable', 'a local resident has no migration date')
  } else {
    if (!input.migrantPlace) issues.add('migrantPlace', 'required', input.migrantStatus === 'out' ? 'where the person went is required' : 'where the person came from is required')
    lifeDate('migrantSince', input.migrantSince)
  }

  // a cleared choice may come as '' from a form: no service point
  const servicePointId = input.servicePointId || null
  const exists = opts.servicePointExists ?? ((id: string) => servicePointExists(ctx, id))
  if (servicePointId && !exists(servicePointId)) issues.add('servicePointId', 'service_point_unknown', `service point ${servicePointId} does not exist`)

  issues.throwIfAny()
  return { facts: { ...input, idNumber, spouseIdNumber, servicePointId, sex: sex!, birthDate: birthDate! }, warnings }
}
