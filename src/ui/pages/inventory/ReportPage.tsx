/**
 * The monthly stock report (/stock/report?period=YYYY-MM, 月报): per product the opening, one
 * column per kind of move (in +, out −), the closing with its packs, this month's consumption,
 * the average monthly consumption and the months of stock — inventory.monthlyReport as it is,
 * so each row adds up. A month picker (last month by default), and the PDF and Excel files.
 */
import { Button, Dropdown, Space, Switch, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { DownloadOutlined, DownOutlined } from '@ant-design/icons'
import { useEffect, useMemo, useState } from 'react'
import { MOVE_KINDS, type MonthlyReport, type MonthlyReportRow } from '../../../api/inventory'
import { call } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { MonthSwitcher, shiftMonth } from '../../components/MonthSwitcher'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { stationToday } from '../persons/words'
import { packIsUnit, unitWord } from './quantity'
import { productName } from './useProducts'

export const REPORT_PATH = '/stock/report'
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/

/** a product that held or moved stock this month */
const busyRow = (r: MonthlyReportRow) => r.opening !== 0 || r.closing !== 0 || MOVE_KINDS.some((k) => r.columns[k] !== 0)


export function ReportPage() {
  const { t, lang, num } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const { query } = useRoute()
  const thisMonth = stationToday(info.timeZone).slice(0, 7)
  const asked = query.get('period') ?? ''
  const period = PERIOD.test(asked) ? asked : shiftMonth(thisMonth, -1)
  const [report, setReport] = useState<MonthlyReport | null>(null)
  const [loading, setLoading] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [onlyActive, setOnlyActive] = useState(true)
  const [allKinds, setAllKinds] = useState(false)
  const go = (p: string) => navigate(`${REPORT_PATH}?period=${p}`)

  useEffect(() => {
    let live = true
    setLoading(true)
    call('inventory.monthlyReport', { period })
      .then((r) => live && setReport(r), fail)
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [period, fail])

  const download = async (format: 'pdf' | 'xlsx') => {
    setBusy(format)
    try {
      const file = await call('inventory.reportFile', { period, format, lang })
      if (await saveFile(file, info.abilities)) ok(t('common.exported', { file: file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const rows = useMemo(() => (report?.rows ?? []).filter((r) => !onlyActive || busyRow(r)), [report, onlyActive])
  // the kinds of move this month had (every kind is in the files; the screen keeps to what happened)
  const kinds = useMemo(() => (allKinds ? MOVE_KINDS : MOVE_KINDS.filter((k) => (report?.rows ?? []).some((r) => r.columns[k] !== 0))), [report, allKinds])
  const n = (v: number) => <span className="sd-num">{num(v)}</span>
  const change = (v: number) => (v === 0 ? <Typography.Text type="secondary">·</Typography.Text> : <span className="sd-num" style={{ color: v < 0 ? '#a8071a' : '#237804' }}>{v > 0 ? `+${num(v)}` : `−${num(-v)}`}</span>)
  /** the packs a quantity makes: "123 盒", "95 盒 + 6 只" */
  const packs = (v: number, r: MonthlyReportRow) => {
    const a = Math.abs(v)
    const p = Math.floor(a / r.packSize)
    const rest = a % r.packSize
    const packText = `${v < 0 ? '−' : ''}${num(p)} ${unitWord(t, r.packUnit, p, true)}`
    return rest ? t('inventory.qty.packsAndRest', { packs: packText, rest: `${num(rest)} ${unitWord(t, r.unit, rest)}` }) : packText
  }
  const withPacks = (v: number, r: MonthlyReportRow, strong = false) => (
    <>
      <div className="sd-num" style={{ fontWeight: strong ? 600 : undefined }}>
        {num(v)}
      </div>
      {!packIsUnit(r) && Math.abs(v) >= r.packSize && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {packs(v, r)}
        </Typography.Text>
      )}
    </>
  )

  const columns: ColumnsType<MonthlyReportRow> = [
    {
      title: t('stockReports.report.col.product'),
      key: 'product',
      fixed: 'left',
      width: 210,
      render: (_, r) => (
        <div>
          <div>{productName(lang, r)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code} · {unitWord(t, r.unit, 2)}
            {packIsUnit(r) ? '' : ` · ${t('inventory.qty.packRule', { pack: unitWord(t, r.packUnit, 1, true), size: num(r.packSize), unit: unitWord(t, r.unit, r.packSize) })}`}
          </Typography.Text>
        </div>
      )
    },
    { title: t('stockReports.report.col.opening'), key: 'opening', align: 'right', render: (_, r) => withPacks(r.opening, r) },
    {
      title: t('stockReports.report.col.moves'),
      key: 'moves',
      children: (kinds.length ? kinds : (['receipt'] as const)).map((k) => ({ title: t(`inventory.kind.${k}`), key: k, align: 'right' as const, width: 72, render: (_: unknown, r: MonthlyReportRow) => change(r.columns[k]) }))
    },
    { title: t('stockReports.report.col.closing'), key: 'closing', align: 'right', render: (_, r) => <span data-testid={`closing-${r.code}`}>{withPacks(r.closing, r, true)}</span> },
    { title: t('stockReports.report.col.consumed'), key: 'consumed', align: 'right', render: (_, r) => n(r.consumed) },
    { title: <Tooltip title={t('stockReports.report.amcHint')}>{t('stockReports.report.col.amc')}</Tooltip>, key: 'amc', align: 'right', render: (_, r) => n(r.amc) },
    { title: <Tooltip title={t('stockReports.report.monthsHint')}>{t('stockReports.report.col.months')}</Tooltip>, key: 'months', align: 'right', render: (_, r) => (r.monthsOfStock === null ? <Typography.Text type="secondary">—</Typography.Text> : n(r.monthsOfStock)) }
  ]

  return (
    <div data-testid="report-page">
      <div className="sd-page-toolbar">
        <MonthSwitcher period={period} latest={thisMonth} onChange={go} prevLabel={t('stockReports.report.prev')} nextLabel={t('stockReports.report.next')} />
        {report && <Typography.Text type="secondary">{t('stockReports.report.range', { from: report.from, to: report.to })}</Typography.Text>}
        <span className="sd-grow" />
        <Space>
          <Switch size="small" checked={onlyActive} onChange={setOnlyActive} data-testid="report-only-active" />
          <span>{t('stockReports.report.onlyActive')}</span>
        </Space>
        <Space>
          <Switch size="small" checked={allKinds} onChange={setAllKinds} data-testid="report-all-kinds" />
          <span>{t('stockReports.report.allKinds')}</span>
        </Space>
        <Dropdown
          trigger={['click']}
          disabled={!!busy}
          menu={{
            items: [
              { key: 'pdf', label: <span data-testid="report-file-pdf">{t('stockReports.report.pdf')}</span> },
              { key: 'xlsx', label: <span data-testid="report-file-xlsx">{t('stockReports.report.xlsx')}</span> }
            ],
            onClick: ({ key }) => void download(key as 'pdf' | 'xlsx')
          }}
        >
          <Button type="primary" icon={<DownloadOutlined />} loading={!!busy} data-testid="report-download">
            {t('stockReports.report.download')} <DownOutlined />
          </Button>
        </Dropdown>
      </div>
      <div data-testid="report-table">
      <Table<MonthlyReportRow>
        rowKey="productId"
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: onlyActive ? t('stockReports.report.noneActive') : t('stockReports.report.none') }}
      />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('stockReports.report.note')}
      </Typography.Paragraph>
    </div>
  )
}
