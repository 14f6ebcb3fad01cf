/**
 * `stationdesk cert verify QR_TEXT --trust KEYS.json [--on YYYY-MM-DD] [--json]`: checks a
 * certificate QR text offline against the keys of a key file the operator names (any
 * stationdesk-keys/1 file, signed or not: the operator chose it). Needs no data folder: nothing
 * is opened, created or recorded. "Today" is the station's date (STATIONDESK_TZ, else
 * Asia/Shanghai; STATIONDESK_NOW in tests) unless --on gives one.
 *
 * `stationdesk cert list [--json]`: every certificate issued here with its QR text, through
 * certificates.list page after page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { isoDate } from '../../api/common'
import type { CertificateCheck } from '../../api/verifications'
import { checkQrText, type TrustedSigner } from '../../core/certificates/qr'
import { clockFromEnv, localDate } from '../../core/clock'
import { AppError } from '../../core/errors'
import { parseKeyFile } from '../../core/keys/trustFile'
import { str, type CommandContext, type CommandSpec, type Values } from '../command'
import { EXIT_OK, EXIT_REFUSED, RefusedError, UsageError, table } from '../output'

function onDate(opts: Values): string | undefined {
  const on = str(opts, 'on')
  if (on !== undefined && !isoDate.safeParse(on).success) throw new UsageError('--on takes a date YYYY-MM-DD')
  return on
}

/** the keys of the file named by --trust, by key id */
function trustFrom(c: CommandContext): Map<string, TrustedSigner> {
  const file = path.resolve(c.io.cwd, str(c.opts, 'trust')!)
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`)
  try {
    const keys = parseKeyFile(fs.readFileSync(file, 'utf8')).keys
    return new Map(keys.map((k) => [k.keyId, { ...k, own: false }]))
  } catch (e) {
    if (e instanceof AppError) throw new RefusedError({ ...e.toApi(), message: `${file}: ${e.message}` })
    throw e
  }
}

function describe(r: CertificateCheck): string[] {
  const lines = [`result:      ${r.result}`]
  if (r.result !== 'valid') lines.push(`reason:      ${r.message}`)
  if (r.issuer) lines.push(`issuer:      ${r.issuer.name} (${r.issuer.stationCode}, key ${r.issuer.keyId})`)
  else if (r.keyId) lines.push(`key id:      ${r.keyId}`)
  const f = r.facts
  if (f)
    lines.push(
      `number:      ${f.number}`,
      `name:        ${f.name}`,
      `ID number:   ${f.idNumber}`,
      `issued:      ${f.issueDate}`,
      `valid until: ${f.validUntil}`,
      `marital:     ${f.maritalStatus}`,
      `children:    boys ${f.boys}, girls ${f.girls}`
    )
  return lines
}

async function verify(c: CommandContext): Promise<number> {
  const text = c.args[0]
  if (!text.trim()) throw new UsageError('missing QR_TEXT')
  let today = onDate(c.opts)
  if (!today) {
    try {
      today = localDate(clockFromEnv(c.io.env))
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
  }
  const keys = trustFrom(c)
  const r = checkQrText(text, (keyId) => keys.get(keyId) ?? null, today)
  c.out.result(describe(r), r)
  return r.result === 'valid' ? EXIT_OK : EXIT_REFUSED
}

interface ListedCertificate {
  number: string
  status: string
  qr: string
  name: string
  idNumber: string
  issueDate: string
  validUntil: string
}

async function list(c: CommandContext): Promise<number> {
  const all: ListedCertificate[] = []
  let expired = 0
  for (let page = 1; ; page++) {
    const p = await c.call('certificates.list', { page, pageSize: 500, withQr: true })
    for (const r of p.rows) {
      all.push({ number: r.number, status: r.status, qr: r.qr ?? '', name: r.name, idNumber: r.idNumber, issueDate: r.issueDate, validUntil: r.validUntil })
      if (r.expired) expired++
    }
    if (p.rows.length === 0 || all.length >= p.total) break
  }
  const lines = table(
    ['NUMBER', 'STATUS', 'NAME', 'ID NUMBER', 'ISSUED', 'VALID UNTIL'],
    all.map((r) => [r.number, r.status, r.name, r.idNumber, r.issueDate, r.validUntil])
  )
  lines.push(`${all.length.toLocaleString('en')} certificates${expired ? ` (${expired} valid ones past their last day)` : ''}; --json adds each QR text`)
  c.out.result(lines, all)
  return EXIT_OK
}

export const certCommands: CommandSpec[] = [
  {
    domain: 'cert',
    verb: 'verify',
    summary: 'check a migrant certificate QR text offline against the keys of a key file',
    usage: 'stationdesk cert verify QR_TEXT --trust KEYS.json [--on YYYY-MM-DD] [--json]',
    args: ['QR_TEXT'],
    acts: 'none',
    noData: true,
    options: {
      trust: { type: 'string', help: "--trust KEYS.json  a key file (stationdesk-keys/1): a station's export or the district's list; every key in it is trusted, signed or not" },
      on: { type: 'string', help: "--on YYYY-MM-DD  check the dates as on that day (default: the station's today)" }
    },
    notes: [
      'QR_TEXT is the scanned text (SD1: then digits; case, full-width characters and blanks do not matter; quote it if it has blanks).',
      'Needs no data folder and records nothing (the app records verifications). Exit status: 0 valid, 1 not valid, 2 wrong usage.',
      'Results: valid, invalid_signature, unknown_issuer, expired, not_yet_valid, malformed (with a reason: prefix, version, digits, length, payload).',
      'With --json one line: {"result","message","reason"?,"keyId"?,"issuer"?:{"stationCode","name","keyId","own"},',
      '"facts"?:{"number","stationCode","name","idNumber","issueDate","validUntil","maritalStatus","boys","girls"}}.'
    ],
    validate(opts) {
      if (str(opts, 'trust') === undefined) throw new UsageError('--trust KEYS.json is needed: the key file whose keys to trust')
      onDate(opts)
    },
    run: verify
  },
  {
    domain: 'cert',
    verb: 'list',
    summary: 'list the migrant certificates issued here, each with its QR text (--json)',
    usage: 'stationdesk cert list [--json]',
    notes: ['With --json the last line is an array of {"number","status","qr","name","idNumber","issueDate","validUntil"}; status: valid, superseded or void.'],
    run: list
  }
]
