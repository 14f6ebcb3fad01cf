/**
 * `stationdesk packet export --period YYYY-MM [--out DIR]`: the closed month's packet (.sdpkt),
 * built once and stored; again: the same bytes (packets.export).
 * `stationdesk packet list`: every packet built here, with its hash (packets.list).
 * `stationdesk packet verify FILE --trust KEYS.json [--district-key FILE]`: offline, without a
 * data folder: the signature against the keys of any key file (every entry a possible signer),
 * the manifest and every listed file; with the district's key file, that a sealed packet is
 * addressed to it; with its private signing key file, the sealed payload opened and its inner
 * files checked too. An opened payload's rows and reports are read as the district reads them.
 * Exit 0 valid, 1 not valid (the reason), 2 usage.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { PacketTotals } from '../../api/packetReports'
import type { PacketInfo, PacketManifest } from '../../api/packets'
import { periodMonth } from '../../api/periods'
import { AppError } from '../../core/errors'
import { writeFileAtomic } from '../../core/files/atomic'
import { keyIdOf, loadPrivateKey } from '../../core/keys/keystore'
import { packetError } from '../../core/packets/errors'
import { sealKeyFromSigningKey, type SealKeyPair } from '../../core/keys/sealKey'
import { parseKeyFile } from '../../core/keys/trustFile'
import { openPayload, verifyPacket, type OpenedPayload, type VerifiedPacket } from '../../core/packets/container'
import { readContent } from '../../core/district/content'
import { str, type CommandContext, type CommandSpec } from '../command'
import { keyPassphrase, warnIfKeyUnprotected } from '../secrets'
import { EXIT_OK, RefusedError, UsageError, table } from '../output'

const n = (x: number) => x.toLocaleString('en')

function existingFile(c: CommandContext, name: string, what: string): string {
  const file = path.resolve(c.io.cwd, name)
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file} (${what})`)
  return file
}

/** an AppError of the core as the CLI's refusal (exit 1), naming the file */
function refused(e: unknown, file?: string): never {
  if (e instanceof AppError) throw new RefusedError({ ...e.toApi(), message: file ? `${file}: ${e.message}` : e.message })
  throw e
}

async function exportPacket(c: CommandContext): Promise<void> {
  const period = str(c.opts, 'period')!
  await warnIfKeyUnprotected(c)
  const r = await c.call('packets.export', { period, passphrase: keyPassphrase(c) })
  const file = path.join(path.resolve(c.io.cwd, str(c.opts, 'out') ?? '.'), r.file.filename)
  // never a part of a packet under its name, should the process die while writing it
  writeFileAtomic(file, Buffer.from(r.file.base64, 'base64'))
  const p = r.packet
  c.out.result(
    [
      file,
      `seq ${p.seq}, ${p.period}${p.closeNo > 1 ? ` (close ${p.closeNo})` : ''}, ${n(p.rows)} rows, ${n(p.size)} bytes, ${p.sealed ? `sealed to the district key ${p.recipientKeyId}` : 'not sealed (no district seal key set)'}`,
      `sha256 ${p.sha256}`,
      r.built ? 'built now and stored' : `the stored packet, exported again (export ${p.exportCount})`
    ],
    { file, built: r.built, ...p }
  )
}

async function list(c: CommandContext): Promise<void> {
  const l = await c.call('packets.list', {})
  const lines = table(
    ['SEQ', 'MONTH', 'CLOSE', 'ROWS', 'SEALED', 'EXPORTS', 'CREATED', 'SHA256'],
    l.packets.map((p: PacketInfo) => [p.seq, p.period, p.closeNo, n(p.rows), p.sealed ? 'yes' : 'no', p.exportCount, p.createdAt, p.sha256])
  )
  lines.push(
    '',
    `next sequence number: ${l.nextSeq}; rows written since the last packet: ${n(l.pendingRows)}`,
    l.district ? `district: ${l.district.name} (key ${l.district.keyId})${l.district.sealKeyId ? `, packets sealed to seal key ${l.district.sealKeyId}` : ', no seal key: packets travel signed but not encrypted'}` : 'district key not set: packets travel signed but not encrypted (stationdesk keys district set FILE)',
    l.unexported.length ? `closed months without their packet: ${l.unexported.join(', ')} (stationdesk packet export --period YYYY-MM)` : 'every closed month has its packet'
  )
  c.out.result(lines, l)
}

/** every entry of the key file is a possible signer */
function trustedKeys(c: CommandContext): Map<string, { stationCode: string; name: string; publicKey: string }> {
  const file = existingFile(c, str(c.opts, 'trust')!, '--trust')
  try {
    return new Map(parseKeyFile(fs.readFileSync(file, 'utf8')).keys.map((k) => [k.keyId, k]))
  } catch (e) {
    refused(e, file)
  }
}

/**
 * --district-key: the district's private signing key file (its seal key opens a sealed payload;
 * passphrase from STATIONDESK_KEY_PASSPHRASE), or its public key file (stationdesk-keys/1 whose
 * entry carries sealKey: the packet is checked to be addressed to it, without opening it)
 */
type DistrictKeyArg = { kind: 'private'; seal: SealKeyPair } | { kind: 'public'; sealKeyId: string; name: string }

function districtKeyArg(c: CommandContext): DistrictKeyArg | null {
  const name = str(c.opts, 'district-key')
  if (name === undefined) return null
  const file = existingFile(c, name, '--district-key')
  const text = fs.readFileSync(file, 'utf8')
  let doc: { format?: unknown }
  try {
    doc = JSON.parse(text) as { format?: unknown }
  } catch {
    doc = {}
  }
  if (doc?.format === 'stationdesk-keys/1') {
    let entry
    try {
      entry = parseKeyFile(text).keys.find((k) => k.sealKey)
    } catch (e) {
      refused(e, file)
    }
    if (!entry?.sealKey) throw new UsageError(`${file} has no district seal key (sealKey): use the key file the district office exported`)
    return { kind: 'public', sealKeyId: keyIdOf(Buffer.from(entry.sealKey, 'base64')), name: entry.name }
  }
  if (doc?.format !== 'stationdesk-private-key/1')
    throw new UsageError(`${file} is neither a key file nor a private signing key file: --district-key takes the district office's key file or its keys/station-signing-key.json`)
  try {
    return { kind: 'private', seal: sealKeyFromSigningKey(loadPrivateKey(file, keyPassphrase(c) ?? null)) }
  } catch (e) {
    refused(e, file)
  }
}

function totalsLines(t: PacketTotals): string[] {
  const rate = (r: PacketTotals['certificateRate']) => `${n(r.num)}/${n(r.den)} (${(r.rate * 100).toFixed(1)}%)`
  return [
    `totals:      screened ${n(t.screened)}, referred ${n(t.referred)}, stock out ${n(t.stockOut)}, certificates issued ${n(t.certificatesIssued)}, verifications ${n(t.verifications)}`,
    `             certificate rate ${rate(t.certificateRate)}, verification rate ${rate(t.verificationRate)}`
  ]
}

function describe(v: VerifiedPacket, signer: string, opened: OpenedPayload | null): { lines: string[]; json: Record<string, unknown> } {
  const m: PacketManifest = v.manifest
  const files = opened ? opened.entries : m.files
  const sealedLine = m.sealed
    ? `yes, to the district key ${m.sealed.recipientKeyId} (seal key ${m.sealed.sealKeyId}); ${opened ? 'opened with --district-key, inner files checked' : 'not opened (give the district\'s private key file as --district-key to check the inner files)'}`
    : 'no'
  const lines = [
    'result:      valid',
    `station:     ${m.station.name} (${m.station.code}), signed by key ${v.keyId} (${signer})`,
    `period:      ${m.period}${m.closeNo > 1 ? ` (close ${m.closeNo}: corrections after a reopen)` : ''}`,
    `sequence:    ${m.seq}`,
    `previous:    ${m.prevSha256 ?? 'none (the first packet)'}`,
    ...(m.skipped ? [`skipped:     ${m.skipped.from === m.skipped.to ? m.skipped.from : `${m.skipped.from}–${m.skipped.to}`} (${m.skipped.reason === 'restored_backup' ? 'the station restored an older backup' : 'not recorded: a write that did not commit'}; never to arrive)`] : []),
    `sha256:      ${v.sha256}`,
    `size:        ${n(v.size)} bytes`,
    `created:     ${m.createdAt} by ${m.createdBy}`,
    `sealed:      ${sealedLine}`,
    'files:',
    ...table(['  FILE', 'ROWS', 'BYTES'], files.map((f) => [`  ${f.path}`, f.rows === null ? '' : n(f.rows), n(f.size)]))
  ]
  const totals = opened?.totals ?? m.totals
  if (totals) lines.push(...totalsLines(totals))
  const json = {
    valid: true,
    station: m.station,
    period: m.period,
    seq: m.seq,
    closeNo: m.closeNo,
    prevSha256: m.prevSha256,
    skipped: m.skipped ?? null,
    sha256: v.sha256,
    size: v.size,
    keyId: v.keyId,
    createdAt: m.createdAt,
    createdBy: m.createdBy,
    sealed: m.sealed ? { recipientKeyId: m.sealed.recipientKeyId, sealKeyId: m.sealed.sealKeyId, opened: opened !== null } : null,
    files,
    totals
  }
  return { lines, json }
}

async function verify(c: CommandContext): Promise<number> {
  const file = existingFile(c, c.args[0], 'the packet')
  const keys = trustedKeys(c)
  const district = districtKeyArg(c)
  let v: VerifiedPacket
  let opened: OpenedPayload | null = null
  try {
    v = verifyPacket(fs.readFileSync(file), (keyId) => keys.get(keyId) ?? null)
    const sealed = v.manifest.sealed
    if (!sealed) opened = openPayload(v, null)
    else if (district?.kind === 'private') opened = openPayload(v, district.seal)
    else if (district?.kind === 'public' && sealed.sealKeyId !== district.sealKeyId)
      throw packetError('not_for_this_district', { sealKeyId: sealed.sealKeyId, district: district.name })
    // the rows and reports read as the district reads them: valid here is what the district takes
    if (opened) readContent(v, opened, path.basename(file))
  } catch (e) {
    refused(e, file)
  }
  const signer = keys.get(v.keyId)!
  const d = describe(v, `${signer.name}, ${signer.stationCode}`, opened)
  c.out.result(d.lines, d.json)
  return EXIT_OK
}

export const packetCommands: CommandSpec[] = [
  {
    domain: 'packet',
    verb: 'export',
    summary: "write a closed month's signed packet (.sdpkt) for the district",
    usage: 'stationdesk packet export --period YYYY-MM [--out DIR]',
    options: {
      period: { type: 'string', help: '--period YYYY-MM  the closed month' },
      out: { type: 'string', help: '--out DIR  the folder to write it to (default: the current folder); its name is <station code>-<month>-<seq>.sdpkt' }
    },
    notes: [
      "The month must be closed (stationdesk period close YYYY-MM). Its packet is built at the first export and stored: exporting again writes the same bytes.",
      "A reopened month closed again gets a new packet (the next sequence number) with the corrections. A protected signing key needs STATIONDESK_KEY_PASSPHRASE.",
      'With --json the last line is {"file","built","seq","period","closeNo","sha256","prevSha256","size","rows","sealed","recipientKeyId","filename","exportCount",…}.'
    ],
    validate(opts) {
      const p = str(opts, 'period')
      if (p === undefined) throw new UsageError('--period YYYY-MM is needed: the closed month whose packet to export')
      if (!periodMonth.safeParse(p).success) throw new UsageError(`a month is written YYYY-MM, not ${p}`)
    },
    run: exportPacket
  },
  {
    domain: 'packet',
    verb: 'list',
    summary: 'list the packets built here, with their SHA-256, and what is not exported yet',
    usage: 'stationdesk packet list [--json]',
    notes: ['With --json the last line is {"packets":[…],"nextSeq","district","pendingRows","unexported"}.'],
    run: list
  },
  {
    domain: 'packet',
    verb: 'verify',
    summary: "check a packet file offline: its signature against a key file's keys, its manifest and files",
    usage: 'stationdesk packet verify FILE --trust KEYS.json [--district-key FILE] [--json]',
    args: ['FILE'],
    acts: 'none',
    noData: true,
    options: {
      trust: { type: 'string', help: "--trust KEYS.json  a key file (stationdesk-keys/1): a station's export or the district's list; every key in it may have signed the packet" },
      'district-key': {
        type: 'string',
        help: "--district-key FILE  the district office's key file (checks a sealed packet is addressed to it), or its private signing key file (its data folder's keys/station-signing-key.json; passphrase from STATIONDESK_KEY_PASSPHRASE: opens a sealed payload and checks the files inside)"
      }
    },
    notes: [
      'Needs no data folder and records nothing. Exit status: 0 valid, 1 not valid (with the reason), 2 wrong usage.',
      'Reasons: not_a_packet, truncated, newer_format, unknown_key, bad_signature, wrong_station, file_mismatch, not_for_this_district, seal_broken, too_big, bad_row.',
      'With --json the last line is {"valid":true,"station","period","seq","closeNo","prevSha256","sha256","size","keyId","createdAt","createdBy","sealed","files","totals"}',
      'or, when not valid, {"error":{"code","message","details":{"reason",…}}}.'
    ],
    validate(opts) {
      if (str(opts, 'trust') === undefined) throw new UsageError('--trust KEYS.json is needed: the key file whose keys may have signed the packet')
    },
    run: verify
  }
]
