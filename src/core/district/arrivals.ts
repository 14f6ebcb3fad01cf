/**
 * district.arrivals: per registered station and month of a year, what arrived. A month is
 * 'arrived' when a packet for it is here (corrected: more than one, corrections after a
 * reopen), 'missing' when it has ended (in the office's time zone) without one, 'not_due' when
 * it is the current month or later. With each station: the sequence numbers below its highest
 * that have not arrived and the packets whose chain is broken.
 */
import type { ArrivalCell, Arrivals } from '../../api/district'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { listStations } from './stations'

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
  return {
    year,
    months,
    stations: listStations(ctx.sqlite).map((s) => ({
      code: s.code,
      name: s.name,
      cells: months.map((period): ArrivalCell => {
        const got = seqs.get(`${s.code} ${period}`) ?? []
        return { period, status: got.length ? 'arrived' : period < current ? 'missing' : 'not_due', seqs: got, corrected: got.length > 1 }
      }),
      missingSeqs: s.missingSeqs,
      chainBreaks: s.chainBreaks
    }))
  }
}
