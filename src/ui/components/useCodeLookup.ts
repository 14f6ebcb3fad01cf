import { useEffect, useState } from 'react'
import { callResult } from '../app/client'

export type CodeLookup = { status: 'idle' } | { status: 'loading' } | { status: 'known'; name: string } | { status: 'unknown' }

/**
 * The region name of a 6-, 9- or 12-digit statistical code from the code tables, looked up as
 * the user types once the code has one of the given lengths.
 */
export function useCodeLookup(code: string | null | undefined, lengths: number[]): CodeLookup {
  const c = (code ?? '').trim()
  const ready = /^\d+$/.test(c) && lengths.includes(c.length)
  const [res, setRes] = useState<{ code: string; name: string | null; known: boolean } | null>(null)
  useEffect(() => {
    if (!ready) return
    let live = true
    const h = setTimeout(() => {
      void callResult('codes.lookup', { code: c }).then((r) => {
        if (live && r.ok) setRes(r.data)
      })
    }, 150)
    return () => {
      live = false
      clearTimeout(h)
    }
  }, [c, ready])
  if (!ready) return { status: 'idle' }
  if (!res || res.code !== c) return { status: 'loading' }
  return res.known && res.name ? { status: 'known', name: res.name } : { status: 'unknown' }
}
