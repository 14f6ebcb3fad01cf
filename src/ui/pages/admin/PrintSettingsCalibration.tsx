/**
 * The booklet (套打) calibration sheet: the offsets being tried go into a test page
 * (certificates.calibration: a millimetre grid, crosshairs and a box where each field will
 * print), shown here and printed on plain paper at actual size (100%), laid over a blank form;
 * the offsets are adjusted until the boxes sit in the form's blanks, then saved.
 */
import { Alert, Button, Card, Space, Typography } from 'antd'
import { DownloadOutlined, EyeOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import type { FileOut } from '../../../api/contract'
import { call, CallError } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { PdfPages } from '../certificates/PdfPages'
import { OffsetInput, type Draft } from './PrintSettingsOffset'

interface Props {
  draft: Draft
  dirty: boolean
  busy: boolean
  onChange(change: Partial<Draft>): void
  onSave(): void
}

export function PrintCalibration({ draft, dirty, busy, onChange, onSave }: Props) {
  const { t, lang } = useI18n()
  const { info } = useApp()
  const { fail, ok } = useNotify()
  const [file, setFile] = useState<{ out: FileOut; x: number; y: number } | null>(null)
  const [making, setMaking] = useState<'preview' | 'print' | 'download' | null>(null)
  const canPrint = info.abilities.includes('desktop.printPdf')

  // the sheet speaks the user's language: another language, another sheet
  useEffect(() => setFile(null), [lang])

  /** the sheet for the offsets on screen (made again only when they changed) */
  const sheet = async (): Promise<FileOut | null> => {
    if (file && file.x === draft.offsetX && file.y === draft.offsetY) return file.out
    try {
      const out = await call('certificates.calibration', { offsetX: draft.offsetX, offsetY: draft.offsetY, lang })
      setFile({ out, x: draft.offsetX, y: draft.offsetY })
      return out
    } catch (e) {
      fail(e instanceof CallError ? e.error : e)
      return null
    }
  }

  const run = async (what: 'preview' | 'print' | 'download') => {
    setMaking(what)
    try {
      const out = await sheet()
      if (!out) return
      if (what === 'print') {
        const r = await call('desktop.printPdf', { base64: out.base64 })
        if (r.printed) ok(t('printSettings.calibration.handedToViewer'))
      } else if (what === 'download') {
        if (await saveFile(out, info.abilities)) ok(t('common.exported', { file: out.filename }))
      }
    } catch (e) {
      fail(e)
    } finally {
      setMaking(null)
    }
  }

  const stale = file !== null && (file.x !== draft.offsetX || file.y !== draft.offsetY)

  return (
    <Card size="small" title={t('printSettings.calibration.title')} data-testid="print-calibration">
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('printSettings.calibration.actualSize')} data-testid="print-calibration-100" />
      <ol style={{ paddingLeft: 20, margin: '0 0 12px' }}>
        {(['step1', 'step2', 'step3', 'step4'] as const).map((s) => (
          <li key={s} style={{ marginBottom: 4 }}>
            {t(`printSettings.calibration.${s}`)}
          </li>
        ))}
      </ol>
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap', marginBottom: 12 }}>
        <Space>
          <Typography.Text>{t('printSettings.offsetX')}</Typography.Text>
          <OffsetInput value={draft.offsetX} onChange={(offsetX) => onChange({ offsetX })} testId="calibration-x" />
        </Space>
        <Space>
          <Typography.Text>{t('printSettings.offsetY')}</Typography.Text>
          <OffsetInput value={draft.offsetY} onChange={(offsetY) => onChange({ offsetY })} testId="calibration-y" />
        </Space>
        <Space wrap>
          <Button icon={<EyeOutlined />} loading={making === 'preview'} onClick={() => void run('preview')} data-testid="calibration-preview">
            {t('printSettings.calibration.preview')}
          </Button>
          {canPrint && (
            <Button icon={<PrinterOutlined />} loading={making === 'print'} onClick={() => void run('print')} data-testid="calibration-print">
              {t('printSettings.calibration.print')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={making === 'download'} onClick={() => void run('download')} data-testid="calibration-download">
            {t('printSettings.calibration.download')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={busy} onClick={onSave} data-testid="calibration-save">
            {t('printSettings.calibration.save')}
          </Button>
        </Space>
      </div>
      {file && (
        <>
          <Typography.Paragraph type={stale ? 'warning' : 'secondary'} style={{ marginBottom: 8 }} data-testid="calibration-shown">
            {t(stale ? 'printSettings.calibration.stale' : 'printSettings.calibration.shown', { x: file.x, y: file.y })}
          </Typography.Paragraph>
          <PdfPages base64={file.out.base64} width={520} />
        </>
      )}
    </Card>
  )
}
