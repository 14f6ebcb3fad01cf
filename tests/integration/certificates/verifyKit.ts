/**
 * What the trust and verification tests share: station key pairs made in the test, key files
 * (signed or not), a certificate's QR facts, and a set-up station (its today: 2026-11-20) built
 * once per worker and copied for each test, with a session per role.
 */
import fs from 'node:fs'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { KeyFile } from '../../../src/api/keys'
import { ROLES, type Role } from '../../../src/api/contract'
import type { QrFacts } from '../../../src/api/verifications'
import { signKeyFile } from '../../../src/core/keys/keyfile'
import { keyIdOf, loadPrivateKey, rawPublicKey } from '../../../src/core/keys/keystore'
import { encodeQr } from '../../../src/core/certificates/qr'
import { makeHost, setUpStation, STATION, tmpDir, type TestHost } from '../../helpers/host'
import { makeId } from '../../helpers/persons'

export type Entry = KeyFile['keys'][number]
export interface StationKey {
  entry: Entry
  privateKey: KeyObject
}

export function stationKey(stationCode: string, name: string): StationKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  return { entry: { stationCode, name, keyId: keyIdOf(raw), publicKey: raw.toString('base64') }, privateKey }
}

/** a key file's text: signed by `signer`, or unsigned */
export function keyFile(entries: Entry[], signer?: StationKey): string {
  const f: KeyFile = signer ? signKeyFile(entries, signer.entry.keyId, signer.privateKey) : { format: 'stationdesk-keys/1', keys: entries, signedBy: null, signature: null }
  return JSON.stringify(f, null, 2)
}

export const DISTRICT = () => stationKey('410102000', '中原区计划生育服务站')
/** a neighbouring station of another county */
export const NEIGHBOUR = () => stationKey('410105002', '金水区某乡计划生育服务站')

export const HOLDER_ID = makeId('410105', '19950612', 21, 'female')

export function qrFacts(over: Partial<QrFacts> = {}): QrFacts {
  return {
    number: '410105002-2026-00007',
    stationCode: '410105002',
    name: '周晓梅',
    idNumber: HOLDER_ID,
    issueDate: '2026-03-01',
    validUntil: '2029-02-28',
    maritalStatus: 'married',
    boys: 1,
    girls: 1,
    ...over
  }
}

export function qrOf(key: StationKey, over: Partial<QrFacts> = {}): string {
  return encodeQr(qrFacts({ stationCode: key.entry.stationCode, ...over }), key.entry.keyId, key.privateKey)
}

/** a QR of the test station itself, signed with its own key (stored unprotected) */
export function ownQr(t: TestHost, over: Partial<QrFacts> = {}): string {
  const file = t.host.runtime.paths.privateKey
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { keyId: string }
  return encodeQr(qrFacts({ stationCode: STATION.code, number: `${STATION.code}-2026-00003`, ...over }), stored.keyId, loadPrivateKey(file, null))
}

export interface Station {
  t: TestHost
  s: Record<Role, string>
  village: string
  sql<T>(q: string, ...p: unknown[]): T[]
  count(table: string): number
}

let template: Promise<{ dir: string; village: string }> | null = null

/** a fresh copy of a set-up station with a village room and one user per role */
export async function freshStation(): Promise<Station> {
  const tpl = await (template ??= (async () => {
    const t = makeHost()
    const s = await setUpStation(t)
    const village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
    t.close()
    return { dir: t.dir, village }
  })())
  const dir = tmpDir('sd-verify-')
  fs.cpSync(tpl.dir, dir, { recursive: true })
  const t = makeHost(dir)
  const users = t.host.runtime.sqlite!.prepare('SELECT id, username, role FROM users').all() as { id: string; username: string; role: Role }[]
  const s = {} as Record<Role, string>
  for (const role of ROLES) {
    const u = users.find((x) => x.role === role)!
    s[role] = t.host.openLocalSession({ userId: u.id, username: u.username, displayName: u.username, role, roles: [role], actor: u.username })
  }
  const sql = <T>(q: string, ...p: unknown[]) => t.host.runtime.sqlite!.prepare(q).all(...p) as T[]
  return { t, s, village: tpl.village, sql, count: (table) => sql<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0].n }
}
