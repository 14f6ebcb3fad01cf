/**
 * The worker side of the roster fuzz (rosters.test.ts starts it in a worker thread, so an input
 * that hangs the reader can be stopped from outside and saved). It holds a set-up station and runs
 * each input it is sent one way:
 * - parse: the reader directly (parseFile, then the header and rows: readRoster), for the bulk;
 * - check: persons.importCheck through the method table;
 * - import: persons.importCheck, then persons.import of the same file, with the database's counts
 *   before and after: the whole valid set or nothing;
 * - jobCheck, jobImport: the same through jobs.start and jobs.status.
 * It answers what happened (a verdict for the tallies) and every broken promise found: a crash,
 * INTERNAL, an error without words in zh-CN and en, a problem without a reason, a partial write.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parentPort } from 'node:worker_threads'
import type { ApiError, Role } from '../../src/api/contract'
import type { ImportCheck, ImportResult } from '../../src/api/personsImport'
import { REASON_CODES } from '../../src/core/persons/import/messages'
import { ImportFileError, parseFile, type Sheet } from '../../src/core/persons/import/parse'
import { readRoster } from '../../src/core/persons/import/rows'
import { reasonOf } from '../../src/core/persons/import/messages'
import { makeHost, setUpStation, tmpDir, type TestHost } from '../helpers/host'

export type Via = 'parse' | 'check' | 'import' | 'jobCheck' | 'jobImport'
export type Lang = 'zh-CN' | 'en'

export interface RunRequest {
  id: number
  via: Via
  filename: string
  bytes: Uint8Array
  lang: Lang
  validOnly: boolean
  updateExisting: boolean
  /** the worksheet chosen and the column mapping edited, as the preview lets a clerk do */
  sheet?: string
  mapping?: Record<string, number | null>
}
export type Request = RunRequest | { id: number; via: 'init' | 'reset' | 'final' }
export interface Reply {
  id: number
  /** what happened, for the tallies: parsed, file_unreadable, checked, imported, VALIDATION … */
  verdict: string
  /** the promises broken: empty when all held */
  problems: string[]
}

const ROOT = path.resolve(__dirname, '../..')
/** the UI's words for errors: errors.code.<CODE>, and errors.rule.<rule> for a field's rule */
const ERRORS: Record<Lang, { code: Record<string, string>; rule: Record<string, string> }> = {
  'zh-CN': JSON.parse(fs.readFileSync(path.join(ROOT, 'src/ui/locales/zh-CN/errors.json'), 'utf8')),
  en: JSON.parse(fs.readFileSync(path.join(ROOT, 'src/ui/locales/en/errors.json'), 'utf8'))
}
const REASONS = { 'zh-CN': new Set(REASON_CODES['zh-CN']), en: new Set(REASON_CODES.en) }
const BLOCKING = new Set(['header_not_found', 'column_missing'])

let template = ''
let t: TestHost | undefined
let clerk = ''

/** a station with the village 一村 of the seeds, set up once and copied for each fresh register */
async function init(): Promise<void> {
  const first = makeHost()
  const s: Record<Role, string> = await setUpStation(first)
  await first.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)
  template = first.dir
  first.close()
  await reset()
}

async function reset(): Promise<void> {
  t?.close()
  const dir = tmpDir('sd-fuzz-')
  fs.cpSync(template, dir, { recursive: true })
  t = makeHost(dir)
  clerk = t.host.openLocalSession({ userId: null, username: 'fuzz', displayName: 'fuzz', role: 'clerk', roles: ['clerk'], actor: 'fuzz' })
}

function counts(): { persons: number; events: number; audit: number } {
  const one = (q: string) => (t!.host.runtime.sqlite!.prepare(q).get() as { n: number }).n
  return { persons: one('SELECT count(*) AS n FROM persons'), events: one('SELECT count(*) AS n FROM person_events'), audit: one('SELECT count(*) AS n FROM audit_log') }
}

/** a problem's or a file error's words: a known code, a reason in the language with no {placeholder} left */
function wordsOf(code: string, reason: unknown, lang: Lang, where: string, out: string[]): void {
  if (!REASONS[lang].has(code)) out.push(`${where}: code ${code} has no text in ${lang}`)
  if (typeof reason !== 'string' || !reason.trim()) out.push(`${where}: no reason for ${code}`)
  else if (/\{\w+\}/.test(reason)) out.push(`${where}: reason with a placeholder left: ${reason}`)
}

function checkError(e: ApiError, lang: Lang, where: string, out: string[]): void {
  if (e.code === 'INTERNAL') out.push(`${where}: INTERNAL ${e.message}`)
  for (const l of ['zh-CN', 'en'] as const) {
    if (!ERRORS[l].code[e.code]) out.push(`${where}: error code ${e.code} has no message in ${l}/errors.json`)
    // the UI says a VALIDATION error by its first field's rule: a rule of the file must have its own
    // words; one of the input's shape (a mapping no UI sends) may fall back to errors.rule.invalid
    for (const f of e.details?.fields ?? [])
      if (!ERRORS[l].rule[f.rule] && (f.path === 'file' || !ERRORS[l].rule.invalid)) out.push(`${where}: rule ${f.rule} (${f.path}) has no words in ${l}/errors.json`)
  }
  if (!e.message?.trim()) out.push(`${where}: ${e.code} without a message`)
  const file = e.details?.fields?.find((f) => f.path === 'file')
  if (e.code === 'VALIDATION' && file) wordsOf(file.rule, (e.details as { reason?: unknown }).reason, lang, `${where} file error`, out)
}

async function checkSummary(c: ImportCheck, lang: Lang, where: string, out: string[]): Promise<void> {
  if (c.rows !== c.valid + c.rejected + c.existing) out.push(`${where}: rows ${c.rows} ≠ valid ${c.valid} + rejected ${c.rejected} + existing ${c.existing}`)
  if (c.updates > c.existing) out.push(`${where}: ${c.updates} updates of ${c.existing} existing`)
  if (c.problems.length !== Math.min(c.problemCount, 2000)) out.push(`${where}: ${c.problems.length} problems listed of ${c.problemCount}`)
  if (c.rejected > 0 && c.problemCount < c.rejected) out.push(`${where}: ${c.rejected} rows rejected with ${c.problemCount} problems`)
  for (const p of [...c.fileProblems, ...c.problems]) wordsOf(p.code, p.reason, lang, `${where} row ${p.row}`, out)
  if (c.fileProblems.some((p) => BLOCKING.has(p.code)) && c.rows !== 0) out.push(`${where}: ${c.rows} rows read past a blocking file problem`)
  if ((c.report !== null) !== c.rejected > 0) out.push(`${where}: report ${c.report ? 'given' : 'missing'} with ${c.rejected} rejected`)
  if (c.report) {
    // the error report is a file the clerk fixes and imports again: the app must read it
    try {
      const r = await parseFile(c.report.filename, Buffer.from(c.report.base64, 'base64'))
      const data = r.rows.slice(2).filter((x) => x.cells.length)
      if (data.length !== c.rejected) out.push(`${where}: the error report has ${data.length} rows for ${c.rejected} rejected`)
    } catch (e) {
      out.push(`${where}: the error report cannot be read back: ${(e as Error).message}`)
    }
  }
}

/** the reader directly: a sheet of plain cell values, or an ImportFileError with words */
async function viaParse(req: RunRequest, out: string[]): Promise<string> {
  let sheet: Sheet
  try {
    sheet = await parseFile(req.filename, req.bytes)
  } catch (e) {
    if (!(e instanceof ImportFileError)) {
      out.push(`parse threw ${(e as Error)?.stack ?? String(e)}`)
      return 'threw'
    }
    wordsOf(e.code, reasonOf(e.code, null, {}, req.lang), req.lang, 'parse', out)
    return e.code
  }
  let last = 0
  for (const r of sheet.rows) {
    if (!Number.isInteger(r.row) || r.row <= last) out.push(`parse: row number ${r.row} after ${last}`)
    last = r.row
    for (const c of r.cells)
      if (!(c === null || typeof c === 'string' || typeof c === 'number' || typeof c === 'boolean' || c instanceof Date)) out.push(`parse: row ${r.row} has a cell ${typeof c}`)
    if (out.length > 5) break
  }
  const roster = readRoster(sheet)
  // worded as run.ts words them: a header problem names its column
  for (const p of roster.header.problems) wordsOf(p.code, reasonOf(p.code, p.field, { ...p.params, column: p.column }, req.lang), req.lang, `header row ${p.row}`, out)
  for (const r of roster.rows) for (const p of r.problems) wordsOf(p.code, reasonOf(p.code, p.field, p.params ?? {}, req.lang), req.lang, `rows row ${p.row}`, out)
  return roster.header.mapping.idNumber ? 'parsed' : 'parsed, no header'
}

type Outcome<T> = { ok: true; data: T } | { ok: false; error: ApiError }

async function call<T>(method: string, input: unknown): Promise<Outcome<T>> {
  const r = await t!.host.call(method, input, { sessionId: clerk, transport: 'test' })
  return r.result as Outcome<T>
}

/** through jobs.start and jobs.status, as the UI runs it */
async function asJob<T>(method: string, input: unknown): Promise<Outcome<T>> {
  const started = await call<{ jobId: string }>('jobs.start', { method, input })
  if (!started.ok) return started
  for (;;) {
    const st = await call<{ state: string; result?: T; error?: ApiError }>('jobs.status', { jobId: started.data.jobId })
    if (!st.ok) return st
    if (st.data.state === 'done') return { ok: true, data: st.data.result as T }
    if (st.data.state !== 'running') return { ok: false, error: st.data.error ?? { code: 'INTERNAL', message: `job ended ${st.data.state} without an error` } }
    await new Promise((res) => setTimeout(res, 1))
  }
}

async function viaHost(req: RunRequest, out: string[]): Promise<string> {
  const input = { filename: req.filename, base64: Buffer.from(req.bytes).toString('base64'), lang: req.lang, updateExisting: req.updateExisting, sheet: req.sheet, mapping: req.mapping }
  const run = req.via === 'jobCheck' || req.via === 'jobImport' ? asJob : call
  const check = await run<ImportCheck>('persons.importCheck', input)
  if (check.ok) await checkSummary(check.data, req.lang, 'importCheck', out)
  else checkError(check.error, req.lang, 'importCheck', out)
  if (req.via === 'check' || req.via === 'jobCheck') return check.ok ? (check.data.fileProblems.some((p) => BLOCKING.has(p.code)) ? 'checked, blocked' : 'checked') : check.error.code

  const before = counts()
  const res = await run<ImportResult>('persons.import', { ...input, validOnly: req.validOnly })
  const after = counts()
  const changed = after.persons !== before.persons || after.events !== before.events || after.audit !== before.audit
  const state = `persons ${before.persons}→${after.persons}, events ${before.events}→${after.events}, audit ${before.audit}→${after.audit}`
  if (!res.ok) {
    checkError(res.error, req.lang, 'import', out)
    if (changed) out.push(`import failed (${res.error.code}) but wrote: ${state}`)
    const blocked = check.ok && check.data.fileProblems.some((p) => BLOCKING.has(p.code))
    if (check.ok && !blocked) out.push(`import failed (${res.error.code} ${res.error.message}) where the check passed`)
    if (!check.ok && check.error.code !== res.error.code) out.push(`import failed with ${res.error.code}, the check with ${check.error.code}`)
    return `import ${res.error.code}`
  }
  const r = res.data
  await checkSummary(r, req.lang, 'import', out)
  if (!check.ok) {
    out.push(`import succeeded where the check failed (${check.error.code})`)
    return 'imported'
  }
  const c = check.data
  if (r.valid !== c.valid || r.rejected !== c.rejected || r.updates !== c.updates) out.push(`import found valid ${r.valid} rejected ${r.rejected} updates ${r.updates}; the check ${c.valid}/${c.rejected}/${c.updates}`)
  const none = c.rejected > 0 && !req.validOnly
  const wantNew = none ? 0 : c.valid
  const wantUpd = none ? 0 : c.updates
  if (r.imported !== wantNew || r.updated !== wantUpd) out.push(`imported ${r.imported} and updated ${r.updated} of ${c.valid} valid and ${c.updates} updates (rejected ${c.rejected}, validOnly ${req.validOnly})`)
  const wrote = wantNew + wantUpd > 0
  if (after.persons - before.persons !== wantNew || after.events - before.events !== wantNew + wantUpd || after.audit - before.audit !== (wrote ? 1 : 0))
    out.push(`a partial or stray write: ${state} for ${wantNew} new and ${wantUpd} updates`)
  return none ? 'import refused (rejected rows)' : wrote ? 'imported' : 'nothing to import'
}

async function run(req: Request): Promise<Reply> {
  const out: string[] = []
  if (req.via === 'init') {
    await init()
    return { id: req.id, verdict: 'ready', problems: out }
  }
  if (req.via === 'reset' || req.via === 'final') {
    // a register is whole before it is left: its audit chain verifies, the database is sound
    const head = t!.host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'head', roles: ['head'], actor: 'op' })
    const v = await t!.host.call('audit.verify', {}, { sessionId: head, transport: 'test' })
    if (!v.result.ok || !(v.result.data as { ok: boolean }).ok) out.push(`the audit chain does not verify: ${JSON.stringify(v.result).slice(0, 300)}`)
    const ic = t!.host.runtime.sqlite!.pragma('integrity_check', { simple: true })
    if (ic !== 'ok') out.push(`integrity_check: ${ic}`)
    const verdict = JSON.stringify(counts())
    if (req.via === 'reset') await reset()
    return { id: req.id, verdict, problems: out }
  }
  try {
    const r = req as RunRequest
    const verdict = r.via === 'parse' ? await viaParse(r, out) : await viaHost(r, out)
    return { id: req.id, verdict, problems: out }
  } catch (e) {
    return { id: req.id, verdict: 'threw', problems: [...out, `threw in the harness: ${(e as Error)?.stack ?? String(e)}`] }
  }
}

parentPort?.on('message', (req: Request) => {
  run(req).then(
    (reply) => parentPort!.postMessage(reply),
    (e) => parentPort!.postMessage({ id: req.id, verdict: 'threw', problems: [`${(e as Error)?.stack ?? String(e)}`] })
  )
})
