/**
 * What an import did, file by file: imported (station, month, packet number, rows), a duplicate
 * (already here, nothing changed) or refused — why, in the user's language, and what to do next
 * (register the station's key first, ask the station to export again …).
 */
import { Alert, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { CheckCircleOutlined, CloseCircleOutlined, MinusCircleOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { DistrictImportItem, ImportOutcome } from '../../../api/district'
import { useI18n } from '../../app/i18n'
import { refusalWords } from './words'

const OUTCOME: Record<ImportOutcome, { color: string; icon: ReactNode }> = {
  imported: { color: 'green', icon: <CheckCircleOutlined /> },
  duplicate: { color: 'blue', icon: <MinusCircleOutlined /> },
  refused: { color: 'red', icon: <CloseCircleOutlined /> }
}

export function importCounts(items: DistrictImportItem[]): Record<ImportOutcome, number> {
  const c: Record<ImportOutcome, number> = { imported: 0, duplicate: 0, refused: 0 }
  for (const i of items) c[i.outcome]++
  return c
}

export function ImportResults({ items }: { items: DistrictImportItem[] }) {
  const { t, has, num } = useI18n()
  const c = importCounts(items)
  const rows = items.map((it, i) => ({ ...it, key: `${i}-${it.file}` }))

  const columns: ColumnsType<DistrictImportItem & { key: string }> = [
    { title: t('district.import.col.file'), dataIndex: 'file', key: 'file', width: 220, render: (v: string) => <Typography.Text style={{ wordBreak: 'break-all' }}>{v}</Typography.Text> },
    {
      title: t('district.import.col.outcome'),
      key: 'outcome',
      width: 120,
      render: (_, it) => (
        <Tag color={OUTCOME[it.outcome].color} icon={OUTCOME[it.outcome].icon} data-testid="import-outcome" data-outcome={it.outcome}>
          {t(`district.outcome.${it.outcome}`)}
        </Tag>
      )
    },
    { title: t('district.col.station'), dataIndex: 'stationCode', key: 'station', width: 110, render: (v: string | null) => <span className="sd-num">{v ?? '—'}</span> },
    { title: t('district.col.period'), dataIndex: 'period', key: 'period', width: 90, render: (v: string | null) => <span className="sd-num">{v ?? '—'}</span> },
    { title: t('district.col.seq'), dataIndex: 'seq', key: 'seq', align: 'right', width: 72, render: (v: number | null) => <span className="sd-num">{v === null ? '—' : `#${v}`}</span> },
    { title: t('district.col.rows'), dataIndex: 'rows', key: 'rows', align: 'right', width: 90, render: (v: number, it) => <span className="sd-num">{it.outcome === 'imported' ? num(v) : '—'}</span> },
    {
      title: t('district.import.col.what'),
      key: 'what',
      render: (_, it) => {
        if (it.outcome === 'imported') return <Typography.Text>{t('district.import.importedLine', { rows: num(it.rows) })}</Typography.Text>
        if (it.outcome === 'duplicate') return <Typography.Text type="secondary">{t('district.import.duplicateLine')}</Typography.Text>
        const w = refusalWords(t, has, it)
        return (
          <div data-testid="import-reason" data-reason={it.reason ?? ''}>
            <Typography.Text type="danger">{w.why}</Typography.Text>
            {w.next && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('district.import.next', { next: w.next })}
                </Typography.Text>
              </div>
            )}
          </div>
        )
      }
    }
  ]

  return (
    <div data-testid="import-results">
      <Alert
        type={c.refused ? (c.imported ? 'warning' : 'error') : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          <Space size={16} wrap data-testid="import-summary">
            <span>{t('district.import.summaryImported', { n: num(c.imported) })}</span>
            <span>{t('district.import.summaryDuplicate', { n: num(c.duplicate) })}</span>
            <span>{t('district.import.summaryRefused', { n: num(c.refused) })}</span>
          </Space>
        }
        description={c.refused ? t('district.import.refusedNote') : undefined}
      />
      <Table
        size="middle"
        dataSource={rows}
        columns={columns}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={(it) => ({ style: it.outcome === 'refused' ? { background: '#fff7f6' } : undefined })}
        data-testid="import-table"
      />
    </div>
  )
}
