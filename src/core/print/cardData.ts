/**
 * Reads what the information card prints: the person, their events, the station, and the names
 * behind ids (service points, users). Plain SQL over the persons tables, so the print module
 * depends on the schema only.
 */
import type { PersonEvent } from '../../api/persons'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { notFound } from '../errors'
import { localDate } from '../clock'
import { readStation } from '../station/profile'
import type { Lang } from './labels'
import type { CardPerson, PersonCardData } from './personCard'

const PERSON_SQL = `SELECT p.id, p.id_number AS idNumber, p.name, p.sex, p.birth_date AS birthDate, p.phone,
  p.hukou_region AS hukouRegion, p.hukou_address AS hukouAddress, p.service_point_id AS servicePointId,
  sp.name AS servicePointName, p.residence_address AS residenceAddress, p.marital_status AS maritalStatus,
  p.marital_date AS maritalDate, p.spouse_name AS spouseName, p.spouse_id_number AS spouseIdNumber,
  p.boys, p.girls, p.contraception, p.contraception_since AS contraceptionSince, p.migrant_status AS migrantStatus,
  p.migrant_place AS migrantPlace, p.migrant_since AS migrantSince, p.state, p.exit_reason AS exitReason,
  p.exit_date AS exitDate, p.updated_at AS updatedAt
  FROM persons p LEFT JOIN service_points sp ON sp.id = p.service_point_id WHERE p.id = ?`

const EVENTS_SQL = `SELECT id, person_id AS personId, type, date, reason, changes, created_at AS createdAt, created_by AS createdBy
  FROM person_events WHERE person_id = ? ORDER BY date, created_at, id`

function parseChanges(raw: string): PersonEvent['changes'] {
  try {
    const v = JSON.parse(raw) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as PersonEvent['changes']) : {}
  } catch {
    return {}
  }
}

export function readCardData(ctx: Ctx, personId: string, lang: Lang): PersonCardData {
  const person = stmt(ctx.sqlite, PERSON_SQL).get(personId) as CardPerson | undefined
  if (!person) throw notFound('person', personId)
  const events = (stmt(ctx.sqlite, EVENTS_SQL).all(personId) as (Omit<PersonEvent, 'changes'> & { changes: string })[]).map((e) => ({
    ...e,
    changes: parseChanges(e.changes)
  }))
  const servicePoints = Object.fromEntries((stmt(ctx.sqlite, 'SELECT id, name FROM service_points').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]))
  const users = Object.fromEntries((stmt(ctx.sqlite, 'SELECT username, display_name AS displayName FROM users').all() as { username: string; displayName: string }[]).map((u) => [u.username, u.displayName || u.username]))
  const station = readStation(ctx)
  return { person, events, station: { name: station.name, code: station.code }, printedOn: localDate(ctx.clock), lang, servicePoints, users }
}
