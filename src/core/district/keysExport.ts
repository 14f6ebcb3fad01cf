/**
 * district.keysExport: the district's signed key list (stationdesk-keys/1) for its stations —
 * the district's own entry first, carrying its seal key (stations seal packets to it, and set it
 * as their district key from this file), then every active station key, by station code. Signed
 * with the district's key: a station accepts the list only with that signature (keys/trust.ts).
 */
import type { FileOut } from '../../api/contract'
import type { KeyFile } from '../../api/keys'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { signKeyFile } from '../keys/keyfile'
import { keyInfo } from '../keys/keystore'
import { sealKeyFromSigningKey } from '../keys/sealKey'
import { readStation } from '../station/profile'
import { ownSigningKey, remember } from './ownKey'

export function exportKeys(ctx: Ctx, passphrase?: string): FileOut {
  const info = keyInfo(ctx.runtime.paths.privateKey)
  const priv = ownSigningKey(ctx, passphrase)
  const seal = sealKeyFromSigningKey(priv)
  remember(ctx, seal)
  const own = readStation(ctx)
  const stations = stmt(ctx.sqlite, "SELECT code AS stationCode, name, key_id AS keyId, public_key AS publicKey FROM district_stations WHERE status = 'active' ORDER BY code, key_id").all() as KeyFile['keys']
  const file = signKeyFile([{ stationCode: own.code, name: own.name, keyId: info.keyId, publicKey: info.publicKey, sealKey: seal.publicKey }, ...stations], info.keyId, priv)
  ctx.audit({
    entity: 'key',
    entityId: info.keyId,
    summary: `exported the district's signed key list: its own key and ${stations.length} station keys`,
    msg: ['district.keysExported', { count: stations.length }]
  })
  return {
    filename: `stationdesk-keys-${own.code}-${localDate(ctx.clock)}.json`,
    mime: 'application/json',
    base64: Buffer.from(JSON.stringify(file, null, 2) + '\n', 'utf8').toString('base64')
  }
}
