import type { keysApi } from '../../api/keys'
import type { Handlers } from '../handler'
import { readStation } from '../station/profile'
import { signKeyFile } from './keyfile'
import { keyInfo, loadPrivateKey, reprotectStationKey } from './keystore'
import { keyPassphrase } from './passphrase'
import { sealKeyFromSigningKey } from './sealKey'
import { stationMode } from '../setup/state'

export const keysHandlers: Handlers<typeof keysApi> = {
  'keys.info': (ctx) => keyInfo(ctx.runtime.paths.privateKey),

  'keys.setPassphrase': (ctx, input) => {
    const file = ctx.runtime.paths.privateKey
    const before = keyInfo(file)
    const current = before.unprotected ? null : keyPassphrase(ctx.runtime, input.currentPassphrase)
    const after = reprotectStationKey(file, current, input.newPassphrase)
    if (input.rememberPassphrase) ctx.runtime.options.passphraseStore?.set(input.newPassphrase)
    ctx.audit({ entity: 'key', entityId: after.keyId, summary: before.unprotected ? 'put a passphrase on the signing key' : 'changed the signing key passphrase', msg: [before.unprotected ? 'key.passphraseSet' : 'key.passphraseChanged'] })
    return after
  },

  'keys.exportPublic': (ctx, input) => {
    const file = ctx.runtime.paths.privateKey
    const info = keyInfo(file)
    const st = readStation(ctx)
    const priv = loadPrivateKey(file, keyPassphrase(ctx.runtime, input.passphrase))
    // a district office's file also carries its seal key, for stations to seal packets to
    const sealKey = stationMode(ctx.sqlite) === 'district' ? sealKeyFromSigningKey(priv).publicKey : undefined
    const keyFile = signKeyFile([{ stationCode: st.code, name: st.name, keyId: info.keyId, publicKey: info.publicKey, ...(sealKey ? { sealKey } : {}) }], info.keyId, priv)
    ctx.audit({ entity: 'key', entityId: info.keyId, summary: `exported the public key ${info.keyId}`, msg: ['key.exported', { keyId: info.keyId }] })
    return {
      filename: `stationdesk-key-${st.code}-${info.keyId}.json`,
      mime: 'application/json',
      base64: Buffer.from(JSON.stringify(keyFile, null, 2) + '\n', 'utf8').toString('base64')
    }
  }
}
