/**
 * A list paged on the backend, bound to an antd Table: page and page size in state, a new
 * filter goes back to page 1, stale answers are dropped, errors toast.
 */
import type { TablePaginationConfig } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../api/contract'
import { useI18n } from '../app/i18n'
import { useNotify } from '../app/useNotify'

export const PAGE_SIZES = [20, 50, 100]

export interface PagedList<Row> {
  data: Page<Row> | null
  loading: boolean
  reload(): Promise<void>
  pagination: TablePaginationConfig
  /** give to Table's onChange */
  onTableChange(p: TablePaginationConfig): void
  setPage(page: number): void
}

/** `fetch` must be stable (module level or useCallback); `filter` a memoised object */
export function usePagedList<Row, F extends object>(fetch: (q: F & { page: number; pageSize: number }) => Promise<Page<Row>>, filter: F, initialPageSize = 50): PagedList<Row> {
  const { t, num } = useI18n()
  const { fail } = useNotify()
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(initialPageSize)
  const [data, setData] = useState<Page<Row> | null>(null)
  const [loading, setLoading] = useState(false)
  const seq = useRef(0)

  // a new filter starts again from the first page
  const [lastFilter, setLastFilter] = useState(filter)
  if (lastFilter !== filter) {
    setLastFilter(filter)
    setPage(1)
  }

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    try {
      const p = await fetch({ ...filter, page, pageSize })
      if (mine !== seq.current) return
      // rows went away elsewhere and this page is now past the end: go to the last page
      if (p.rows.length === 0 && p.total > 0 && page > 1) setPage(Math.max(1, Math.ceil(p.total / pageSize)))
      else setData(p)
    } catch (e) {
      if (mine === seq.current) fail(e)
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [fetch, filter, page, pageSize, fail])

  useEffect(() => {
    void reload()
  }, [reload])

  const onTableChange = useCallback(
    (p: TablePaginationConfig) => {
      if (p.pageSize && p.pageSize !== pageSize) {
        setPageSize(p.pageSize)
        setPage(1)
      } else if (p.current) setPage(p.current)
    },
    [pageSize]
  )

  return {
    data,
    loading,
    reload,
    onTableChange,
    setPage,
    pagination: {
      current: page,
      pageSize,
      total: data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: PAGE_SIZES,
      showTotal: (n) => t('common.total', { n: num(n) })
    }
  }
}
