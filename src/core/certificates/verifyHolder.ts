/**
 * The holder of a verified certificate in the register, through the persons module's own
 * functions (so the ID check, the facts' rules, the history event and the audit row are the
 * register's): registered when new (persons.create's path: sex and birth date from the ID;
 * marital status and children from the QR's signed facts when they are hers and not disputed),
 * else updated as an in-migrant by a migration_in event.
 *
 * An existing person: when she is not yet an in-migrant she becomes one (from: the given place,
 * else the issuer's name; since: the given date, else the verification date); an in-migrant
 * already keeps her place and date unless others are given. A service point or address given
 * replaces hers. Nothing to change: no event. Her other facts are left alone (the check lists
 * those that differ; a correction is the person page's business). A certificate this station
 * issued, held by someone in its register (its own out-migrant, back or passing through), does
 * not make her an in-migrant: the verification is recorded and her record left as it is.
 *
 * The persons module's field errors come back under the holder's names (holder.from for the
 * migrant place, holder.since for its date, …). Rules of this file: holder_exited (VALIDATION,
 * holder.idNumber) for someone who has left the register.
 */
import type { FieldIssue } from '../../api/contract'
import type { QrFacts } from '../../api/verifications'
import type { Ctx } from '../context'
import { AppError, fieldError } from '../errors'
import { createPerson, recordEvent } from '../persons/events'
import { checkId } from '../persons/facts'
import { findPerson, idOfNumber, todayOf } from '../persons/record'

export interface Holder {
  idNumber: string
  name: string
  phone: string
  servicePointId: string | null
  residenceAddress: string
  from: string
  since: string | null
  maritalDate?: string | null
}

const MARRIED_ONCE = new Set(['married', 'remarried', 'divorced', 'widowed'])

/** a persons fact's name -> the holder field the clerk typed it in */
const HOLDER_PATH: Record<string, string> = {
  idNumber: 'holder.idNumber',
  name: 'holder.name',
  phone: 'holder.phone',
  servicePointId: 'holder.servicePointId',
  residenceAddress: 'holder.residenceAddress',
  migrantPlace: 'holder.from',
  migrantSince: 'holder.since',
  maritalDate: 'holder.maritalDate',
  date: 'holder.since'
}

/** runs a persons function; its field errors are re-addressed to the holder's fields */
function asHolder<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (!(e instanceof AppError) || !e.details?.fields) throw e
    const fields: FieldIssue[] = e.details.fields.map((f) => ({ ...f, path: HOLDER_PATH[f.path.replace(/^changes\./, '')] ?? f.path }))
    throw new AppError(e.code, e.message, { ...e.details, fields })
  }
}

/**
 * Registers or updates the holder; returns her person id. `facts`: the QR's signed facts when they
 * may be taken for her (same ID number, not disputed); `issuerName`: where she came from when the
 * clerk left it empty.
 */
export function registerHolder(
  ctx: Ctx,
  holder: Holder,
  opts: { facts: QrFacts | null; issuerName: string; ownIssuer: boolean; verifiedOn: string; reason: string }
): string {
  const today = todayOf(ctx)
  const id = checkId(holder.idNumber, today)
  const existing = id.valid ? idOfNumber(ctx.sqlite, id.normalized) : undefined
  const place = holder.from || opts.issuerName

  if (!existing) {
    const f = opts.facts
    const maritalStatus = f?.maritalStatus ?? 'unmarried'
    const p = asHolder(() =>
      createPerson(ctx, {
        idNumber: holder.idNumber,
        name: holder.name,
        phone: holder.phone,
        hukouRegion: '',
        hukouAddress: '',
        servicePointId: holder.servicePointId,
        residenceAddress: holder.residenceAddress,
        maritalStatus,
        maritalDate: MARRIED_ONCE.has(maritalStatus) ? (holder.maritalDate ?? null) : null,
        spouseName: '',
        spouseIdNumber: '',
        boys: f?.boys ?? 0,
        girls: f?.girls ?? 0,
        contraception: 'none',
        contraceptionSince: null,
        migrantStatus: 'in',
        migrantPlace: place,
        migrantSince: holder.since ?? opts.verifiedOn
      })
    )
    return p.id
  }

  const row = findPerson(ctx.sqlite, existing)!
  if (opts.ownIssuer) return row.id
  if (row.state === 'exited')
    throw fieldError('holder.idNumber', 'holder_exited', `${row.name} has left the register: bring her back on the person page before recording a verification`, { name: row.name })
  const changes: Record<string, string | null> = {}
  if (row.migrantStatus !== 'in') {
    changes.migrantStatus = 'in'
    changes.migrantPlace = place
    changes.migrantSince = holder.since ?? opts.verifiedOn
  } else {
    if (holder.from && holder.from !== row.migrantPlace) changes.migrantPlace = holder.from
    if (holder.since && holder.since !== row.migrantSince) changes.migrantSince = holder.since
  }
  if (holder.servicePointId && holder.servicePointId !== row.servicePointId) changes.servicePointId = holder.servicePointId
  if (holder.residenceAddress && holder.residenceAddress !== row.residenceAddress) changes.residenceAddress = holder.residenceAddress
  if (Object.keys(changes).length)
    asHolder(() => recordEvent(ctx, { personId: row.id, type: 'migration_in', date: changes.migrantSince ?? opts.verifiedOn, reason: opts.reason, changes }))
  return row.id
}
