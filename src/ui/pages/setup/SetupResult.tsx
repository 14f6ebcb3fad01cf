/** After setup.init: the station is set up; the signing key's id, and on to the first login. */
import { Alert, Button, Card, Descriptions, Result, Space, Typography } from 'antd'
import { useEffect, useRef } from 'react'
import type { SetupResult } from '../../../api/setup'
import { useI18n } from '../../app/i18n'

export function SetupDone({ result, onDone }: { result: SetupResult & { name: string }; onDone: () => void }) {
  const { t } = useI18n()
  const keysPath = `${t('common.nav.admin')} → ${t('common.nav.keys')}`
  const loginRef = useRef<HTMLButtonElement>(null)
  useEffect(() => loginRef.current?.focus(), [])
  return (
    <div className="sd-center">
      <Card style={{ width: 720, maxWidth: '100%' }} data-testid="setup-result">
        <Result status="success" title={t('setup.done.title')} subTitle={t('setup.done.subtitle', { name: result.name, code: result.stationCode })} style={{ padding: '16px 0' }} />
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[{ key: 'keyId', label: t('setup.done.keyId'), children: <Typography.Text code copyable data-testid="setup-key-id">{result.keyId}</Typography.Text> }]}
          />
          {result.keyUnprotected && (
            <Alert type="warning" showIcon title={t('setup.done.unprotectedTitle')} description={t('setup.done.unprotected')} data-testid="setup-done-unprotected" />
          )}
          <Alert type="info" showIcon title={t('setup.done.exportTitle')} description={t('setup.done.exportBody', { path: keysPath })} />
        </Space>
        <div style={{ textAlign: 'center', marginTop: 24 }}>
          <Button type="primary" size="large" ref={loginRef} onClick={onDone} data-testid="setup-done">
            {t('setup.done.login')}
          </Button>
        </div>
      </Card>
    </div>
  )
}
