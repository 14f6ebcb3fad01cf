/**
 * The printed certificates, previewed in the app: the PDF's pages, 下载 (the desktop app's save
 * dialog, or a download in the browser preview) and, in the desktop app, 打印 through the system
 * dialog (desktop.printPdf). The print is already counted when the PDF is made (a reprint says
 * so); the note reminds that it must print at 100% scale, never fit to page, so a booklet's
 * fields land in their boxes.
 */
import { Alert, Button, Modal, Space, Typography } from 'antd'
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons'
import { useState } from 'react'
import type { FileOut } from '../../../api/contract'
import type { CertificateLayout } from '../../../api/certificatesPrint'
import { call } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { PdfPages } from './PdfPages'

export interface Printed {
  file: FileOut & { count: number }
  layout: CertificateLayout
  /** one certificate: its print count after this print (2 or more: a reprint) */
  printCount?: number
  number?: string
}

export function PrintPreview({ printed, onClose }: { printed: Printed | null; onClose(): void }) {
  const { t, num } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const [busy, setBusy] = useState<'save' | 'print' | null>(null)
  const canPrint = info.abilities.includes('desktop.printPdf')

  const download = async () => {
    if (!printed) return
    setBusy('save')
    try {
      if (await saveFile(printed.file, info.abilities)) ok(t('common.exported', { file: printed.file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const print = async () => {
    if (!printed) return
    setBusy('print')
    try {
      const r = await call('desktop.printPdf', { base64: printed.file.base64 })
      if (r.printed) ok(t('certificates.preview.sent'))
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const reprint = (printed?.printCount ?? 0) > 1
  const layoutName = printed ? t(`certificates.layout.${printed.layout}`) : ''
  return (
    <Modal
      open={printed !== null}
      onCancel={onClose}
      width={860}
      destroyOnHidden
      title={printed?.number ? t('certificates.preview.titleOne', { number: printed.number, layout: layoutName }) : t('certificates.preview.titleBatch', { n: num(printed?.file.count ?? 0), layout: layoutName })}
      footer={
        <Space>
          <Button onClick={onClose} data-testid="preview-close">
            {t('common.close')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={busy === 'save'} onClick={() => void download()} data-testid="preview-download">
            {t('certificates.preview.download')}
          </Button>
          {canPrint && (
            <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void print()} data-testid="preview-print">
              {t('certificates.preview.print')}
            </Button>
          )}
        </Space>
      }
      wrapProps={{ 'data-testid': 'print-preview' }}
    >
      {printed && (
        <>
          <Alert
            type={reprint ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="preview-count"
            title={
              printed.printCount === undefined
                ? t('certificates.preview.countedBatch', { n: num(printed.file.count) })
                : reprint
                  ? t('certificates.preview.reprint', { n: printed.printCount })
                  : t('certificates.preview.firstPrint')
            }
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {canPrint ? t('certificates.preview.scaleDesktop') : t('certificates.preview.scaleBrowser')}
          </Typography.Paragraph>
          <PdfPages base64={printed.file.base64} width={printed.layout === 'booklet' ? 560 : 760} />
        </>
      )}
    </Modal>
  )
}
