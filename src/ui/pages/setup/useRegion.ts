import { useEffect, useState } from 'react'
import { callResult } from '../../app/client'

/**
 * The region a station code names, looked up as the user types (codes.lookup works before
 * setup): from 6 digits the county, at 9 digits the township.
 *  - known: the whole code is in the tables (name = province…county…township)
 *  - county: only the county part is typed so far, or the township is not in the tables
 *  - unknown: the county is not a GB/T 2260 code
 */
export type Region =
  | { code: string; state: 'looking' }
  | { code: string; state: 'known'; name: string }
  | { code: string; state: 'county'; name: string; complete: boolean }
  | { code: string; state: 'unknown' }

async function lookup(code: string): Promise<string | null> {
  const r = await callResult('codes.lookup', { code })
  return r.ok && r.data.known ? r.data.name : null
}

export function useRegion(raw: string | undefined): Region | null {
  const code = (raw ?? '').trim()
  const usable = /^\d{6,9}$/.test(code)
  const [region, setRegion] = useState<Region | null>(null)
  useEffect(() => {
    if (!usable) {
      setRegion(null)
      return
    }
    let stale = false
    setRegion({ code, state: 'looking' })
    const run = async (): Promise<Region> => {
      if (code.length === 9) {
        const full = await lookup(code)
        if (full) return { code, state: 'known', name: full }
      }
      const county = await lookup(code.slice(0, 6))
      return county ? { code, state: 'county', name: county, complete: code.length === 9 } : { code, state: 'unknown' }
    }
    run().then(
      (r) => {
        if (!stale) setRegion(r)
      },
      () => {
        if (!stale) setRegion(null)
      }
    )
    return () => {
      stale = true
    }
  }, [code, usable])
  return usable && region?.code === code ? region : null
}
