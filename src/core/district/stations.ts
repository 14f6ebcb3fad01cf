/**
 * The stations whose packets this district office accepts (src/api/district.ts): each station's
 * Ed25519 keys, registered from the station's own key file (one entry, signed by itself). A
 * replaced key stays, retired, so the packets it signed still verify.
 *
 * Refusals (FieldIssue path 'content'):
 *  - key_file_format (VALIDATION): see keys/trustFile.ts
 *  - station_key_one (VALIDATION): the file holds more than one key (a list, not a station's file)
 *  - station_key_unsigned (SIGNATURE_INVALID): the entry did not sign the file
 *  - station_key_own (VALIDATION): the district's own key
 *  - key_other_station (CONFLICT): the key is registered for another station code
 *  - station_key_set (CONFLICT, details.keyId): the station has another active key; `replace` retires it
 * The key the station has already: nothing changes (audited as district.stationKeyAgain).
 */
import type { DistrictStation } from '../../api/district'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError, fieldError } from '../errors'
import { newId } from '../ids'
import { verifyKeyFile } from '../keys/keyfile'
import { parseKeyFile } from '../keys/trustFile'
import { readStation } from '../station/profile'
import type { SignerKey } from '../packets/container'

interface KeyRow {
  code: string
  name: string
  keyId: string
  publicKey: string
  status: 'active' | 'retired'
  addedAt: string
}

const KEYS = `SELECT code, name, key_id AS keyId, public_key AS publicKey, status, created_at AS addedAt FROM district_stations`

/** every registered key (active or retired) by key id: what a packet's signature may be checked with */
export function registeredKeys(sqlite: Sqlite): Map<string, SignerKey> {
  const rows = stmt(sqlite, KEYS).all() as KeyRow[]
  return new Map(rows.map((r) => [r.keyId, { stationCode: r.code, publicKey: r.publicKey }]))
}

export interface ChainState {
  seqs: number[]
  /** below the highest, not here and not declared skipped: still to come */
  missingSeqs: number[]
  /** declared skipped by a later packet (the station restored an older backup) and not here: never coming */
  skippedSeqs: number[]
  /** here, but declared skipped by a later packet: from the station's history before its restore */
  supersededSeqs: number[]
  chainBreaks: number[]
}

const CHAIN_ROWS = 'SELECT seq, chain, skipped_from AS skippedFrom, skipped_to AS skippedTo FROM district_packets WHERE station_code = ? ORDER BY seq'

/** the seqs 1..highest that are not here (missing, or skipped when a later packet declared them so), those here but skipped, and the packets whose chain is broken */
export function chainState(sqlite: Sqlite, code: string): ChainState {
  const rows = stmt(sqlite, CHAIN_ROWS).all(code) as { seq: number; chain: string; skippedFrom: number | null; skippedTo: number | null }[]
  const have = new Set(rows.map((r) => r.seq))
  const declared = new Set<number>()
  for (const r of rows) if (r.skippedFrom !== null && r.skippedTo !== null) for (let s = r.skippedFrom; s <= r.skippedTo; s++) declared.add(s)
  const top = rows.length ? rows[rows.length - 1].seq : 0
  const missingSeqs: number[] = []
  const skippedSeqs: number[] = []
  for (let s = 1; s < top; s++) if (!have.has(s)) (declared.has(s) ? skippedSeqs : missingSeqs).push(s)
  return {
    seqs: rows.map((r) => r.seq),
    missingSeqs,
    skippedSeqs,
    supersededSeqs: rows.filter((r) => declared.has(r.seq)).map((r) => r.seq),
    chainBreaks: rows.filter((r) => r.chain === 'break').map((r) => r.seq)
  }
}

function stationOf(sqlite: Sqlite, code: string, keys: KeyRow[]): DistrictStation {
  // active keys first, newest first within each
  const sorted = [...keys].sort((a, b) => (a.status === b.status ? b.addedAt.localeCompare(a.addedAt) : a.status === 'active' ? -1 : 1))
  const last = stmt(sqlite, 'SELECT seq, period, created_at AS importedAt FROM district_packets WHERE station_code = ? ORDER BY seq DESC LIMIT 1').get(code) as DistrictStation['last'] | undefined
  const count = (stmt(sqlite, 'SELECT count(*) AS n FROM district_packets WHERE station_code = ?').get(code) as { n: number }).n
  const { missingSeqs, skippedSeqs, supersededSeqs, chainBreaks } = chainState(sqlite, code)
  return {
    code,
    name: sorted[0].name,
    keys: sorted.map((k) => ({ keyId: k.keyId, status: k.status, addedAt: k.addedAt })),
    packets: count,
    last: last ?? null,
    missingSeqs,
    skippedSeqs,
    supersededSeqs,
    chainBreaks
  }
}

export function listStations(sqlite: Sqlite): DistrictStation[] {
  const byCode = new Map<string, KeyRow[]>()
  for (const r of stmt(sqlite, `${KEYS} ORDER BY code`).all() as KeyRow[]) {
    const list = byCode.get(r.code) ?? []
    list.push(r)
    byCode.set(r.code, list)
  }
  return [...byCode].map(([code, keys]) => stationOf(sqlite, code, keys))
}

export function getStation(sqlite: Sqlite, code: string): DistrictStation {
  const keys = stmt(sqlite, `${KEYS} WHERE code = ?`).all(code) as KeyRow[]
  if (!keys.length) throw new AppError('NOT_FOUND', `station ${code} is not registered`, { entity: 'station', id: code })
  return stationOf(sqlite, code, keys)
}

/** the registered stations' codes and names (active key's name), by code */
export function stationNames(sqlite: Sqlite): Map<string, string> {
  return new Map(listStations(sqlite).map((s) => [s.code, s.name]))
}

export function addStation(ctx: Ctx, input: { content: string; replace: boolean }): DistrictStation {
  const file = parseKeyFile(input.content)
  if (file.keys.length !== 1)
    throw fieldError('content', 'station_key_one', `a station's key file holds its one key; this file holds ${file.keys.length} (a key list is not a station's key file)`, {
      count: file.keys.length
    })
  const entry = file.keys[0]
  let signed = false
  try {
    signed = verifyKeyFile(file, entry.publicKey)
  } catch {
    signed = false
  }
  if (!signed) {
    const message = "the key file is not signed by the station's own key: use the file the station exported (stationdesk keys export)"
    throw new AppError('SIGNATURE_INVALID', message, { fields: [{ path: 'content', rule: 'station_key_unsigned', message }] })
  }
  const own = readStation(ctx)
  if (entry.stationCode === own.code || entry.keyId === own.keyId)
    throw fieldError('content', 'station_key_own', "this is the district office's own key, not a station's")

  const all = stmt(ctx.sqlite, `${KEYS} WHERE code = ? OR key_id = ?`).all(entry.stationCode, entry.keyId) as KeyRow[]
  const same = all.find((k) => k.keyId === entry.keyId)
  if (same && same.code !== entry.stationCode) {
    const message = `the key ${entry.keyId} is registered for station ${same.code}, not ${entry.stationCode}`
    throw new AppError('CONFLICT', message, { keyId: entry.keyId, stationCode: same.code, fields: [{ path: 'content', rule: 'key_other_station', message }] })
  }
  if (same?.status === 'active') {
    // the key it has already: nothing changes, and the audit row says so
    ctx.audit({
      entity: 'districtStation',
      entityId: entry.stationCode,
      summary: `station ${entry.stationCode} ${same.name}: key ${entry.keyId} is registered already, nothing changed`,
      msg: ['district.stationKeyAgain', { code: entry.stationCode, name: same.name, keyId: entry.keyId }],
      details: { keyId: entry.keyId, unchanged: true }
    })
    return getStation(ctx.sqlite, entry.stationCode)
  }
  const others = all.filter((k) => k.code === entry.stationCode && k.status === 'active' && k.keyId !== entry.keyId)
  if (others.length && !input.replace) {
    const message = `station ${entry.stationCode} is registered with the key ${others[0].keyId} already: replace it explicitly`
    throw new AppError('CONFLICT', message, { keyId: others[0].keyId, stationCode: entry.stationCode, fields: [{ path: 'content', rule: 'station_key_set', message }] })
  }

  const at = ctx.nowIso()
  const by = ctx.user().actor
  for (const o of others) stmt(ctx.sqlite, "UPDATE district_stations SET status = 'retired', updated_at = ?, updated_by = ? WHERE key_id = ?").run(at, by, o.keyId)
  if (same) stmt(ctx.sqlite, "UPDATE district_stations SET status = 'active', name = ?, updated_at = ?, updated_by = ? WHERE key_id = ?").run(entry.name, at, by, entry.keyId)
  else
    stmt(
      ctx.sqlite,
      "INSERT INTO district_stations (id, created_at, updated_at, updated_by, code, name, key_id, public_key, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')"
    ).run(newId(), at, at, by, entry.stationCode, entry.name, entry.keyId, entry.publicKey)
  const known = all.some((k) => k.code === entry.stationCode)
  ctx.audit({
    entity: 'districtStation',
    entityId: entry.stationCode,
    summary: others.length
      ? `station ${entry.stationCode} ${entry.name}: key ${entry.keyId} replaces ${others.map((o) => o.keyId).join(', ')} (kept, retired)`
      : `registered station ${entry.stationCode} ${entry.name} with key ${entry.keyId}`,
    msg: others.length
      ? ['district.stationKeyReplaced', { code: entry.stationCode, name: entry.name, keyId: entry.keyId, old: others.map((o) => o.keyId).join(', ') }]
      : [known ? 'district.stationKeyAdded' : 'district.stationAdded', { code: entry.stationCode, name: entry.name, keyId: entry.keyId }],
    details: { keyId: entry.keyId, retired: others.map((o) => o.keyId) }
  })
  return getStation(ctx.sqlite, entry.stationCode)
}
