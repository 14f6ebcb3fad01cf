/**
 * `stationdesk persons export OUT.xlsx`: the register (or a filtered part of it) as the xlsx the
 * app's export makes, through persons.export (audited).
 * `stationdesk persons import FILE`: a township roster (xlsx or CSV) through persons.import — all
 * or nothing unless --valid-only; the rejected rows' report with --report.
 */
import fs from 'node:fs'
import path from 'node:path'
import { MARITAL_STATUSES, MIGRANT_STATUSES, PERSON_STATES } from '../../api/persons'
import { writeFileAtomic } from '../../core/files/atomic'
import { str, type CommandSpec, type Values } from '../command'
import { EXIT_REFUSED, UsageError } from '../output'

const oneOf = <T extends string>(opts: Values, name: string, values: readonly T[]): T | undefined => {
  const v = str(opts, name)
  if (v !== undefined && !values.includes(v as T)) throw new UsageError(`--${name} is one of ${values.join(', ')}`)
  return v as T | undefined
}

export const personsCommands: CommandSpec[] = [
  {
    domain: 'persons',
    verb: 'export',
    summary: 'write the people register (or the part a search finds) to an xlsx file',
    usage: 'stationdesk persons export OUT.xlsx [--q TEXT] [--marital STATUS] [--migrant STATUS] [--state STATE] [--lang zh-CN|en]',
    args: ['OUT.xlsx'],
    options: {
      q: { type: 'string', help: '--q TEXT  what the search box takes: an ID number or its last digits, a name, pinyin or initials, a phone' },
      marital: { type: 'string', help: `--marital STATUS  ${MARITAL_STATUSES.join(', ')}` },
      migrant: { type: 'string', help: `--migrant STATUS  ${MIGRANT_STATUSES.join(', ')}` },
      state: { type: 'string', help: `--state STATE  ${PERSON_STATES.join(' or ')} (default active)` },
      lang: { type: 'string', help: '--lang LANG  zh-CN (default) or en: the language of the headers and values' }
    },
    validate(opts) {
      oneOf(opts, 'marital', MARITAL_STATUSES)
      oneOf(opts, 'migrant', MIGRANT_STATUSES)
      oneOf(opts, 'state', PERSON_STATES)
      oneOf(opts, 'lang', ['zh-CN', 'en'] as const)
    },
    async run(c) {
      const filter = {
        q: str(c.opts, 'q'),
        maritalStatus: oneOf(c.opts, 'marital', MARITAL_STATUSES),
        migrantStatus: oneOf(c.opts, 'migrant', MIGRANT_STATUSES),
        state: oneOf(c.opts, 'state', PERSON_STATES) ?? 'active'
      }
      const { total } = await c.call('persons.search', { ...filter, pageSize: 1 })
      const file = await c.call('persons.export', { ...filter, lang: oneOf(c.opts, 'lang', ['zh-CN', 'en'] as const) ?? 'zh-CN' })
      const out = path.resolve(c.io.cwd, c.args[0])
      writeFileAtomic(out, Buffer.from(file.base64, 'base64'))
      c.out.result(`Wrote ${total.toLocaleString('en')} people to ${out}`, { file: out, rows: total })
    }
  },
  {
    domain: 'persons',
    verb: 'import',
    summary: 'import a roster (xlsx or CSV as townships keep them) into the people register',
    usage: 'stationdesk persons import FILE [--valid-only] [--update-existing] [--report OUT.xlsx] [--sheet NAME] [--lang zh-CN|en]',
    args: ['FILE'],
    options: {
      'valid-only': { type: 'boolean', help: '--valid-only  import the valid rows and reject the others (default: nothing is imported when any row is rejected)' },
      'update-existing': { type: 'boolean', help: '--update-existing  people already in the register: apply the roster as correction events (default: skip them)' },
      report: { type: 'string', help: '--report OUT.xlsx  write the rejected rows with their reasons, ready to fix and import again' },
      sheet: { type: 'string', help: '--sheet NAME  the worksheet to read (default: the first with data)' },
      lang: { type: 'string', help: '--lang LANG  zh-CN (default) or en: the language of the reasons and the report' }
    },
    notes: [
      'Exit 1 when any row was rejected without --valid-only (then nothing was imported).',
      'With --json the last line is {"imported","rejected","skipped","updated","errors":[{"row","column","reason"}]}:',
      'rows numbered as in the sheet, column = the header as written in the sheet.'
    ],
    validate(opts) {
      oneOf(opts, 'lang', ['zh-CN', 'en'] as const)
    },
    async run(c) {
      const file = path.resolve(c.io.cwd, c.args[0])
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`)
      const validOnly = c.opts['valid-only'] === true
      const r = await c.call('persons.import', {
        filename: path.basename(file),
        base64: fs.readFileSync(file).toString('base64'),
        sheet: str(c.opts, 'sheet'),
        validOnly,
        updateExisting: c.opts['update-existing'] === true,
        lang: oneOf(c.opts, 'lang', ['zh-CN', 'en'] as const) ?? 'zh-CN',
        maxProblems: 1_000_000
      })
      const reportOpt = str(c.opts, 'report')
      let reportFile: string | null = null
      if (reportOpt && r.report && r.rejected > 0) {
        reportFile = path.resolve(c.io.cwd, reportOpt)
        writeFileAtomic(reportFile, Buffer.from(r.report.base64, 'base64'))
      }
      const human = [
        `${r.rows.toLocaleString('en')} rows read from ${path.basename(file)} (sheet ${r.sheet})`,
        `imported: ${r.imported}  rejected: ${r.rejected}  skipped (already in the register): ${r.skipped}  corrected: ${r.updated}`
      ]
      if (r.rejected > 0 && !validOnly) human.push('Nothing was imported because some rows were rejected: fix them, or use --valid-only.')
      for (const p of r.problems.slice(0, 20)) human.push(`  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.reason}`)
      if (r.problemCount > 20) human.push(`  … ${r.problemCount - 20} more${reportFile ? '' : ' (--report OUT.xlsx lists them all)'}`)
      if (reportFile) human.push(`Report of the rejected rows: ${reportFile}`)
      c.out.result(human, {
        imported: r.imported,
        rejected: r.rejected,
        skipped: r.skipped,
        updated: r.updated,
        errors: r.problems.map((p) => ({ row: p.row, column: p.column, reason: p.reason })),
        ...(reportFile ? { report: reportFile } : {})
      })
      return r.rejected > 0 && !validOnly ? EXIT_REFUSED : undefined
    }
  }
]
