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
  /**
   * sealKey: the district's X25519 public key (raw, base64) that stations seal packets to; only
   * on the district's own entry. It is signed with the rest when present.
   */
  keys: { stationCode: string; name: string; keyId: string; publicKey: string; sealKey?: string }[]
  signedBy: string | null
  signature: string | null
}

/** a station key this station trusts to sign certificates (and, at the district, packets) */
export interface TrustedKey {
  stationCode: string
  name: string
  keyId: string
  publicKey: string
  /** 'own': this station's key; 'district': from the district's signed list */
  source: 'own' | 'district'
}

export interface TrustState {
  /** the district's public key, entered once by an admin; null until then */
  district: { code: string; name: string; keyId: string; publicKey: string; setAt: string; sealKey?: string | null } | null
  /** the district's list in force: when it was imported and how many keys it holds */
  list: { importedAt: string; signedBy: string; count: number } | null
  keys: TrustedKey[]
}

/** a key file's text (JSON), as read from the file the user chose */
const keyFileText = z.object({ content: z.string().min(2).max(5_000_000) })

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

/**
 * The keys this station trusts to sign certificates: the district's public key and its signed
 * list of station keys (answered by src/core/keys/trust*.ts).
 */
export const keysTrustApi = {
  'keys.trust': method<TrustState>()({ input: empty, roles: ['admin', 'head', 'clerk'], kind: 'read' }),
  /**
   * Sets the district's public key from its key file (one entry, self-signed; or the district's
   * signed list, whose signer must be one of its entries). Replacing a set key needs `replace`.
   */
  'keys.districtSet': method<TrustState>()({
    input: keyFileText.extend({ replace: z.boolean().default(false) }),
    roles: ['admin'],
    kind: 'write'
  }),
  /**
   * Imports the district's signed list of trusted station keys: refused (SIGNATURE_INVALID) unless
   * signed by the district key set above. It replaces the list in force.
   */
  'keys.trustImport': method<TrustState>()({ input: keyFileText, roles: ['admin', 'head'], kind: 'write' })
}
