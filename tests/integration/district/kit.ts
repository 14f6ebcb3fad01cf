/**
 * District tests' helpers: a district office set up through the method table, stations made of a
 * bare key pair, and their packets built with the container's writePacket from rows and reports
 * the test writes (the station side's build is tested with the packets).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { PacketReports, PacketTotals } from '../../../src/api/packetReports'
import type { DistrictImportResult } from '../../../src/api/district'
import type { PacketSkipped } from '../../../src/api/packets'
import { signKeyFile } from '../../../src/core/keys/keyfile'
import { keyIdOf, keyInfo, loadPrivateKey, rawPublicKey } from '../../../src/core/keys/keystore'
import { sealKeyFromSigningKey } from '../../../src/core/keys/sealKey'
import { writeJsonl, writePacket } from '../../../src/core/packets/container'
import type { SealTarget } from '../../../src/core/packets/seal'
import { ADMIN, makeHost, type TestHost } from '../../helpers/host'

export const DISTRICT = { level: 'district' as const, code: '411523000', name: '新县卫生健康委员会', address: '', phone: '', buildingArea: null }

export interface District {
  t: TestHost
  admin: string
  head: string
  clerk: string
  /** where stations seal packets to */
  seal: SealTarget
}

export async function makeDistrict(keyPassphrase = ''): Promise<District> {
  const t = makeHost()
  await t.call('setup.init', { mode: 'district', station: DISTRICT, admin: ADMIN, keyPassphrase })
  const admin = await t.login(ADMIN.username, ADMIN.password)
  await t.call('users.create', { username: 'head', displayName: '区县负责人', role: 'head', password: 'head-pass-1' }, admin)
  await t.call('users.create', { username: 'clerk', displayName: 'clerk', role: 'clerk', password: 'clerk-pass-1' }, admin)
  const head = await t.login('head', 'head-pass-1')
  const clerk = await t.login('clerk', 'clerk-pass-1')
  const priv = loadPrivateKey(t.host.runtime.paths.privateKey, keyPassphrase || null)
  const info = keyInfo(t.host.runtime.paths.privateKey)
  return { t, admin, head, clerk, seal: { sealKey: sealKeyFromSigningKey(priv).publicKey, recipientKeyId: info.keyId } }
}

export interface FakeStation {
  code: string
  name: string
  keyId: string
  publicKey: string
  privateKey: KeyObject
  /** the station's own key file text (one entry, self-signed) */
  keyFile(): string
}

export function fakeStation(code = '411523101', name = '沙窝镇计划生育服务站'): FakeStation {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  const keyId = keyIdOf(raw)
  const pub = raw.toString('base64')
  return {
    code,
    name,
    keyId,
    publicKey: pub,
    privateKey,
    keyFile: () => JSON.stringify(signKeyFile([{ stationCode: code, name, keyId, publicKey: pub }], keyId, privateKey))
  }
}

const r = (num: number, den: number) => ({ num, den, rate: den ? num / den : 0 })

/** a month's report tables with a few figures, scaled by n */
export function reportsFor(period: string, n = 1): PacketReports {
  const byResult = { valid: 3 * n, invalid_signature: 0, unknown_issuer: n, expired: 0, facts_differ: 0 }
  const row = (code: string, consumed: number) => ({
    productId: `p-${code}`,
    code,
    name: `药具${code}`,
    nameEn: `Product ${code}`,
    unit: 'piece' as const,
    packUnit: 'box' as const,
    packSize: 10,
    opening: 100 * n,
    columns: { receipt: 50, issue: -consumed, dispense: 0, return: 0, adjustment: 0, wastage: 0, destruction: 0, stocktake_gain: 0, stocktake_loss: 0, reversal: 0 },
    closing: 100 * n + 50 - consumed,
    consumed,
    amc: consumed,
    monthsOfStock: 1
  })
  return {
    screening: {
      period,
      campaigns: [
        {
          campaignId: `c-${n}`,
          name: '乳腺癌筛查',
          kind: 'breast',
          startDate: `${period}-01`,
          endDate: `${period}-20`,
          target: 100 * n,
          screenedToDate: 40 * n,
          screenedInMonth: 30 * n,
          conclusionsInMonth: { normal: 25 * n, benign: 3 * n, abnormal_refer: 2 * n, suspected_malignancy: 0 },
          referredInMonth: 2 * n
        }
      ],
      kinds: [{ kind: 'breast', campaigns: 1, target: 100 * n, screenedToDate: 40 * n, screenedInMonth: 30 * n, abnormalInMonth: 2 * n, referredInMonth: 2 * n, coverage: r(40 * n, 100 * n) }]
    },
    stock: { period, from: `${period}-01`, to: `${period}-28`, rows: [row('C01', 20 * n), row('P02', 5 * n)] },
    certificates: { period, issued: 2 * n, renewed: 0, voided: 0, validAtMonthEnd: 10 * n, verifications: { total: 4 * n, byQr: 3 * n, byHand: n, byResult } },
    rates: { period, asOf: `${period}-28`, certificate: r(9 * n, 10 * n), verification: r(3 * n, 4 * n), byVillage: [] }
  }
}

export function totalsOf(rep: PacketReports): PacketTotals {
  return {
    screened: rep.screening.campaigns.reduce((s, c) => s + c.screenedInMonth, 0),
    referred: rep.screening.campaigns.reduce((s, c) => s + c.referredInMonth, 0),
    stockOut: rep.stock.rows.reduce((s, x) => s + x.consumed, 0),
    certificatesIssued: rep.certificates.issued,
    verifications: rep.certificates.verifications.total,
    certificateRate: rep.rates.certificate,
    verificationRate: rep.rates.verification
  }
}

export type Rows = Record<string, Record<string, unknown>[]>

export interface PacketSpec {
  seq: number
  period: string
  prev?: string | null
  rows?: Rows
  reports?: PacketReports
  seal?: SealTarget | null
  closeNo?: number
  createdAt?: string
  /** the numbers the packet declares skipped just before it (a station that restored a backup) */
  skipped?: PacketSkipped | null
}

/** a signed packet of the station (sealed when spec.seal) */
export function packetOf(st: FakeStation, spec: PacketSpec): { bytes: Buffer; sha256: string } {
  const reports = spec.reports ?? reportsFor(spec.period)
  const files = [
    ...Object.entries(spec.rows ?? {}).map(([tbl, rows]) => ({ path: `data/${tbl}.jsonl`, bytes: writeJsonl(rows), rows: rows.length })),
    ...Object.entries(reports).map(([kind, rep]) => ({ path: `reports/${kind}.json`, bytes: Buffer.from(JSON.stringify(rep)), rows: null }))
  ]
  const out = writePacket({
    station: { code: st.code, name: st.name, keyId: st.keyId },
    period: spec.period,
    seq: spec.seq,
    prevSha256: spec.prev ?? null,
    closeNo: spec.closeNo ?? 1,
    skipped: spec.skipped ?? null,
    createdAt: spec.createdAt ?? '2026-11-02T08:00:00.000Z',
    createdBy: 'head',
    files,
    totals: totalsOf(reports),
    seal: spec.seal ?? null,
    privateKey: st.privateKey
  })
  return { bytes: out.bytes, sha256: out.sha256 }
}

export const fileOf = (name: string, bytes: Uint8Array) => ({ name, base64: Buffer.from(bytes).toString('base64') })

export async function importFiles(d: District, files: { name: string; bytes: Uint8Array }[], sid = d.head, passphrase?: string): Promise<DistrictImportResult> {
  return d.t.call('district.import', { files: files.map((f) => fileOf(f.name, f.bytes)), ...(passphrase ? { passphrase } : {}) }, sid)
}

/** a person row as a station's persons table gives it (a few columns) */
export function personRow(id: string, name: string, updatedAt: string, extra: Record<string, unknown> = {}) {
  return { id, name, created_at: '2026-01-05T02:00:00.000Z', updated_at: updatedAt, updated_by: 'clerk', ...extra }
}

/** counts of the district tables, for "nothing changed" checks */
export function counts(d: District): { packets: number; rows: number; reports: number; digest: string } {
  const db = d.t.host.runtime.sqlite!
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n
  const digest = (db.prepare("SELECT group_concat(station_code || tbl || id || updated_at || data, '|') AS d FROM (SELECT * FROM district_rows ORDER BY station_code, tbl, id)").get() as { d: string | null }).d ?? ''
  return { packets: n('SELECT count(*) AS n FROM district_packets'), rows: n('SELECT count(*) AS n FROM district_rows'), reports: n('SELECT count(*) AS n FROM district_reports'), digest }
}
