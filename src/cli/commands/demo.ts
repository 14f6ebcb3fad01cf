import { createDemoStation } from '../../core/demo/demo'
import { DEFAULT_DEMO_PERSONS, MAX_DEMO_PERSONS } from '../../core/demo/persons'
import { screeningAdded } from './screening'
import { str, type CommandContext, type CommandSpec } from '../command'
import { table, UsageError } from '../output'
import { warnIfKeyUnprotected } from '../secrets'

interface Counts {
  servicePoints: number
  staff: number
  equipment: number
  persons: number
}

async function counts(c: CommandContext): Promise<Counts> {
  const [sp, st, eq, active, exited] = [
    await c.call('servicePoints.list', { pageSize: 1 }),
    await c.call('staff.list', { pageSize: 1 }),
    await c.call('equipment.list', { pageSize: 1 }),
    await c.call('persons.search', { pageSize: 1, state: 'active' }),
    await c.call('persons.search', { pageSize: 1, state: 'exited' })
  ]
  return { servicePoints: sp.total, staff: st.total, equipment: eq.total, persons: active.total + exited.total }
}

/** a whole number from 0 to max, or a usage error naming the option */
function wholeNumber(v: string | undefined, option: string, max: number): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v.replace(/[,_]/g, ''))
  if (!/^\d[\d,_]*$/.test(v) || !Number.isSafeInteger(n) || n > max) throw new UsageError(`${option} takes a whole number from 0 to ${max.toLocaleString('en')}`)
  return n
}

export const demoCommands: CommandSpec[] = [
  {
    domain: 'demo',
    verb: null,
    summary: 'make a demo station on an empty data folder (prints the logins), or add demo records to a set-up one',
    usage: 'stationdesk demo [--persons N] [--seed N] [--data DIR]',
    acts: 'local',
    options: {
      persons: {
        type: 'string',
        help: `--persons N  people to add to the register (default ${DEFAULT_DEMO_PERSONS.toLocaleString('en')} while the register is empty, else none; at most ${MAX_DEMO_PERSONS.toLocaleString('en')})`
      },
      seed: { type: 'string', help: '--seed N  the register generator\'s seed (the same seed on the same station makes the same people)' }
    },
    notes: [
      'The register: households of married couples and single people, valid ID numbers of the station\'s county, about 12% out-migrants and 8% in-migrants, written in one transaction and audited as one row (demo.persons).',
      'With the register, on a station without screening campaigns: a closed breast screening of about half a year ago (4,000 records) and a men\'s reproductive-health check under way (2,000 records), with referrals and their follow-up; a smaller register gets campaigns sized to its eligible people. See `stationdesk screening --help`.',
      'With the register, on a station without stock moves: a year of contraceptive stock — quarterly receipts from the county, monthly issues to each village room, dispenses to people within their yearly limits, a few returns, an adjustment, wastage, a destruction and a confirmed stocktake; two lots expire within 60–90 days and one expired lot is still on hand. See `stationdesk stock --help`.'
    ],
    validate(opts) {
      wholeNumber(str(opts, 'persons'), '--persons', MAX_DEMO_PERSONS)
      wholeNumber(str(opts, 'seed'), '--seed', 2 ** 32 - 1)
    },
    async run(c) {
      const wanted = wholeNumber(str(c.opts, 'persons'), '--persons', MAX_DEMO_PERSONS)
      const seed = wholeNumber(str(c.opts, 'seed'), '--seed', 2 ** 32 - 1)
      const info = await c.call('system.info', {})
      const before = info.setUp ? await counts(c) : { servicePoints: 0, staff: 0, equipment: 0, persons: 0 }
      const campaignsBefore = info.setUp ? (await c.call('screening.campaigns', { pageSize: 500 })).rows.map((r) => r.id) : []
      const stockBefore = info.setUp ? (await c.call('audit.list', { action: 'demo.inventory', pageSize: 1 })).total : 0
      const certsBefore = info.setUp ? (await c.call('audit.list', { action: 'demo.certificates', pageSize: 1 })).total : 0
      const logins = await createDemoStation(c.host, c.actor, wanted === undefined ? { persons: DEFAULT_DEMO_PERSONS, onlyIfEmpty: true, seed } : { persons: wanted, seed })
      const after = await counts(c)
      const added: Counts = {
        servicePoints: after.servicePoints - before.servicePoints,
        staff: after.staff - before.staff,
        equipment: after.equipment - before.equipment,
        persons: after.persons - before.persons
      }
      const station = await c.call('station.get', {})
      await warnIfKeyUnprotected(c)
      const screening = await screeningAdded(c, campaignsBefore)
      // the demo stock's audit row says what it added (core/demo/inventory.ts describeDemoStock)
      const stockRow = await c.call('audit.list', { action: 'demo.inventory', pageSize: 1 })
      const stock = stockRow.total > stockBefore ? [`Added ${stockRow.rows[0].summary}. See \`stationdesk stock on-hand\` and \`stationdesk stock report --period YYYY-MM\`.`] : []
      // the demo certificates' audit row likewise (core/demo/certificates.ts describeDemoCertificates)
      const certRow = await c.call('audit.list', { action: 'demo.certificates', pageSize: 1 })
      const certs = certRow.total > certsBefore ? [`Added ${certRow.rows[0].summary}. See \`stationdesk cert list\`.`] : []
      const what = `${added.servicePoints} service points, ${added.staff} staff, ${added.equipment} equipment items, ${added.persons.toLocaleString('en')} people in the register`
      const human = logins
        ? [
            `Demo station ready: ${station.name} (${station.code})`,
            `Data folder: ${c.dataDir}`,
            'Logins:',
            ...table(['ROLE', 'USERNAME', 'PASSWORD'], logins.map((l) => [l.role, l.username, l.password])).map((l) => '  ' + l),
            `Added ${what}.`,
            ...screening.human,
            ...stock,
            ...certs
          ]
        : [`${station.name} (${station.code}) was set up already: added ${added.servicePoints + added.staff + added.equipment + added.persons ? what : 'nothing (the demo records are there)'}.`, ...screening.human, ...stock, ...certs]
      c.out.result(human, { dataDir: c.dataDir, created: Boolean(logins), station: { code: station.code, name: station.name }, logins, added, screening: screening.json, stock: stock.length ? stockRow.rows[0].summary : null, certificates: certs.length ? certRow.rows[0].summary : null })
    }
  }
]
