/**
 * The people behind a rate (certificates.ratePeople, paged on the core): all of them, those
 * counted, or those not counted — the worklist of women still without a certificate, or of
 * in-migrants not yet verified. A name leads to her page in the register.
 */
import { Modal, Segmented, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import type { RateKind, RatePerson } from '../../../api/certificateRates'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { PagedTable } from '../../components/PagedTable'
import { usePagedList } from '../../components/usePagedList'
import { personPath } from '../persons/PersonNewPage'
import { RESULT_COLORS, useVerifyWords } from './words'
import type { VerificationResult } from '../../../api/verifications'

export type Counted = 'all' | 'counted' | 'not'

export interface RatePeopleQuery {
  kind: RateKind
  month: string
  /** undefined: the whole station; null: people without a service point */
  servicePointId?: string | null
  /** the village's name for the title */
  place?: string
  counted: Counted
}

type Filter = { kind: RateKind; month: string; servicePointId?: string | null; counted?: boolean }
const fetchPeople = (q: Filter & { page: number; pageSize: number }) => call('certificates.ratePeople', q)

export function RatePeopleModal({ query, onClose }: { query: RatePeopleQuery | null; onClose(): void }) {
  const { t } = useI18n()
  return (
    <Modal open={!!query} onCancel={onClose} footer={null} width={1040} destroyOnHidden title={query ? t(`rates.people.title.${query.kind}`, { month: query.month, place: query.place ?? t('rates.wholeStation') }) : ''}>
      {query && <PeopleList key={`${query.kind}-${query.month}-${String(query.servicePointId)}`} query={query} onOpen={onClose} />}
    </Modal>
  )
}

function PeopleList({ query, onOpen }: { query: RatePeopleQuery; onOpen(): void }) {
  const { t } = useI18n()
  const words = useVerifyWords()
  const [counted, setCounted] = useState<Counted>(query.counted)
  const filter = useMemo<Filter>(
    () => ({
      kind: query.kind,
      month: query.month,
      ...(query.servicePointId !== undefined ? { servicePointId: query.servicePointId } : {}),
      ...(counted === 'all' ? {} : { counted: counted === 'counted' })
    }),
    [query, counted]
  )
  const list = usePagedList(fetchPeople, filter, 20)
  const cert = query.kind === 'certificate'
  return (
    <div data-testid="rate-people">
      <Segmented<Counted>
        value={counted}
        onChange={setCounted}
        style={{ marginBottom: 12 }}
        options={(['all', 'counted', 'not'] as const).map((c) => ({ value: c, label: <span data-testid={`rate-people-${c}`}>{t(`rates.people.${query.kind}.${c}`)}</span> }))}
      />
      <PagedTable<RatePerson>
        list={list}
        rowKey="personId"
        testId="rate-people-table"
        size="small"
        columns={[
          {
            title: t('rates.people.name'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <Typography.Link
                onClick={() => {
                  onOpen()
                  navigate(personPath(r.personId))
                }}
              >
                {v}
              </Typography.Link>
            )
          },
          { title: t('rates.people.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span className="sd-num">{v}</span> },
          { title: t('rates.people.birthDate'), dataIndex: 'birthDate', render: (v: string) => <span className="sd-num">{v}</span> },
          { title: t('rates.village'), dataIndex: 'servicePointName', render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('rates.noVillage')}</Typography.Text> },
          { title: t(cert ? 'rates.people.destination' : 'rates.people.from'), dataIndex: 'place' },
          { title: t('rates.people.since'), dataIndex: 'since', render: (v: string | null) => <span className="sd-num">{v ?? ''}</span> },
          {
            title: t(cert ? 'rates.people.colCertificate' : 'rates.people.colVerification'),
            key: 'what',
            render: (_: unknown, r) =>
              cert ? (
                r.certificateNumber ? (
                  <span>
                    <span className="sd-num">{r.certificateNumber}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                      {t('rates.people.validUntil', { date: r.validUntil ?? '' })}
                    </Typography.Text>
                  </span>
                ) : (
                  <Tag color="orange">{t('rates.people.noCertificate')}</Tag>
                )
              ) : r.verifiedOn ? (
                <span>
                  <span className="sd-num">{r.verifiedOn}</span>{' '}
                  {r.verificationResult && <Tag color={RESULT_COLORS[r.verificationResult as VerificationResult]?.tag}>{words.result(r.verificationResult as VerificationResult)}</Tag>}
                </span>
              ) : (
                <Tag color="orange">{t('rates.people.notVerified')}</Tag>
              )
          },
          {
            title: t('rates.people.counted'),
            dataIndex: 'counted',
            width: 90,
            render: (v: boolean) => (v ? <Tag color="green">{t('rates.people.yes')}</Tag> : <Tag>{t('rates.people.no')}</Tag>)
          }
        ]}
      />
    </div>
  )
}
