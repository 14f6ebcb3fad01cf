/**
 * The people register (/persons): one search box that takes anything a clerk has at hand (full
 * ID, its last 4–6 digits, name, pinyin or initials, phone), filters by village, sex, marital
 * and migrant status, register state and age band, sortable columns, paged on the backend, and
 * an export of the filtered list to Excel. An ID-card reader in keyboard mode types the number
 * and Enter into the search box: exactly one person with that ID opens directly; none offers to
 * add her with that ID.
 */
import { Alert, Button, Input, Segmented, Typography } from 'antd'
import type { SorterResult } from 'antd/es/table/interface'
import type { TablePaginationConfig } from 'antd'
import { DownloadOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { useEffect, useMemo, useRef, useState } from 'react'
import { checkIdNumber, normalizeIdInput } from '../../../api/idNumber'
import type { PersonRow } from '../../../api/persons'
import { saveFile } from '../../app/files'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { useDebounced } from '../../components/useDebounced'
import { usePagedList } from '../../components/usePagedList'
import { findById, personPath } from './PersonNewPage'
import { personsColumns, type Sort } from './personsColumns'
import { PersonsFilters, type Filters, type SetFilter } from './PersonsFilters'
import { useServicePoints } from './useServicePoints'
import { looksLikeId, stationToday, usePersonWords } from './words'
import { PagedTable } from '../../components/PagedTable'

interface Query extends Filters {
  q?: string
  sort: Sort
  order: 'asc' | 'desc'
}

/** the list as the clerk left it: coming back from a person finds the same search */
let kept: { text: string; filters: Filters; sort: Sort; order: 'asc' | 'desc' } = { text: '', filters: { state: 'active' }, sort: 'name', order: 'asc' }

/** what the search box sends: an ID being typed or read is normalised (full-width, spaces, x) */
function searchText(raw: string): string {
  const s = raw.trim()
  return looksLikeId(s) ? normalizeIdInput(s) : s
}

const list = (q: Query & { page: number; pageSize: number }) => call('persons.search', q)

export function PersonsPage() {
  const { t, lang } = useI18n()
  const words = usePersonWords()
  const { fail, ok } = useNotify()
  const { info } = useApp()
  const points = useServicePoints()
  const [text, setText] = useState(kept.text)
  const debounced = useDebounced(searchText(text), 300)
  const [q, setQ] = useState(searchText(kept.text))
  const [filters, setFilters] = useState<Filters>(kept.filters)
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: kept.sort, order: kept.order })
  const [notFound, setNotFound] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const search = useRef<HTMLInputElement | null>(null)

  useEffect(() => setQ(debounced), [debounced])
  useEffect(() => {
    kept = { text, filters, ...sort }
  }, [text, filters, sort])

  const query = useMemo<Query>(() => {
    const f: Query = { state: filters.state, ...sort }
    if (q) f.q = q
    for (const k of ['servicePointId', 'sex', 'maritalStatus', 'migrantStatus', 'ageFrom', 'ageTo'] as const) if (filters[k] !== undefined && filters[k] !== null) (f as unknown as Record<string, unknown>)[k] = filters[k]
    return f
  }, [q, filters, sort])
  const paged = usePagedList(list, query)
  const { data, onTableChange } = paged

  const set: SetFilter = (k, v) => setFilters((f) => ({ ...f, [k]: v ?? undefined }))
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'state' && v !== undefined) || filters.state !== 'active' || text !== ''

  /** Enter: search now; a whole valid ID (typed or read) opens its person, or offers to add her */
  const onEnter = async () => {
    const s = searchText(text)
    setQ(s)
    setNotFound(null)
    const id = s.length >= 15 ? checkIdNumber(s, { today: stationToday(info.timeZone) }) : null
    if (!id?.valid) return
    try {
      const hit = await findById(id.normalized)
      if (hit) navigate(personPath(hit.id))
      else setNotFound(id.normalized)
    } catch (e) {
      fail(e)
    }
  }

  const doExport = async () => {
    setExporting(true)
    try {
      const file = await call('persons.export', { ...query, lang })
      if (await saveFile(file, info.abilities)) ok(t('common.exported', { file: file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setExporting(false)
    }
  }

  const columns = personsColumns(t, words, sort)

  const onChange = (p: TablePaginationConfig, _f: unknown, s: SorterResult<PersonRow> | SorterResult<PersonRow>[], extra: { action: string }) => {
    if (extra.action !== 'sort') return onTableChange(p)
    const one = Array.isArray(s) ? s[0] : s
    const key = (one?.columnKey as Sort | undefined) ?? 'name'
    setSort(one?.order ? { sort: key, order: one.order === 'descend' ? 'desc' : 'asc' } : { sort: 'name', order: 'asc' })
  }

  return (
    <div>
      <div className="sd-page-toolbar">
        <Input
          ref={(el) => {
            search.current = el?.input ?? null
          }}
          allowClear
          autoFocus
          prefix={<SearchOutlined />}
          placeholder={t('persons.list.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setNotFound(null)
          }}
          onPressEnter={() => void onEnter()}
          style={{ width: 320 }}
          data-testid="persons-search"
          aria-label={t('persons.list.search')}
        />
        <Segmented<PersonRow['state']>
          value={filters.state}
          onChange={(v) => set('state', v)}
          options={[
            { value: 'active', label: words.value('state', 'active') },
            { value: 'exited', label: words.value('state', 'exited') }
          ]}
          data-testid="persons-state"
        />
        <span className="sd-grow" />
        <Button icon={<ImportOutlined />} onClick={() => navigate('/persons/import')} data-testid="persons-import">
          {t('persons.import.button')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="persons-export">
          {t('common.export')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/persons/new')} data-testid="persons-add">
          {t('persons.list.add')}
        </Button>
      </div>
      <PersonsFilters
        filters={filters}
        set={set}
        points={points}
        filtered={filtered}
        onReset={() => {
          setText('')
          setQ('')
          setFilters({ state: 'active' })
          setNotFound(null)
          search.current?.focus()
        }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4, marginBottom: 8 }}>
        {t('persons.list.searchHint')}
      </Typography.Paragraph>
      {notFound && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="persons-not-found"
          title={t('persons.list.idNotFound', { id: notFound })}
          action={
            <Button size="small" type="primary" onClick={() => navigate(`/persons/new?idNumber=${notFound}`)} data-testid="persons-add-this">
              {t('persons.list.addThis')}
            </Button>
          }
        />
      )}
      <PagedTable<PersonRow>
        list={paged}
        testId="persons-table"
        columns={columns}
        onChange={onChange}
        onRow={(r) => ({ onClick: () => navigate(personPath(r.id)), style: { cursor: 'pointer' } })}
        locale={{ emptyText: q ? t('persons.list.noMatch') : t('persons.list.empty') }}
      />
    </div>
  )
}
