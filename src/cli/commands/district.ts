/**
 * The district office's commands (a data folder set up in district mode):
 *   district init --code CODE --name NAME --admin USER   set up the office (first run only)
 *   district trust add FILE [--replace]                  register a station's public key file
 *   district stations                                     the stations, their keys and packets
 *   district import DIR                                   every *.sdpkt in DIR, in name order
 *   district report --period YYYY-MM                      the month across the stations
 *   district keys export [--out FILE]                     the signed list of trusted station keys
 */
import fs from 'node:fs'
import path from 'node:path'
import type { DistrictFigure, DistrictImportItem, DistrictReport, DistrictStation } from '../../api/district'
import { str, type CommandContext, type CommandSpec } from '../command'
import { writeOut } from '../files'
import { EXIT_OK, EXIT_REFUSED, table, UsageError } from '../output'
import { KEY_WARNING, keyPassphrase, newPassword } from '../secrets'

/** packets per district.import call (the contract takes up to 1,000; smaller calls keep memory low) */
const BATCH = 100

const pct = (r: { num: number; den: number; rate: number }) => (r.den ? `${(r.rate * 100).toFixed(1)}% (${r.num}/${r.den})` : '—')

function stationLines(list: DistrictStation[]): string[] {
  if (!list.length) return ['No stations registered yet: stationdesk district trust add FILE (the key file a station exported with `stationdesk keys export`).']
  return table(
    ['CODE', 'NAME', 'KEY', 'PACKETS', 'LAST', 'MISSING SEQS', 'CHAIN BREAKS', 'SKIPPED (RESTORE)'],
    list.map((s) => [
      s.code,
      s.name,
      s.keys.map((k) => (k.status === 'active' ? k.keyId : `${k.keyId} (retired)`)).join(', '),
      s.packets,
      s.last ? `#${s.last.seq} ${s.last.period}` : '—',
      s.missingSeqs.join(', ') || '—',
      s.chainBreaks.join(', ') || '—',
      // declared by the station after restoring a backup: not to chase
      [...s.skippedSeqs.map(String), ...s.supersededSeqs.map((n) => `${n} (superseded)`)].join(', ') || '—'
    ])
  )
}

function itemLine(i: DistrictImportItem): string {
  const what = i.stationCode ? `station ${i.stationCode} #${i.seq} ${i.period}` : ''
  if (i.outcome === 'imported') return `imported   ${i.file}  ${what}, ${i.rows} rows`
  if (i.outcome === 'duplicate') return `duplicate  ${i.file}  ${what} (imported before: nothing changed)`
  return `refused    ${i.file}  ${i.reason}: ${i.message}`
}

const FIGURE_WORDS: Record<DistrictFigure, string> = { screened: 'screened', referred: 'referred', stockOut: 'stock out', certificatesIssued: 'certificates', verifications: 'verifications' }
/** the records check of a line: agrees, or the figures that differ */
const check = (mismatch: DistrictFigure[]): string => (mismatch.length ? `differs: ${mismatch.map((f) => FIGURE_WORDS[f]).join(', ')}` : 'agrees')

function reportLines(r: DistrictReport): string[] {
  const arrived = r.stations.filter((s) => s.arrived)
  const sum = (f: (s: DistrictReport['stations'][number]) => number) => arrived.reduce((t, s) => t + f(s), 0)
  const lines = [
    `District report ${r.period}: ${arrived.length} of ${r.stations.length} stations reported${r.missing.length ? `; missing: ${r.missing.join(', ')}` : ''}`,
    '',
    ...table(
      ['CODE', 'STATION', 'PACKET', 'SCREENED', 'REFERRED', 'STOCK OUT', 'CERTS', 'VERIFS', 'CERT RATE', 'VERIF RATE', 'RECORDS'],
      [
        ...r.stations.map((s) =>
          s.arrived
            ? [s.code, s.name, `#${s.packetSeq}`, s.screened, s.referred, s.stockOut, s.certificatesIssued, s.verifications, pct(s.certificateRate), pct(s.verificationRate), check(s.mismatch)]
            : [s.code, s.name, s.due ? 'missing' : 'not due', '', '', '', '', '', '', '', s.mismatch.length ? 'records, no report' : '']
        ),
        ['TOTAL', '', `${arrived.length}/${r.stations.length}`, sum((s) => s.screened), sum((s) => s.referred), sum((s) => s.stockOut), sum((s) => s.certificatesIssued), sum((s) => s.verifications), pct(r.rates.certificate), pct(r.rates.verification), check(r.totals.mismatch)]
      ]
    )
  ]
  const differing = r.stations.filter((s) => s.mismatch.length)
  if (differing.length) {
    lines.push('', 'Records check: these figures counted from the records by business date differ from the report')
    for (const s of differing) lines.push(`  ${s.code} ${s.name}: ${s.mismatch.map((f) => `${FIGURE_WORDS[f]} records ${s.records[f]}, report ${s.arrived ? s[f] : '—'}`).join('; ')}`)
  }
  if (r.screening.length)
    lines.push('', 'Screening by kind', ...table(['KIND', 'CAMPAIGNS', 'TARGET', 'TO DATE', 'COVERAGE', 'IN MONTH', 'ABNORMAL', 'REFERRED'], r.screening.map((k) => [k.kind, k.campaigns, k.target, k.screenedToDate, pct(k.coverage), k.screenedInMonth, k.abnormalInMonth, k.referredInMonth])))
  if (r.stock.length) lines.push('', 'Stock by product (base units)', ...table(['CODE', 'PRODUCT', 'STATIONS', 'OPENING', 'CLOSING', 'CONSUMED'], r.stock.map((p) => [p.code, p.name, p.stations, p.opening, p.closing, p.consumed])))
  const c = r.certificates
  lines.push('', `Certificates: issued ${c.issued} (renewed ${c.renewed}), voided ${c.voided}, valid at month end ${c.validAtMonthEnd}; verifications ${c.verifications.total} (QR ${c.verifications.byQr}, by hand ${c.verifications.byHand})`)
  return lines
}

function packetFiles(c: CommandContext): string[] {
  const dir = path.resolve(c.io.cwd, c.args[0])
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${dir}`)
  return fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.sdpkt') && fs.statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f))
}

export const districtCommands: CommandSpec[] = [
  {
    domain: 'district',
    verb: 'init',
    summary: 'set up a district office (district mode) non-interactively (first run only)',
    usage: 'stationdesk district init --code CODE --name NAME --admin USER [--admin-name DISPLAY] [--address A] [--phone P]',
    acts: 'none',
    options: {
      code: { type: 'string', help: "--code CODE  the office's 9-digit code: county code + 000" },
      name: { type: 'string', help: "--name NAME  the office's name" },
      admin: { type: 'string', help: "--admin USER  the administrator's username" },
      'admin-name': { type: 'string', help: "--admin-name DISPLAY  the administrator's display name (default: the username)" },
      address: { type: 'string', help: '--address A' },
      phone: { type: 'string', help: '--phone P' }
    },
    notes: [
      "The administrator's password: STATIONDESK_PASSWORD, else the first line of standard input.",
      'The signing key passphrase: STATIONDESK_KEY_PASSPHRASE; without it the key is stored unencrypted (0600). The same key opens the packets stations seal to the office.'
    ],
    async run(c) {
      const code = str(c.opts, 'code')
      const name = str(c.opts, 'name')
      const admin = str(c.opts, 'admin')
      const missing = [!code && '--code', !name && '--name', !admin && '--admin'].filter(Boolean)
      if (missing.length) throw new UsageError(`district init needs ${missing.join(', ')}`)
      const password = await newPassword(c, "the administrator's password")
      const r = await c.call('setup.init', {
        mode: 'district',
        station: { level: 'district', code: code!, name: name!, address: str(c.opts, 'address') ?? '', phone: str(c.opts, 'phone') ?? '', buildingArea: null },
        admin: { username: admin!, displayName: str(c.opts, 'admin-name') || admin!, password },
        keyPassphrase: keyPassphrase(c) ?? ''
      })
      if (r.keyUnprotected) c.out.warn(KEY_WARNING)
      c.out.result(
        [
          `District office ${r.stationCode} ${name} is set up.`,
          `Data folder: ${c.dataDir}`,
          `Administrator: ${admin!.toLowerCase()}`,
          `Signing key: ${r.keyId}${r.keyUnprotected ? ' (unprotected)' : ' (encrypted)'}`,
          'Next: register each station with `stationdesk district trust add FILE`, then `stationdesk district keys export` for the stations.'
        ],
        { ...r, dataDir: c.dataDir, admin: admin!.toLowerCase() }
      )
    }
  },
  {
    domain: 'district',
    verb: 'trust add',
    summary: "register a station's public key from the key file it exported",
    usage: 'stationdesk district trust add FILE [--replace]',
    args: ['FILE'],
    options: { replace: { type: 'boolean', help: "--replace  replace the station's registered key (the old one is kept, retired, so its packets still verify)" } },
    notes: ["FILE: the station's own key file (`stationdesk keys export` at the station): one key, signed by itself."],
    async run(c) {
      const file = path.resolve(c.io.cwd, c.args[0])
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`)
      const s = await c.call('district.stationAdd', { content: fs.readFileSync(file, 'utf8'), replace: c.opts.replace === true })
      const active = s.keys.find((k) => k.status === 'active')
      c.out.result([`Station ${s.code} ${s.name}: key ${active?.keyId ?? ''} registered (${s.keys.length} key${s.keys.length === 1 ? '' : 's'} in all).`], s)
    }
  },
  {
    domain: 'district',
    verb: 'stations',
    summary: 'list the registered stations with their keys, packets, missing sequence numbers and chain breaks',
    usage: 'stationdesk district stations',
    async run(c) {
      const list = await c.call('district.stations', {})
      c.out.result(stationLines(list), list)
    }
  },
  {
    domain: 'district',
    verb: 'import',
    summary: 'import every .sdpkt packet file of a folder (each whole or not at all)',
    usage: 'stationdesk district import DIR',
    args: ['DIR'],
    notes: [
      'Files are imported in name order, each in its own transaction: a packet imported before is a no-op (duplicate), a refused one changes nothing.',
      'Sealed packets are opened with the office key: a protected key needs STATIONDESK_KEY_PASSPHRASE.',
      'Exit 1 when any file was refused. With --json the last line is {"items":[{"file","outcome","stationCode","seq","period","rows","code","reason","message"}],"imported","duplicates","refused"}.'
    ],
    async run(c) {
      const files = packetFiles(c)
      if (!files.length) throw new UsageError(`no .sdpkt files in ${path.resolve(c.io.cwd, c.args[0])}`)
      const all = { items: [] as DistrictImportItem[], imported: 0, duplicates: 0, refused: 0 }
      for (let i = 0; i < files.length; i += BATCH) {
        const batch = files.slice(i, i + BATCH)
        const r = await c.call('district.import', {
          files: batch.map((f) => ({ name: path.basename(f), base64: fs.readFileSync(f).toString('base64') })),
          passphrase: keyPassphrase(c)
        })
        for (const item of r.items) c.out.line(itemLine(item))
        all.items.push(...r.items)
        all.imported += r.imported
        all.duplicates += r.duplicates
        all.refused += r.refused
      }
      c.out.result([`${files.length} files: ${all.imported} imported, ${all.duplicates} duplicates, ${all.refused} refused.`], all)
      return all.refused ? EXIT_REFUSED : EXIT_OK
    }
  },
  {
    domain: 'district',
    verb: 'report',
    summary: "a month across the stations: each station's figures and the totals",
    usage: 'stationdesk district report --period YYYY-MM',
    options: { period: { type: 'string', help: '--period YYYY-MM  the month (required)' } },
    notes: [
      "Figures are each station's own report tables of its latest packet for the month, summed; rates are Σ numerators / Σ denominators.",
      'RECORDS checks five figures counted again from the rows the packets carried, by business date: agrees, or the figures that differ.',
      'With --json the last line is the report: {"period","stations":[…],"missing","screening","stock","certificates","rates":{"certificate":{"num","den","rate"},"verification":{…}}}.'
    ],
    validate(opts) {
      const p = str(opts, 'period')
      if (!p) throw new UsageError('--period YYYY-MM is required')
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) throw new UsageError(`--period is a month as YYYY-MM, not ${p}`)
    },
    async run(c) {
      const r = await c.call('district.report', { period: str(c.opts, 'period')! })
      c.out.result(reportLines(r), r)
    }
  },
  {
    domain: 'district',
    verb: 'keys export',
    summary: "write the office's signed key list: its own key (with the seal key) and every registered station key",
    usage: 'stationdesk district keys export [--out FILE]',
    options: { out: { type: 'string', help: '--out FILE  where to write it (default: its own name in the current folder)' } },
    notes: [
      'Stations set the office as their district key from this file (`stationdesk keys district set FILE`) and import it as their trusted list (`stationdesk keys trust add FILE`).',
      'A protected signing key needs its passphrase in STATIONDESK_KEY_PASSPHRASE.'
    ],
    async run(c) {
      const f = await c.call('district.keysExport', { passphrase: keyPassphrase(c) })
      const file = writeOut(c, f.filename, f.base64)
      const k = JSON.parse(Buffer.from(f.base64, 'base64').toString('utf8')) as { keys: unknown[]; signedBy: string }
      c.out.result([`${file}: the office key and ${k.keys.length - 1} station keys, signed by ${k.signedBy}`], { file, keys: k.keys.length, signedBy: k.signedBy })
    }
  }
]
