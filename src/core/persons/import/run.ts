/**
 * The two import jobs. Both read the file and check every row (in chunks, giving way between
 * them, so progress is reported and a cancel takes effect); persons.import then writes in one
 * transaction: new people with their registration event, corrections of existing people
 * (updateExisting), one audit row. All or nothing by default; validOnly writes the valid rows.
 */
import type { PersonFacts } from '../../../api/persons'
import type { ImportCheck, ImportColumn, ImportField, ImportProblem, ImportResult } from '../../../api/personsImport'
import type { importCheckInput, importInput } from '../../../api/personsImport'
import type { z } from 'zod'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { withIndexesRebuilt } from '../../db/bulk'
import { assertPeriodOpen } from '../../periods/guard'
import { recordEvent } from '../events'
import { FACT_KEYS, insertEvent, insertPersonIfNew, todayOf } from '../record'
import { RowChecker, type Outcome, type Problem } from './check'
import { findHeader, remap, type SheetHeader } from './header'
import { reasonOf } from './messages'
import { cellText, ImportFileError, parseFile, type Sheet, type SheetRow } from './parse'
import { servicePointIndex } from './places'
import { buildReport } from './report'
import { eachRow, isFooterRow, type RowStats } from './rows'

type CheckInput = z.output<typeof importCheckInput>
type RunInput = z.output<typeof importInput>

const CHUNK = 2000
/** from this many new people on (and at least half the register's size), indexes are rebuilt rather than updated row by row */
const BULK_MIN = 5000
/** header problems that leave nothing to import */
const BLOCKING = new Set(['header_not_found', 'column_missing'])

interface Checked {
  summary: ImportCheck
  outcomes: Outcome[]
}

function word(p: Problem, lang: CheckInput['lang']): ImportProblem {
  return { row: p.row, column: p.column, field: p.field, code: p.code, reason: reasonOf(p.code, p.field, p.params, lang) }
}

/** the header's columns with the first values of the data rows under them (not the total or signature rows) */
function columnsOf(sheet: Sheet, h: SheetHeader): ImportColumn[] {
  const data: SheetRow[] = []
  for (let i = h.dataStart; i < sheet.rows.length && data.length < 50; i++) {
    const r = sheet.rows[i]
    if (isFooterRow(r.cells)) break
    data.push(r)
  }
  return h.columns.map((c) => {
    const samples: string[] = []
    for (const r of data) {
      const t = cellText(r.cells[c.index] ?? null)
      if (t && samples.length < 3) samples.push(t)
    }
    return { index: c.index, header: c.header, field: c.field, samples }
  })
}

async function readSheet(ctx: Ctx, input: CheckInput): Promise<Sheet> {
  try {
    return await parseFile(input.filename, Buffer.from(input.base64, 'base64'), input.sheet)
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e
    const reason = reasonOf(e.code, null, {}, input.lang)
    throw new AppError('VALIDATION', e.message, { fields: [{ path: 'file', rule: e.code, message: e.message }], reason })
  }
}

async function checkRoster(ctx: Ctx, input: CheckInput): Promise<Checked> {
  // give way first: jobs.start answers at once, and the reading shows as a phase
  ctx.job.progress('reading')
  await ctx.job.checkpoint()
  const sheet = await readSheet(ctx, input)
  await ctx.job.checkpoint()
  let header = findHeader(sheet)
  if (Object.keys(input.mapping).length) header = remap(header, input.mapping as Partial<Record<ImportField, number | null>>)
  const lang = input.lang
  const fileProblems = header.problems.map((p) => word({ row: p.row, column: p.column, field: p.field, code: p.code, params: { ...p.params, column: p.column } }, lang))
  const summary: ImportCheck = {
    filename: input.filename,
    sheet: sheet.name,
    sheets: sheet.sheets ?? [sheet.name],
    headerRow: header.columns.length ? header.row : null,
    columns: columnsOf(sheet, header),
    fileProblems,
    rows: 0,
    valid: 0,
    rejected: 0,
    existing: 0,
    updates: 0,
    problems: [],
    problemCount: 0,
    endRow: null,
    report: null
  }
  if (fileProblems.some((p) => BLOCKING.has(p.code))) return { summary, outcomes: [] }

  const stats: RowStats = { blank: 0, endRow: null, subtotalRows: [] }
  const checker = new RowChecker({ ctx, today: todayOf(ctx), updateExisting: input.updateExisting, header, servicePoints: servicePointIndex(ctx) })
  const outcomes: Outcome[] = []
  const worded: ImportProblem[] = []
  const skipped: number[] = []
  const estimate = sheet.rows.length - header.dataStart
  let n = 0
  for (const r of eachRow(sheet, header, stats)) {
    if (n % CHUNK === 0) {
      ctx.job.progress('checking', n, Math.max(n, estimate))
      await ctx.job.checkpoint()
    }
    n++
    const o = checker.check(r)
    outcomes.push(o)
    if (o.kind === 'rejected') {
      summary.rejected++
      for (const p of o.problems) worded.push(word(p, lang))
      continue
    }
    if (o.kind === 'new') summary.valid++
    else {
      summary.existing++
      if (o.kind === 'update') summary.updates++
      else skipped.push(o.row)
    }
  }
  summary.rows = n
  summary.endRow = stats.endRow
  summary.problemCount = worded.length
  summary.problems = worded.slice(0, input.maxProblems)
  // the report is of rejected rows (its second sheet lists the skipped ones alongside)
  if (summary.rejected) {
    ctx.job.progress('report')
    await ctx.job.checkpoint()
    summary.report = await buildReport({ filename: input.filename, sheet, header, problems: worded, skipped, lang })
  }
  return { summary, outcomes }
}

/** the registration event's changes as JSON, written out directly (the same as JSON.stringify of { fact: { before: null, after } }) */
function registeredJson(f: PersonFacts): string {
  let out = ''
  for (const k of FACT_KEYS) {
    const v = f[k]
    if (v !== '' && v !== null && v !== 0) out += `${out ? ',' : ''}"${k}":{"before":null,"after":${typeof v === 'number' ? v : JSON.stringify(v)}}`
  }
  return `{${out}}`
}

export async function importCheck(ctx: Ctx, input: CheckInput): Promise<ImportCheck> {
  return (await checkRoster(ctx, input)).summary
}

export async function importRoster(ctx: Ctx, input: RunInput): Promise<ImportResult> {
  const { summary, outcomes } = await checkRoster(ctx, input)
  const blocking = summary.fileProblems.filter((p) => BLOCKING.has(p.code))
  if (blocking.length)
    throw new AppError('VALIDATION', blocking.map((p) => p.reason).join('; '), {
      fields: blocking.map((p) => ({ path: 'file', rule: p.code, message: p.reason })),
      reason: blocking.map((p) => p.reason).join('；')
    })
  const result: ImportResult = { ...summary, imported: 0, updated: 0, skipped: summary.existing - summary.updates }
  if (summary.rejected > 0 && !input.validOnly) return result
  if (summary.valid === 0 && summary.updates === 0) return result

  // the last moment a cancel can take effect; from here the write runs to its end
  ctx.job.progress('writing', 0, summary.valid + summary.updates)
  await ctx.job.checkpoint()
  const at = ctx.nowIso()
  const by = ctx.user().actor
  const today = todayOf(ctx)
  const name = input.filename.replace(/^.*[\\/]/, '')
  const registerSize = (ctx.sqlite.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n
  // what was checked is written now, in one transaction: a cancel can no longer stop it
  ctx.commit(() => {
    // every row's registration or correction is dated today: a closed today refuses the whole file
    assertPeriodOpen(ctx, today, 'file')
    const write = () => {
      const quiet: Ctx = { ...ctx, audit: () => {} }
      // the people first, then their registration events: each table's B-trees are written in one
      // run (interleaving the two costs ~40% more at 100,000 rows)
      const added: { id: string; o: Extract<Outcome, { kind: 'new' }> }[] = []
      for (const o of outcomes) {
        if (o.kind === 'new') {
          const id = newId()
          // added by someone else while this file was being checked: left as it is now
          if (insertPersonIfNew(ctx.sqlite, { facts: o.facts, keys: o.keys, id, at, by })) added.push({ id, o })
          else result.skipped++
        } else if (o.kind === 'update') {
          recordEvent(quiet, { personId: o.personId, type: 'correction', date: today, reason: `${name} #${o.row}`, changes: o.changes })
          result.updated++
        }
      }
      for (const { id, o } of added) insertEvent(ctx.sqlite, { id: newId(), personId: id, type: 'registered', date: today, reason: `${name} #${o.row}`, changes: registeredJson(o.facts), at, by })
      result.imported = added.length
    }
    // many people into a small register: the search indexes are built once at the end
    if (summary.valid >= BULK_MIN && summary.valid * 2 >= registerSize) withIndexesRebuilt(ctx.sqlite, ['persons', 'person_events'], write)
    else write()
    ctx.audit({
      entity: 'person',
      summary: `imported ${result.imported} people from ${name} (${result.updated} corrected, ${result.skipped} already in the register, ${result.rejected} rejected)`,
      msg: ['person.imported', { file: name, imported: result.imported, updated: result.updated, skipped: result.skipped, rejected: result.rejected }]
    })
  })
  return result
}
