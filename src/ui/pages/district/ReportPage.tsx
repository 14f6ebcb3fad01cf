/**
 * 汇总报表 (/district/report?period=YYYY-MM): the month across the district (district.report) —
 * per station whether its packet arrived (and which), screened, referred, stock out, certificates
 * issued, verifications, 按记录核对 (the five figures counted again from the records by business
 * date: agrees, or which differ, in a tooltip), 办证率 and 验证率 as num / den and percent, with the
 * totals; the stations with no packet for the month highlighted and named, those whose records
 * differ from their report named; then screening by kind with its coverage, stock by product,
 * certificates; and the same as an Excel file (district.reportExport).
 */
import { Alert, Button, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { DownloadOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import { DISTRICT_FIGURES, type DistrictReport, type DistrictStationLine } from '../../../api/district'
import { call } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { MonthSwitcher } from '../../components/MonthSwitcher'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { RecordCheck } from './RecordCheck'
import { CertificatesSection, RateCell, ScreeningSection, StockSection } from './reportSections'
import { monthIn, PERIOD, shiftMonth } from './words'

export const REPORT_PATH = '/district/report'
const FIGURES = DISTRICT_FIGURES

export function ReportPage() {
  const { t, num, lang } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const { query } = useRoute()
  const thisMonth = monthIn(info.timeZone)
  const asked = query.get('period') ?? ''
  const period = PERIOD.test(asked) ? asked : shiftMonth(thisMonth, -1)
  const [report, setReport] = useState<DistrictReport | null>(null)
  const [loading, setLoading] = useState(false)
  const [exporting, setExporting] = useState(false)
  const go = (p: string) => navigate(`${REPORT_PATH}?period=${p}`)

  useEffect(() => {
    let live = true
    setLoading(true)
    call('district.report', { period })
      .then((r) => live && setReport(r), fail)
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [period, fail])

  const exportXlsx = async () => {
    setExporting(true)
    try {
      const file = await call('district.reportExport', { period, lang })
      if (await saveFile(file, info.abilities)) ok(t('district.report.exported', { file: file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setExporting(false)
    }
  }

  const shown = report?.period === period ? report : null
  const lines = shown?.stations ?? []
  const missingNames = lines.filter((s) => !s.arrived && s.due).map((s) => t('district.report.stationNamed', { name: s.name, code: s.code }))
  const differing = lines.filter((s) => s.mismatch.length > 0)
  const dash = <Typography.Text type="secondary">—</Typography.Text>

  const columns: ColumnsType<DistrictStationLine> = [
    {
      title: t('district.col.station'),
      key: 'station',
      fixed: 'left',
      render: (_, s) => (
        <div>
          <div>{s.name}</div>
          <Typography.Text type="secondary" className="sd-num" style={{ fontSize: 12 }}>
            {s.code}
          </Typography.Text>
        </div>
      )
    },
    {
      title: t('district.report.packet'),
      key: 'arrived',
      render: (_, s) =>
        s.arrived ? (
          <Tag color="green" data-testid={`report-arrived-${s.code}`}>
            {t('district.report.arrivedSeq', { seq: s.packetSeq ?? '' })}
          </Tag>
        ) : s.due ? (
          <Tag color="red" data-testid={`report-missing-${s.code}`}>
            {t('district.report.missingTag')}
          </Tag>
        ) : (
          <Tag data-testid={`report-notdue-${s.code}`}>{t('district.report.notDueTag')}</Tag>
        )
    },
    ...FIGURES.map((f) => ({
      title: t(`district.report.${f}`),
      key: f,
      align: 'right' as const,
      render: (_: unknown, s: DistrictStationLine) =>
        s.arrived ? (
          <span className="sd-num" data-testid={`report-${f}-${s.code}`}>
            {num(s[f])}
          </span>
        ) : (
          dash
        )
    })),
    {
      title: t('district.report.check'),
      key: 'check',
      render: (_, s) => <RecordCheck reported={s} records={s.records} mismatch={s.mismatch} arrived={s.arrived} testId={`report-check-${s.code}`} />
    },
    { title: t('rates.kind.certificate'), key: 'certificateRate', render: (_, s) => (s.arrived ? <RateCell rate={s.certificateRate} testId={`report-certRate-${s.code}`} /> : dash) },
    { title: t('rates.kind.verification'), key: 'verificationRate', render: (_, s) => (s.arrived ? <RateCell rate={s.verificationRate} testId={`report-verRate-${s.code}`} /> : dash) }
  ]

  const summary = () => {
    if (!shown || !lines.length) return null
    const arrived = lines.filter((s) => s.arrived)
    return (
      <Table.Summary fixed>
        <Table.Summary.Row style={{ background: '#fafafa', fontWeight: 600 }}>
          <Table.Summary.Cell index={0}>{t('district.report.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1}>
            <span data-testid="report-total-arrived">{t('district.report.arrivedOf', { n: num(arrived.length), of: num(lines.length) })}</span>
          </Table.Summary.Cell>
          {FIGURES.map((f, i) => (
            <Table.Summary.Cell key={f} index={2 + i} align="right">
              <span className="sd-num" data-testid={`report-total-${f}`}>
                {num(arrived.reduce((sum, s) => sum + s[f], 0))}
              </span>
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={7}>
            <RecordCheck reported={shown.totals.reported} records={shown.totals.records} mismatch={shown.totals.mismatch} arrived={arrived.length > 0} testId="report-total-check" />
          </Table.Summary.Cell>
          <Table.Summary.Cell index={8}>
            <RateCell rate={shown.rates.certificate} testId="report-total-certRate" />
          </Table.Summary.Cell>
          <Table.Summary.Cell index={9}>
            <RateCell rate={shown.rates.verification} testId="report-total-verRate" />
          </Table.Summary.Cell>
        </Table.Summary.Row>
      </Table.Summary>
    )
  }

  return (
    <div data-testid="district-report">
      <div className="sd-page-toolbar">
        <MonthSwitcher period={period} latest={thisMonth} onChange={go} prevLabel={t('district.report.prev')} nextLabel={t('district.report.next')} />
        <span className="sd-grow" />
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!shown} onClick={() => void exportXlsx()} data-testid="report-export">
          {t('district.report.export')}
        </Button>
      </div>

      {shown && missingNames.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('district.report.missingTitle', { n: missingNames.length, period })}
          description={missingNames.join(t('district.sep'))}
          data-testid="report-missing"
        />
      )}

      {shown && differing.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('district.report.checkTitle', { n: differing.length })}
          description={
            <>
              <div>{differing.map((s) => t('district.report.stationNamed', { name: s.name, code: s.code })).join(t('district.sep'))}</div>
              <div>{t('district.report.checkBody')}</div>
            </>
          }
          data-testid="report-check-differ"
        />
      )}

      <Table<DistrictStationLine>
        rowKey="code"
        size="middle"
        loading={loading}
        dataSource={lines}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={false}
        summary={summary}
        onRow={(s) => ({ style: s.arrived || !s.due ? undefined : { background: '#fff1f0' }, 'data-testid': `report-row-${s.code}` }) as never}
        locale={{ emptyText: t('district.report.noStations') }}
        data-testid="report-stations"
        style={{ marginBottom: 12 }}
      />

      {shown && (
        <>
          <ScreeningSection report={shown} />
          <StockSection report={shown} />
          <CertificatesSection report={shown} />
        </>
      )}
    </div>
  )
}
