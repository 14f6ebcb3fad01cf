/**
 * The station's small registers (staff, equipment, service points) share one page shape:
 * a search box (debounced), an active filter where the register has one, a table paged on the
 * backend, add / edit in a modal form, and an export of the current filter to Excel.
 * Each register's page only declares its columns and its form fields.
 */
import { Button, Input, Segmented, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { DownloadOutlined, EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { useMemo, useState, type ReactNode } from 'react'
import type { ApiResult, FileOut, Page, Role } from '../../api/contract'
import { saveFile } from '../app/files'
import { useI18n, type Lang } from '../app/i18n'
import { useApp } from '../app/session'
import { useNotify } from '../app/useNotify'
import { FormModal } from './FormModal'
import { useDebounced } from './useDebounced'
import { usePagedList } from './usePagedList'
import { PagedTable } from './PagedTable'

export interface RegisterFilter {
  q?: string
  active?: boolean
}
export interface RegisterQuery extends RegisterFilter {
  page: number
  pageSize: number
}

export interface RegisterPageProps<Row extends { id: string }, V extends object> {
  /** the record's noun for the modal titles, translated ("工作人员", "设备") */
  what: string
  searchPlaceholder: string
  /** the register has an active flag: show the all / active / inactive filter */
  hasActive?: boolean
  list(q: RegisterQuery): Promise<Page<Row>>
  /** row is the record being edited, null for a new one */
  save(values: V, row: Row | null): Promise<ApiResult<Row>>
  exportFile(f: RegisterFilter & { lang: Lang }): Promise<FileOut>
  columns: ColumnsType<Row>
  initialValues(row: Row | null): Partial<V>
  /** the form's fields (antd Form.Item elements); they may use Form.useWatch inside */
  fields: ReactNode
  fieldPaths?: Record<string, (string | number)[]>
  writeRoles?: Role[]
  modalWidth?: number
  labelWidth?: number
}

type ActiveFilter = 'all' | 'active' | 'inactive'

export function RegisterPage<Row extends { id: string }, V extends object>(props: RegisterPageProps<Row, V>) {
  const { t, lang } = useI18n()
  const { fail, ok } = useNotify()
  const { info, can } = useApp()
  const canWrite = can(...(props.writeRoles ?? ['admin', 'head']))

  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const [active, setActive] = useState<ActiveFilter>('all')
  const [exporting, setExporting] = useState(false)
  const [editing, setEditing] = useState<{ row: Row | null } | null>(null)

  const filter = useMemo<RegisterFilter>(
    () => ({ ...(q ? { q } : {}), ...(props.hasActive && active !== 'all' ? { active: active === 'active' } : {}) }),
    [q, active, props.hasActive]
  )
  const paged = usePagedList(props.list, filter)
  const { reload } = paged

  const doExport = async () => {
    setExporting(true)
    try {
      const file = await props.exportFile({ ...filter, lang })
      if (await saveFile(file, info.abilities)) ok(t('common.exported', { file: file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setExporting(false)
    }
  }

  const columns = useMemo<ColumnsType<Row>>(() => {
    if (!canWrite) return props.columns
    return [
      ...props.columns,
      {
        key: '_actions',
        title: t('common.actions'),
        width: 96,
        fixed: 'right',
        render: (_: unknown, row: Row) => (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ row })} data-testid="register-edit">
            {t('common.edit')}
          </Button>
        )
      }
    ]
  }, [props.columns, canWrite, t])

  return (
    <div>
      <div className="sd-page-toolbar">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={props.searchPlaceholder}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 280 }}
          data-testid="register-search"
          aria-label={t('common.search')}
        />
        {props.hasActive && (
          <Segmented<ActiveFilter>
            value={active}
            onChange={setActive}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'active', label: t('common.active') },
              { value: 'inactive', label: t('common.inactive') }
            ]}
            data-testid="register-active"
          />
        )}
        <span className="sd-grow" />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="register-export">
          {t('common.export')}
        </Button>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })} data-testid="register-add">
            {t('common.add')}
          </Button>
        )}
      </div>
      <PagedTable<Row> list={paged} testId="register-table" columns={columns} onRow={(row) => (canWrite ? { onDoubleClick: () => setEditing({ row }) } : {})} />
      {canWrite && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('station.register.hint')}
        </Typography.Text>
      )}
      <FormModal<V>
        open={editing !== null}
        title={editing?.row ? t('station.register.editTitle', { what: props.what }) : t('station.register.addTitle', { what: props.what })}
        initialValues={props.initialValues(editing?.row ?? null)}
        onCancel={() => setEditing(null)}
        onSubmit={async (values) => {
          const r = await props.save(values, editing?.row ?? null)
          if (!r.ok) return r.error
          setEditing(null)
          ok(t('common.saved'))
          void reload()
          return null
        }}
        fieldPaths={props.fieldPaths}
        okTestId="register-save"
        testId="register-modal"
        width={props.modalWidth}
        labelWidth={props.labelWidth}
      >
        {props.fields}
      </FormModal>
    </div>
  )
}

