import fs from 'node:fs'
import path from 'node:path'
import type { KeyFile, TrustState } from '../../api/keys'
import type { CommandContext, CommandSpec } from '../command'
import { KEY_WARNING, keyPassphrase, warnIfKeyUnprotected } from '../secrets'
import { writeOut } from '../files'
import { table, UsageError } from '../output'

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

/** a key file's text, as the user named it */
function readKeyFile(c: CommandContext): string {
  const file = path.resolve(c.io.cwd, c.args[0])
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`)
  return fs.readFileSync(file, 'utf8')
}

function trustLines(t: TrustState): string[] {
  const lines = [
    t.district ? `district key: ${t.district.name} (${t.district.code}), key id ${t.district.keyId}, set ${t.district.setAt}` : 'district key: not set (stationdesk keys district set FILE)',
    t.list ? `station list: ${t.list.count} keys signed by ${t.list.signedBy}, imported ${t.list.importedAt}` : 'station list: none imported (stationdesk keys trust add FILE)'
  ]
  return [...lines, '', ...table(['SOURCE', 'STATION', 'NAME', 'KEY ID'], t.keys.map((k) => [k.source, k.stationCode, k.name, k.keyId]))]
}

export const keysTrustCommands: CommandSpec[] = [
  {
    domain: 'keys',
    verb: 'trust add',
    summary: "import the district's signed list of station keys (replaces the list in force)",
    usage: 'stationdesk keys trust add FILE',
    args: ['FILE'],
    notes: [
      "The list must carry the signature of the district key set with `stationdesk keys district set`; otherwise it is refused and nothing changes.",
      'With --json the last line is the trust state: {"district","list":{"importedAt","signedBy","count"},"keys":[{"stationCode","name","keyId","publicKey","source"}]}.'
    ],
    async run(c) {
      const t = await c.call('keys.trustImport', { content: readKeyFile(c) })
      c.out.result([`Imported ${t.list?.count ?? 0} station keys signed by the district (${t.list?.signedBy ?? ''}).`], t)
    }
  },
  {
    domain: 'keys',
    verb: 'trust list',
    summary: 'show the district key and the station keys this station trusts',
    usage: 'stationdesk keys trust list',
    async run(c) {
      const t = await c.call('keys.trust', {})
      c.out.result(trustLines(t), t)
    }
  },
  {
    domain: 'keys',
    verb: 'district set',
    summary: "set the district's public key from its key file (admin; once, or again with --replace)",
    usage: 'stationdesk keys district set FILE [--replace]',
    args: ['FILE'],
    options: { replace: { type: 'boolean', help: '--replace  replace a district key already set (the list the old key signed stops being trusted)' } },
    notes: ["FILE: the district's own key file (one key, signed by itself) or its signed list (signed by one of its keys)."],
    async run(c) {
      const t = await c.call('keys.districtSet', { content: readKeyFile(c), replace: c.opts.replace === true })
      const d = t.district!
      c.out.result([`District key: ${d.name} (${d.code}), key id ${d.keyId}`], t)
    }
  }
]
