import { z } from 'zod'
import { PACKET_FORMAT, SEAL_ALG, type PacketFileEntry, type PacketManifest } from '../../api/packets'
import type { PacketTotals } from '../../api/packetReports'
import { packetError } from './errors'

/** Reading manifest.json and contents.json after the signature verified: their shape, strictly. */
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/)
const rate = z.object({ num: z.number().int().min(0), den: z.number().int().min(0), rate: z.number().min(0) })
/**
 * The highest sequence number read: one packet a month close, so centuries of them. The district
 * lists a station's numbers below its highest that have not arrived: a signed packet numbered in
 * the billions would have it count to there.
 */
export const MAX_SEQ = 10_000
/** a time as the station's clock writes it (toISOString) */
const isoTime = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/)
  .refine((s) => !Number.isNaN(Date.parse(s)))

export const fileEntrySchema = z.object({
  path: z.string().regex(/^(data\/[a-z_]+\.jsonl\.gz|reports\/[a-z_]+\.json|payload\.sealed)$/),
  sha256: hex64,
  size: z.number().int().min(0),
  rows: z.number().int().min(0).nullable()
})

export const totalsSchema = z.object({
  screened: z.number().int().min(0),
  referred: z.number().int().min(0),
  stockOut: z.number().int(),
  certificatesIssued: z.number().int().min(0),
  verifications: z.number().int().min(0),
  certificateRate: rate,
  verificationRate: rate
})

const manifestSchema = z.object({
  format: z.literal(PACKET_FORMAT),
  station: z.object({ code: z.string().regex(/^\d{9}$/), name: z.string().min(1).max(100), keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
  // the years the district's pages show (district.arrivals)
  period: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/),
  seq: z.number().int().min(1).max(MAX_SEQ),
  prevSha256: hex64.nullable(),
  closeNo: z.number().int().min(1),
  // optional: packets made before it still read
  skipped: z
    .object({ from: z.number().int().min(1), to: z.number().int().min(1), reason: z.enum(['restored_backup', 'not_recorded']) })
    .refine((k) => k.from <= k.to)
    .nullable()
    .optional(),
  createdAt: isoTime,
  createdBy: z.string().min(1).max(100),
  files: z.array(fileEntrySchema).max(200),
  totals: totalsSchema.nullable(),
  sealed: z
    .object({
      alg: z.literal(SEAL_ALG),
      recipientKeyId: z.string().regex(/^[0-9a-f]{16}$/),
      sealKeyId: z.string().regex(/^[0-9a-f]{16}$/),
      ephemeralPublicKey: b64,
      nonce: b64
    })
    .nullable()
})

export const contentsSchema = z.object({ files: z.array(fileEntrySchema).max(200), totals: totalsSchema })

function json(bytes: Uint8Array | undefined): unknown {
  if (!bytes) throw packetError('not_a_packet')
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw packetError('not_a_packet')
  }
}

export function parseManifest(bytes: Uint8Array | undefined): PacketManifest {
  const doc = json(bytes) as { format?: unknown }
  const version = typeof doc?.format === 'string' ? /^stationdesk-packet\/(\d+)$/.exec(doc.format) : null
  if (version && Number(version[1]) > 1) throw packetError('newer_format', { format: doc.format })
  const parsed = manifestSchema.safeParse(doc)
  if (!parsed.success) throw packetError('not_a_packet', { problem: parsed.error.issues[0]?.path.join('.') })
  const m = parsed.data as PacketManifest
  if ((m.sealed === null) !== (m.totals !== null)) throw packetError('not_a_packet', { problem: 'totals' })
  if (m.skipped && m.skipped.to !== m.seq - 1) throw packetError('not_a_packet', { problem: 'skipped' })
  return m
}

export function parseContents(bytes: Uint8Array | undefined): { files: PacketFileEntry[]; totals: PacketTotals } {
  const parsed = contentsSchema.safeParse(json(bytes))
  if (!parsed.success) throw packetError('file_mismatch', { problem: 'contents.json' })
  return parsed.data
}
