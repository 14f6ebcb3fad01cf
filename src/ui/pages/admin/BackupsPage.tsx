/**
 * Backups (admin only): the backups folder (daily, manual, before an upgrade, before a
 * restore), back up now, restore one of them, export an encrypted copy for a USB stick, and
 * restore from a picked file. A restore ends every session: the app then shows the login.
 */
import { Alert, App as AntApp, Button, Form, Input, Table, Tag, Typography, Upload, type UploadFile } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { CloudUploadOutlined, DatabaseOutlined, ExportOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useState } from 'react'
import type { BackupRow } from '../../../api/backups'
import { call, callResult } from '../../app/client'
import { errorText } from '../../app/errors'
import { fileToBase64, saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'
import { fmtBytes, fmtDateTime } from '../../components/format'
import { PAGE_SIZES } from '../../components/usePagedList'

const REASON_COLORS: Record<BackupRow['reason'], string> = { daily: 'default', manual: 'blue', migration: 'purple', 'before-restore': 'orange' }

export function BackupsPage() {
  const { t, num, has } = useI18n()
  const { fail, ok } = useNotify()
  const { modal } = AntApp.useApp()
  const { info, refresh } = useApp()
  const [rows, setRows] = useState<BackupRow[] | null>(null)
  const [creating, setCreating] = useState(false)
  const [dialog, setDialog] = useState<'export' | 'file' | null>(null)

  const load = useCallback(async () => {
    try {
      setRows(await call('backups.list'))
    } catch (e) {
      fail(e)
    }
  }, [fail])

  useEffect(() => {
    void load()
  }, [load])

  const restored = async (kept: string) => {
    ok(t('admin.backups.restored', { kept }))
    await refresh() // every session ended with the restore: this lands on the login
  }

  const createNow = async () => {
    setCreating(true)
    try {
      const b = await call('backups.create')
      ok(t('admin.backups.created', { name: b.name }))
      await load()
    } catch (e) {
      fail(e)
    } finally {
      setCreating(false)
    }
  }

  const restore = (b: BackupRow) => {
    modal.confirm({
      title: t('admin.backups.restoreTitle'),
      content: t('admin.backups.restoreBody', { time: fmtDateTime(b.createdAt, info.timeZone, false) }),
      okText: t('admin.backups.restoreOk'),
      okButtonProps: { danger: true, 'data-testid': 'backups-restore-ok' },
      cancelText: t('common.cancel'),
      width: 480,
      onOk: async () => {
        const r = await callResult('backups.restore', { name: b.name })
        if (r.ok) await restored(r.data.keptAs)
        else fail(r.error)
      }
    })
  }

  const columns: ColumnsType<BackupRow> = [
    { key: 'time', dataIndex: 'createdAt', title: t('admin.backups.time'), width: 180, render: (v: string) => <span className="sd-num">{fmtDateTime(v, info.timeZone)}</span> },
    {
      key: 'reason',
      dataIndex: 'reason',
      title: t('admin.backups.reason'),
      width: 120,
      render: (r: BackupRow['reason']) => <Tag color={REASON_COLORS[r]}>{has(`admin.backups.reasons.${r}`) ? t(`admin.backups.reasons.${r}`) : r}</Tag>
    },
    { key: 'size', dataIndex: 'size', title: t('admin.backups.size'), width: 110, align: 'right', render: (n: number) => <span className="sd-num">{fmtBytes(n, num)}</span> },
    { key: 'name', dataIndex: 'name', title: t('admin.backups.name'), render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      fixed: 'right',
      render: (_: unknown, b) => (
        <Button type="link" size="small" danger icon={<RollbackOutlined />} onClick={() => restore(b)} data-testid="backups-restore">
          {t('admin.backups.restore')}
        </Button>
      )
    }
  ]

  return (
    <div>
      <Alert type="info" showIcon title={t('admin.backups.intro')} style={{ marginBottom: 12 }} />
      <div className="sd-page-toolbar">
        <Button type="primary" icon={<DatabaseOutlined />} loading={creating} onClick={() => void createNow()} data-testid="backups-create">
          {t('admin.backups.createNow')}
        </Button>
        <Button icon={<ExportOutlined />} onClick={() => setDialog('export')} data-testid="backups-export">
          {t('admin.backups.exportEncrypted')}
        </Button>
        <span className="sd-grow" />
        <Button danger icon={<CloudUploadOutlined />} onClick={() => setDialog('file')} data-testid="backups-restore-file">
          {t('admin.backups.restoreFromFile')}
        </Button>
      </div>
      <div data-testid="backups-table">
        <Table<BackupRow>
          rowKey="name"
          size="middle"
          loading={rows === null}
          columns={columns}
          dataSource={rows ?? []}
          locale={{ emptyText: t('admin.backups.empty') }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (n) => t('common.total', { n: num(n) }) }}
          scroll={{ x: 'max-content' }}
        />
      </div>

      <FormModal<{ passphrase: string; confirm: string }>
        open={dialog === 'export'}
        title={t('admin.backups.exportTitle')}
        intro={<Alert type="warning" showIcon title={t('admin.backups.exportIntro')} />}
        okText={t('admin.backups.export')}
        okTestId="backups-export-save"
        testId="backups-export-modal"
        labelWidth={140}
        onCancel={() => setDialog(null)}
        fieldPaths={{ passphrase: ['passphrase'] }}
        onSubmit={async (v) => {
          const r = await callResult('backups.export', { passphrase: v.passphrase })
          if (!r.ok) return r.error
          setDialog(null)
          if (await saveFile(r.data, info.abilities)) ok(t('admin.backups.exported', { file: r.data.filename }))
          return null
        }}
      >
        <Form.Item
          name="passphrase"
          label={t('admin.backups.passphrase')}
          extra={t('admin.backups.passphraseHint')}
          rules={[
            { required: true, message: t('errors.rule.required') },
            { min: 8, message: t('errors.rule.passphrase_short') }
          ]}
        >
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.backups.passphraseConfirm')}
          dependencies={['passphrase']}
          rules={[
            { required: true, message: t('errors.rule.required') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (v && v !== getFieldValue('passphrase')) throw new Error(t('admin.backups.passphraseMismatch'))
              }
            })
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </FormModal>

      <RestoreFileModal
        open={dialog === 'file'}
        onCancel={() => setDialog(null)}
        onDone={async (kept) => {
          setDialog(null)
          await restored(kept)
        }}
        errorText={(e) => errorText(t, has, e)}
      />
    </div>
  )
}

function RestoreFileModal({
  open,
  onCancel,
  onDone,
  errorText: explain
}: {
  open: boolean
  onCancel(): void
  onDone(kept: string): Promise<void>
  errorText(e: import('../../../api/contract').ApiError): string
}) {
  const { t } = useI18n()
  const [form] = Form.useForm<{ file: UploadFile[]; passphrase?: string }>()
  const files = Form.useWatch('file', form)
  const [askPassphrase, setAskPassphrase] = useState(false)
  const picked = files?.[0]
  const showPassphrase = askPassphrase || /\.sdbak$/i.test(picked?.name ?? '')

  useEffect(() => {
    if (open) setAskPassphrase(false)
  }, [open])

  return (
    <FormModal<{ file: UploadFile[]; passphrase?: string }>
      form={form}
      open={open}
      title={t('admin.backups.fileTitle')}
      intro={<Alert type="warning" showIcon title={t('admin.backups.fileIntro')} />}
      okText={t('admin.backups.restoreOk')}
      okDanger
      okTestId="backups-restore-file-ok"
      testId="backups-restore-file-modal"
      labelWidth={104}
      width={600}
      onCancel={onCancel}
      onError={(e, f) => {
        if (e.code === 'PASSPHRASE_REQUIRED' || e.code === 'BAD_PASSPHRASE') {
          setAskPassphrase(true)
          // the field may appear only now: set its error once it is there
          setTimeout(() => f.setFields([{ name: 'passphrase', errors: [explain(e)] }]), 0)
          return null
        }
        return explain(e)
      }}
      onSubmit={async (v) => {
        const f = v.file?.[0]?.originFileObj
        if (!f) return null
        const base64 = await fileToBase64(f)
        const r = await callResult('backups.restoreFile', { base64, passphrase: v.passphrase ?? '' })
        if (!r.ok) return r.error
        await onDone(r.data.keptAs)
        return null
      }}
    >
      <Form.Item
        name="file"
        label={t('admin.backups.file')}
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, message: t('admin.backups.fileRequired') }]}
      >
        <Upload.Dragger beforeUpload={() => false} maxCount={1} accept=".sdbak,.db" data-testid="backups-file">
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('admin.backups.pickFile')}</p>
          <p className="ant-upload-hint">{t('admin.backups.pickHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      {showPassphrase && (
        <Form.Item name="passphrase" label={t('admin.backups.passphrase')} extra={t('admin.backups.filePassphraseHint')}>
          <Input.Password autoComplete="off" data-testid="backups-file-passphrase" />
        </Form.Item>
      )}
    </FormModal>
  )
}
