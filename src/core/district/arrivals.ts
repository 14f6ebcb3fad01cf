/**
 * district.arrivals: per registered station and month of a year, what arrived. A month is
 * 'arrived' when a packet for it is here (corrected: more than one, corrections after a
 * reopen), 'missing' when it has ended (in the office's time zone) without one, 'not_due' when
 * it is the current month or later, or before the station's first month: the earlier of its
 * first packet's month and the month it was registered here (its first key's created_at, in
 * the office's time zone) — a station that started sending in May was never due in March.
 * With each station: the sequence numbers below its highest that have not arrived (missing, or
 * skipped when the station declared them so after restoring a backup), the packets here that
 * such a declaration superseded, and the packets whose chain is broken.
 */
import type { ArrivalCell, Arrivals } from '../../api/district'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { listStations } from './stations'

const FIRST = `SELECT s.code, min(s.created_at) AS registeredAt, (SELECT min(p.period) FROM district_packets p WHERE p.station_code = s.code) AS firstPeriod
  FROM district_stations s GROUP BY s.code`

/** each station's first month: the earlier of its first packet's period and its registration month */
export function firstMonths(ctx: Ctx): Map<string, string> {
  const rows = stmt(ctx.sqlite, FIRST).all() as { code: string; registeredAt: string; firstPeriod: string | null }[]
  return new Map(
    rows.map((r) => {
      const registered = localDate(ctx.clock, new Date(r.registeredAt)).slice(0, 7)
      return [r.code, r.firstPeriod && r.firstPeriod < registered ? r.firstPeriod : registered]
    })
  )
}

export function arrivals(ctx: Ctx, year: number): Arrivals {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
  const current = localDate(ctx.clock).slice(0, 7)
  const rows = stmt(ctx.sqlite, 'SELECT station_code AS code, period, seq FROM district_packets WHERE period BETWEEN ? AND ? ORDER BY station_code, period, seq').all(
    months[0],
    months[11]
  ) as { code: string; period: string; seq: number }[]
  const seqs = new Map<string, number[]>()
  for (const r of rows) {
    const k = `${r.code} ${r.period}`
    const list = seqs.get(k) ?? []
    list.push(r.seq)
    seqs.set(k, list)
  }
  const first = firstMonths(ctx)
  return {
    year,
    months,
    stations: listStations(ctx.sqlite).map((s) => {
      const from = first.get(s.code) ?? current
      return {
        code: s.code,
        name: s.name,
        cells: months.map((period): ArrivalCell => {
          const got = seqs.get(`${s.code} ${period}`) ?? []
          return { period, status: got.length ? 'arrived' : period < current && period >= from ? 'missing' : 'not_due', seqs: got, corrected: got.length > 1 }
        }),
        missingSeqs: s.missingSeqs,
        skippedSeqs: s.skippedSeqs,
        supersededSeqs: s.supersededSeqs,
        chainBreaks: s.chainBreaks
      }
    })
  }
}
