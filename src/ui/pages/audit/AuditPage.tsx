/**
 * The audit log (admin, head): every write, export and login, newest first, paged on the
 * backend; filters by dates, user, action, record type and free text; and a check of the
 * hash chain that names the first row that does not verify.
 */
import { Alert, Button, DatePicker, Input, Select, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ClearOutlined, SafetyCertificateOutlined, SearchOutlined, WarningOutlined } from '@ant-design/icons'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import type { AuditRow, AuditVerify } from '../../../api/audit'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { fmtDateTime } from '../../components/format'
import { useDebounced } from '../../components/useDebounced'
import { usePagedList } from '../../components/usePagedList'
import { PagedTable } from '../../components/PagedTable'

interface AuditFilter {
  from?: string
  to?: string
  actor?: string
  action?: string
  entity?: string
  q?: string
}

const list = (q: AuditFilter & { page: number; pageSize: number }) => call('audit.list', q)
const DAY = /^\d{4}-\d{2}-\d{2}$/

export function AuditPage() {
  const { t, has, num } = useI18n()
  const { fail } = useNotify()
  const { info } = useApp()
  const { query } = useRoute()

  // a link such as #/audit?actor=admin&entity=user opens with those filters
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(() => {
    const f = query.get('from')
    const to = query.get('to')
    return f || to ? [f && DAY.test(f) ? dayjs(f) : null, to && DAY.test(to) ? dayjs(to) : null] : null
  })
  const [actor, setActor] = useState<string | undefined>(() => query.get('actor') ?? undefined)
  const [action, setAction] = useState<string | undefined>(() => query.get('action') ?? undefined)
  const [entity, setEntity] = useState<string | undefined>(() => query.get('entity') ?? undefined)
  const [text, setText] = useState(() => query.get('q') ?? '')
  const q = useDebounced(text.trim(), 300)
  const [facets, setFacets] = useState<{ actions: string[]; entities: string[]; actors: string[] }>({ actions: [], entities: [], actors: [] })
  const [verify, setVerify] = useState<AuditVerify | null>(null)
  const [verifying, setVerifying] = useState(false)

  useEffect(() => {
    call('audit.facets').then(setFacets, fail)
  }, [fail])

  const from = range?.[0]?.format('YYYY-MM-DD')
  const to = range?.[1]?.format('YYYY-MM-DD')
  const filter = useMemo<AuditFilter>(() => {
    const f: AuditFilter = {}
    if (from) f.from = from
    if (to) f.to = to
    if (actor) f.actor = actor
    if (action) f.action = action
    if (entity) f.entity = entity
    if (q) f.q = q
    return f
  }, [from, to, actor, action, entity, q])
  const paged = usePagedList(list, filter)
  const { data, setPage } = paged

  const actionLabel = (a: string): string | null => (has(`audit.action.${a}`) ? t(`audit.action.${a}`) : null)
  const entityLabel = (e: string): string => (has(`audit.entity.${e}`) ? t(`audit.entity.${e}`) : e)

  const runVerify = async () => {
    setVerifying(true)
    try {
      setVerify(await call('audit.verify'))
    } catch (e) {
      fail(e)
    } finally {
      setVerifying(false)
    }
  }

  const broken = verify && !verify.ok ? verify.firstBroken : null
  const filtered = Object.keys(filter).length > 0

  const columns: ColumnsType<AuditRow> = [
    {
      key: 'seq',
      dataIndex: 'seq',
      title: t('audit.col.seq'),
      width: 80,
      align: 'right',
      render: (n: number) =>
        n === broken ? (
          <Tooltip title={t('audit.brokenRow')}>
            <Typography.Text type="danger" strong className="sd-num">
              <WarningOutlined /> {num(n)}
            </Typography.Text>
          </Tooltip>
        ) : (
          <span className="sd-num">{num(n)}</span>
        )
    },
    { key: 'at', dataIndex: 'at', title: t('audit.col.at'), width: 168, render: (v: string) => <span className="sd-num">{fmtDateTime(v, info.timeZone)}</span> },
    { key: 'actor', dataIndex: 'actor', title: t('audit.col.actor'), width: 110, ellipsis: true },
    {
      key: 'action',
      dataIndex: 'action',
      title: t('audit.col.action'),
      width: 260,
      render: (a: string) => {
        const label = actionLabel(a)
        return (
          <span>
            {label && <span style={{ marginRight: 6 }}>{label}</span>}
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {a}
            </Typography.Text>
          </span>
        )
      }
    },
    { key: 'entity', dataIndex: 'entity', title: t('audit.col.entity'), width: 112, render: (e: string | null) => (e ? entityLabel(e) : '') },
    {
      key: 'entityId',
      dataIndex: 'entityId',
      title: t('audit.col.entityId'),
      width: 130,
      ellipsis: { showTitle: false },
      render: (id: string | null) =>
        id ? (
          <Tooltip title={id}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} className="sd-num">
              {id}
            </Typography.Text>
          </Tooltip>
        ) : null
    },
    {
      key: 'summary',
      dataIndex: 'summary',
      title: t('audit.col.summary'),
      // the row's own words in the user's language where the core gave a message key; the English summary otherwise
      render: (summary: string, row: AuditRow) => {
        const [key, params] = row.message ?? []
        if (!key || !has(`audit.msg.${key}`)) return summary
        const p: Record<string, string | number> = { ...params }
        if (typeof p.role === 'string') p.role = t(`common.role.${p.role}`)
        return <Tooltip title={summary}>{t(`audit.msg.${key}`, p)}</Tooltip>
      }
    }
  ]

  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('audit.intro')}
      </Typography.Paragraph>
      <div className="sd-page-toolbar">
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
          format="YYYY-MM-DD"
          allowEmpty={[true, true]}
          placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
          data-testid="audit-dates"
        />
        <Select
          allowClear
          showSearch
          placeholder={t('audit.filter.actor')}
          value={actor}
          onChange={setActor}
          options={facets.actors.map((a) => ({ value: a, label: a }))}
          style={{ width: 130 }}
          data-testid="audit-actor"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filter.action')}
          value={action}
          onChange={setAction}
          options={facets.actions.map((a) => {
            const label = actionLabel(a)
            return { value: a, label: label ? `${label} (${a})` : a }
          })}
          popupMatchSelectWidth={false}
          style={{ width: 180 }}
          data-testid="audit-action"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filter.entity')}
          value={entity}
          onChange={setEntity}
          options={facets.entities.map((e) => ({ value: e, label: entityLabel(e) }))}
          style={{ width: 120 }}
          data-testid="audit-entity"
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('audit.filter.q')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 190 }}
          data-testid="audit-search"
          aria-label={t('audit.filter.q')}
        />
        {filtered && (
          <Button
            icon={<ClearOutlined />}
            onClick={() => {
              setRange(null)
              setActor(undefined)
              setAction(undefined)
              setEntity(undefined)
              setText('')
            }}
            data-testid="audit-reset"
          >
            {t('audit.filter.reset')}
          </Button>
        )}
        <span className="sd-grow" />
        <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void runVerify()} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      </div>
      {verify && (
        <Alert
          type={verify.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          style={{ marginBottom: 12 }}
          data-testid="audit-verify-result"
          action={
            broken !== null && !filtered && verify ? (
              // newest first, one row per seq: the row's place in the list gives its page
              <Button size="small" danger onClick={() => setPage(Math.floor(Math.max(0, verify.rows - broken) / (paged.pagination.pageSize ?? 50)) + 1)} data-testid="audit-goto-broken">
                {t('audit.gotoBroken')}
              </Button>
            ) : undefined
          }
          title={
            verify.ok
              ? t('audit.verifyOk', { rows: num(verify.rows) })
              : verify.firstBroken !== null
                ? t('audit.verifyBroken', { seq: num(verify.firstBroken), reason: verify.reason ?? '' })
                : t('audit.verifyBrokenNoSeq', { reason: verify.reason ?? '' })
          }
        />
      )}
      <PagedTable<AuditRow>
        list={paged}
        testId="audit-table"
        rowKey="seq"
        size="small"
        columns={columns}
        tableLayout="fixed"
        scroll={{ x: 1100 }}
        onRow={(r) => (r.seq === broken ? ({ style: { background: '#fff1f0', color: '#cf1322' }, 'data-broken': 'true' } as object) : {})}
      />
    </div>
  )
}
