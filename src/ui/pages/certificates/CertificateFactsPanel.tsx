/**
 * The certificate's record beside its sheet: state, validity, how often it was printed and when
 * last, who issued it, the signing key, and its history (the certificate it replaced, the one
 * that replaced it, each a link; a void's reason, when and by whom).
 */
import { Card, Descriptions, Tag, Typography } from 'antd'
import type { Certificate } from '../../../api/certificates'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { fmtDateTime } from '../../components/format'
import { certPath, STATUS_COLORS, useCertWords, type ShownStatus } from './words'

export function CertificateFactsPanel({ cert, shown }: { cert: Certificate; shown: ShownStatus }) {
  const { t, num } = useI18n()
  const words = useCertWords()
  const { info } = useApp()
  const link = (c: { id: string; number: string }, testId: string) => (
    <Typography.Link className="sd-num" onClick={() => navigate(certPath(c.id))} data-testid={testId}>
      {c.number}
    </Typography.Link>
  )
  const items = [
    { key: 'status', label: t('certificates.col.status'), children: <Tag color={STATUS_COLORS[shown]}>{words.status(shown)}</Tag> },
    { key: 'issueDate', label: t('certificates.col.issueDate'), children: <span className="sd-num">{cert.issueDate}</span> },
    { key: 'validUntil', label: t('certificates.col.validUntil'), children: <span className="sd-num">{cert.validUntil}</span> },
    {
      key: 'prints',
      label: t('certificates.col.prints'),
      children: (
        <span data-testid="cert-print-count">
          {cert.printCount === 0 ? <Typography.Text type="secondary">{t('certificates.view.notPrinted')}</Typography.Text> : t('certificates.view.printedTimes', { n: num(cert.printCount) })}
        </span>
      )
    },
    ...(cert.lastPrintedAt ? [{ key: 'lastPrint', label: t('certificates.view.lastPrinted'), children: <span className="sd-num">{fmtDateTime(cert.lastPrintedAt, info.timeZone, false)}</span> }] : []),
    { key: 'created', label: t('certificates.view.issuedBy'), children: `${cert.createdBy} · ${fmtDateTime(cert.createdAt, info.timeZone, false)}` },
    ...(cert.supersedes ? [{ key: 'supersedes', label: t('certificates.view.supersedes'), children: link(cert.supersedes, 'cert-supersedes') }] : []),
    ...(cert.supersededBy ? [{ key: 'supersededBy', label: t('certificates.view.supersededBy'), children: link(cert.supersededBy, 'cert-superseded-by') }] : []),
    ...(cert.status === 'void'
      ? [
          { key: 'voidReason', label: t('certificates.view.voidReason'), children: <span data-testid="cert-void-reason">{cert.voidReason}</span> },
          { key: 'voided', label: t('certificates.view.voidedBy'), children: `${cert.voidedBy ?? ''} · ${fmtDateTime(cert.voidedAt, info.timeZone, false)}` }
        ]
      : []),
    { key: 'key', label: t('certificates.view.keyId'), children: <Typography.Text code style={{ fontSize: 12 }}>{cert.keyId}</Typography.Text> }
  ]
  return (
    <Card size="small" title={t('certificates.view.record')} data-testid="cert-record">
      <Descriptions column={1} size="small" styles={{ label: { width: 96 } }} items={items} />
    </Card>
  )
}
