/**
 * 办证率 / 验证率: the two rates the district measures stations by, for a month (the state on
 * its last day, or today for the current month): out-migrant women of childbearing age holding
 * a valid certificate, and in-migrant women whose certificate was verified. Big figures, the
 * 12-month trend, the table per village; every number opens the people behind it.
 */
import { Card, Col, DatePicker, Result, Row, Skeleton, Table, Typography, Button } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useState } from 'react'
import type { CertificateRates, RateKind, VillageRates } from '../../../api/certificateRates'
import { CallError, call } from '../../app/client'
import { errorText } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { useRoute, navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { stationToday } from '../persons/words'
import { RatePeopleModal, type Counted, type RatePeopleQuery } from './RatePeopleModal'
import { RateCell, RateFigure, RatesTrend } from './RatesParts'
import { RATES_PATH } from './words'

export function RatesPage() {
  const { t, has } = useI18n()
  const { info } = useApp()
  const { query } = useRoute()
  const thisMonth = stationToday(info.timeZone).slice(0, 7)
  const asked = query.get('month')
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) && asked <= thisMonth ? asked : thisMonth
  const [data, setData] = useState<CertificateRates | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [people, setPeople] = useState<RatePeopleQuery | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setData(await call('certificates.rates', { month }))
    } catch (e) {
      setError(e instanceof CallError ? errorText(t, has, e.error) : t('errors.code.INTERNAL'))
    } finally {
      setLoading(false)
    }
  }, [month, t, has])

  useEffect(() => {
    void load()
  }, [load])

  const open = (kind: RateKind, counted: Counted, village?: VillageRates) =>
    setPeople({ kind, month, counted, ...(village ? { servicePointId: village.servicePointId, place: village.name ?? t('rates.noVillage') } : {}) })

  const toolbar = (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', marginBottom: 16 }}>
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${month}-01`)}
        disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
        onChange={(d: Dayjs | null) => d && navigate(`${RATES_PATH}?month=${d.format('YYYY-MM')}`)}
        data-testid="rates-month"
      />
      {data && (
        <Typography.Text type="secondary" data-testid="rates-as-of">
          {t('rates.asOf', { date: data.asOf })}
        </Typography.Text>
      )}
      <Button type="text" icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('common.refresh')} title={t('common.refresh')} />
    </div>
  )

  if (!data)
    return (
      <div data-testid="rates-page">
        {toolbar}
        {error ? <Result status="warning" title={t('rates.loadFailed')} subTitle={error} extra={<Button onClick={() => void load()}>{t('common.refresh')}</Button>} /> : <Skeleton active />}
      </div>
    )

  return (
    <div data-testid="rates-page">
      {toolbar}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <RateFigure kind="certificate" rate={data.certificate} onOpen={(c) => open('certificate', c)} />
        </Col>
        <Col xs={24} md={12}>
          <RateFigure kind="verification" rate={data.verification} onOpen={(c) => open('verification', c)} />
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('rates.trend')}>
            <RatesTrend trend={data.trend} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('rates.byVillage')}>
            <Table<VillageRates>
              size="small"
              pagination={false}
              rowKey={(r) => r.servicePointId ?? '-'}
              dataSource={data.byVillage}
              locale={{ emptyText: t('rates.noPeople') }}
              data-testid="rates-villages"
              columns={[
                { title: t('rates.village'), dataIndex: 'name', render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('rates.noVillage')}</Typography.Text> },
                { title: t('rates.kind.certificate'), key: 'certificate', render: (_: unknown, r, i) => <RateCell kind="certificate" rate={r.certificate} onOpen={(c) => open('certificate', c, r)} testId={`rates-village-${i}-certificate`} /> },
                { title: t('rates.kind.verification'), key: 'verification', render: (_: unknown, r, i) => <RateCell kind="verification" rate={r.verification} onOpen={(c) => open('verification', c, r)} testId={`rates-village-${i}-verification`} /> }
              ]}
            />
          </Card>
        </Col>
      </Row>
      <RatePeopleModal query={people} onClose={() => setPeople(null)} />
    </div>
  )
}
