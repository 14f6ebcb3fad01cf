/**
 * The keys this station trusts to sign certificates (DESIGN.md §4): the district's public key,
 * entered once by an admin (kept in the meta table as JSON), and the district's signed list of
 * station keys (the trusted_keys rows, replaced whole by each import). This station's own key
 * is always trusted.
 *
 * Rules (FieldIssue.rule, path 'content' unless said):
 *  - key_file_format (VALIDATION, details.reason): see trustFile.ts
 *  - district_key_missing (VALIDATION): a list imported before the district's key is set
 *  - district_key_set (CONFLICT, details.keyId): another district key is set; `replace` replaces it
 *  - district_unsigned (SIGNATURE_INVALID): the district's file is not signed by its own key
 *    (one entry: self-signed; a list: signed by one of its entries)
 *  - list_unsigned / list_other_signer / list_bad_signature (SIGNATURE_INVALID): a list without
 *    a signature, signed by a key other than the district's, or whose signature does not match
 *
 * Replacing the district key drops the list in force unless the new key signed it: every
 * trusted station key must come from a list the district key in force signed.
 */
import type { KeyFile, keysTrustApi, TrustedKey, TrustState } from '../../api/keys'
import type { TrustedSigner } from '../certificates/qr'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import type { Handlers } from '../handler'
import { stmt } from '../db/stmt'
import { AppError } from '../errors'
import { getMeta, setMeta } from '../meta'
import { readStation } from '../station/profile'
import { verifyKeyFile } from './keyfile'
import { keyInfo } from './keystore'
import { parseKeyFile } from './trustFile'

const DISTRICT_META = 'trust.district_key'

type District = NonNullable<TrustState['district']>

export function districtKey(sqlite: Sqlite): District | null {
  const v = getMeta(sqlite, DISTRICT_META)
  return v ? (JSON.parse(v) as District) : null
}

/** verifyKeyFile that answers false for a signature that cannot even be read */
function signedWith(file: KeyFile, publicKey: string): boolean {
  try {
    return verifyKeyFile(file, publicKey)
  } catch {
    return false
  }
}

interface TrustRow {
  keyId: string
  stationCode: string
  name: string
  publicKey: string
  importedAt: string
  signedBy: string
}

function trustRows(sqlite: Sqlite): TrustRow[] {
  return stmt(
    sqlite,
    `SELECT key_id AS keyId, station_code AS stationCode, name, public_key AS publicKey, imported_at AS importedAt, signed_by AS signedBy
     FROM trusted_keys ORDER BY station_code, key_id`
  ).all() as TrustRow[]
}

/** this station's own key as a trusted key; null before the key exists (not set up) */
function ownKey(ctx: Ctx): TrustedKey | null {
  let info
  try {
    info = keyInfo(ctx.runtime.paths.privateKey)
  } catch {
    return null
  }
  const st = readStation(ctx)
  return { stationCode: st.code, name: st.name, keyId: info.keyId, publicKey: info.publicKey, source: 'own' }
}

export function trustState(ctx: Ctx): TrustState {
  const rows = trustRows(ctx.sqlite)
  const own = ownKey(ctx)
  const keys: TrustedKey[] = own ? [own] : []
  for (const r of rows)
    if (r.keyId !== own?.keyId) keys.push({ stationCode: r.stationCode, name: r.name, keyId: r.keyId, publicKey: r.publicKey, source: 'district' })
  return {
    district: districtKey(ctx.sqlite),
    list: rows.length ? { importedAt: rows[0].importedAt, signedBy: rows[0].signedBy, count: rows.length } : null,
    keys
  }
}

/** the signer a certificate QR names by key id: this station's own key, then the district's list */
export function trustedSigners(ctx: Ctx): (keyId: string) => TrustedSigner | null {
  const own = ownKey(ctx)
  return (keyId) => {
    if (own && own.keyId === keyId) return { ...own, own: true }
    const r = stmt(ctx.sqlite, 'SELECT key_id AS keyId, station_code AS stationCode, name, public_key AS publicKey FROM trusted_keys WHERE key_id = ?').get(keyId) as
      | Pick<TrustRow, 'keyId' | 'stationCode' | 'name' | 'publicKey'>
      | undefined
    return r ? { ...r, own: false } : null
  }
}

function signatureError(rule: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('SIGNATURE_INVALID', message, { fields: [{ path: 'content', rule, message }], ...extra })
}

export function setDistrictKey(ctx: Ctx, input: { content: string; replace: boolean }): TrustState {
  const file = parseKeyFile(input.content)
  // the district's own key: the one entry of its export, or the entry that signed its list
  const entry = file.keys.length === 1 ? file.keys[0] : file.keys.find((k) => k.keyId === file.signedBy)
  if (!entry || !signedWith(file, entry.publicKey))
    throw signatureError(
      'district_unsigned',
      "这份文件没有区县自己的有效签名，不能作为区县公钥。请使用区县导出的公钥文件。(the file is not signed by the district's own key: use the key file the district exported)"
    )
  const before = districtKey(ctx.sqlite)
  if (before && before.keyId === entry.keyId) {
    // the same district key, now with (or with another) seal key: keep the newer file's
    if ((entry.sealKey ?? null) !== (before.sealKey ?? null)) {
      setMeta(ctx.sqlite, DISTRICT_META, JSON.stringify({ ...before, sealKey: entry.sealKey ?? null, setAt: ctx.nowIso() }))
      ctx.audit({ entity: 'key', entityId: entry.keyId, summary: `updated the district's seal key (${entry.name})`, msg: ['key.districtSet', { name: entry.name, keyId: entry.keyId }] })
    }
    return trustState(ctx)
  }
  if (before && !input.replace)
    throw new AppError('CONFLICT', `the district key ${before.keyId} is set already: replace it explicitly`, {
      keyId: before.keyId,
      fields: [{ path: 'content', rule: 'district_key_set', message: 'the district key is set already' }]
    })
  const district: District = { code: entry.stationCode, name: entry.name, keyId: entry.keyId, publicKey: entry.publicKey, setAt: ctx.nowIso(), sealKey: entry.sealKey ?? null }
  setMeta(ctx.sqlite, DISTRICT_META, JSON.stringify(district))
  // a list the new key did not sign is no longer backed by the district key in force
  const dropped = before ? stmt(ctx.sqlite, 'DELETE FROM trusted_keys WHERE signed_by <> ?').run(entry.keyId).changes : 0
  ctx.audit({
    entity: 'key',
    entityId: entry.keyId,
    summary: before
      ? `replaced the district key ${before.keyId} with ${entry.keyId} (${entry.name})${dropped ? `; the ${dropped} station keys of the old list are no longer trusted` : ''}`
      : `set the district key ${entry.keyId} (${entry.name})`,
    msg: before ? ['key.districtReplaced', { name: entry.name, keyId: entry.keyId, dropped }] : ['key.districtSet', { name: entry.name, keyId: entry.keyId }],
    details: { before: before ? { keyId: before.keyId, name: before.name } : null, dropped }
  })
  return trustState(ctx)
}

export function importTrustList(ctx: Ctx, input: { content: string }): TrustState {
  const file = parseKeyFile(input.content)
  const district = districtKey(ctx.sqlite)
  if (!district)
    throw new AppError('VALIDATION', "the district's public key is not set: an admin sets it first (keys district set)", {
      fields: [{ path: 'content', rule: 'district_key_missing', message: "the district's public key is not set" }]
    })
  const refuse = (rule: string, why: string) =>
    signatureError(rule, `这份密钥清单没有区县的有效签名（${why}），未导入任何密钥。请向区县索取其签名的最新清单。(this key list has no valid signature of the district: nothing was imported)`, {
      signedBy: file.signedBy,
      districtKeyId: district.keyId
    })
  if (!file.signedBy || !file.signature) throw refuse('list_unsigned', '清单未签名')
  if (file.signedBy !== district.keyId) throw refuse('list_other_signer', `签名密钥 ${file.signedBy} 不是区县公钥 ${district.keyId}`)
  if (!signedWith(file, district.publicKey)) throw refuse('list_bad_signature', '签名与内容不符，文件可能被改动过')

  const at = ctx.nowIso()
  const before = trustRows(ctx.sqlite)
  stmt(ctx.sqlite, 'DELETE FROM trusted_keys').run()
  const insert = stmt(ctx.sqlite, 'INSERT INTO trusted_keys (key_id, station_code, name, public_key, imported_at, signed_by) VALUES (?, ?, ?, ?, ?, ?)')
  for (const k of file.keys) insert.run(k.keyId, k.stationCode, k.name, k.publicKey, at, district.keyId)
  const was = new Set(before.map((r) => r.keyId))
  const now = new Set(file.keys.map((k) => k.keyId))
  const added = file.keys.filter((k) => !was.has(k.keyId)).length
  const removed = before.filter((r) => !now.has(r.keyId)).length
  ctx.audit({
    entity: 'key',
    entityId: district.keyId,
    summary: `imported the district's list of ${file.keys.length} station keys (${added} added, ${removed} removed)`,
    msg: ['key.trustImported', { count: file.keys.length, added, removed }],
    details: { signedBy: district.keyId, keyIds: file.keys.map((k) => k.keyId) }
  })
  return trustState(ctx)
}

export const keysTrustHandlers: Handlers<typeof keysTrustApi> = {
  'keys.trust': (ctx) => trustState(ctx),
  'keys.districtSet': (ctx, input) => setDistrictKey(ctx, input),
  'keys.trustImport': (ctx, input) => importTrustList(ctx, input)
}
