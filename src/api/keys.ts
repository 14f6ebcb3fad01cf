import { z } from 'zod'
import { method, type FileOut } from './contract'
import { empty } from './common'

export interface KeyInfo {
  keyId: string
  publicKey: string
  /** private key stored without passphrase (0600 only): the UI shows a warning */
  unprotected: boolean
}

/** the key file format of DESIGN.md §4 */
export interface KeyFile {
  format: 'stationdesk-keys/1'
  keys: { stationCode: string; name: string; keyId: string; publicKey: string }[]
  signedBy: string | null
  signature: string | null
}

export const keysApi = {
  'keys.info': method<KeyInfo>()({ input: empty, roles: ['admin', 'head'], kind: 'read' }),
  /** the station's public key as a key file, self-signed, for the district and other stations */
  /** puts a passphrase on an unprotected key, or changes it (the key pair stays the same) */
  'keys.setPassphrase': method<KeyInfo>()({
    input: z.object({
      currentPassphrase: z.string().max(200).default(''),
      newPassphrase: z.string().min(8, { message: 'passphrase_short' }).max(200),
      rememberPassphrase: z.boolean().default(false)
    }),
    roles: ['admin'],
    kind: 'write'
  }),
  'keys.exportPublic': method<FileOut>()({
    input: z.object({ passphrase: z.string().max(200).optional() }).optional().default({}),
    roles: ['admin', 'head'],
    kind: 'sensitive-read'
  })
}
