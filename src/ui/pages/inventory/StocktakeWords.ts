/** What the stocktake screens share: the route, status colours, the draft's key, the counts' summary. */
import type { Stocktake, StocktakeLine } from '../../../api/inventory'
import type { CountEntry } from './StocktakeGrid'

export const STOCKTAKE_PATH = '/stock/stocktake'

export const STATUS_COLOR: Record<Stocktake['status'], string> = { open: 'processing', confirmed: 'success', cancelled: 'default' }

/** counts typed but not yet saved, per stocktake, on this machine */
export const draftKey = (id: string): string => `stationdesk.stocktake.draft.${id}`

export function entriesOf(st: Stocktake): Record<string, CountEntry> {
  return Object.fromEntries(st.lines.map((l) => [l.lotId, { counted: l.counted, reason: l.reason, note: l.note }]))
}

export interface CountSummary {
  counted: number
  same: number
  gains: (StocktakeLine & { variance: number })[]
  losses: (StocktakeLine & { variance: number })[]
}

export function summaryOf(lines: StocktakeLine[], entries: Record<string, CountEntry>): CountSummary {
  const out: CountSummary = { counted: 0, same: 0, gains: [], losses: [] }
  for (const l of lines) {
    const c = entries[l.lotId]?.counted
    if (c === null || c === undefined) continue
    out.counted++
    const variance = c - l.expected
    if (variance === 0) out.same++
    else (variance > 0 ? out.gains : out.losses).push({ ...l, variance })
  }
  return out
}
