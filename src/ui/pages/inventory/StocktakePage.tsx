/**
 * Stocktakes (/stock/stocktake, 盘点): the list (open, confirmed, cancelled) with an open one
 * offered first, and a new stocktake started on a date (the count sheet snapshots what the
 * ledger expects per lot that day). With ?id=… the page is that stocktake's sheet.
 */
import { Alert, Button, DatePicker, Form, Input, Modal, Space, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import type { StocktakeRow } from '../../../api/inventory'
import { call, callResult } from '../../app/client'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { fmtDateTime } from '../../components/format'
import { PagedTable } from '../../components/PagedTable'
import { usePagedList } from '../../components/usePagedList'
import { stationToday } from '../persons/words'
import { HeadMoveButtons } from './HeadMoveButtons'
import { StocktakeSheet } from './StocktakeSheet'
import { STATUS_COLOR, STOCKTAKE_PATH } from './StocktakeWords'

const list = (q: { page: number; pageSize: number }) => call('inventory.stocktakes', q)

export function StocktakePage() {
  const { query } = useRoute()
  const id = query.get('id')
  return id ? <StocktakeSheet key={id} id={id} /> : <StocktakeList />
}

function StocktakeList() {
  const { t, has, num } = useI18n()
  const { info } = useApp()
  const filter = useMemo(() => ({}), [])
  const paged = usePagedList(list, filter, 20)
  const today = stationToday(info.timeZone)
  const [starting, setStarting] = useState(false)
  const [date, setDate] = useState(today)
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ text: string; openId?: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const openOne = paged.data?.rows.find((r) => r.status === 'open')

  const start = async () => {
    setBusy(true)
    setError(null)
    const r = await callResult('inventory.stocktakeStart', { date, note })
    setBusy(false)
    if (r.ok) return navigate(`${STOCKTAKE_PATH}?id=${r.data.id}`)
    const d = r.error.details ?? {}
    const rule = typeof d.rule === 'string' ? d.rule : d.fields?.[0]?.rule
    setError({ text: rule && has(`errors.rule.${rule}`) ? ruleMessage(t, has, rule, d as Record<string, string>) : errorText(t, has, r.error), openId: typeof d.stocktakeId === 'string' ? d.stocktakeId : undefined })
  }

  const columns: ColumnsType<StocktakeRow> = [
    { title: t('stockReports.stocktake.col.date'), dataIndex: 'date', key: 'date', render: (v: string, r) => <a href={`#${STOCKTAKE_PATH}?id=${r.id}`} className="sd-num" data-testid="stocktake-link">{v}</a> },
    { title: t('stockReports.stocktake.col.status'), dataIndex: 'status', key: 'status', render: (s: StocktakeRow['status']) => <Tag color={STATUS_COLOR[s]}>{t(`stockReports.status.${s}`)}</Tag> },
    { title: t('stockReports.stocktake.col.counted'), dataIndex: 'counted', key: 'counted', align: 'right', render: (v: number) => num(v) },
    { title: t('stockReports.stocktake.col.differences'), dataIndex: 'differences', key: 'differences', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{num(v)}</Typography.Text> : num(v)) },
    { title: t('stockReports.stocktake.col.startedBy'), key: 'by', render: (_, r) => `${r.createdBy} · ${fmtDateTime(r.createdAt, info.timeZone, false)}` },
    { title: t('stockReports.stocktake.col.closedBy'), key: 'closed', render: (_, r) => (r.closedAt ? `${r.closedBy ?? ''} · ${fmtDateTime(r.closedAt, info.timeZone, false)}` : '') },
    { title: t('stockReports.stocktake.col.note'), dataIndex: 'note', key: 'note' }
  ]

  return (
    <div data-testid="stocktake-page">
      <div className="sd-page-toolbar">
        <Button type="primary" icon={<PlusOutlined />} disabled={!!openOne} onClick={() => { setError(null); setDate(today); setStarting(true) }} data-testid="stocktake-start">
          {t('stockReports.stocktake.start')}
        </Button>
        <HeadMoveButtons />
      </div>
      {openOne && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('stockReports.stocktake.openOne', { date: openOne.date, counted: num(openOne.counted) })}
          action={<Button type="primary" onClick={() => navigate(`${STOCKTAKE_PATH}?id=${openOne.id}`)} data-testid="stocktake-continue">{t('stockReports.stocktake.continue')}</Button>}
        />
      )}
      <PagedTable<StocktakeRow> list={paged} testId="stocktake-list" columns={columns} locale={{ emptyText: t('stockReports.stocktake.none') }} />
      <Modal
        open={starting}
        title={t('stockReports.stocktake.startTitle')}
        okText={t('stockReports.stocktake.startOk')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void start()}
        onCancel={() => setStarting(false)}
        okButtonProps={{ 'data-testid': 'stocktake-start-ok' } as never}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('stockReports.stocktake.startIntro')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={error.text}
            action={error.openId ? <Button size="small" onClick={() => navigate(`${STOCKTAKE_PATH}?id=${error.openId}`)}>{t('stockReports.stocktake.continue')}</Button> : undefined}
            data-testid="stocktake-start-error"
          />
        )}
        <Form layout="vertical" onFinish={() => void start()}>
          <Form.Item label={t('stockReports.stocktake.date')} extra={t('stockReports.stocktake.dateHint')}>
            <Space>
              <DatePicker
                value={dayjs(date, 'YYYY-MM-DD')}
                format="YYYY-MM-DD"
                allowClear={false}
                disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
                data-testid="stocktake-date"
              />
            </Space>
          </Form.Item>
          <Form.Item label={t('stockReports.stocktake.note')}>
            <Input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="stocktake-note" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
