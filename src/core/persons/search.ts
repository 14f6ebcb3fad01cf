/**
 * Finding people the way counter clerks do. What was typed decides the query path, each served
 * by its own index (src/core/db/schema/persons.ts):
 *  - 18 characters, or 15 digits (upgraded): the exact ID number
 *  - 4–6 characters of digits (the last may be X): the end of the ID (reversed tail, a prefix range)
 *  - 11 digits starting with 1: a mobile phone number
 *  - a date (1985-03-12, 19850312): the birth date
 *  - other digits: the start of an ID number or of a phone number
 *  - Chinese characters: the start of the name; when nothing starts so, the name containing it
 *  - latin letters: the start of the pinyin initials or of the full pinyin (zsf, zhangsan)
 *  - anything else: the name containing it
 * plus filters (service point, sex, marital and migrant status, state, age band on the
 * station's today), a sort, and pages.
 *
 * How it stays fast at 200,000 people (see `npm run bench`):
 *  - Raw SQL through cached prepared statements: the query builder would cost more than the query.
 *  - A page is found from indexes alone (the sort keys are in the search indexes), then only its
 *    rows are read ("deferred join"): reading a wide row costs more than the whole index search.
 *  - One index drives each query and the planner is told which: with a search text, the filters
 *    are written `+p.col = ?` (the unary plus keeps SQLite from seeking on them), so a common
 *    state or marital status never wins over the text's index; without a text, the village
 *    index (service point, state, marital status, birth date) or the migrant index serves.
 *  - Two ways of matching one text (initials or pinyin; ID start or phone start) are a UNION of
 *    two index searches, not an OR the planner may answer from the table.
 *  - The total of the plain listing of the active is the table's count minus the few others.
 */
import { addYears } from '../clock'
import type { ParsedInputOf } from '../../api/contract'
import { normalizeIdInput, upgradeLegacy } from '../../api/idNumber'
import { PERSON_STATES, type PersonRow, type personsApi } from '../../api/persons'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { latinKey } from './pinyin'
import { PERSON_COLUMNS, PERSON_FROM, ROW_COLUMNS, todayOf, toRow } from './record'

export type SearchInput = ParsedInputOf<(typeof personsApi)['persons.search']>
export type SearchKind = 'all' | 'id' | 'tail' | 'phone' | 'birth' | 'digits' | 'name' | 'latin' | 'text'

export interface Classified {
  kind: SearchKind
  /** the value the query path uses: the normalised ID, the reversed tail, the pinyin key, … */
  value: string
}

const HAN = /\p{Script=Han}/u
const ID_LIKE = /^[\d\uFF10-\uFF19xX\uFF38\uFF58\s\u3000-]+$/

/** which query path serves what was typed */
export function classify(raw: string | undefined): Classified {
  const q = (raw ?? '').trim()
  if (!q) return { kind: 'all', value: '' }
  if (ID_LIKE.test(q) && /[\d\uFF10-\uFF19]/.test(q)) {
    const n = normalizeIdInput(q).toUpperCase()
    if (/^\d{17}[\dX]$/.test(n)) return { kind: 'id', value: n }
    if (/^\d{15}$/.test(n)) return { kind: 'id', value: upgradeLegacy(n) }
    if (/^\d{3,5}[\dX]$/.test(n)) return { kind: 'tail', value: [...n].reverse().join('') }
    if (/^1\d{10}$/.test(n)) return { kind: 'phone', value: n }
    // 19xx/20xx is no province, so a date cannot be the start of an ID number
    if (/^(19|20)\d{6}$/.test(n) && realDate(n)) return { kind: 'birth', value: `${n.slice(0, 4)}-${n.slice(4, 6)}-${n.slice(6)}` }
    if (/^\d+$/.test(n)) return { kind: 'digits', value: n }
  }
  if (HAN.test(q)) return { kind: 'name', value: q.replace(/\s+/g, '') }
  const latin = latinKey(q)
  if (/^[a-zA-Zü\s'·-]+$/.test(q) && latin) return { kind: 'latin', value: latin }
  return { kind: 'text', value: q }
}

function realDate(yyyymmdd: string): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6))]
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** the first string after every string starting with p (code point order = UTF-8 byte order) */
export function prefixEnd(p: string): string {
  const cps = [...p]
  const last = cps.pop()!
  return cps.join('') + String.fromCodePoint(last.codePointAt(0)! + 1)
}

/** YYYY-MM-DD, n years before day (Feb 29 stays a string: comparisons remain right) */

export interface Part {
  sql: string
  params: unknown[]
}

/** one index search of what was typed; two of them are UNIONed */
interface Branch extends Part {
  /** forces the index (a scan of the name index reads far less than a scan of the table) */
  indexedBy?: string
}

function branches(c: Classified, contains: boolean): Branch[] {
  const v = c.value
  const range = (col: string): Branch => ({ sql: `p.${col} >= ? AND p.${col} < ?`, params: [v, prefixEnd(v)] })
  const inside: Branch = { sql: 'instr(p.name, ?) > 0', params: [v], indexedBy: 'persons_name' }
  switch (c.kind) {
    case 'all':
      return []
    case 'id':
      return [{ sql: 'p.id_number = ?', params: [v] }]
    case 'tail':
      return [range('id_tail')]
    case 'phone':
      return [{ sql: 'p.phone = ?', params: [v] }]
    case 'birth':
      return [{ sql: 'p.birth_date = ?', params: [v] }]
    case 'digits':
      return [range('id_number'), range('phone')]
    case 'latin':
      return [range('initials'), range('pinyin')]
    case 'name':
      // when nothing starts so, look inside names
      return contains ? [inside] : [range('name')]
    case 'text':
      return [inside]
  }
}

type Seek = 'village' | 'migrant' | 'state' | 'none'

/** which filters may drive the search (the others are checked on what it finds) */
function seekOf(input: SearchInput, c: Classified): Seek {
  if (c.kind !== 'all') return 'none'
  if (input.servicePointId) return 'village'
  if (input.migrantStatus === 'out' || input.migrantStatus === 'in') return 'migrant'
  const others = input.maritalStatus || input.sex || input.migrantStatus || input.ageFrom !== undefined || input.ageTo !== undefined
  return others ? 'none' : 'state'
}

function filters(input: SearchInput, today: string, seek: Seek): Part {
  const parts: string[] = []
  const params: unknown[] = []
  const term = (col: string, op: string, value: unknown, seeks: boolean) => {
    parts.push(`${seeks ? '' : '+'}p.${col} ${op} ?`)
    params.push(value)
  }
  const village = seek === 'village'
  if (input.servicePointId) term('service_point_id', '=', input.servicePointId, village)
  if (input.state) term('state', '=', input.state, seek !== 'none')
  if (input.maritalStatus) term('marital_status', '=', input.maritalStatus, village)
  if (input.sex) term('sex', '=', input.sex, false)
  if (input.migrantStatus) term('migrant_status', '=', input.migrantStatus, seek === 'migrant')
  // age ≥ a: born on or before today a years ago; age ≤ b: born after today b+1 years ago
  if (input.ageFrom !== undefined) term('birth_date', '<=', addYears(today, -input.ageFrom), village)
  if (input.ageTo !== undefined) term('birth_date', '>', addYears(today, -(input.ageTo + 1)), village)
  return { sql: parts.join(' AND '), params }
}

/** the sort keys: in every search index, so a page is ordered without reading rows; the ID number makes the order total */
const ORDER: Record<SearchInput['sort'], string[]> = {
  // by pinyin, as people expect names ordered (and as a phone's contact list does)
  name: ['pinyin', 'id_number'],
  birthDate: ['birth_date', 'id_number'],
  idNumber: ['id_number'],
  updatedAt: ['updated_at', 'id_number']
}

export interface Plan {
  count: Part
  /** the page's rowids in order; LIMIT ? OFFSET ? appended by the caller when paging */
  ids: Part
}

/** the SQL of a search (exported for the tests that check each path uses its index) */
export function plan(input: SearchInput, today: string, contains: boolean): Plan {
  const c = classify(input.q)
  const f = filters(input, today, seekOf(input, c))
  const dir = input.order === 'desc' ? 'DESC' : 'ASC'
  const keys = ORDER[input.sort]
  const bs = branches(c, contains)
  const where = (b?: Branch) => {
    const parts = [b?.sql, f.sql].filter(Boolean)
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params: [...(b?.params ?? []), ...f.params] }
  }
  if (bs.length <= 1) {
    const w = where(bs[0])
    const others = PERSON_STATES.filter((x) => x !== input.state)
    const from = `FROM persons p${bs[0]?.indexedBy ? ` INDEXED BY ${bs[0].indexedBy}` : ''} ${w.sql}`
    const count =
      c.kind === 'all' && f.sql === 'p.state = ?' && input.state === 'active'
        ? // the plain listing of the active: the table's count (cheap: no row is read) minus the few others
          { sql: `SELECT (SELECT count(*) FROM persons) - (SELECT count(*) FROM persons WHERE state IN (${others.map(() => '?').join(', ')})) AS n`, params: others }
        : { sql: `SELECT count(*) AS n ${from}`, params: w.params }
    return { count, ids: { sql: `SELECT p.rowid AS r ${from} ORDER BY ${keys.map((k) => `p.${k} ${dir}`).join(', ')}`, params: w.params } }
  }
  const subs = bs.map((b) => {
    const w = where(b)
    return { sql: `SELECT p.rowid AS r, ${keys.map((k, i) => `p.${k} AS s${i}`).join(', ')} FROM persons p ${w.sql}`, params: w.params }
  })
  const union = { sql: subs.map((x) => x.sql).join(' UNION '), params: subs.flatMap((x) => x.params) }
  return {
    count: { sql: `SELECT count(*) AS n FROM (${union.sql})`, params: union.params },
    ids: { sql: `SELECT r FROM (${union.sql}) ORDER BY ${keys.map((_k, i) => `s${i} ${dir}`).join(', ')}`, params: union.params }
  }
}

/** a name typed in Chinese: its start first; when nothing starts so, anywhere in the name */
function useContains(sqlite: Sqlite, input: SearchInput, today: string): boolean {
  const c = classify(input.q)
  if (c.kind !== 'name') return false
  const [b] = branches(c, false)
  const f = filters(input, today, 'none')
  return stmt(sqlite, `SELECT 1 FROM persons p WHERE ${[b.sql, f.sql].filter(Boolean).join(' AND ')} LIMIT 1`).get(...b.params, ...f.params) === undefined
}

/** rows by rowid, in the order of the ids */
function rowsOf<R>(sqlite: Sqlite, columns: string, ids: number[]): R[] {
  const out: R[] = []
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    const got = stmt(sqlite, `SELECT p.rowid AS _r, ${columns} FROM ${PERSON_FROM} WHERE p.rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(chunk)) as (R & { _r: number })[]
    const byId = new Map(got.map((r) => [r._r, r]))
    for (const id of chunk) {
      const r = byId.get(id)
      if (r) {
        delete (r as { _r?: number })._r
        out.push(r)
      }
    }
  }
  return out
}

export function searchPersons(ctx: Ctx, input: SearchInput): { rows: PersonRow[]; total: number; page: number; pageSize: number } {
  const today = todayOf(ctx)
  const p = plan(input, today, useContains(ctx.sqlite, input, today))
  const total = (stmt(ctx.sqlite, p.count.sql).get(...p.count.params) as { n: number }).n
  const ids = (stmt(ctx.sqlite, `${p.ids.sql} LIMIT ? OFFSET ?`).all(...p.ids.params, input.pageSize, (input.page - 1) * input.pageSize) as { r: number }[]).map((x) => x.r)
  const rows = rowsOf<Omit<PersonRow, 'age'>>(ctx.sqlite, ROW_COLUMNS, ids)
  return { rows: rows.map((r) => toRow(r, today)), total, page: input.page, pageSize: input.pageSize }
}

/** every person matching, with every fact (the export), in the list's order */
export function searchAll(ctx: Ctx, input: SearchInput): (Record<string, unknown> & { birthDate: string })[] {
  const today = todayOf(ctx)
  const p = plan(input, today, useContains(ctx.sqlite, input, today))
  const ids = (stmt(ctx.sqlite, p.ids.sql).all(...p.ids.params) as { r: number }[]).map((x) => x.r)
  return rowsOf(ctx.sqlite, PERSON_COLUMNS, ids)
}

/** same name and birth date under another ID number: possibly the same person twice */
export function similarPersons(ctx: Ctx, input: { name: string; birthDate: string; excludeId?: string; idNumber?: string }): PersonRow[] {
  const today = todayOf(ctx)
  const idNumber = input.idNumber ? normalizeIdInput(input.idNumber).toUpperCase() : ''
  const id15 = /^\d{15}$/.test(idNumber) ? upgradeLegacy(idNumber) : idNumber
  const rows = stmt(
    ctx.sqlite,
    `SELECT ${ROW_COLUMNS} FROM ${PERSON_FROM} WHERE p.name = ? AND p.birth_date = ? AND p.id_number <> ? AND p.id <> ? ORDER BY p.created_at LIMIT 20`
  ).all(input.name.trim(), input.birthDate, id15, input.excludeId ?? '') as Omit<PersonRow, 'age'>[]
  return rows.map((r) => toRow(r, today))
}
