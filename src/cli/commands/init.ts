import type { CommandSpec } from '../command'
import { str } from '../command'
import { UsageError } from '../output'
import { KEY_WARNING, keyPassphrase, newPassword } from '../secrets'

function area(v: string | undefined): unknown {
  if (v === undefined || v === '') return null
  const n = Number(v)
  // not a number: hand the text on so the core names the field and the rule
  return Number.isFinite(n) ? n : v
}

export const initCommands: CommandSpec[] = [
  {
    domain: 'init',
    verb: null,
    summary: 'set up a new station non-interactively (first run only)',
    usage:
      'stationdesk init --station-code CODE --name NAME --admin USER [--admin-name DISPLAY] [--level township|district] [--mode station|district] [--address A] [--phone P] [--area M2]',
    acts: 'none',
    options: {
      'station-code': { type: 'string', help: '--station-code CODE  9 digits: county code + township (district: + 000)' },
      name: { type: 'string', help: "--name NAME  the station's name" },
      admin: { type: 'string', help: "--admin USER  the administrator's username" },
      'admin-name': { type: 'string', help: "--admin-name DISPLAY  the administrator's display name (default: the username)" },
      level: { type: 'string', help: '--level township|district  (default: township; district in district mode)' },
      mode: { type: 'string', help: '--mode station|district  a service station or a district office (default: station)' },
      address: { type: 'string', help: '--address A' },
      phone: { type: 'string', help: '--phone P' },
      area: { type: 'string', help: '--area M2  building area in square metres' }
    },
    notes: [
      "The administrator's password: STATIONDESK_PASSWORD, else the first line of standard input.",
      'The signing key passphrase: STATIONDESK_KEY_PASSPHRASE; without it the key is stored unencrypted (0600).'
    ],
    async run(c) {
      const code = str(c.opts, 'station-code')
      const name = str(c.opts, 'name')
      const admin = str(c.opts, 'admin')
      const missing = [!code && '--station-code', !name && '--name', !admin && '--admin'].filter(Boolean)
      if (missing.length) throw new UsageError(`init needs ${missing.join(', ')}`)
      const mode = str(c.opts, 'mode') ?? 'station'
      const level = str(c.opts, 'level') ?? (mode === 'district' ? 'district' : 'township')
      const password = await newPassword(c, "the administrator's password")
      const passphrase = keyPassphrase(c) ?? ''
      const r = await c.call('setup.init', {
        mode: mode as 'station',
        station: {
          level: level as 'township',
          code: code!,
          name: name!,
          address: str(c.opts, 'address') ?? '',
          phone: str(c.opts, 'phone') ?? '',
          buildingArea: area(str(c.opts, 'area')) as number | null
        },
        admin: { username: admin!, displayName: str(c.opts, 'admin-name') || admin!, password },
        keyPassphrase: passphrase
      })
      if (r.keyUnprotected) c.out.warn(KEY_WARNING)
      c.out.result(
        [
          `Station ${r.stationCode} ${name} is set up (${mode === 'district' ? 'district office' : `${level} station`}).`,
          `Data folder: ${c.dataDir}`,
          `Administrator: ${admin!.toLowerCase()}`,
          `Signing key: ${r.keyId}${r.keyUnprotected ? ' (unprotected)' : ' (encrypted)'}`
        ],
        { ...r, dataDir: c.dataDir, admin: admin!.toLowerCase() }
      )
    }
  }
]
