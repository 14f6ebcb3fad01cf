/**
 * One certificate (/certificates/view?id=): the sheet as printed (facts, number, validity, the
 * signed QR), its state stamped across a void, superseded or expired one, and beside it the
 * record: print count and last print, the certificate it replaced and the one that replaced it,
 * the void's reason. Actions: 打印 (A4) and 套打 (the booklet page) to a preview in the app, a
 * reprint saying it is one; 换发 with a reason; 作废 (head only). Ctrl+P prints the A4 sheet.
 * Opening it calls certificates.get, which the core audits.
 */
import { Button, Card, Col, Result, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined, RetweetOutlined, StopOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Certificate } from '../../../api/certificates'
import type { CertificateLayout } from '../../../api/certificatesPrint'
import type { ApiError } from '../../../api/contract'
import { call, CallError } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { stationToday } from '../persons/words'
import { CertificateFactsPanel } from './CertificateFactsPanel'
import { RenewModal, VoidModal } from './CertificateModals'
import { CertificateSheet } from './CertificateSheet'
import { PrintPreview, type Printed } from './PrintPreview'
import { PrintProgress, usePrintJob } from './usePrintJob'
import { useSigning } from './useSigning'
import { certPath, shownStatus, STATUS_COLORS, useCertWords } from './words'

export function CertificatePage() {
  const { t } = useI18n()
  const words = useCertWords()
  const { fail, ok } = useNotify()
  const { info, can } = useApp()
  const { query } = useRoute()
  const id = query.get('id') ?? ''
  const [cert, setCert] = useState<Certificate | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [modal, setModal] = useState<'renew' | 'void' | null>(null)
  const [printed, setPrinted] = useState<Printed | null>(null)
  const job = usePrintJob()
  const { sign, modal: passphraseModal } = useSigning()
  const today = stationToday(info.timeZone)

  const load = useCallback(async (): Promise<Certificate | null> => {
    try {
      const c = await call('certificates.get', { id })
      setCert(c)
      return c
    } catch (e) {
      if (e instanceof CallError) setError(e.error)
      fail(e)
      return null
    }
  }, [id, fail])

  useEffect(() => {
    setCert(null)
    setError(null)
    if (id) void load()
  }, [id, load])

  // a valid certificate past its last day is renewed, not printed again (the core refuses it too)
  const printable = !!cert && shownStatus(cert.status, cert.validUntil, today) === 'valid'
  const print = useCallback(
    async (layout: CertificateLayout) => {
      if (!cert || job.running) return
      const file = await job.print([cert.id], layout)
      if (!file) return
      const after = await load()
      setPrinted({ file, layout, number: cert.number, printCount: after?.printCount ?? cert.printCount + 1 })
    },
    [cert, job, load]
  )

  // Ctrl+P prints the A4 certificate here, not the app's window
  const printRef = useRef<typeof print | null>(print)
  printRef.current = modal || printed ? null : print
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'p' || e.key === 'P')) {
        e.preventDefault()
        void printRef.current?.('a4')
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (!id || error?.code === 'NOT_FOUND')
    return (
      <Result
        status="404"
        title={t('certificates.view.notFound')}
        extra={
          <Button onClick={() => navigate('/certificates')} icon={<ArrowLeftOutlined />}>
            {t('certificates.view.backToList')}
          </Button>
        }
      />
    )
  if (!cert) return error ? <Result status="warning" title={words.error(error)} /> : <Skeleton active />

  const shown = shownStatus(cert.status, cert.validUntil, today)
  const stamp = shown === 'valid' ? null : { text: words.status(shown), color: shown === 'void' ? '#cf1322' : shown === 'expired' ? '#d46b08' : '#1d39c4' }
  const reprint = cert.printCount > 0
  const notPrintable = printable ? undefined : t('certificates.view.notPrintable', { status: words.status(shown) })

  return (
    <div data-testid="cert-page">
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space size={12} wrap>
            <Typography.Text strong style={{ fontSize: 18 }} className="sd-num" data-testid="cert-number">
              {cert.number}
            </Typography.Text>
            <Tag color={STATUS_COLORS[shown]} data-testid="cert-status">
              {words.status(shown)}
            </Tag>
            <Typography.Link onClick={() => navigate(`/persons/view?id=${encodeURIComponent(cert.personId)}`)} data-testid="cert-person">
              {cert.facts.name}
            </Typography.Link>
          </Space>
        }
        extra={
          <Space wrap>
            <Tooltip title={notPrintable ?? t('certificates.view.printHint')}>
              <Button type="primary" icon={<PrinterOutlined />} disabled={!printable || job.running} onClick={() => void print('a4')} data-testid="cert-print">
                {reprint ? t('certificates.view.reprintA4') : t('certificates.view.printA4')}
              </Button>
            </Tooltip>
            <Tooltip title={notPrintable ?? t('certificates.view.bookletHint')}>
              <Button icon={<PrinterOutlined />} disabled={!printable || job.running} onClick={() => void print('booklet')} data-testid="cert-print-booklet">
                {t('certificates.view.printBooklet')}
              </Button>
            </Tooltip>
            <Button icon={<RetweetOutlined />} disabled={cert.status !== 'valid'} onClick={() => setModal('renew')} data-testid="cert-renew">
              {t('certificates.renew.button')}
            </Button>
            {can('head') && (
              <Button danger icon={<StopOutlined />} disabled={cert.status !== 'valid'} onClick={() => setModal('void')} data-testid="cert-void">
                {t('certificates.void.button')}
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/certificates')} data-testid="cert-back">
              {t('certificates.view.backToList')}
            </Button>
          </Space>
        }
      />
      <PrintProgress job={job} title={t('certificates.print.makingOne', { number: cert.number })} />
      <Row gutter={16} wrap={false} style={{ alignItems: 'flex-start' }}>
        <Col flex="1 1 0" style={{ minWidth: 0 }}>
          <CertificateSheet facts={cert.facts} issuingAuthority={cert.issuingAuthority} issueDate={cert.issueDate} validUntil={cert.validUntil} number={cert.number} qr={cert.qr} stamp={stamp} />
        </Col>
        <Col flex="300px">
          <CertificateFactsPanel cert={cert} shown={shown} />
        </Col>
      </Row>
      <PrintPreview printed={printed} onClose={() => setPrinted(null)} />
      <RenewModal
        cert={cert}
        open={modal === 'renew'}
        sign={sign}
        onCancel={() => setModal(null)}
        onDone={(c) => {
          setModal(null)
          ok(t('certificates.issue.renewed', { number: c.number }))
          navigate(certPath(c.id))
        }}
      />
      <VoidModal
        cert={cert}
        open={modal === 'void'}
        onCancel={() => setModal(null)}
        onDone={(c) => {
          setModal(null)
          setCert(c)
          ok(t('certificates.void.done', { number: c.number }))
        }}
      />
      {passphraseModal}
    </div>
  )
}
