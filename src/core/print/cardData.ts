/**
 * Reads what the information card prints: the person and their history (through the people
 * register's own readers), the station, and the names behind ids (service points, users).
 */
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { localDate } from '../clock'
import { listEvents } from '../persons/events'
import { loadPerson } from '../persons/record'
import { readStation } from '../station/profile'
import type { Lang } from './labels'
import type { PersonCardData } from './personCard'

export function readCardData(ctx: Ctx, personId: string, lang: Lang): PersonCardData {
  const person = loadPerson(ctx, personId)
  const events = listEvents(ctx, personId)
  const servicePoints = Object.fromEntries((stmt(ctx.sqlite, 'SELECT id, name FROM service_points').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]))
  const users = Object.fromEntries(
    (stmt(ctx.sqlite, 'SELECT username, display_name AS displayName FROM users').all() as { username: string; displayName: string }[]).map((u) => [u.username, u.displayName || u.username])
  )
  const station = readStation(ctx)
  return { person, events, station: { name: station.name, code: station.code }, printedOn: localDate(ctx.clock), lang, servicePoints, users }
}
