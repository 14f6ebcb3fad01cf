/**
 * Finding people the way counter clerks do. What was typed decides the one query path, each
 * served by its own index (src/core/db/schema/persons.ts):
 *  - 18 characters, or 15 digits (upgraded): the exact ID number
 *  - 4–6 characters of digits (the last may be X): the end of the ID (reversed tail, a prefix range)
 *  - 11 digits starting with 1: a mobile phone number
 *  - other digits: the start of an ID number or of a phone number
 *  - Chinese characters: the start of the name; when nothing starts so, the name containing it
 *  - latin letters: the start of the pinyin initials or of the full pinyin (zsf, zhangsan)
 *  - anything else: the name containing it
 * plus filters (service point, sex, marital and migrant status, state, age band on the
 * station's today), a sort, and pages. Raw SQL through cached prepared statements: the query
 * builder would cost more than the query.
 */
import type { ParsedInputOf } from '../../api/contract'
import { normalizeIdInput, upgradeLegacy } from '../../api/idNumber'
import type { PersonRow, personsApi } from '../../api/persons'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { latinKey } from './pinyin'
import { PERSON_COLUMNS, PERSON_FROM, ROW_COLUMNS, todayOf, toRow } from './record'

export type SearchInput = ParsedInputOf<(typeof personsApi)['persons.search']>
export type SearchKind = 'all' | 'id' | 'tail' | 'phone' | 'digits' | 'name' | 'latin' | 'text'

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
    if (/^\d+$/.test(n)) return { kind: 'digits', value: n }
  }
  if (HAN.test(q)) return { kind: 'name', value: q.replace(/\s+/g, '') }
  const latin = latinKey(q)
  if (/^[a-zA-Zü\s'·-]+$/.test(q) && latin) return { kind: 'latin', value: latin }
  return { kind: 'text', value: q }
}

/** the first string after every string starting with p (code point order = UTF-8 byte order) */
export function prefixEnd(p: string): string {
  const cps = [...p]
  const last = cps.pop()!
  return cps.join('') + String.fromCodePoint(last.codePointAt(0)! + 1)
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)

/** YYYY-MM-DD, n years before day (Feb 29 stays a string: comparisons remain right) */
const yearsBefore = (day: string, n: number) => `${String(Number(day.slice(0, 4)) - n).padStart(4, '0')}${day.slice(4)}`

interface Where {
  sql: string
  params: unknown[]
}

function filters(input: SearchInput, today: string): Where {
  const parts: string[] = []
  const params: unknown[] = []
  if (input.servicePointId) parts.push('p.service_point_id = ?'), params.push(input.servicePointId)
  if (input.state) parts.push('p.state = ?'), params.push(input.state)
  if (input.maritalStatus) parts.push('p.marital_status = ?'), params.push(input.maritalStatus)
  if (input.sex) parts.push('p.sex = ?'), params.push(input.sex)
  if (input.migrantStatus) parts.push('p.migrant_status = ?'), params.push(input.migrantStatus)
  // age ≥ a: born on or before today a years ago; age ≤ b: born after today b+1 years ago
  if (input.ageFrom !== undefined) parts.push('p.birth_date <= ?'), params.push(yearsBefore(today, input.ageFrom))
  if (input.ageTo !== undefined) parts.push('p.birth_date > ?'), params.push(yearsBefore(today, input.ageTo + 1))
  return { sql: parts.join(' AND '), params }
}

function match(c: Classified, contains: boolean): Where {
  const v = c.value
  switch (c.kind) {
    case 'all':
      return { sql: '', params: [] }
    case 'id':
      return { sql: 'p.id_number = ?', params: [v] }
    case 'tail':
      return { sql: 'p.id_tail >= ? AND p.id_tail < ?', params: [v, prefixEnd(v)] }
    case 'phone':
      return { sql: 'p.phone = ?', params: [v] }
    case 'digits':
      return { sql: '((p.id_number >= ? AND p.id_number < ?) OR (p.phone >= ? AND p.phone < ?))', params: [v, prefixEnd(v), v, prefixEnd(v)] }
    case 'name':
      return contains ? { sql: "p.name LIKE ? ESCAPE '\\'", params: [`%${likeEscape(v)}%`] } : { sql: 'p.name >= ? AND p.name < ?', params: [v, prefixEnd(v)] }
    case 'latin':
      return { sql: '((p.initials >= ? AND p.initials < ?) OR (p.pinyin >= ? AND p.pinyin < ?))', params: [v, prefixEnd(v), v, prefixEnd(v)] }
    case 'text':
      return { sql: "p.name LIKE ? ESCAPE '\\'", params: [`%${likeEscape(v)}%`] }
  }
}

const ORDER: Record<SearchInput['sort'], string[]> = {
  // by pinyin, as people expect names ordered (and as a phone's contact list does)
  name: ['p.pinyin', 'p.name', 'p.id'],
  birthDate: ['p.birth_date', 'p.id'],
  idNumber: ['p.id_number'],
  updatedAt: ['p.updated_at', 'p.id']
}

function orderBy(input: SearchInput): string {
  const dir = input.order === 'desc' ? 'DESC' : 'ASC'
  return ORDER[input.sort].map((c) => `${c} ${dir}`).join(', ')
}

function whereOf(input: SearchInput, today: string, contains: boolean): Where {
  const m = match(classify(input.q), contains)
  const f = filters(input, today)
  const parts = [m.sql, f.sql].filter(Boolean)
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params: [...m.params, ...f.params] }
}

/** a name typed in Chinese: its start first; when nothing starts so, anywhere in the name */
function useContains(ctx: Ctx, input: SearchInput, today: string): boolean {
  if (classify(input.q).kind !== 'name') return false
  const w = whereOf(input, today, false)
  return stmt(ctx.sqlite, `SELECT 1 FROM persons p ${w.sql} LIMIT 1`).get(...w.params) === undefined
}

export function searchPersons(ctx: Ctx, input: SearchInput): { rows: PersonRow[]; total: number; page: number; pageSize: number } {
  const today = todayOf(ctx)
  const w = whereOf(input, today, useContains(ctx, input, today))
  const total = (stmt(ctx.sqlite, `SELECT count(*) AS n FROM persons p ${w.sql}`).get(...w.params) as { n: number }).n
  const rows = stmt(ctx.sqlite, `SELECT ${ROW_COLUMNS} FROM ${PERSON_FROM} ${w.sql} ORDER BY ${orderBy(input)} LIMIT ? OFFSET ?`).all(
    ...w.params,
    input.pageSize,
    (input.page - 1) * input.pageSize
  ) as Omit<PersonRow, 'age'>[]
  return { rows: rows.map((r) => toRow(r, today)), total, page: input.page, pageSize: input.pageSize }
}

/** every person matching, with every fact (the export), in the list's order */
export function searchAll(ctx: Ctx, input: SearchInput): (Record<string, unknown> & { birthDate: string })[] {
  const today = todayOf(ctx)
  const w = whereOf(input, today, useContains(ctx, input, today))
  return stmt(ctx.sqlite, `SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} ${w.sql} ORDER BY ${orderBy(input)}`).all(...w.params) as (Record<string, unknown> & { birthDate: string })[]
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
