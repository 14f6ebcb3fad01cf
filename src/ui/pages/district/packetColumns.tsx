/**
 * The imported packets' columns (the packets page, and the latest few on the home page): station,
 * number, month, rows, size, sealed, hash, when built and imported, and the chain: whether the
 * packet's previous-packet hash matches the packet here before it (before the numbers it declares
 * skipped, when the station restored a backup), with the skipped numbers and whether a later
 * packet superseded it.
 */
import { Space, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { CheckCircleOutlined, DisconnectOutlined, FlagOutlined, LockOutlined, QuestionCircleOutlined, UnlockOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { DistrictPacket } from '../../../api/district'
import type { TFunc } from '../../app/i18n'
import { fmtBytes, fmtDateTime } from '../../components/format'

const CHAIN: Record<DistrictPacket['chain'], { color: string; icon: ReactNode }> = {
  ok: { color: 'green', icon: <CheckCircleOutlined /> },
  first: { color: 'blue', icon: <FlagOutlined /> },
  unknown: { color: 'gold', icon: <QuestionCircleOutlined /> },
  break: { color: 'red', icon: <DisconnectOutlined /> }
}

/** the numbers a packet declares skipped, as "#3" or "#2–#4" */
const seqRange = (from: number, to: number) => (from === to ? `#${from}` : `#${from}–#${to}`)

export function ChainTag({ p, t }: { p: DistrictPacket; t: TFunc }) {
  const c = CHAIN[p.chain]
  // a packet declaring skipped numbers follows the one before them
  const prev = p.skipped ? p.skipped.from - 1 : p.seq - 1
  return (
    // stacked and wrapped: the chain column stays narrow enough for the table to fit a laptop's screen
    <Space orientation="vertical" size={2} align="start">
      <Tooltip title={t(`district.chain.tip_${p.chain}`, { seq: p.seq, prev })}>
        <Tag color={c.color} icon={c.icon} data-testid={`chain-${p.stationCode}-${p.seq}`} data-chain={p.chain} style={{ marginInlineEnd: 0 }}>
          {t(`district.chain.${p.chain}`)}
        </Tag>
      </Tooltip>
      {p.skipped && (
        <Tooltip title={t(`district.chain.tip_skipped_${p.skipped.reason}`, { seq: p.seq, prev, seqs: seqRange(p.skipped.from, p.skipped.to) })}>
          <Tag data-testid={`chain-skipped-${p.stationCode}-${p.seq}`} style={{ marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: 150 }}>
            <div>{t('district.chain.skipped', { seqs: seqRange(p.skipped.from, p.skipped.to) })}</div>
            <div>{t(`district.chain.why_${p.skipped.reason}`)}</div>
          </Tag>
        </Tooltip>
      )}
      {p.superseded && (
        <Tooltip title={t('district.chain.tip_superseded', { seq: p.seq })}>
          <Tag color="purple" data-testid={`chain-superseded-${p.stationCode}-${p.seq}`} style={{ marginInlineEnd: 0 }}>
            {t('district.chain.superseded')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  )
}

export function HashShort({ hex }: { hex: string }) {
  return (
    <Tooltip title={<span style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{hex}</span>}>
      <Typography.Text code copyable={{ text: hex }} style={{ whiteSpace: 'nowrap' }}>
        {hex.slice(0, 12)}…
      </Typography.Text>
    </Tooltip>
  )
}

export function districtPacketColumns(opts: { t: TFunc; num: (n: number) => string; timeZone: string; compact?: boolean }): ColumnsType<DistrictPacket> {
  const { t, num, timeZone } = opts
  const n = (v: number) => <span className="sd-num">{num(v)}</span>
  const all: (ColumnsType<DistrictPacket>[number] & { full?: boolean })[] = [
    {
      title: t('district.col.station'),
      key: 'station',
      render: (_, p) => (
        <div>
          <div>{p.stationName}</div>
          <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>
            {p.stationCode}
          </Typography.Text>
        </div>
      )
    },
    { title: t('district.col.seq'), dataIndex: 'seq', key: 'seq', align: 'right', render: (v: number) => <span className="sd-num">#{v}</span> },
    { title: t('district.col.period'), dataIndex: 'period', key: 'period', render: (v: string) => <span className="sd-num">{v}</span> },
    { title: t('district.col.rows'), dataIndex: 'rows', key: 'rows', align: 'right', render: n },
    { title: t('district.col.size'), dataIndex: 'size', key: 'size', align: 'right', full: true, render: (v: number) => <span className="sd-num">{fmtBytes(v, num)}</span> },
    {
      title: t('district.col.sealed'),
      key: 'sealed',
      full: true,
      render: (_, p) =>
        p.sealed ? (
          <Tag color="green" icon={<LockOutlined />}>
            {t('district.sealedYes')}
          </Tag>
        ) : (
          <Tag color="gold" icon={<UnlockOutlined />}>
            {t('district.sealedNo')}
          </Tag>
        )
    },
    { title: 'SHA-256', dataIndex: 'sha256', key: 'sha256', full: true, render: (v: string) => <HashShort hex={v} /> },
    { title: t('district.col.builtAt'), dataIndex: 'builtAt', key: 'builtAt', full: true, render: (v: string) => <span className="sd-num">{fmtDateTime(v, timeZone, false)}</span> },
    { title: t('district.col.importedAt'), dataIndex: 'importedAt', key: 'importedAt', render: (v: string) => <span className="sd-num">{fmtDateTime(v, timeZone, false)}</span> },
    { title: t('district.col.chain'), key: 'chain', render: (_, p) => <ChainTag p={p} t={t} /> }
  ]
  return all.filter((c) => !(opts.compact && c.full)).map(({ full: _full, ...c }) => c)
}
