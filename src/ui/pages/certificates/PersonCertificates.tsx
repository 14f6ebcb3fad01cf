/**
 * The certificates section of a person's page, for the head and the clerk only (clinicians see
 * no certificate): her certificates, newest first (number, state, validity, prints, each a link),
 * 办理婚育证明 for a woman still in the register, and for an in-migrant the verifications of the
 * certificate she brought.
 */
import { Button, Card, Table, Tag, Typography } from 'antd'
import { FileAddOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import type { Certificate } from '../../../api/certificates'
import type { Person } from '../../../api/persons'
import type { Verification } from '../../../api/verifications'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { stationToday } from '../persons/words'
import { certPath, issuePath, shownStatus, STATUS_COLORS, useCertWords } from './words'

const RESULT_COLORS: Record<string, string> = { valid: 'green', facts_differ: 'orange', expired: 'orange', invalid_signature: 'red', unknown_issuer: 'red' }
const num = (v: string | null) => <span className="sd-num">{v ?? ''}</span>

export function PersonCertificates({ person }: { person: Person }) {
  const { can } = useApp()
  if (!can('head', 'clerk')) return null
  return <Section person={person} />
}

function Section({ person }: { person: Person }) {
  const { t, num: fmt } = useI18n()
  const words = useCertWords()
  const { info } = useApp()
  const { fail } = useNotify()
  const [certs, setCerts] = useState<Certificate[] | null>(null)
  const [checks, setChecks] = useState<Verification[] | null>(null)
  const today = stationToday(info.timeZone)
  const inMigrant = person.migrantStatus === 'in'

  useEffect(() => {
    let live = true
    call('certificates.ofPerson', { personId: person.id }).then((c) => live && setCerts(c), fail)
    if (inMigrant)
      call('certificates.verifications', { personId: person.id, page: 1, pageSize: 20 }).then(
        (p) => live && setChecks(p.rows),
        (e: unknown) => (fail(e), live && setChecks([]))
      )
    return () => {
      live = false
    }
  }, [person.id, inMigrant, fail])

  const canIssue = person.sex === 'female' && person.state === 'active'
  return (
    <>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t('certificates.person.title')}
        data-testid="person-certificates"
        extra={
          canIssue && (
            <Button type="primary" size="small" icon={<FileAddOutlined />} onClick={() => navigate(issuePath(person.id))} data-testid="person-issue-certificate">
              {t('certificates.person.issue')}
            </Button>
          )
        }
      >
        <Table<Certificate>
          rowKey="id"
          size="small"
          pagination={false}
          loading={certs === null}
          dataSource={certs ?? []}
          locale={{ emptyText: t('certificates.person.none') }}
          onRow={(c) => ({ onClick: () => navigate(certPath(c.id)), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'number',
              title: t('certificates.col.number'),
              render: (_, c) => (
                <a href={`#${certPath(c.id)}`} className="sd-num" data-testid="person-cert-link">
                  {c.number}
                </a>
              )
            },
            {
              key: 'status',
              title: t('certificates.col.status'),
              render: (_, c) => {
                const s = shownStatus(c.status, c.validUntil, today)
                return <Tag color={STATUS_COLORS[s]}>{words.status(s)}</Tag>
              }
            },
            { key: 'issueDate', dataIndex: 'issueDate', title: t('certificates.col.issueDate'), render: num },
            { key: 'validUntil', dataIndex: 'validUntil', title: t('certificates.col.validUntil'), render: num },
            { key: 'destination', title: t('certificates.col.destination'), render: (_, c) => c.facts.destination },
            { key: 'prints', dataIndex: 'printCount', title: t('certificates.col.prints'), align: 'right', render: (v: number) => fmt(v) }
          ]}
        />
      </Card>
      {inMigrant && (
        <Card size="small" style={{ marginTop: 12 }} title={t('certificates.person.verifications')} data-testid="person-verifications">
          <Table<Verification>
            rowKey="id"
            size="small"
            pagination={false}
            loading={checks === null}
            dataSource={checks ?? []}
            locale={{ emptyText: t('certificates.person.noVerifications') }}
            columns={[
              { key: 'verifiedOn', dataIndex: 'verifiedOn', title: t('certificates.verification.verifiedOn'), render: num },
              { key: 'number', dataIndex: 'certificateNumber', title: t('certificates.col.number'), render: num },
              { key: 'issuer', dataIndex: 'issuerName', title: t('certificates.verification.issuer') },
              { key: 'validUntil', dataIndex: 'validUntil', title: t('certificates.col.validUntil'), render: num },
              { key: 'method', dataIndex: 'method', title: t('certificates.verification.method'), render: (v: string) => t(`certificates.verification.methods.${v}`) },
              {
                key: 'result',
                dataIndex: 'result',
                title: t('certificates.verification.result'),
                render: (v: string) => <Tag color={RESULT_COLORS[v] ?? 'default'}>{t(`certificates.verification.results.${v}`)}</Tag>
              },
              { key: 'note', dataIndex: 'note', title: t('certificates.verification.note'), render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> }
            ]}
          />
        </Card>
      )}
    </>
  )
}
