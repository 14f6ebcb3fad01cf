/**
 * 数据包 (/district/packets): every packet imported (district.packets), by station and newest first, filtered
 * by station and month (?station=…&period=YYYY-MM), with its hash, whether it was sealed, and its
 * place in the station's chain (first, linked to the one before, the one before not here yet, or
 * a break: its previous-packet hash does not match the packet here).
 */
import { Button, DatePicker, Select, Space, Table, Typography } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { DistrictPacket, DistrictStation } from '../../../api/district'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { districtPacketColumns } from './packetColumns'
import { PERIOD } from './words'

export const PACKETS_PATH = '/district/packets'

export function PacketsPage() {
  const { t, num } = useI18n()
  const { info } = useApp()
  const { fail } = useNotify()
  const { query } = useRoute()
  const station = query.get('station') || undefined
  const askedPeriod = query.get('period') ?? ''
  const period = PERIOD.test(askedPeriod) ? askedPeriod : undefined
  const [stations, setStations] = useState<DistrictStation[]>([])
  const [rows, setRows] = useState<DistrictPacket[] | null>(null)

  const go = (next: { station?: string; period?: string }) => {
    const q = new URLSearchParams()
    if (next.station) q.set('station', next.station)
    if (next.period) q.set('period', next.period)
    const s = q.toString()
    navigate(s ? `${PACKETS_PATH}?${s}` : PACKETS_PATH)
  }

  useEffect(() => {
    call('district.stations').then(setStations, fail)
  }, [fail])

  const load = useCallback(() => {
    setRows(null)
    call('district.packets', { ...(station ? { stationCode: station } : {}), ...(period ? { period } : {}) }).then(setRows, fail)
  }, [station, period, fail])
  useEffect(load, [load])

  // by station, each station's chain from its newest packet down
  const sorted = useMemo(() => [...(rows ?? [])].sort((a, b) => a.stationCode.localeCompare(b.stationCode) || b.seq - a.seq), [rows])
  const breaks = sorted.filter((p) => p.chain === 'break').length

  return (
    <div data-testid="district-packets">
      <div className="sd-page-toolbar">
        <Space>
          <span>{t('district.col.station')}</span>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 260 }}
            placeholder={t('district.packets.allStations')}
            value={station}
            onChange={(v?: string) => go({ station: v, period })}
            options={stations.map((s) => ({ value: s.code, label: `${s.name} ${s.code}` }))}
            data-testid="packets-station"
          />
        </Space>
        <Space>
          <span>{t('district.col.period')}</span>
          <DatePicker
            picker="month"
            format="YYYY-MM"
            placeholder={t('district.packets.allMonths')}
            value={period ? dayjs(`${period}-01`) : null}
            onChange={(d) => go({ station, period: d ? d.format('YYYY-MM') : undefined })}
            data-testid="packets-month"
          />
        </Space>
        <span className="sd-grow" />
        {rows && (
          <Typography.Text type="secondary" data-testid="packets-count">
            {t('district.packets.count', { n: num(rows.length) })}
            {breaks > 0 && <Typography.Text type="danger">{` · ${t('district.packets.breaks', { n: num(breaks) })}`}</Typography.Text>}
          </Typography.Text>
        )}
        <Button icon={<ReloadOutlined />} onClick={load}>
          {t('common.refresh')}
        </Button>
      </div>
      <Table<DistrictPacket>
        rowKey={(p) => `${p.stationCode}-${p.seq}`}
        size="middle"
        loading={!rows}
        dataSource={sorted}
        scroll={{ x: 'max-content' }}
        columns={districtPacketColumns({ t, num, timeZone: info.timeZone })}
        onRow={(p) => ({ style: p.chain === 'break' ? { background: '#fff1f0' } : undefined })}
        pagination={sorted.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t(station || period ? 'district.packets.noneFiltered' : 'district.packets.none') }}
        data-testid="packets-table"
      />
    </div>
  )
}
