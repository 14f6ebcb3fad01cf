/**
 * Every problem the check found, as the clerk will look for it in Excel: the row number as the
 * sheet shows it, the column by its header as written, and what is wrong (already worded by the
 * core in the user's language). Paged here; filterable by column.
 */
import { Alert, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useMemo } from 'react'
import type { ImportProblem } from '../../../api/personsImport'
import { useI18n } from '../../app/i18n'

type Row = ImportProblem & { key: number }

export function ImportProblems({ problems, total }: { problems: ImportProblem[]; total: number }) {
  const { t, num } = useI18n()
  const rows = useMemo<Row[]>(() => problems.map((p, i) => ({ ...p, key: i })), [problems])
  const columnsInSheet = useMemo(() => [...new Set(problems.map((p) => p.column))], [problems])
  const cols: ColumnsType<Row> = [
    { title: t('persons.import.problems.row'), dataIndex: 'row', width: 88, align: 'right', sorter: (a, b) => a.row - b.row, render: (r: number) => <span className="sd-num">{r}</span> },
    {
      title: t('persons.import.problems.column'),
      dataIndex: 'column',
      width: 180,
      filters: columnsInSheet.map((c) => ({ text: c || t('persons.import.problems.wholeRow'), value: c })),
      onFilter: (v, r) => r.column === v,
      render: (c: string) => (c ? c : <Typography.Text type="secondary">{t('persons.import.problems.wholeRow')}</Typography.Text>)
    },
    { title: t('persons.import.problems.reason'), dataIndex: 'reason' }
  ]
  return (
    <div data-testid="import-problems">
      {total > problems.length && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('persons.import.problems.more', { total: num(total), shown: num(problems.length) })} />
      )}
      <Table<Row>
        size="small"
        columns={cols}
        dataSource={rows}
        pagination={{ defaultPageSize: 10, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n: num(n) }), hideOnSinglePage: false }}
        locale={{ emptyText: t('persons.import.problems.none') }}
      />
    </div>
  )
}
