import type { KeyFile } from '../../api/keys'
import type { CommandSpec } from '../command'
import { KEY_WARNING, keyPassphrase, warnIfKeyUnprotected } from '../secrets'
import { writeOut } from '../files'

export const keysCommands: CommandSpec[] = [
  {
    domain: 'keys',
    verb: 'export',
    summary: "write the station's public key file (stationdesk-keys/1) for the district",
    usage: 'stationdesk keys export [--out FILE]',
    options: { out: { type: 'string', help: '--out FILE  where to write it (default: its own name in the current folder)' } },
    notes: ['A protected signing key needs its passphrase in STATIONDESK_KEY_PASSPHRASE.'],
    async run(c) {
      await warnIfKeyUnprotected(c)
      const f = await c.call('keys.exportPublic', { passphrase: keyPassphrase(c) })
      const file = writeOut(c, f.filename, f.base64)
      const k = JSON.parse(Buffer.from(f.base64, 'base64').toString('utf8')) as KeyFile
      const keyId = k.keys[0]?.keyId ?? k.signedBy
      c.out.result(file, { file, keyId })
    }
  },
  {
    domain: 'keys',
    verb: 'info',
    summary: "show the station's key id and public key",
    usage: 'stationdesk keys info',
    async run(c) {
      const k = await c.call('keys.info', {})
      if (k.unprotected) c.out.warn(KEY_WARNING)
      c.out.result([`key id:     ${k.keyId}`, `public key: ${k.publicKey}`, `protected:  ${k.unprotected ? 'no (file permissions 0600 only)' : 'yes (passphrase)'}`], k)
    }
  }
]
