/**
 * Packet tests' station: the demo station (40 people, two screening campaigns with their
 * service points, a year of stock with a stocktake, certificates and verifications), built once
 * per test worker and copied for each test; today is 2026-11-20. Helpers read a packet's bytes
 * back through the container (verifyPacket with the station's own public key, openPayload).
 */
import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import { ROLES, type Role } from '../../../src/api/contract'
import type { PacketExport } from '../../../src/api/packets'
import { ManualClock } from '../../../src/core/clock'
import { createDemoStation } from '../../../src/core/demo/demo'
import { createHost } from '../../../src/core/host'
import { signKeyFile } from '../../../src/core/keys/keyfile'
import { keyIdOf, keyInfo, rawPublicKey } from '../../../src/core/keys/keystore'
import { sealKeyFromSigningKey, type SealKeyPair } from '../../../src/core/keys/sealKey'
import { openPayload, readJsonl, verifyPacket, type VerifiedPacket } from '../../../src/core/packets/container'
import { makeHost, T0, tmpDir, type TestHost } from '../../helpers/host'

export interface PacketStation {
  t: TestHost
  s: Record<Role, string>
  sqlite: () => import('better-sqlite3').Database
  /** packets.export as the head */
  exportMonth(period: string, passphrase?: string): Promise<PacketExport>
  /** the file's bytes, verified with this station's public key */
  verify(bytes: Buffer): VerifiedPacket
  count(sql: string, ...params: unknown[]): number
  /** moves the clock (to a date, or by ms) and opens fresh sessions (an idle one locks) */
  at(when: string | number): void
}

let template: Promise<string> | null = null

function buildTemplate(): Promise<string> {
  return (template ??= (async () => {
    const dir = tmpDir('sd-pkt-tpl-')
    const host = createHost({ dataDir: dir, clock: new ManualClock(T0) })
    await createDemoStation(host, 'cli:demo', { persons: 40 })
    host.close()
    return dir
  })())
}

/** a session for each role's user (again after a restore, which ends every session) */
export function openSessions(t: TestHost): Record<Role, string> {
  const users = t.host.runtime.sqlite!.prepare('SELECT id, username, role FROM users').all() as { id: string; username: string; role: Role }[]
  const s = {} as Record<Role, string>
  for (const role of ROLES) {
    const u = users.find((x) => x.role === role)!
    s[role] = t.host.openLocalSession({ userId: u.id, username: u.username, displayName: u.username, role, roles: [role], actor: u.username })
  }
  return s
}

export async function packetStation(): Promise<PacketStation> {
  const tpl = await buildTemplate()
  const dir = tmpDir('sd-pkt-')
  fs.cpSync(tpl, dir, { recursive: true })
  const t = makeHost(dir)
  const st: PacketStation = {
    t,
    s: openSessions(t),
    sqlite: () => t.host.runtime.sqlite!,
    exportMonth: (period, passphrase) => t.call('packets.export', { period, ...(passphrase ? { passphrase } : {}) }, st.s.head),
    verify(bytes) {
      const info = keyInfo(t.host.runtime.paths.privateKey)
      const code = (st.sqlite().prepare('SELECT code FROM station').get() as { code: string }).code
      return verifyPacket(bytes, (keyId) => (keyId === info.keyId ? { stationCode: code, publicKey: info.publicKey } : null))
    },
    count: (sql, ...params) => (st.sqlite().prepare(sql).get(...params) as { n: number }).n,
    at(when) {
      if (typeof when === 'number') t.clock.advance(when)
      else t.clock.set(new Date(when))
      st.s = openSessions(t)
    }
  }
  return st
}

export const bytesOf = (e: PacketExport): Buffer => Buffer.from(e.file.base64, 'base64')

/** data/<table>.jsonl of an opened payload, parsed, by table */
export function dataOf(files: Record<string, Uint8Array>): Record<string, Record<string, unknown>[]> {
  const out: Record<string, Record<string, unknown>[]> = {}
  for (const [path, bytes] of Object.entries(files)) {
    const m = /^data\/([a-z_]+)\.jsonl$/.exec(path)
    if (m) out[m[1]] = readJsonl(bytes)
  }
  return out
}

/** the rows of an unsealed packet, by table */
export function packetData(st: PacketStation, e: PacketExport): Record<string, Record<string, unknown>[]> {
  return dataOf(openPayload(st.verify(bytesOf(e)), null).files)
}

export interface DistrictKey {
  keyId: string
  seal: SealKeyPair
  /** the district's own key file (one entry with its seal key, self-signed) */
  file: string
  /** its private key as a data folder keeps it (keys/station-signing-key.json, unprotected) */
  privateKeyFile(dir: string): string
}

/** a district office's key; withSeal false: a key file without sealKey (as before seal keys existed) */
export function districtKey(code = '411523000', name = '新县卫生健康委员会', withSeal = true): DistrictKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  const keyId = keyIdOf(raw)
  const seal = sealKeyFromSigningKey(privateKey)
  const entry = { stationCode: code, name, keyId, publicKey: raw.toString('base64'), ...(withSeal ? { sealKey: seal.publicKey } : {}) }
  return {
    keyId,
    seal,
    file: JSON.stringify(signKeyFile([entry], keyId, privateKey)),
    privateKeyFile(dir) {
      const file = `${dir}/district-signing-key.json`
      const der = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64')
      fs.writeFileSync(file, JSON.stringify({ format: 'stationdesk-private-key/1', keyId, publicKey: entry.publicKey, protected: false, privateKey: der }), { mode: 0o600 })
      return file
    }
  }
}
