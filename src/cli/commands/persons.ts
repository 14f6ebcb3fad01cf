/**
 * `stationdesk persons export OUT.xlsx`: the register (or a filtered part of it) as the xlsx the
 * app's export makes, through persons.export (audited). The roster import comes with its own
 * command in this domain.
 */
import fs from 'node:fs'
import path from 'node:path'
import { MARITAL_STATUSES, MIGRANT_STATUSES, PERSON_STATES } from '../../api/persons'
import { str, type CommandSpec, type Values } from '../command'
import { UsageError } from '../output'

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
      fs.mkdirSync(path.dirname(out), { recursive: true })
      fs.writeFileSync(out, Buffer.from(file.base64, 'base64'))
      c.out.result(`Wrote ${total.toLocaleString('en')} people to ${out}`, { file: out, rows: total })
    }
  }
]
