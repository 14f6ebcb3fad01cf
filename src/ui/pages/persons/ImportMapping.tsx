/**
 * The column mapping of a roster as the core read it: each column's letter, its header as
 * written in the sheet, the first values under it, and the register field it fills. Choosing
 * another field (or "not imported") runs the check again with the edited mapping; a field taken
 * from another column leaves that column not imported.
 */
import { Select, Table, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { ImportColumn, ImportField } from '../../../api/personsImport'
import { useI18n } from '../../app/i18n'
import { columnLetter, NOT_IMPORTED, useImportWords } from './importWords'

export function ImportMapping({ columns, disabled, onChange }: { columns: ImportColumn[]; disabled: boolean; onChange(index: number, field: ImportField | null): void }) {
  const { t } = useI18n()
  const words = useImportWords()
  const cols: ColumnsType<ImportColumn> = [
    { title: t('persons.import.mapping.column'), dataIndex: 'index', width: 56, align: 'center', render: (i: number) => <span className="sd-num">{columnLetter(i)}</span> },
    {
      title: t('persons.import.mapping.header'),
      dataIndex: 'header',
      width: 200,
      render: (h: string, c) => (h ? <Typography.Text strong={c.field !== null} type={c.field === null ? 'secondary' : undefined}>{h}</Typography.Text> : <Typography.Text type="secondary">{t('persons.import.mapping.noHeader')}</Typography.Text>)
    },
    {
      title: t('persons.import.mapping.samples'),
      dataIndex: 'samples',
      ellipsis: true,
      render: (s: string[]) => <Typography.Text type="secondary">{s.length ? s.join(t('persons.listSep')) : t('persons.none')}</Typography.Text>
    },
    {
      title: t('persons.import.mapping.field'),
      dataIndex: 'field',
      width: 220,
      render: (f: ImportField | null, c) => (
        <Select<ImportField | typeof NOT_IMPORTED>
          size="small"
          style={{ width: 200 }}
          value={f ?? NOT_IMPORTED}
          options={words.fieldOptions}
          disabled={disabled}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => onChange(c.index, v === NOT_IMPORTED ? null : v)}
          aria-label={t('persons.import.mapping.fieldOf', { header: c.header || columnLetter(c.index) })}
          data-testid={`import-map-${c.index}`}
        />
      )
    }
  ]
  return (
    <div data-testid="import-mapping">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('persons.import.mapping.hint')}
      </Typography.Paragraph>
      <Table<ImportColumn> size="small" rowKey="index" columns={cols} dataSource={columns} pagination={false} />
    </div>
  )
}
