/**
 * 导入数据包 (/district/import): pick or drop one or many .sdpkt files (a USB stick's folder at
 * once), import them as a job (district.import through jobs.start: progress, Cancel — each packet
 * is its own transaction, so what was imported before a cancel stays), then the result of each
 * file. A protected district key the app does not hold answers PASSPHRASE_REQUIRED (or refuses the
 * sealed files with sealed_no_key): the passphrase is asked and those files imported again with
 * it; it is kept only while this page is open.
 */
import { Alert, App as AntApp, Button, Form, Input, Space, Tag, Typography, Upload } from 'antd'
import { DeleteOutlined, ImportOutlined, InboxOutlined, KeyOutlined } from '@ant-design/icons'
import { useRef, useState } from 'react'
import type { DistrictImportItem } from '../../../api/district'
import { fileToBase64 } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useNotify } from '../../app/useNotify'
import { fmtBytes } from '../../components/format'
import { FormModal } from '../../components/FormModal'
import { JobProgress } from '../../components/JobProgress'
import { useJob } from '../../components/useJob'
import { ImportResults } from './ImportResults'
import { districtErrorText } from './words'

/** what one request may carry (the preview server takes 64 MB of JSON; base64 adds a third) */
const MAX_BYTES = 40 * 1024 * 1024
const needsPassphrase = (code: string) => code === 'PASSPHRASE_REQUIRED' || code === 'BAD_PASSPHRASE'
const sameFile = (a: File, b: File) => a.name === b.name && a.size === b.size && a.lastModified === b.lastModified

export function ImportPage() {
  const { t, has, num } = useI18n()
  const { fail } = useNotify()
  const { message } = AntApp.useApp()
  const job = useJob('district.import')
  const [files, setFiles] = useState<File[]>([])
  const [items, setItems] = useState<DistrictImportItem[] | null>(null)
  const [asking, setAsking] = useState<{ files: File[]; wrong: boolean } | null>(null)
  const passphrase = useRef<string | undefined>(undefined)
  /** the files of the last import, for a second pass with the passphrase */
  const lastRun = useRef<File[]>([])

  const total = files.reduce((s, f) => s + f.size, 0)

  const go = async (chosen: File[], replacing: boolean) => {
    let payload: { name: string; base64: string }[]
    try {
      payload = await Promise.all(chosen.map(async (f) => ({ name: f.name, base64: await fileToBase64(f) })))
    } catch (e) {
      return fail(e)
    }
    const r = await job.run(passphrase.current === undefined ? { files: payload } : { files: payload, passphrase: passphrase.current })
    if (!r) return
    if (!r.ok) {
      if (needsPassphrase(r.error.code)) {
        const wrong = passphrase.current !== undefined
        passphrase.current = undefined
        return setAsking({ files: chosen, wrong })
      }
      if (r.error.code === 'CANCELLED') {
        // the packets imported before the cancel stay: the core names them and the files it did not read
        const d = r.error.details ?? {}
        const done = Array.isArray(d.items) ? (d.items as DistrictImportItem[]) : []
        const notRead = Array.isArray(d.notRead) ? d.notRead.length : null
        if (done.length) setItems(done)
        const imported = done.filter((i) => i.outcome === 'imported').length
        return void message.info(notRead === null ? t('district.import.cancelled') : t('district.import.cancelledAfter', { imported, notRead }), 8)
      }
      if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') return fail(r.error)
      return void message.error(districtErrorText(t, has, r.error), 8)
    }
    const got = r.data.items
    // a second pass over the sealed files replaces their lines; a new import starts a new list
    setItems((prev) => (replacing && prev ? prev.map((old) => got.find((n) => n.file === old.file) ?? old) : got))
    if (!replacing) setFiles([])
  }

  const sealedRefused = (items ?? []).filter((i) => i.outcome === 'refused' && i.reason === 'sealed_no_key')
  const retrySealed = () => {
    const names = new Set(sealedRefused.map((i) => i.file))
    const again = lastRun.current.filter((f) => names.has(f.name))
    if (again.length) setAsking({ files: again, wrong: false })
    else void message.info(t('district.import.pickAgain'))
  }
  const start = () => {
    if (total > MAX_BYTES) return void message.error(t('district.import.tooBig', { size: fmtBytes(MAX_BYTES, num) }), 8)
    lastRun.current = files
    setItems(null)
    void go(files, false)
  }

  const s = job.status
  const phase = s?.phase ?? 'starting'
  const count = s && s.total > 0 ? ` · ${t('district.import.progressCount', { done: num(s.done), total: num(s.total) })}` : ''

  return (
    <div data-testid="district-import" style={{ maxWidth: 1100 }}>
      <Typography.Paragraph type="secondary">{t('district.import.intro')}</Typography.Paragraph>
      <div data-testid="import-files">
        <Upload.Dragger
          accept=".sdpkt"
          multiple
          showUploadList={false}
          disabled={job.running}
          beforeUpload={(f) => {
            setFiles((prev) => (prev.some((p) => sameFile(p, f)) ? prev : [...prev, f]))
            return false
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('district.import.pick')}</p>
          <p className="ant-upload-hint">{t('district.import.pickHint')}</p>
        </Upload.Dragger>
      </div>

      {files.length > 0 && (
        <div style={{ margin: '12px 0' }} data-testid="import-chosen">
          <Space size={[4, 6]} wrap>
            {files.map((f) => (
              <Tag key={`${f.name}-${f.size}-${f.lastModified}`} closable={!job.running} onClose={() => setFiles((prev) => prev.filter((p) => !sameFile(p, f)))}>
                {f.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtBytes(f.size, num)}</Typography.Text>
              </Tag>
            ))}
          </Space>
        </div>
      )}
      <div className="sd-page-toolbar" style={{ marginTop: 12 }}>
        <Button type="primary" icon={<ImportOutlined />} disabled={!files.length || job.running} onClick={start} data-testid="import-start">
          {files.length ? t('district.import.startN', { n: num(files.length), size: fmtBytes(total, num) }) : t('district.import.start')}
        </Button>
        {files.length > 0 && !job.running && (
          <Button icon={<DeleteOutlined />} onClick={() => setFiles([])}>
            {t('district.import.clear')}
          </Button>
        )}
      </div>

      {job.running && (
        <JobProgress
          testId="district-import"
          title={t('district.import.running')}
          detail={(has(`district.phase.${phase}`) ? t(`district.phase.${phase}`) : phase) + count}
          percent={s && s.total > 0 ? Math.min(100, Math.round((s.done / s.total) * 100)) : 0}
          onCancel={() => void job.cancel()}
        />
      )}

      {sealedRefused.length > 0 && !job.running && (
        <Alert
          type="info"
          showIcon
          icon={<KeyOutlined />}
          style={{ marginBottom: 12 }}
          title={t('district.import.sealedTitle', { n: sealedRefused.length })}
          action={
            <Button size="small" type="primary" onClick={retrySealed} data-testid="import-sealed-retry">
              {t('district.import.sealedRetry')}
            </Button>
          }
        />
      )}
      {items && (
        <>
          <ImportResults items={items} />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => navigate('/district/report')}>{t('district.nav.report')}</Button>
            <Button onClick={() => navigate('/')}>{t('district.nav.home')}</Button>
          </Space>
        </>
      )}

      <FormModal<{ passphrase: string }>
        open={asking !== null}
        title={t('district.passphrase.title')}
        intro={
          <>
            {t('district.passphrase.introImport')}
            {asking?.wrong && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('district.passphrase.wrong')} data-testid="district-passphrase-wrong" />}
          </>
        }
        okText={t('district.passphrase.okImport')}
        okTestId="district-passphrase-ok"
        testId="district-passphrase-modal"
        labelWidth={124}
        onCancel={() => setAsking(null)}
        onSubmit={async (v) => {
          const again = asking
          setAsking(null)
          passphrase.current = v.passphrase
          if (again) void go(again.files, items !== null)
          return null
        }}
      >
        <Form.Item name="passphrase" label={t('district.passphrase.label')} rules={[{ required: true, message: t('errors.rule.required') }]}>
          <Input.Password autoComplete="off" data-testid="district-passphrase-input" />
        </Form.Item>
      </FormModal>
    </div>
  )
}
