/**
 * The verifications recorded here, newest first (certificates.verifications, paged on the
 * core): search by name, ID number or certificate number, filter by result and month. A name
 * leads to her page in the register.
 */
import { DatePicker, Input, Select, Tag, Typography } from 'antd'
import { useMemo, useState, type ReactNode } from 'react'
import type { Dayjs } from 'dayjs'
import { VERIFICATION_RESULTS, type Verification, type VerificationResult } from '../../../api/verifications'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { fmtDateTime } from '../../components/format'
import { PagedTable } from '../../components/PagedTable'
import { useDebounced } from '../../components/useDebounced'
import { usePagedList, type PagedList } from '../../components/usePagedList'
import { personPath } from '../persons/PersonNewPage'
import { RESULT_COLORS, useVerifyWords } from './words'

type Filter = { q?: string; result?: VerificationResult; month?: string }
const fetchList = (q: Filter & { page: number; pageSize: number }) => call('certificates.verifications', q)

/** the list and its filters; `reload` after a save */
export function useVerificationList(): { list: PagedList<Verification>; filters: ReactNode } {
  const { t } = useI18n()
  const words = useVerifyWords()
  const [q, setQ] = useState('')
  const [result, setResult] = useState<VerificationResult | undefined>()
  const [month, setMonth] = useState<string | undefined>()
  const dq = useDebounced(q.trim(), 300)
  const filter = useMemo<Filter>(() => ({ ...(dq ? { q: dq } : {}), ...(result ? { result } : {}), ...(month ? { month } : {}) }), [dq, result, month])
  const list = usePagedList(fetchList, filter, 20)
  const filters = (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <Input.Search allowClear placeholder={t('verify.list.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} data-testid="verify-list-search" />
      <Select<VerificationResult | undefined>
        allowClear
        placeholder={t('verify.list.allResults')}
        value={result}
        onChange={setResult}
        style={{ width: 180 }}
        options={VERIFICATION_RESULTS.map((r) => ({ value: r, label: words.result(r) }))}
        data-testid="verify-list-result"
      />
      <DatePicker picker="month" allowClear placeholder={t('verify.list.month')} onChange={(d: Dayjs | null) => setMonth(d ? d.format('YYYY-MM') : undefined)} data-testid="verify-list-month" />
    </div>
  )
  return { list, filters }
}

export function VerificationsTable({ list }: { list: PagedList<Verification> }) {
  const { t } = useI18n()
  const { info } = useApp()
  const words = useVerifyWords()
  return (
    <PagedTable<Verification>
      list={list}
      testId="verify-list"
      size="small"
      locale={{ emptyText: t('verify.list.empty') }}
      columns={[
        { title: t('verify.list.verifiedOn'), dataIndex: 'verifiedOn', width: 110, render: (v: string) => <span className="sd-num">{v}</span> },
        {
          title: t('verify.field.name'),
          dataIndex: 'name',
          render: (v: string, r) => (
            <Typography.Link onClick={() => navigate(personPath(r.personId))} data-testid="verify-list-name">
              {v}
            </Typography.Link>
          )
        },
        { title: t('verify.field.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span className="sd-num">{v}</span> },
        { title: t('verify.field.certificateNumber'), dataIndex: 'certificateNumber', render: (v: string) => <span className="sd-num">{v}</span> },
        {
          title: t('verify.field.issuer'),
          dataIndex: 'issuerName',
          render: (v: string, r) => (
            <span>
              {v || t('verify.list.unknownIssuer')}
              {r.issuerStationCode && (
                <Typography.Text type="secondary" className="sd-num" style={{ marginLeft: 6, fontSize: 12 }}>
                  {r.issuerStationCode}
                </Typography.Text>
              )}
            </span>
          )
        },
        {
          title: t('verify.field.result'),
          dataIndex: 'result',
          render: (v: VerificationResult, r) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              <Tag color={RESULT_COLORS[v].tag} data-testid="verify-list-result-tag">
                {words.result(v)}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {words.method(r.method)}
              </Typography.Text>
            </span>
          )
        },
        { title: t('verify.field.note'), dataIndex: 'note', width: 160, ellipsis: true },
        {
          title: t('verify.list.by'),
          dataIndex: 'createdBy',
          render: (v: string, r) => (
            <span title={fmtDateTime(r.createdAt, info.timeZone)}>
              {v}
            </span>
          )
        }
      ]}
    />
  )
}
