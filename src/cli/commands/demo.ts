import { createDemoStation } from '../../core/demo/demo'
import type { CommandContext, CommandSpec } from '../command'
import { table } from '../output'
import { warnIfKeyUnprotected } from '../secrets'

interface Counts {
  servicePoints: number
  staff: number
  equipment: number
}

async function counts(c: CommandContext): Promise<Counts> {
  const [sp, st, eq] = [
    await c.call('servicePoints.list', { pageSize: 1 }),
    await c.call('staff.list', { pageSize: 1 }),
    await c.call('equipment.list', { pageSize: 1 })
  ]
  return { servicePoints: sp.total, staff: st.total, equipment: eq.total }
}

export const demoCommands: CommandSpec[] = [
  {
    domain: 'demo',
    verb: null,
    summary: 'make a demo station on an empty data folder (prints the logins), or add demo records to a set-up one',
    usage: 'stationdesk demo [--data DIR]',
    acts: 'local',
    async run(c) {
      const info = await c.call('system.info', {})
      const before = info.setUp ? await counts(c) : { servicePoints: 0, staff: 0, equipment: 0 }
      const logins = await createDemoStation(c.host, c.actor)
      const after = await counts(c)
      const added: Counts = {
        servicePoints: after.servicePoints - before.servicePoints,
        staff: after.staff - before.staff,
        equipment: after.equipment - before.equipment
      }
      const station = await c.call('station.get', {})
      await warnIfKeyUnprotected(c)
      const what = `${added.servicePoints} service points, ${added.staff} staff, ${added.equipment} equipment items`
      const human = logins
        ? [
            `Demo station ready: ${station.name} (${station.code})`,
            `Data folder: ${c.dataDir}`,
            'Logins:',
            ...table(['ROLE', 'USERNAME', 'PASSWORD'], logins.map((l) => [l.role, l.username, l.password])).map((l) => '  ' + l),
            `Added ${what}.`
          ]
        : [`${station.name} (${station.code}) was set up already: added ${added.servicePoints + added.staff + added.equipment ? what : 'nothing (the demo records are there)'}.`]
      c.out.result(human, { dataDir: c.dataDir, created: Boolean(logins), station: { code: station.code, name: station.name }, logins, added })
    }
  }
]
