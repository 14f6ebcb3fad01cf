/**
 * 月结关账 (/periods, head only): every month from the first with records to this one, newest
 * first — open or closed, who closed it and when, how many times, the last reopening and its
 * reason, the packet of its latest close (number, short hash) and how many records are dated in
 * it. 关账 opens the close dialog (what is still open, the month's figures); 重新开放 asks for a
 * reason; a closed month's packet is exported right here (progress, passphrase, save).
 */
import { Button, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ExportOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useState } from 'react'
import type { PeriodList, PeriodRow } from '../../../api/periods'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { fmtDateTime } from '../../components/format'
import { usePacketExport } from '../packets/usePacketExport'
import { CloseDialog } from './CloseDialog'
import { ReopenDialog } from './ReopenDialog'

export function PeriodsPage() {
  const { t, num } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const [list, setList] = useState<PeriodList | null>(null)
  const [closing, setClosing] = useState<string | null>(null)
  const [reopening, setReopening] = useState<string | null>(null)

  const load = useCallback(() => {
    call('periods.list').then(setList, fail)
  }, [fail])
  useEffect(load, [load])
  const exporter = usePacketExport(load)
  const tz = info.timeZone

  const columns: ColumnsType<PeriodRow> = [
    {
      title: t('periods.col.period'),
      dataIndex: 'period',
      key: 'period',
      render: (p: string) => (
        <Space size={4}>
          <span className="sd-num">{p}</span>
          {p === list?.current && <Tag>{t('periods.current')}</Tag>}
        </Space>
      )
    },
    {
      title: t('periods.col.status'),
      key: 'status',
      render: (_, r) =>
        r.status === 'closed' ? (
          <Tag color="green" icon={<LockOutlined />} data-testid={`period-status-${r.period}`}>{t('periods.status.closed')}</Tag>
        ) : (
          <Tag color={r.ended ? 'orange' : 'default'} data-testid={`period-status-${r.period}`}>{t(r.ended ? 'periods.status.open' : 'periods.status.running')}</Tag>
        )
    },
    { title: t('periods.col.records'), dataIndex: 'records', key: 'records', align: 'right', render: (v: number) => <span className="sd-num">{num(v)}</span> },
    {
      title: t('periods.col.closed'),
      key: 'closed',
      render: (_, r) =>
        r.closedAt ? (
          <div data-testid={`period-closed-${r.period}`}>
            <div>{r.closedBy}</div>
            <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>{fmtDateTime(r.closedAt, tz, false)}</Typography.Text>
          </div>
        ) : null
    },
    { title: t('periods.col.closeCount'), dataIndex: 'closeCount', key: 'closeCount', align: 'right', render: (n: number) => (n ? t('periods.times', { n: num(n) }) : '') },
    {
      title: t('periods.col.reopened'),
      key: 'reopened',
      render: (_, r) =>
        r.reopenedAt ? (
          <Tooltip title={r.reopenReason}>
            <div style={{ maxWidth: 200 }} data-testid={`period-reopened-${r.period}`}>
              <div>
                {r.reopenedBy} <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>{fmtDateTime(r.reopenedAt, tz, false)}</Typography.Text>
              </div>
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 200 }}>{r.reopenReason}</Typography.Text>
            </div>
          </Tooltip>
        ) : null
    },
    {
      title: t('periods.col.packet'),
      key: 'packet',
      render: (_, r) =>
        r.packet ? (
          <Tooltip title={<span style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{r.packet.sha256}</span>}>
            <a href="#/packets" className="sd-num" data-testid={`period-packet-${r.period}`}>{t('periods.packetShort', { seq: r.packet.seq, hash: `${r.packet.sha256.slice(0, 8)}…` })}</a>
          </Tooltip>
        ) : r.status === 'closed' ? (
          <Typography.Text type="warning">{t('periods.notExported')}</Typography.Text>
        ) : null
    },
    {
      title: t('periods.col.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'closed' ? (
          <Space size={4} wrap>
            <Button size="small" icon={<ExportOutlined />} type={r.packet ? 'default' : 'primary'} disabled={exporter.running} onClick={() => void exporter.start(r.period)} data-testid={`period-export-${r.period}`}>
              {t('periods.close.export')}
            </Button>
            <Button size="small" icon={<UnlockOutlined />} onClick={() => setReopening(r.period)} data-testid={`period-reopen-${r.period}`}>
              {t('periods.reopen.button')}
            </Button>
          </Space>
        ) : r.ended ? (
          <Button size="small" type="primary" icon={<LockOutlined />} onClick={() => setClosing(r.period)} data-testid={`period-close-${r.period}`}>
            {t('periods.close.button')}
          </Button>
        ) : null
    }
  ]

  if (!list) return <Skeleton active />
  return (
    <div data-testid="periods-page">
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        {t('periods.intro')}
      </Typography.Paragraph>
      {exporter.progress}
      <div data-testid="periods-table">
        <Table<PeriodRow>
          rowKey="period"
          size="middle"
          dataSource={list.rows}
          pagination={list.rows.length > 24 ? { pageSize: 24 } : false}
          columns={columns}
        />
      </div>
      <CloseDialog
        period={closing}
        onCancel={() => setClosing(null)}
        onClosed={load}
        onExport={(p) => {
          setClosing(null)
          void exporter.start(p)
        }}
      />
      <ReopenDialog
        period={reopening}
        onCancel={() => setReopening(null)}
        onDone={(row) => {
          setReopening(null)
          ok(t('periods.reopen.done', { period: row.period }))
          load()
        }}
      />
      {exporter.modal}
    </div>
  )
}
