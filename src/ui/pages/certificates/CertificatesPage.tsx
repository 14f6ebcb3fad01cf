/**
 * 婚育证明 (/certificates): every certificate the station issued, searched by number, name, ID
 * number or its last digits, filtered by state, expired, year and village, paged on the backend.
 * Rows chosen (valid ones only) print together as one job — A4 or the booklet page (套打) — with
 * a progress bar and Cancel (nothing counted), then a preview. 新办证明 starts the issue flow; the
 * head sees the numbering (per year: issued, highest, explained gaps).
 */
import { Alert, Button, Dropdown, Input, Space, Typography } from 'antd'
import { DownOutlined, NumberOutlined, PlusOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { CertificateRow, NumberingYear } from '../../../api/certificates'
import { MAX_PRINT_BATCH, type CertificateLayout } from '../../../api/certificatesPrint'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { PagedTable } from '../../components/PagedTable'
import { useDebounced } from '../../components/useDebounced'
import { usePagedList } from '../../components/usePagedList'
import { useServicePoints } from '../persons/useServicePoints'
import { normalizeIdInput } from '../../../api/idNumber'
import { looksLikeId, stationToday } from '../persons/words'
import { certColumns } from './certColumns'
import { CertificatesFilters, type CertFilters, type SetCertFilter } from './CertificatesFilters'
import { NumberingDrawer } from './NumberingDrawer'
import { PrintPreview, type Printed } from './PrintPreview'
import { PrintProgress, usePrintJob } from './usePrintJob'
import { certPath, useCertWords } from './words'

type Query = CertFilters & { q?: string }

/** the list as the clerk left it: back from a certificate finds the same search */
let kept: { text: string; filters: CertFilters } = { text: '', filters: {} }

const list = (q: Query & { page: number; pageSize: number }) => call('certificates.list', q)

/** an ID being typed or read is normalised (full-width digits, spaces, x); anything else as typed */
const searchText = (raw: string) => (looksLikeId(raw.trim()) && !raw.includes('-') ? normalizeIdInput(raw.trim()) : raw.trim())

export function CertificatesPage() {
  const { t, num } = useI18n()
  const words = useCertWords()
  const { info, can } = useApp()
  const points = useServicePoints()
  const today = stationToday(info.timeZone)
  const [text, setText] = useState(kept.text)
  const debounced = useDebounced(searchText(text), 300)
  const [q, setQ] = useState(searchText(kept.text))
  const [filters, setFilters] = useState<CertFilters>(kept.filters)
  const [selected, setSelected] = useState<string[]>([])
  const [numbering, setNumbering] = useState<NumberingYear[] | null>(null)
  const [showNumbering, setShowNumbering] = useState(false)
  const [printed, setPrinted] = useState<Printed | null>(null)
  const job = usePrintJob()

  useEffect(() => setQ(debounced), [debounced])
  useEffect(() => {
    kept = { text, filters }
  }, [text, filters])

  const loadNumbering = useCallback(() => {
    call('certificates.numbering').then(setNumbering, () => setNumbering([]))
  }, [])
  useEffect(loadNumbering, [loadNumbering])

  const query = useMemo<Query>(() => {
    const f: Query = {}
    if (q) f.q = q
    for (const k of ['status', 'expired', 'year', 'servicePointId'] as const) if (filters[k] !== undefined) (f as Record<string, unknown>)[k] = filters[k]
    return f
  }, [q, filters])
  const paged = usePagedList(list, query)

  const set: SetCertFilter = (k, v) => setFilters((f) => ({ ...f, [k]: v ?? undefined }))
  const filtered = text !== '' || Object.values(filters).some((v) => v !== undefined)
  const thisYear = Number(today.slice(0, 4))
  const years = useMemo(() => [...new Set([thisYear, ...(numbering ?? []).map((y) => y.year)])].sort((a, b) => b - a), [numbering, thisYear])

  const printBatch = async (layout: CertificateLayout) => {
    const file = await job.print(selected, layout)
    if (!file) return
    setPrinted({ file, layout })
    setSelected([])
    void paged.reload()
  }

  const tooMany = selected.length > MAX_PRINT_BATCH
  return (
    <div>
      <div className="sd-page-toolbar">
        <Input
          allowClear
          autoFocus
          prefix={<SearchOutlined />}
          placeholder={t('certificates.list.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => setQ(searchText(text))}
          style={{ width: 340 }}
          data-testid="certs-search"
          aria-label={t('certificates.list.search')}
        />
        <span className="sd-grow" />
        {can('head') && (
          <Button icon={<NumberOutlined />} onClick={() => (loadNumbering(), setShowNumbering(true))} data-testid="certs-numbering">
            {t('certificates.numbering.button')}
          </Button>
        )}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/certificates/new')} data-testid="certs-new">
          {t('certificates.list.new')}
        </Button>
      </div>
      <CertificatesFilters
        filters={filters}
        set={set}
        points={points}
        years={years}
        filtered={filtered}
        onReset={() => {
          setText('')
          setQ('')
          setFilters({})
        }}
      />
      {selected.length > 0 && (
        <Alert
          type={tooMany ? 'warning' : 'info'}
          style={{ marginBottom: 12 }}
          data-testid="certs-selection"
          title={
            <Space wrap>
              <span>{tooMany ? t('certificates.list.tooMany', { n: num(selected.length), max: num(MAX_PRINT_BATCH) }) : t('certificates.list.selected', { n: num(selected.length) })}</span>
              <Dropdown
                trigger={['click']}
                disabled={tooMany || job.running}
                menu={{
                  items: [
                    { key: 'a4', label: t('certificates.layout.a4'), onClick: () => void printBatch('a4') },
                    { key: 'booklet', label: t('certificates.layout.booklet'), onClick: () => void printBatch('booklet') }
                  ]
                }}
              >
                <Button type="primary" size="small" icon={<PrinterOutlined />} data-testid="certs-batch-print">
                  {t('certificates.list.batchPrint')} <DownOutlined />
                </Button>
              </Dropdown>
              <Button size="small" type="link" onClick={() => setSelected([])} data-testid="certs-clear-selection">
                {t('certificates.list.clearSelection')}
              </Button>
            </Space>
          }
        />
      )}
      <PrintProgress job={job} title={t('certificates.print.makingBatch', { n: num(selected.length) })} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4, marginBottom: 8 }}>
        {t('certificates.list.hint')}
      </Typography.Paragraph>
      <PagedTable<CertificateRow>
        list={paged}
        testId="certs-table"
        columns={certColumns(t, words, today, num)}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) => ({ disabled: r.status !== 'valid' || r.expired, 'aria-label': r.number }) as object
        }}
        onRow={(r) => ({
          // a click on the row opens it; one on its checkbox only chooses it
          onClick: (e) => !(e.target as HTMLElement).closest('.ant-table-selection-column') && navigate(certPath(r.id)),
          style: { cursor: 'pointer' }
        })}
        locale={{ emptyText: filtered ? t('certificates.list.noMatch') : t('certificates.list.empty') }}
      />
      <NumberingDrawer open={showNumbering} years={numbering} onClose={() => setShowNumbering(false)} />
      <PrintPreview printed={printed} onClose={() => setPrinted(null)} />
    </div>
  )
}
