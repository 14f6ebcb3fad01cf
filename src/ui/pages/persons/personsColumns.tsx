/** the columns of the people register's table (PersonsPage): the sortable ones show the current sort */
import { Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table/interface'
import type { PersonRow, SORT_FIELDS } from '../../../api/persons'
import type { TFunc } from '../../app/i18n'
import { personPath } from './PersonNewPage'
import type { PersonWords } from './words'

export type Sort = (typeof SORT_FIELDS)[number]

const MARITAL_COLORS: Record<string, string> = { married: 'blue', remarried: 'geekblue', divorced: 'orange', widowed: 'default', unmarried: 'default' }
const MIGRANT_COLORS: Record<string, string> = { out: 'orange', in: 'purple' }

export function personsColumns(t: TFunc, words: PersonWords, sort: { sort: Sort; order: 'asc' | 'desc' }): ColumnsType<PersonRow> {
  const sorted = (k: Sort) => (sort.sort === k ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null)
  return [
    {
      key: 'name',
      dataIndex: 'name',
      title: words.field('name'),
      width: 110,
      sorter: true,
      sortOrder: sorted('name'),
      render: (name: string, r) => (
        <a href={`#${personPath(r.id)}`} onClick={(e) => e.stopPropagation()} data-testid="persons-open">
          {name}
        </a>
      )
    },
    { key: 'idNumber', dataIndex: 'idNumber', title: words.field('idNumber'), width: 190, sorter: true, sortOrder: sorted('idNumber'), render: (v: string) => <span className="sd-num">{v}</span> },
    { key: 'sex', dataIndex: 'sex', title: words.field('sex'), width: 64, render: (v: string) => words.value('sex', v) },
    { key: 'birthDate', dataIndex: 'birthDate', title: words.field('birthDate'), width: 120, sorter: true, sortOrder: sorted('birthDate'), render: (v: string) => <span className="sd-num">{v}</span> },
    { key: 'age', dataIndex: 'age', title: t('persons.list.age'), width: 64, align: 'right', render: (v: number) => <span className="sd-num">{v}</span> },
    { key: 'phone', dataIndex: 'phone', title: words.field('phone'), width: 130, render: (v: string) => <span className="sd-num">{v}</span> },
    { key: 'point', dataIndex: 'servicePointName', title: words.field('servicePointId'), width: 130, ellipsis: true },
    {
      key: 'marital',
      dataIndex: 'maritalStatus',
      title: words.field('maritalStatus'),
      width: 96,
      render: (v: string) => <Tag color={MARITAL_COLORS[v]}>{words.value('maritalStatus', v)}</Tag>
    },
    {
      key: 'migrant',
      dataIndex: 'migrantStatus',
      title: words.field('migrantStatus'),
      width: 96,
      render: (v: string) => (v === 'local' ? words.value('migrantStatus', v) : <Tag color={MIGRANT_COLORS[v]}>{words.value('migrantStatus', v)}</Tag>)
    }
  ]
}
