/**
 * The demo's verifications of in-migrants' certificates (issue 6), as the station's clerks would
 * have recorded them: most in-migrant women of childbearing age checked soon after they came,
 * by QR when their home township's station signs its certificates (a demo Ed25519 key per such
 * station, made from the demo's seed so a rerun is equal), by hand for a paper certificate; a
 * few found expired, a few with facts that differ from the ID card, some never checked.
 *
 * The certificate is issued at her household registration (户籍地): the issuing station is a
 * township of her hukou county (from the code tables). The demo does not trust these keys (no
 * district key, no trusted list): the rows are what the clerk recorded when the check was made.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto'
import regions from '../../../resources/codes/regions.json'
import { addYears } from '../clock'
import type { Sqlite } from '../db/open'
import { newId } from '../ids'
import { keyIdOf, rawPublicKey } from '../keys/keystore'
import { addDays, Pick } from './screeningPick'

const table = regions as { counties: Record<string, string>; townships: Record<string, string> }

/** PKCS#8 DER of an Ed25519 private key, before its 32-byte seed */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface DemoIssuer {
  stationCode: string
  name: string
  /** null: the station prints paper certificates without QR */
  keyId: string | null
}

/** a demo station key from the picker: the same seed gives the same key */
export function demoKeyId(pick: Pick): string {
  const seed = Buffer.from(Array.from({ length: 32 }, () => pick.int(0, 255)))
  const priv = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8, seed]), format: 'der', type: 'pkcs8' })
  return keyIdOf(rawPublicKey(createPublicKey(priv)))
}

let townsByCounty: Map<string, string[]> | null = null

/** the township station of a hukou county that issues its certificates (null: a county the tables do not know) */
function issuerOf(pick: Pick, county: string, withQr: boolean): DemoIssuer | null {
  if (!townsByCounty) {
    townsByCounty = new Map()
    for (const c of Object.keys(table.townships).sort()) {
      const list = townsByCounty.get(c.slice(0, 6))
      if (list) list.push(c)
      else townsByCounty.set(c.slice(0, 6), [c])
    }
  }
  const towns = townsByCounty.get(county) ?? []
  const countyName = table.counties[county]
  if (!towns.length || !countyName) return null
  const code = pick.one(towns.slice(0, 6))
  return { stationCode: code, name: `${countyName}${table.townships[code]}计划生育服务站`, keyId: withQr ? demoKeyId(pick) : null }
}

export interface DemoVerificationsResult {
  women: number
  verifications: number
  byQr: number
  byHand: number
  expired: number
  factsDiffer: number
  /** issuing stations with a demo key */
  qrStations: number
}

interface InWoman {
  id: string
  birthDate: string
  hukouRegion: string
  since: string | null
}

const INSERT = `INSERT INTO verifications (id, created_at, updated_at, updated_by, person_id, method, result, certificate_number, issuer_station_code, issuer_name,
  issuer_key_id, issue_date, valid_until, verified_on, note, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const FACTS_DIFFER_NOTES = ['证明上的子女数与本人所述不一致，已告知回户籍地更正', '证明上的婚姻状况为未婚，本人已婚，请户籍地重新出具', '身份证号码与证明不一致，已核对身份证原件']

/** writes the verifications of the in-migrant women of childbearing age today or at some time in the past year (call inside a transaction) */
export function writeDemoVerifications(sqlite: Sqlite, pick: Pick, today: string, actor: string): DemoVerificationsResult {
  const women = sqlite
    .prepare(
      `SELECT id, birth_date AS birthDate, hukou_region AS hukouRegion, migrant_since AS since FROM persons
       WHERE migrant_status = 'in' AND sex = 'female' AND state = 'active' AND birth_date > ? AND birth_date <= ? ORDER BY id_number`
    )
    .all(addYears(addDays(today, -400), -50), addYears(today, -15)) as InWoman[]
  // about four in five home stations sign their certificates with a QR; the others still print paper ones
  const issuers = new Map<string, DemoIssuer | null>()
  const issuer = (county: string) => {
    if (!issuers.has(county)) issuers.set(county, issuerOf(pick, county, pick.chance(0.8)))
    return issuers.get(county)!
  }
  const serials = new Map<string, number>()
  const insert = sqlite.prepare(INSERT)
  const fiftyToday = addYears(today, -50)
  const r: DemoVerificationsResult = { women: women.filter((w) => w.birthDate > fiftyToday).length, verifications: 0, byQr: 0, byHand: 0, expired: 0, factsDiffer: 0, qrStations: 0 }
  for (const w of women) {
    if (!pick.chance(0.95)) continue // not checked yet
    const iss = issuer(w.hukouRegion)
    if (!iss) continue
    const since = w.since ?? addDays(today, -pick.int(30, 900))
    const verifiedOn = [addDays(since, pick.int(0, 40)), today].sort()[0]
    // issued before she left home; now and then one that ran out before she showed it
    const stale = pick.chance(0.02)
    let issueDate = stale ? addDays(addYears(verifiedOn, -3), -pick.int(10, 300)) : addDays(since, -pick.int(3, 90))
    const fifteen = addYears(w.birthDate, 15)
    if (issueDate < fifteen) issueDate = fifteen
    if (issueDate > verifiedOn) continue
    const validUntil = addDays(addYears(issueDate, 3), -1)
    const key = `${iss.stationCode}-${issueDate.slice(0, 4)}`
    const serial = (serials.get(key) ?? pick.int(20, 400)) + pick.int(1, 40)
    serials.set(key, serial)
    const number = `${key}-${String(serial).padStart(5, '0')}`
    const differ = !stale && pick.chance(0.015)
    const result = verifiedOn > validUntil ? 'expired' : differ ? 'facts_differ' : 'valid'
    const method = iss.keyId ? 'qr' : 'manual'
    const at = `${verifiedOn}T0${pick.int(1, 8)}:${String(pick.int(0, 59)).padStart(2, '0')}:00.000Z`
    insert.run(newId(), at, at, actor, w.id, method, result, number, iss.stationCode, iss.name, iss.keyId, issueDate, validUntil, verifiedOn, result === 'facts_differ' ? pick.one(FACTS_DIFFER_NOTES) : '', actor)
    r.verifications++
    if (method === 'qr') r.byQr++
    else r.byHand++
    if (result === 'expired') r.expired++
    if (result === 'facts_differ') r.factsDiffer++
  }
  r.qrStations = [...issuers.values()].filter((i) => i?.keyId).length
  return r
}
