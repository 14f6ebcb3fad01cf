/**
 * An antd Table bound to a list paged on the backend (usePagedList): rows, loading state,
 * pagination and the change handler come from the list; pages add their columns and row
 * behaviour. The wrapper carries the test id.
 */
import { Table, type TableProps } from 'antd'
import type { PagedList } from './usePagedList'

type Props<Row> = Omit<TableProps<Row>, 'dataSource' | 'loading' | 'pagination'> & {
  list: PagedList<Row>
  testId: string
}

export function PagedTable<Row extends object>({ list, testId, rowKey = 'id', size = 'middle', scroll = { x: 'max-content' }, onChange, ...rest }: Props<Row>) {
  return (
    <div data-testid={testId}>
      <Table<Row>
        rowKey={rowKey}
        size={size}
        scroll={scroll}
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={list.pagination}
        onChange={onChange ?? ((p) => list.onTableChange(p))}
        {...rest}
      />
    </div>
  )
}
