/**
 * What a QR check found, big and plain: the result in its colour with what to do next; when the
 * signature is good, the certificate's facts beside the register's person (differences marked)
 * for the clerk to compare with the holder's ID card, and the earlier verifications of the same
 * certificate here.
 */
import { Button, Descriptions, Table, Tag, Typography } from 'antd'
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { Person } from '../../../api/persons'
import type { CertificateCheck, QrFacts } from '../../../api/verifications'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { personPath } from '../persons/PersonNewPage'
import { usePersonWords } from '../persons/words'
import { RESULT_COLORS, useVerifyWords } from './words'

const ICONS: Record<CertificateCheck['result'], ReactNode> = {
  valid: <CheckCircleFilled />,
  invalid_signature: <CloseCircleFilled />,
  unknown_issuer: <ExclamationCircleFilled />,
  expired: <CloseCircleFilled />,
  not_yet_valid: <ExclamationCircleFilled />,
  malformed: <QuestionCircleFilled />
}

/** the facts compared, in the order of an ID card and the certificate */
const COMPARED: (keyof QrFacts)[] = ['name', 'idNumber', 'maritalStatus', 'boys', 'girls']

export function VerifyCheckView({ check, person, repaired, onRescan }: { check: CertificateCheck; person: Person | null; repaired: boolean; onRescan(): void }) {
  const { t } = useI18n()
  const { can } = useApp()
  const words = useVerifyWords()
  const pw = usePersonWords()
  const c = RESULT_COLORS[check.result]
  const f = check.facts
  const issuer = check.issuer
  const params = { issuer: issuer?.name ?? '', code: issuer?.stationCode ?? '', validUntil: f?.validUntil ?? '', issueDate: f?.issueDate ?? '', keyId: check.keyId ?? '' }
  const differences = new Set(check.person?.differences ?? [])

  return (
    <div data-testid="verify-check">
      <div
        role="status"
        style={{ background: c.bg, border: `2px solid ${c.border}`, borderRadius: 8, padding: '16px 20px', marginBottom: 16, color: c.fg }}
        data-testid="verify-result"
        data-result={check.result}
      >
        <div style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.3 }}>
          {ICONS[check.result]} <span data-testid="verify-result-title">{words.check(check.result)}</span>
        </div>
        <div style={{ fontSize: 16, marginTop: 6 }} data-testid="verify-result-advice">
          {check.result === 'malformed' ? `${words.malformed(check.reason)} ${t('verify.advice.malformed')}` : t(`verify.advice.${check.result}`, params)}
        </div>
        {repaired && check.result !== 'malformed' && (
          <div style={{ fontSize: 13, marginTop: 6, opacity: 0.85 }} data-testid="verify-repaired">
            {t('verify.repaired')}
          </div>
        )}
        <div style={{ marginTop: 10, display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {(check.result === 'malformed' || check.result === 'invalid_signature') && (
            <Button icon={<ReloadOutlined />} onClick={onRescan} data-testid="verify-rescan">
              {t('verify.rescan')}
            </Button>
          )}
          {check.result === 'unknown_issuer' && can('admin', 'head') && (
            <Button icon={<SafetyCertificateOutlined />} onClick={() => navigate('/admin/trust')} data-testid="verify-to-trust">
              {t('verify.toTrust')}
            </Button>
          )}
        </div>
      </div>

      {f && (
        <>
          <Descriptions
            size="small"
            bordered
            column={2}
            style={{ marginBottom: 12 }}
            styles={{ label: { whiteSpace: 'nowrap', width: 88 } }}
            items={[
              { key: 'number', span: 2, label: t('verify.field.certificateNumber'), children: <span className="sd-num" data-testid="verify-fact-number">{f.number}</span> },
              {
                key: 'issuer',
                span: 2,
                label: t('verify.field.issuer'),
                children: (
                  <span>
                    {issuer ? issuer.name : f.stationCode} <Typography.Text type="secondary" className="sd-num">{f.stationCode}</Typography.Text>
                    {issuer?.own && <Tag style={{ marginLeft: 8 }}>{t('verify.ownStation')}</Tag>}
                  </span>
                )
              },
              { key: 'issueDate', label: t('verify.field.issueDate'), children: <span className="sd-num">{f.issueDate}</span> },
              { key: 'validUntil', label: t('verify.field.validUntil'), children: <span className="sd-num" style={{ whiteSpace: 'nowrap' }}>{f.validUntil}</span> }
            ]}
          />
          <Typography.Text strong style={{ display: 'block', margin: '4px 0 6px' }}>
            {t('verify.compareTitle')}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            bordered
            data-testid="verify-compare"
            onRow={(r) => ({ style: r.differs ? { background: '#fff1b8' } : undefined, 'data-differs': r.differs ? 'true' : undefined } as object)}
            columns={[
              { title: t('verify.compare.field'), dataIndex: 'label', width: 120 },
              { title: t('verify.compare.certificate'), dataIndex: 'qr', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
              {
                title: person ? (
                  <span>
                    {t('verify.compare.register')}{' '}
                    <Typography.Link onClick={() => navigate(personPath(person.id))} style={{ fontWeight: 'normal' }}>
                      {t('verify.compare.openPerson')}
                    </Typography.Link>
                  </span>
                ) : (
                  t('verify.compare.register')
                ),
                dataIndex: 'register',
                render: (v: string, r) => (
                  <span>
                    {v}
                    {r.differs && (
                      <Tag color="gold" style={{ marginLeft: 8 }}>
                        {t('verify.compare.differs')}
                      </Tag>
                    )}
                  </span>
                )
              }
            ]}
            dataSource={COMPARED.map((k) => ({
              field: k,
              label: pw.field(k),
              qr: pw.value(k, f[k]),
              register: person ? pw.value(k, person[k as keyof Person]) : t('verify.compare.notInRegister'),
              differs: differences.has(k)
            }))}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
            {person ? (differences.size ? t('verify.compare.hintDiffers', { n: differences.size }) : t('verify.compare.hintSame')) : t('verify.compare.hintNew')}
          </Typography.Paragraph>
        </>
      )}

      {check.previous && check.previous.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="verify-previous">
          <Typography.Text strong>{t('verify.previous', { n: check.previous.length })}</Typography.Text>
          <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', marginTop: 6 }}>
            {check.previous.map((p) => (
              <Tag key={p.id} color={RESULT_COLORS[p.result].tag}>
                <span className="sd-num">{p.verifiedOn}</span> {words.result(p.result)}
              </Tag>
            ))}
          </div>
        </div>
      )}
    </div>
  )
}
