import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ServicePointRow } from '../../../api/station'
import { call } from '../../app/client'

export interface ServicePoints {
  /** the active points, for a select */
  options: { value: string; label: string }[]
  /** the name of any point, active or not (the history shows points since closed) */
  name(id: string): string | null
}

/** the station's service points: a handful, so one page of 500 holds them all */
export function useServicePoints(): ServicePoints {
  const [rows, setRows] = useState<ServicePointRow[]>([])
  useEffect(() => {
    let live = true
    call('servicePoints.list', { page: 1, pageSize: 500 }).then(
      (p) => live && setRows(p.rows),
      () => undefined // the selects stay empty; the person's own point name still shows
    )
    return () => {
      live = false
    }
  }, [])
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows])
  const name = useCallback((id: string) => byId.get(id)?.name ?? null, [byId])
  const options = useMemo(() => rows.filter((r) => r.active).map((r) => ({ value: r.id, label: r.name })), [rows])
  return { options, name }
}
