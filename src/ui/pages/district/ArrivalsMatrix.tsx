/**
 * The year's arrivals (district.arrivals): one row per station, one cell per month — arrived
 * (green, with the packet numbers), missing (red: the month has ended and nothing came), not due
 * (grey: this month or later) — a mark on months that came more than once (corrections after a
 * reopen: the cell names the latest packet, its tooltip every one), and the station's missing sequence numbers and chain breaks called out at the end.
 */
import { Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { CloseOutlined, EditOutlined } from '@ant-design/icons'
import { useMemo } from 'react'
import type { ArrivalCell, Arrivals } from '../../../api/district'
import { useI18n } from '../../app/i18n'

type StationRow = Arrivals['stations'][number]

const STYLE: Record<ArrivalCell['status'], { background: string; border: string; color: string }> = {
  arrived: { background: '#f6ffed', border: '#95de64', color: '#237804' },
  missing: { background: '#fff1f0', border: '#ff7875', color: '#a8071a' },
  not_due: { background: '#fafafa', border: '#f0f0f0', color: '#bfbfbf' }
}

function Cell({ cell, code }: { cell: ArrivalCell; code: string }) {
  const { t } = useI18n()
  const s = STYLE[cell.status]
  const seqs = cell.seqs.map((n) => `#${n}`).join(' ')
  const tip =
    cell.status === 'arrived'
      ? t(cell.corrected ? 'district.arrivals.tipCorrected' : 'district.arrivals.tipArrived', { period: cell.period, seqs })
      : t(`district.arrivals.tip_${cell.status}`, { period: cell.period })
  return (
    <Tooltip title={tip}>
      <div
        data-testid={`arrival-${code}-${cell.period}`}
        data-status={cell.status}
        data-corrected={cell.corrected ? '1' : '0'}
        style={{
          position: 'relative',
          minWidth: 40,
          height: 30,
          lineHeight: '28px',
          textAlign: 'center',
          fontSize: 12,
          borderRadius: 4,
          background: s.background,
          border: `1px solid ${s.border}`,
          color: s.color,
          whiteSpace: 'nowrap',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          padding: '0 4px'
        }}
      >
        {cell.status === 'arrived' ? <span className="sd-num">{cell.seqs.length > 1 ? `#${cell.seqs[cell.seqs.length - 1]}` : seqs}</span> : cell.status === 'missing' ? <CloseOutlined aria-label={t('district.arrivals.missing')} /> : ''}
        {cell.corrected && <EditOutlined style={{ position: 'absolute', top: 1, right: 2, fontSize: 9, color: '#d46b08' }} aria-label={t('district.arrivals.corrected')} />}
      </div>
    </Tooltip>
  )
}

/** a station's missing sequence numbers and chain breaks as tags, or "none" */
function Gaps({ row }: { row: StationRow }) {
  const { t } = useI18n()
  if (!row.missingSeqs.length && !row.chainBreaks.length)
    return (
      <Typography.Text type="secondary" data-testid={`arrival-gaps-${row.code}`}>
        {t('district.none')}
      </Typography.Text>
    )
  return (
    <Space size={2} wrap data-testid={`arrival-gaps-${row.code}`}>
      {row.missingSeqs.map((n) => (
        <Tag key={`m${n}`} color="red" style={{ marginInlineEnd: 0 }}>
          {t('district.arrivals.gapSeq', { seq: n })}
        </Tag>
      ))}
      {row.chainBreaks.map((n) => (
        <Tag key={`b${n}`} color="volcano" style={{ marginInlineEnd: 0 }}>
          {t('district.arrivals.gapBreak', { seq: n })}
        </Tag>
      ))}
    </Space>
  )
}

export function ArrivalsMatrix({ data }: { data: Arrivals }) {
  const { t, lang } = useI18n()
  const monthName = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' })
    return (period: string) => f.format(new Date(`${period}-01T00:00:00Z`))
  }, [lang])

  const columns: ColumnsType<StationRow> = [
    {
      title: t('district.col.station'),
      key: 'station',
      fixed: 'left',
      width: 180,
      render: (_, s) => (
        <div>
          <div>{s.name}</div>
          <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>
            {s.code}
          </Typography.Text>
        </div>
      )
    },
    ...data.months.map((m, i) => ({
      title: monthName(m),
      key: m,
      align: 'center' as const,
      width: 56,
      render: (_: unknown, s: StationRow) => (s.cells[i] ? <Cell cell={s.cells[i]} code={s.code} /> : null)
    })),
    {
      title: t('district.arrivals.gaps'),
      key: 'gaps',
      width: 120,
      render: (_, s) => <Gaps row={s} />
    }
  ]

  return (
    <>
      <Table<StationRow>
        rowKey="code"
        size="small"
        bordered
        scroll={{ x: 'max-content' }}
        dataSource={data.stations}
        columns={columns}
        pagination={data.stations.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
        locale={{ emptyText: t('district.arrivals.noStations') }}
        data-testid="arrivals-matrix"
      />
      <Space size={16} wrap style={{ marginTop: 8, fontSize: 12 }}>
        {(['arrived', 'missing', 'not_due'] as const).map((k) => (
          <Space key={k} size={6}>
            <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: STYLE[k].background, border: `1px solid ${STYLE[k].border}` }} />
            <Typography.Text type="secondary">{t(`district.arrivals.legend_${k}`)}</Typography.Text>
          </Space>
        ))}
        <Space size={6}>
          <EditOutlined style={{ color: '#d46b08' }} />
          <Typography.Text type="secondary">{t('district.arrivals.legend_corrected')}</Typography.Text>
        </Space>
      </Space>
    </>
  )
}
