/**
 * 数据包 (/packets, head only): where packets go (sealed to the district, or a warning that they
 * travel unencrypted), what waits for the next packet (rows written since the last one, closed
 * months not yet exported), the export of a closed month (a job with progress and Cancel, the
 * passphrase asked when the key needs one, the .sdpkt saved) and every packet made so far with
 * its hash; any packet can be downloaded again, and the page checks the bytes it got hash to the
 * SHA-256 on record. ?period=YYYY-MM preselects a month (from the month-close page).
 */
import { Alert, App as AntApp, Button, Card, Descriptions, Select, Skeleton, Space, Table, Tag, Typography } from 'antd'
import { ExportOutlined, ReloadOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { PacketInfo, PacketList } from '../../../api/packets'
import type { PeriodList } from '../../../api/periods'
import { call, callResult } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { DistrictBanner } from './DistrictBanner'
import { packetColumns } from './packetColumns'
import { usePacketExport } from './usePacketExport'
import { refusalText, sha256Hex, shortHash } from './words'

export function PacketsPage() {
  const { t, has, num } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const { message } = AntApp.useApp()
  const { query } = useRoute()
  const [list, setList] = useState<PacketList | null>(null)
  const [periods, setPeriods] = useState<PeriodList | null>(null)
  const [period, setPeriod] = useState<string | undefined>(query.get('period') ?? undefined)
  const [downloading, setDownloading] = useState<number | null>(null)

  const load = useCallback(() => {
    call('packets.list').then(setList, fail)
    call('periods.list').then(setPeriods, fail)
  }, [fail])
  useEffect(load, [load])

  const exporter = usePacketExport(load)
  const closed = useMemo(() => (periods?.rows ?? []).filter((r) => r.status === 'closed').map((r) => r.period), [periods])
  const chosen = period && closed.includes(period) ? period : (list?.unexported[0] ?? closed[0])

  const download = async (p: PacketInfo) => {
    setDownloading(p.seq)
    try {
      const r = await callResult('packets.download', { seq: p.seq })
      if (!r.ok) return void message.error(refusalText(t, has, r.error, 'packets'), 6)
      const hash = await sha256Hex(r.data.base64)
      if (hash !== null && hash !== p.sha256) return void message.error(t('packets.hashMismatch'), 10)
      if (await saveFile(r.data, info.abilities)) ok(t('packets.downloaded', { file: r.data.filename, hash: shortHash(p.sha256) }))
      load()
    } catch (e) {
      fail(e)
    } finally {
      setDownloading(null)
    }
  }

  if (!list || !periods) return <Skeleton active />
  const rows = [...list.packets].sort((a, b) => b.seq - a.seq)
  const last = exporter.last

  return (
    <div data-testid="packets-page">
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        {t('packets.intro')}
      </Typography.Paragraph>
      <DistrictBanner district={list.district} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'pending', label: t('packets.pending'), children: <span className="sd-num" data-testid="packets-pending">{t('packets.pendingRows', { n: num(list.pendingRows) })}</span> },
            { key: 'next', label: t('packets.nextSeq'), children: <span className="sd-num" data-testid="packets-next-seq">{num(list.nextSeq)}</span> },
            {
              key: 'unexported',
              label: t('packets.unexported'),
              children: (
                <span data-testid="packets-unexported">
                  {list.unexported.length
                    ? list.unexported.map((m) => (
                        <Tag key={m} color="orange" style={{ cursor: 'pointer' }} onClick={() => setPeriod(m)}>
                          {m}
                        </Tag>
                      ))
                    : t('packets.unexportedNone')}
                </span>
              )
            }
          ]}
        />
      </Card>

      <div className="sd-page-toolbar">
        {closed.length ? (
          <Space>
            <span>{t('packets.export.month')}</span>
            <Select
              style={{ width: 160 }}
              value={chosen}
              placeholder={t('packets.export.monthHint')}
              options={closed.map((m) => ({ value: m, label: list.unexported.includes(m) ? `${m} *` : m }))}
              onChange={setPeriod}
              disabled={exporter.running}
              data-testid="packets-export-month"
            />
            <Button type="primary" icon={<ExportOutlined />} disabled={!chosen || exporter.running} onClick={() => chosen && void exporter.start(chosen)} data-testid="packets-export">
              {t('packets.export.button')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="packets-no-closed">
            {t('packets.export.noClosed')}
          </Typography.Text>
        )}
        <span className="sd-grow" />
        <Button icon={<ReloadOutlined />} onClick={load}>
          {t('common.refresh')}
        </Button>
      </div>
      {exporter.progress}
      {last && !exporter.running && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          data-testid="packets-last"
          title={t('packets.export.last', { seq: last.packet.seq, period: last.packet.period, file: last.file.filename, how: t(last.built ? 'packets.export.new' : 'packets.export.same') })}
          description={
            <Space wrap>
              <span>SHA-256</span>
              <Typography.Text code copyable className="sd-num" style={{ wordBreak: 'break-all' }} data-testid="packets-last-hash">
                {last.packet.sha256}
              </Typography.Text>
            </Space>
          }
        />
      )}
      <div data-testid="packets-table">
        <Table<PacketInfo>
          rowKey="seq"
          size="middle"
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          columns={packetColumns({ t, num, timeZone: info.timeZone, downloading, onDownload: (p) => void download(p) })}
          locale={{ emptyText: t('packets.none') }}
        />
      </div>
      {exporter.modal}
    </div>
  )
}
