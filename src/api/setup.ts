import { z } from 'zod'
import { method } from './contract'
import { password, requiredText } from './common'
import { username } from './auth'
import { stationProfileInput } from './station'

export interface SetupResult {
  stationCode: string
  keyId: string
  /** true when the private key is kept without a passphrase (0600 file): show a warning */
  keyUnprotected: boolean
}

export const setupInput = z.object({
  /** a service station, or the district office that gathers its stations' packets */
  mode: z.enum(['station', 'district']).default('station'),
  station: stationProfileInput,
  admin: z.object({ username, displayName: requiredText(40), password }),
  /** passphrase for the station's private signing key; empty = stored unencrypted (0600) */
  keyPassphrase: z.union([z.literal(''), z.string().min(8, { message: 'passphrase_short' }).max(200)]).default(''),
  /** desktop only: keep the passphrase in the OS keychain */
  rememberPassphrase: z.boolean().default(false)
}).superRefine((v, ctx) => {
  if (v.mode === 'district' && v.station.level !== 'district')
    ctx.addIssue({ code: 'custom', path: ['station', 'level'], message: 'a district office uses the district level', params: { rule: 'district_mode_level' } })
})

export const setupApi = {
  /** first run only; refused with ALREADY_SET_UP afterwards */
  'setup.init': method<SetupResult>()({ input: setupInput, roles: 'public', kind: 'write' })
}
