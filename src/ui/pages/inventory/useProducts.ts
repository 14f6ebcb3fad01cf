/**
 * The product catalogue for the stock forms and pages: loaded once per page, in catalogue
 * order, with a lookup by id and the options of a product select (name in the user's language,
 * code to search by).
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Product } from '../../../api/inventory'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'

export interface Products {
  list: Product[]
  loading: boolean
  byId(id: string | null | undefined): Product | undefined
  /** the product's name in the user's language */
  name(p: { name: string; nameEn: string }): string
  options: { value: string; label: string; search: string }[]
  reload(): Promise<void>
}

export function productName(lang: string, p: { name: string; nameEn: string }): string {
  return lang === 'en' && p.nameEn ? p.nameEn : p.name
}

export function useProducts(includeInactive = false): Products {
  const { lang } = useI18n()
  const { fail } = useNotify()
  const [list, setList] = useState<Product[]>([])
  const [loading, setLoading] = useState(true)
  const reload = useCallback(async () => {
    setLoading(true)
    try {
      setList(await call('inventory.products', { includeInactive }))
    } catch (e) {
      fail(e)
    } finally {
      setLoading(false)
    }
  }, [includeInactive, fail])
  useEffect(() => {
    void reload()
  }, [reload])
  const map = useMemo(() => new Map(list.map((p) => [p.id, p])), [list])
  const byId = useCallback((id: string | null | undefined) => (id ? map.get(id) : undefined), [map])
  const name = useCallback((p: { name: string; nameEn: string }) => productName(lang, p), [lang])
  const options = useMemo(
    () => list.filter((p) => p.active).map((p) => ({ value: p.id, label: name(p), search: `${p.name} ${p.nameEn} ${p.code}`.toLowerCase() })),
    [list, name]
  )
  return { list, loading, byId, name, options, reload }
}
