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
  'keys.exportPublic': method<FileOut>()({
    input: z.object({ passphrase: z.string().max(200).optional() }).optional().default({}),
    roles: ['admin', 'head'],
    kind: 'sensitive-read'
  })
}
