/**
 * The people behind a rate (certificates.ratePeople): every woman the rate counts in its
 * denominator on the month's as-of day, or those in its numerator (counted) or not (the
 * worklist: out-migrants without a valid certificate, in-migrants never verified), for the
 * whole station or one village (servicePointId null: people with no service point). Ordered
 * by pinyin. Opening the list is audited (names and ID numbers of many people).
 */
import type { ParsedInputOf, Page } from '../../api/contract'
import type { certificateRatesApi, RatePerson } from '../../api/certificateRates'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { untilWrite } from '../db/untilWrite'
import { ageWindow, baseOn, countedOn, monthAsOf, monthsBase, type DayState, type RatePersonBase } from './rateBase'

type Input = ParsedInputOf<(typeof certificateRatesApi)['certificates.ratePeople']>

interface Facts {
  name: string
  idNumber: string
  pinyin: string
  place: string
}

const SQL = {
  /** the same range as the rates' people (persons_rates), with what a list shows */
  facts: `SELECT id, name, id_number, pinyin, migrant_place FROM persons
    WHERE migrant_status IN ('out', 'in') AND sex = 'female' AND birth_date > ? AND birth_date <= ?`,
  one: 'SELECT id, name, id_number, pinyin, migrant_place FROM persons WHERE id = ?',
  points: 'SELECT id, name FROM service_points',
  /** her certificate valid on the day (certificates_person) */
  valid: `SELECT number, valid_until AS validUntil FROM certificates WHERE person_id = ? AND issue_date <= ? AND valid_until >= ? AND (status = 'valid' OR ended_on > ?)
    ORDER BY issue_date DESC LIMIT 1`,
  latest: `SELECT verified_on AS verifiedOn, result FROM verifications WHERE person_id = ? AND verified_on <= ?
    ORDER BY verified_on DESC, created_at DESC LIMIT 1`
}

interface Listed {
  chosen: { p: RatePersonBase; state: DayState; counted: boolean }[]
  facts: Map<string, Facts>
}

function listPeople(ctx: Ctx, input: Input, month: string, asOf: string, today: string): Listed {
  // the base the rates page counted this month from (kept): her facts on the as-of day are the same
  const b = monthsBase(ctx.sqlite, month, today)
  const w = ageWindow(asOf)
  const chosen: Listed['chosen'] = []
  for (const p of b.people) {
    const on = baseOn(p, asOf)
    if (!on || on.kind !== input.kind) continue
    if (input.servicePointId !== undefined && on.state.servicePointId !== input.servicePointId) continue
    const counted = countedOn(b, p, input.kind, asOf)
    if (input.counted !== undefined && counted !== input.counted) continue
    chosen.push({ p, state: on.state, counted })
  }

  const facts = new Map<string, Facts>()
  const rowFacts = (r: [string, string, string, string, string]) => facts.set(r[0], { name: r[1], idNumber: r[2], pinyin: r[3], place: r[4] })
  // the facts of everyone in the window in one read when most of them are listed, else each listed person's
  if (chosen.length * 2 > b.people.length) for (const r of stmt(ctx.sqlite, SQL.facts).raw().all(w.lo, w.hi) as [string, string, string, string, string][]) rowFacts(r)
  for (const c of chosen) if (!facts.has(c.p.id)) rowFacts(stmt(ctx.sqlite, SQL.one).raw().get(c.p.id) as [string, string, string, string, string])
  chosen.sort((x, y) => {
    const a = facts.get(x.p.id)!
    const c = facts.get(y.p.id)!
    return a.pinyin < c.pinyin ? -1 : a.pinyin > c.pinyin ? 1 : a.idNumber < c.idNumber ? -1 : a.idNumber > c.idNumber ? 1 : 0
  })
  return { chosen, facts }
}

export function ratePeople(ctx: Ctx, input: Input): Page<RatePerson> {
  const { month, asOf, today } = monthAsOf(ctx, input.month)
  // the sorted list is kept until the next write (the audit row of opening it is not one), so
  // paging through it or coming back to it does not read the register again
  const key = JSON.stringify(['ratePeople', input.kind, asOf, input.servicePointId === undefined ? '*' : input.servicePointId, input.counted ?? '*'])
  const { chosen, facts } = untilWrite(ctx.sqlite, key, () => listPeople(ctx, input, month, asOf, today))
  const points = new Map((stmt(ctx.sqlite, SQL.points).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]))
  const from = (input.page - 1) * input.pageSize
  const rows = chosen.slice(from, from + input.pageSize).map(({ p, state, counted }): RatePerson => {
    const f = facts.get(p.id)!
    const cert = counted && input.kind === 'certificate' ? (stmt(ctx.sqlite, SQL.valid).get(p.id, asOf, asOf, asOf) as { number: string; validUntil: string }) : null
    const ver = input.kind === 'verification' ? (stmt(ctx.sqlite, SQL.latest).get(p.id, asOf) as { verifiedOn: string; result: string } | undefined) : undefined
    return {
      personId: p.id,
      name: f.name,
      idNumber: f.idNumber,
      birthDate: p.birthDate,
      servicePointName: state.servicePointId ? (points.get(state.servicePointId) ?? null) : null,
      place: state.place ?? f.place,
      since: state.since,
      counted,
      certificateNumber: cert?.number ?? null,
      validUntil: cert?.validUntil ?? null,
      verifiedOn: ver?.verifiedOn ?? null,
      verificationResult: ver?.result ?? null
    }
  })
  ctx.audit({
    entity: 'certificate',
    summary: `listed the people behind the ${input.kind} rate of ${month} (${chosen.length})`,
    msg: [`certificate.ratePeople.${input.kind}`, { month, n: chosen.length }],
    details: { kind: input.kind, month, asOf, servicePointId: input.servicePointId, counted: input.counted, total: chosen.length }
  })
  return { rows, total: chosen.length, page: input.page, pageSize: input.pageSize }
}
