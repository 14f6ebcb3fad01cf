/**
 * The district office's home ('/' in district mode): who the district is (name, code, signing
 * key id, the seal key stations encrypt to, stations registered), the year's arrivals matrix
 * (district.arrivals) with what is missing and where a station's chain broke called out above it
 * (the numbers a station declared skipped after restoring a backup said apart, not to chase),
 * and the packets imported last.
 */
import { Alert, Button, Card, Descriptions, Result, Space, Table, Typography } from 'antd'
import { ImportOutlined, LeftOutlined, ReloadOutlined, RightOutlined, ShopOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useState } from 'react'
import type { Arrivals, DistrictInfo, DistrictPacket } from '../../../api/district'
import { CallError, call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { ArrivalsMatrix } from './ArrivalsMatrix'
import { districtPacketColumns } from './packetColumns'
import { districtErrorText, monthIn, monthRuns } from './words'

const LATEST = 8

/** what the year's matrix says needs chasing: months missing, sequence gaps, chain breaks */
function Problems({ data }: { data: Arrivals }) {
  const { t } = useI18n()
  const lines: string[] = []
  for (const s of data.stations) {
    const missing = s.cells.filter((c) => c.status === 'missing').map((c) => c.period)
    const months = monthRuns(missing).map(([from, to]) => (from === to ? from : t('district.home.range', { from, to })))
    if (missing.length) lines.push(t('district.home.missingMonths', { station: s.name, months: months.join(t('district.sep')), n: missing.length }))
    if (s.missingSeqs.length) lines.push(t('district.home.missingSeqs', { station: s.name, seqs: s.missingSeqs.map((n) => `#${n}`).join(' ') }))
    if (s.chainBreaks.length) lines.push(t('district.home.chainBreaks', { station: s.name, seqs: s.chainBreaks.map((n) => `#${n}`).join(' ') }))
  }
  if (!lines.length)
    return data.stations.length ? <Alert type="success" showIcon title={t('district.home.allArrived')} style={{ marginBottom: 12 }} data-testid="home-all-arrived" /> : null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('district.home.problems', { n: lines.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="home-problems">
          {lines.slice(0, 12).map((l) => (
            <li key={l}>{l}</li>
          ))}
          {lines.length > 12 && <li>{t('district.home.more', { n: lines.length - 12 })}</li>}
        </ul>
      }
    />
  )
}

/** what the stations declared skipped (they restored a backup): said, not counted among what to chase */
function Skipped({ data }: { data: Arrivals }) {
  const { t } = useI18n()
  const seqs = (list: number[]) => list.map((n) => `#${n}`).join(' ')
  const lines: string[] = []
  for (const s of data.stations) {
    if (s.skippedSeqs.length) lines.push(t('district.home.skippedSeqs', { station: s.name, seqs: seqs(s.skippedSeqs) }))
    if (s.supersededSeqs.length) lines.push(t('district.home.supersededSeqs', { station: s.name, seqs: seqs(s.supersededSeqs) }))
  }
  if (!lines.length) return null
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('district.home.skippedTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="home-skipped">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      }
    />
  )
}

export function DistrictHome() {
  const { t, has, num } = useI18n()
  const { info } = useApp()
  const thisYear = Number(monthIn(info.timeZone).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const [district, setDistrict] = useState<DistrictInfo | null>(null)
  const [arrivals, setArrivals] = useState<Arrivals | null>(null)
  const [latest, setLatest] = useState<DistrictPacket[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const say = useCallback((e: unknown) => setError(e instanceof CallError ? districtErrorText(t, has, e.error) : t('errors.code.INTERNAL')), [t, has])

  const load = useCallback(() => {
    setError(null)
    call('district.info').then(setDistrict, say)
    call('district.packets', {})
      .then((ps) => setLatest([...ps].sort((a, b) => b.importedAt.localeCompare(a.importedAt) || b.seq - a.seq).slice(0, LATEST)), say)
  }, [say])
  useEffect(load, [load])

  useEffect(() => {
    let live = true
    setArrivals(null)
    call('district.arrivals', { year }).then((a) => live && setArrivals(a), say)
    return () => {
      live = false
    }
  }, [year, say])

  if (error) return <Result status="warning" title={error} extra={<Button onClick={load}>{t('common.refresh')}</Button>} />

  return (
    <div data-testid="district-home">
      <Card size="small" style={{ marginBottom: 12 }} loading={!district}>
        {district && (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'name', label: t('district.home.name'), children: <span data-testid="home-district-name">{district.name}</span> },
              { key: 'code', label: t('district.home.code'), children: <span className="sd-num">{district.code}</span> },
              { key: 'stations', label: t('district.home.stations'), children: <span className="sd-num" data-testid="home-stations">{num(district.stations)}</span> },
              {
                key: 'keyId',
                label: t('district.home.keyId'),
                children: (
                  <Typography.Text code copyable data-testid="home-key-id">
                    {district.keyId}
                  </Typography.Text>
                )
              },
              {
                key: 'sealKeyId',
                label: t('district.home.sealKeyId'),
                children: district.sealKeyId ? (
                  <Typography.Text code copyable data-testid="home-seal-key-id">
                    {district.sealKeyId}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary" data-testid="home-seal-key-unknown">
                    {t('district.home.sealKeyUnknown')}
                  </Typography.Text>
                )
              }
            ]}
          />
        )}
      </Card>

      {district && district.stations === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('district.home.noStations')}
          description={t('district.home.noStationsBody')}
          action={
            <Button size="small" icon={<ShopOutlined />} onClick={() => navigate('/district/stations')}>
              {t('district.nav.stations')}
            </Button>
          }
          data-testid="home-no-stations"
        />
      )}

      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={t('district.home.arrivalsTitle', { year })}
        extra={
          <Space>
            <Button size="small" icon={<LeftOutlined />} onClick={() => setYear(year - 1)} aria-label={t('district.home.prevYear')} data-testid="home-prev-year" />
            <Button size="small" icon={<RightOutlined />} disabled={year >= thisYear} onClick={() => setYear(year + 1)} aria-label={t('district.home.nextYear')} data-testid="home-next-year" />
            <Button size="small" icon={<ReloadOutlined />} onClick={load}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
        loading={!arrivals}
      >
        {arrivals && (
          <>
            <Problems data={arrivals} />
            <Skipped data={arrivals} />
            <ArrivalsMatrix data={arrivals} />
          </>
        )}
      </Card>

      <Card
        size="small"
        title={t('district.home.latest')}
        loading={!latest}
        extra={
          <Space>
            <Button size="small" type="primary" icon={<ImportOutlined />} onClick={() => navigate('/district/import')}>
              {t('district.nav.import')}
            </Button>
            <Typography.Link onClick={() => navigate('/district/packets')}>{t('district.home.allPackets')}</Typography.Link>
          </Space>
        }
      >
        {latest && (
          <Table<DistrictPacket>
            rowKey={(p) => `${p.stationCode}-${p.seq}`}
            size="small"
            dataSource={latest}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={districtPacketColumns({ t, num, timeZone: info.timeZone, compact: true })}
            locale={{ emptyText: t('district.home.noPackets') }}
            data-testid="home-latest"
          />
        )}
      </Card>
    </div>
  )
}
