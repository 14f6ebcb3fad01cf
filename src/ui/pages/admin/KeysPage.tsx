/**
 * The station's signing key (admin, head): key id, public key, a warning when the private
 * key has no passphrase, and the public key file for the district. The file is self-signed,
 * so a protected key asks for its passphrase when the app does not hold it.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Tag, Typography } from 'antd'
import { ExportOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons'
import { useEffect, useState } from 'react'
import type { KeyInfo } from '../../../api/keys'
import { call, callResult } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'

export function KeysPage() {
  const { t } = useI18n()
  const { fail, ok } = useNotify()
  const { info } = useApp()
  const [key, setKey] = useState<KeyInfo | null>(null)
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState(false)

  useEffect(() => {
    call('keys.info').then(setKey, fail)
  }, [fail])

  const exportPublic = async () => {
    setBusy(true)
    const r = await callResult('keys.exportPublic', {})
    setBusy(false)
    if (r.ok) {
      if (await saveFile(r.data, info.abilities)) ok(t('admin.keys.exported', { file: r.data.filename }))
    } else if (r.error.code === 'PASSPHRASE_REQUIRED' || r.error.code === 'BAD_PASSPHRASE') setAsking(true)
    else fail(r.error)
  }

  if (!key) return <Skeleton active />

  return (
    <Card style={{ maxWidth: 880 }}>
      {key.unprotected && (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          title={t('admin.keys.unprotectedTitle')}
          description={t('admin.keys.unprotectedBody')}
          style={{ marginBottom: 16 }}
          data-testid="keys-unprotected"
        />
      )}
      <Typography.Paragraph type="secondary">{t('admin.keys.intro')}</Typography.Paragraph>
      <Descriptions
        bordered
        column={1}
        size="middle"
        styles={{ label: { width: 160 } }}
        items={[
          {
            key: 'keyId',
            label: t('admin.keys.keyId'),
            children: (
              <Typography.Text code copyable data-testid="keys-key-id">
                {key.keyId}
              </Typography.Text>
            )
          },
          {
            key: 'publicKey',
            label: t('admin.keys.publicKey'),
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="keys-public-key">
                {key.publicKey}
              </Typography.Text>
            )
          },
          {
            key: 'protection',
            label: t('admin.keys.protection'),
            children: key.unprotected ? (
              <Tag color="red" icon={<WarningOutlined />}>
                {t('admin.keys.unprotectedTag')}
              </Tag>
            ) : (
              <Tag color="green" icon={<SafetyCertificateOutlined />}>
                {t('admin.keys.protected')}
              </Tag>
            )
          }
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <Button type="primary" icon={<ExportOutlined />} loading={busy} onClick={() => void exportPublic()} data-testid="keys-export">
          {t('admin.keys.exportPublic')}
        </Button>
      </div>

      <FormModal<{ passphrase: string }>
        open={asking}
        title={t('admin.keys.passphraseTitle')}
        intro={t('admin.keys.passphraseIntro')}
        okText={t('admin.keys.exportPublic')}
        okTestId="keys-passphrase-ok"
        testId="keys-passphrase-modal"
        labelWidth={124}
        onCancel={() => setAsking(false)}
        onError={(e, form) => {
          if (e.code === 'BAD_PASSPHRASE' || e.code === 'PASSPHRASE_REQUIRED') {
            form.setFields([{ name: 'passphrase', errors: [t('admin.keys.wrongPassphrase')] }])
            return null
          }
          return undefined
        }}
        onSubmit={async (v) => {
          const r = await callResult('keys.exportPublic', { passphrase: v.passphrase })
          if (!r.ok) return r.error
          setAsking(false)
          if (await saveFile(r.data, info.abilities)) ok(t('admin.keys.exported', { file: r.data.filename }))
          return null
        }}
      >
        <Form.Item name="passphrase" label={t('admin.keys.passphrase')} rules={[{ required: true, message: t('errors.rule.required') }]}>
          <Input.Password autoComplete="off" autoFocus />
        </Form.Item>
      </FormModal>
    </Card>
  )
}
