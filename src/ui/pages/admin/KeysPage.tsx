/**
 * The station's signing key (admin, head): key id, public key, a warning when the private
 * key has no passphrase, and the public key file for the district. The file is self-signed,
 * so a protected key asks for its passphrase when the app does not hold it.
 */
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Skeleton, Space, Tag, Typography } from 'antd'
import { ExportOutlined, KeyOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons'
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
  const { info, can } = useApp()
  const [key, setKey] = useState<KeyInfo | null>(null)
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState(false)
  const [protecting, setProtecting] = useState(false)

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
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" icon={<ExportOutlined />} loading={busy} onClick={() => void exportPublic()} data-testid="keys-export">
          {t('admin.keys.exportPublic')}
        </Button>
        {can('admin') && (
          <Button icon={<KeyOutlined />} onClick={() => setProtecting(true)} data-testid="keys-set-passphrase">
            {t(key.unprotected ? 'admin.keys.setPassphrase' : 'admin.keys.changePassphrase')}
          </Button>
        )}
      </Space>

      <FormModal<{ currentPassphrase?: string; newPassphrase: string; confirm: string; rememberPassphrase?: boolean }>
        open={protecting}
        title={t(key.unprotected ? 'admin.keys.setPassphrase' : 'admin.keys.changePassphrase')}
        intro={t('admin.keys.setPassphraseIntro')}
        okText={t('common.save')}
        okTestId="keys-set-passphrase-ok"
        testId="keys-set-passphrase-modal"
        labelWidth={124}
        onCancel={() => setProtecting(false)}
        onError={(e, form) => {
          if (e.code === 'BAD_PASSPHRASE' || e.code === 'PASSPHRASE_REQUIRED') {
            form.setFields([{ name: 'currentPassphrase', errors: [t('admin.keys.wrongPassphrase')] }])
            return null
          }
          return undefined
        }}
        onSubmit={async (v) => {
          const r = await callResult('keys.setPassphrase', { currentPassphrase: v.currentPassphrase ?? '', newPassphrase: v.newPassphrase, rememberPassphrase: !!v.rememberPassphrase })
          if (!r.ok) return r.error
          setProtecting(false)
          setKey(r.data)
          ok(t('admin.keys.passphraseSet'))
          return null
        }}
      >
        {!key.unprotected && (
          <Form.Item name="currentPassphrase" label={t('admin.keys.currentPassphrase')} rules={[{ required: true, message: t('errors.rule.required') }]}>
            <Input.Password autoComplete="off" autoFocus />
          </Form.Item>
        )}
        <Form.Item name="newPassphrase" label={t('admin.keys.newPassphrase')} rules={[{ required: true, message: t('errors.rule.required') }, { min: 8, message: t('errors.rule.passphrase_short') }]}>
          <Input.Password autoComplete="new-password" autoFocus={key.unprotected} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.keys.confirmPassphrase')}
          dependencies={['newPassphrase']}
          rules={[
            { required: true, message: t('errors.rule.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassphrase') ? Promise.resolve() : Promise.reject(new Error(t('admin.keys.mismatch'))))
            })
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {info.abilities.includes('desktop.saveFile') && (
          <Form.Item name="rememberPassphrase" valuePropName="checked" label=" " colon={false}>
            <Checkbox>{t('admin.keys.remember')}</Checkbox>
          </Form.Item>
        )}
      </FormModal>

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
