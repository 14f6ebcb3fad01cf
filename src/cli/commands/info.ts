import type { CommandSpec } from '../command'

export const infoCommands: CommandSpec[] = [
  {
    domain: 'info',
    verb: null,
    summary: 'show the data folder, the version and whether the station is set up',
    usage: 'stationdesk info',
    inRecovery: true,
    async run(c) {
      const i = await c.call('system.info', {})
      const problem = c.host.runtime.problem
      c.out.result(
        [
          `data folder: ${c.dataDir}`,
          `version:     ${i.version}`,
          `set up:      ${i.setUp ? 'yes' : 'no'}`,
          ...(i.setUp ? [`station:     ${i.stationName} (${i.mode === 'district' ? 'district office' : 'station'})`] : []),
          ...(i.recovery ? [`RECOVERY:    the database cannot be opened: ${problem}`] : []),
          `time zone:   ${i.timeZone}`
        ],
        { dataDir: c.dataDir, version: i.version, setUp: i.setUp, recovery: i.recovery, problem, mode: i.mode, stationName: i.stationName, timeZone: i.timeZone }
      )
    }
  }
]
