/**
 * The certificate as it will be (or was) printed, laid out like the paper one: the title, the
 * number, every fact the 2009 regulation asks for in a ruled table, then the issuing authority,
 * the issue date, the last valid day and the QR code. The issue flow shows it for confirmation
 * (no number yet, missing facts marked in their cells); the detail page shows the issued one.
 */
import { Descriptions, Tag, Typography } from 'antd'
import { WarningOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import type { CertificateFacts } from '../../../api/certificates'
import { useI18n } from '../../app/i18n'
import { usePersonWords } from '../persons/words'
import { CertificateQr } from './CertificateQr'
import { useCertWords } from './words'

interface Props {
  facts: CertificateFacts
  issuingAuthority: string
  issueDate: string
  validUntil: string
  /** null before issue: "given at issue" */
  number: string | null
  qr?: string
  /** register facts still missing (persons fact names) */
  missing?: string[]
  /** a stamp across the sheet: 已作废, 已换发, 已过期 */
  stamp?: { text: string; color: string } | null
}

export function CertificateSheet({ facts, issuingAuthority, issueDate, validUntil, number, qr, missing = [], stamp }: Props) {
  const { t, lang } = useI18n()
  const words = useCertWords()
  const person = usePersonWords()
  const lacking = new Set(missing)
  const dash = <Typography.Text type="secondary">{t('certificates.none')}</Typography.Text>

  /** a fact's cell: its value, or a marked gap when the register lacks it */
  const cell = (names: string[], value: ReactNode, empty: boolean): ReactNode => {
    if (names.some((n) => lacking.has(n)))
      return (
        <Tag color="warning" icon={<WarningOutlined />} data-testid={`sheet-missing-${names[0]}`}>
          {t('certificates.issue.missingValue')}
        </Tag>
      )
    return empty ? dash : value
  }
  const num = (s: string) => <span className="sd-num">{s}</span>
  const married = facts.maritalStatus !== 'unmarried'
  const hukou = [facts.hukouRegionName, facts.hukouAddress].filter(Boolean).join(' ')
  const contraception =
    facts.contraception === 'none' || !facts.contraceptionSince
      ? person.value('contraception', facts.contraception)
      : t('certificates.sheet.since', { what: person.value('contraception', facts.contraception), since: facts.contraceptionSince })

  const items = [
    { key: 'name', label: words.fact('name'), children: <Typography.Text strong>{facts.name}</Typography.Text> },
    { key: 'sex', label: words.fact('sex'), children: person.value('sex', facts.sex) },
    { key: 'birthDate', label: words.fact('birthDate'), children: <span className="sd-num" style={{ whiteSpace: 'nowrap' }}>{t('certificates.sheet.birth', { birth: facts.birthDate, age: facts.age })}</span> },
    { key: 'idNumber', label: words.fact('idNumber'), children: <span className="sd-num" style={{ whiteSpace: 'nowrap' }} data-testid="sheet-id">{facts.idNumber}</span> },
    { key: 'hukou', label: words.fact('hukou'), span: 2, children: cell(['hukouAddress', 'hukouRegion'], hukou, !hukou) },
    { key: 'maritalStatus', label: words.fact('maritalStatus'), children: cell(['maritalStatus'], person.value('maritalStatus', facts.maritalStatus), false) },
    { key: 'maritalDate', label: words.fact('maritalDate'), children: cell(['maritalDate'], num(facts.maritalDate ?? ''), !married || !facts.maritalDate) },
    { key: 'spouseName', label: words.fact('spouseName'), children: cell(['spouseName'], facts.spouseName, !married || !facts.spouseName) },
    { key: 'spouseIdNumber', label: words.fact('spouseIdNumber'), children: cell(['spouseIdNumber'], num(facts.spouseIdNumber), !married || !facts.spouseIdNumber) },
    { key: 'children', label: words.fact('children'), children: cell(['boys', 'girls'], t('certificates.sheet.children', { boys: facts.boys, girls: facts.girls }), false) },
    { key: 'contraception', label: words.fact('contraception'), children: cell(['contraception', 'contraceptionSince'], contraception, false) },
    { key: 'destination', label: words.fact('destination'), span: 2, children: cell(['destination', 'migrantPlace'], facts.destination, !facts.destination) }
  ]

  return (
    <div style={{ position: 'relative', background: '#fffdf7', border: '1px solid #d9c9a3', borderRadius: 4, padding: '20px 24px', maxWidth: 860 }} data-testid="cert-sheet">
      <div style={{ textAlign: 'center', fontSize: 22, fontWeight: 600, letterSpacing: lang === 'zh-CN' ? 4 : 0, color: '#7a1f1f' }}>{t('certificates.sheet.title')}</div>
      <div style={{ textAlign: 'right', margin: '6px 0 10px' }}>
        {t('certificates.sheet.number')}
        {number ? (
          <Typography.Text strong className="sd-num" data-testid="sheet-number">
            {number}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('certificates.sheet.numberAtIssue')}</Typography.Text>
        )}
      </div>
      <Descriptions bordered size="small" column={2} styles={{ label: { whiteSpace: 'nowrap', background: '#faf3e3' }, content: { background: '#fff' } }} items={items} />
      <div style={{ display: 'flex', gap: 24, alignItems: 'flex-end', marginTop: 16 }}>
        <div style={{ flex: 1, lineHeight: 2 }}>
          <div>
            {t('certificates.sheet.authority')}
            <Typography.Text strong data-testid="sheet-authority">
              {issuingAuthority}
            </Typography.Text>
          </div>
          <div>
            {t('certificates.sheet.issueDate')}
            <span className="sd-num">{issueDate}</span>
            <span style={{ marginLeft: 24 }}>{t('certificates.sheet.validUntil')}</span>
            <span className="sd-num" data-testid="sheet-valid-until">
              {validUntil}
            </span>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {qr ? t('certificates.sheet.qrNote') : t('certificates.sheet.qrAtIssue')}
          </Typography.Text>
        </div>
        {qr ? <CertificateQr text={qr} /> : <div style={{ width: 148, height: 148, border: '1px dashed #d9c9a3', display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#b8a57a' }}>QR</div>}
      </div>
      {stamp && (
        <div
          data-testid="sheet-stamp"
          style={{ position: 'absolute', top: '42%', left: '50%', transform: 'translate(-50%, -50%) rotate(-12deg)', border: `4px solid ${stamp.color}`, color: stamp.color, fontSize: 40, fontWeight: 700, letterSpacing: 6, padding: '4px 24px', borderRadius: 8, opacity: 0.55, pointerEvents: 'none', whiteSpace: 'nowrap' }}
        >
          {stamp.text}
        </div>
      )}
    </div>
  )
}
