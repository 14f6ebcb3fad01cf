import { z } from 'zod'
import { method, type FileOut } from './contract'
import type { PacketTotals } from './packetReports'
import { periodMonth } from './periods'

/**
 * The monthly data packet (.sdpkt, DESIGN.md §4). The file is a zip archive whose last 88
 * bytes are the base64 Ed25519 signature over every byte before them; the archive's comment is
 * `SDSIG1 <key id> <signature>` (the signature closes the file). Entries:
 *   manifest.json       PacketManifest
 *   data/<table>.jsonl  one JSON object per row created or changed since the previous packet
 *   reports/<kind>.json the month's report tables (packetReports.ts)
 * or, sealed to the district's X25519 key: manifest.json and payload.sealed, the AES-256-GCM
 * ciphertext of an inner zip holding contents.json ({ files, totals }), data/ and reports/.
 */
export const PACKET_FORMAT = 'stationdesk-packet/1'
export const PACKET_EXTENSION = '.sdpkt'
export const SEAL_ALG = 'X25519-HKDF-SHA256-AES-256-GCM'

export interface PacketFileEntry {
  path: string
  sha256: string
  size: number
  /** lines of a data file; null for reports and the sealed payload */
  rows: number | null
}

/**
 * Sequence numbers this station handed out that no packet it still holds carries: after an older
 * backup was restored (restored_backup) or by a write that did not commit (not_recorded). The
 * packet built next declares them; its prevSha256 names packet from − 1 (null when from is 1).
 */
export interface PacketSkipped {
  from: number
  to: number
  reason: 'restored_backup' | 'not_recorded'
}

export interface PacketManifest {
  format: typeof PACKET_FORMAT
  station: { code: string; name: string; keyId: string }
  period: string
  seq: number
  /** SHA-256 (hex) of the whole previous packet file; null for the first */
  prevSha256: string | null
  /** the month's close count when built (2 and up: a reopened month's corrections) */
  closeNo: number
  /** the numbers skipped just before this packet; absent in packets made before the field existed */
  skipped?: PacketSkipped | null
  createdAt: string
  createdBy: string
  /** every other entry of the archive */
  files: PacketFileEntry[]
  /** null when sealed (then inside contents.json) */
  totals: PacketTotals | null
  sealed: null | {
    alg: typeof SEAL_ALG
    /** key id of the district's Ed25519 key whose list carried the seal key */
    recipientKeyId: string
    /** the seal key's own id: first 16 hex digits of the SHA-256 of its raw X25519 public key */
    sealKeyId: string
    /** the sender's one-time X25519 public key, raw, base64 */
    ephemeralPublicKey: string
    /** 12 bytes, base64 */
    nonce: string
  }
}

export interface PacketInfo {
  seq: number
  period: string
  closeNo: number
  sha256: string
  prevSha256: string | null
  size: number
  rows: number
  sealed: boolean
  recipientKeyId: string | null
  filename: string
  createdAt: string
  createdBy: string
  exportCount: number
  lastExportedAt: string | null
}

export interface PacketList {
  packets: PacketInfo[]
  nextSeq: number
  /** where packets are sealed to; null: they travel signed but not encrypted (the UI warns) */
  district: { keyId: string; name: string; sealKeyId: string | null } | null
  /** rows written since the newest packet: the next packet carries them */
  pendingRows: number
  /** closed months whose latest close has no packet yet */
  unexported: string[]
}

export interface PacketExport {
  packet: PacketInfo
  /** false: the month's packet existed and its stored bytes were written again */
  built: boolean
  file: FileOut
}

export const packetsApi = {
  'packets.list': method<PacketList>()({ input: z.object({}).optional().default({}), roles: ['head'], kind: 'read' }),
  /**
   * The packet of a closed month: built once (the next sequence number, signed, sealed when the
   * district's seal key is set) and stored; exporting again returns the same bytes. Refused:
   * the month not closed (PERIOD_CLOSED is not it: CONFLICT rule period_open), the signing key
   * protected and no passphrase (PASSPHRASE_REQUIRED).
   */
  'packets.export': method<PacketExport>()({
    input: z.object({ period: periodMonth, passphrase: z.string().max(200).optional() }),
    roles: ['head'],
    kind: 'write',
    job: true
  }),
  'packets.download': method<FileOut>()({ input: z.object({ seq: z.number().int().min(1) }), roles: ['head'], kind: 'sensitive-read' })
}
