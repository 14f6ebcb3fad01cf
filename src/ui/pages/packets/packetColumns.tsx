/** The packet history table's columns: number, month, which close, rows, size, sealing, hash, who made it, exports. */
import { Button, Space, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { DownloadOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons'
import type { PacketInfo } from '../../../api/packets'
import type { TFunc } from '../../app/i18n'
import { fmtBytes, fmtDateTime } from '../../components/format'
import { shortHash } from './words'

/** the hash, short, the whole of it on hover and copied whole */
export function HashText({ hex, testId }: { hex: string; testId?: string }) {
  return (
    <Tooltip title={<span style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{hex}</span>}>
      <Typography.Text code copyable={{ text: hex }} data-testid={testId} data-hash={hex} style={{ whiteSpace: 'nowrap' }}>
        {shortHash(hex)}
      </Typography.Text>
    </Tooltip>
  )
}

export function packetColumns(opts: {
  t: TFunc
  num: (n: number) => string
  timeZone: string
  downloading: number | null
  onDownload(p: PacketInfo): void
}): ColumnsType<PacketInfo> {
  const { t, num, timeZone } = opts
  return [
    { title: t('packets.col.seq'), dataIndex: 'seq', key: 'seq', align: 'right', render: (v: number) => <span className="sd-num">{num(v)}</span> },
    { title: t('packets.col.period'), dataIndex: 'period', key: 'period', render: (v: string) => <span className="sd-num">{v}</span> },
    {
      title: t('packets.col.closeNo'),
      dataIndex: 'closeNo',
      key: 'closeNo',
      render: (n: number) => (n > 1 ? <Tag color="orange">{t('packets.correction', { n })}</Tag> : <Typography.Text type="secondary">{t('packets.first')}</Typography.Text>)
    },
    { title: t('packets.col.rows'), dataIndex: 'rows', key: 'rows', align: 'right', render: (v: number) => <span className="sd-num">{num(v)}</span> },
    { title: t('packets.col.size'), dataIndex: 'size', key: 'size', align: 'right', render: (v: number) => <span className="sd-num">{fmtBytes(v, num)}</span> },
    {
      title: t('packets.col.sealed'),
      key: 'sealed',
      render: (_, p) =>
        p.sealed ? (
          <Tooltip title={p.recipientKeyId ? t('packets.sealedTo2', { keyId: p.recipientKeyId }) : undefined}>
            <Tag color="green" icon={<LockOutlined />}>
              {t('packets.sealedYes')}
            </Tag>
          </Tooltip>
        ) : (
          <Tag color="gold" icon={<UnlockOutlined />}>
            {t('packets.sealedNo')}
          </Tag>
        )
    },
    { title: t('packets.col.sha256'), dataIndex: 'sha256', key: 'sha256', render: (v: string, p) => <HashText hex={v} testId={`packet-hash-${p.seq}`} /> },
    {
      title: t('packets.col.created'),
      key: 'created',
      render: (_, p) => (
        <div>
          <div>{p.createdBy}</div>
          <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>
            {fmtDateTime(p.createdAt, timeZone, false)}
          </Typography.Text>
        </div>
      )
    },
    {
      title: t('packets.col.exports'),
      key: 'exports',
      render: (_, p) => (
        <Space size={4} orientation="vertical">
          <span className="sd-num" data-testid={`packet-exports-${p.seq}`}>
            {num(p.exportCount)}
          </span>
          {p.lastExportedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('packets.lastExported', { at: fmtDateTime(p.lastExportedAt, timeZone, false) })}
            </Typography.Text>
          )}
        </Space>
      )
    },
    {
      title: t('packets.col.actions'),
      key: 'actions',
      render: (_, p) => (
        <Button size="small" icon={<DownloadOutlined />} loading={opts.downloading === p.seq} onClick={() => opts.onDownload(p)} data-testid={`packet-download-${p.seq}`}>
          {t('packets.download')}
        </Button>
      )
    }
  ]
}
