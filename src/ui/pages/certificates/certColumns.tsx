/** the certificate list's columns (CertificatesPage): number and holder lead to their pages; the state as a tag */
import { Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table/interface'
import type { CertificateRow } from '../../../api/certificates'
import type { TFunc } from '../../app/i18n'
import { certPath, shownStatus, STATUS_COLORS, type CertWords } from './words'

const num = (v: string) => <span className="sd-num">{v}</span>

export function certColumns(t: TFunc, words: CertWords, today: string, fmt: (n: number) => string): ColumnsType<CertificateRow> {
  const status = {
    key: 'status',
    title: t('certificates.col.status'),
    width: 80,
    render: (_: unknown, r: CertificateRow) => {
      const s = shownStatus(r.status, r.validUntil, today, r.expired)
      return (
        <Tag color={STATUS_COLORS[s]} data-testid="cert-row-status">
          {words.status(s)}
        </Tag>
      )
    }
  }
  return [
    {
      key: 'number',
      dataIndex: 'number',
      title: t('certificates.col.number'),
      width: 176,
      render: (v: string, r) => (
        <a href={`#${certPath(r.id)}`} className="sd-num" onClick={(e) => e.stopPropagation()} data-testid="cert-open">
          {v}
        </a>
      )
    },
    status,
    { key: 'name', dataIndex: 'name', title: t('certificates.col.name'), width: 90 },
    { key: 'idNumber', dataIndex: 'idNumber', title: t('certificates.col.idNumber'), width: 176, render: num },
    { key: 'village', dataIndex: 'servicePointName', title: t('certificates.col.village'), width: 110, ellipsis: true, render: (v: string | null) => v ?? t('certificates.none') },
    { key: 'destination', dataIndex: 'destination', title: t('certificates.col.destination'), width: 150, ellipsis: true },
    {
      // issued on, and the last valid day under it: one column, so the list fits the window
      key: 'validity',
      title: t('certificates.col.validity'),
      width: 118,
      render: (_, r) => (
        <div className="sd-num" style={{ lineHeight: 1.35 }}>
          <div>{r.issueDate}</div>
          <div style={{ color: 'rgba(0,0,0,.55)', fontSize: 12 }}>{t('certificates.col.until', { date: r.validUntil })}</div>
        </div>
      )
    },
    { key: 'prints', dataIndex: 'printCount', title: t('certificates.col.prints'), width: 84, align: 'right', render: (v: number) => <span className="sd-num">{fmt(v)}</span> }
  ]
}
