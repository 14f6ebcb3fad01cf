import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useState } from 'react'
import type { SessionUser } from '../../api/auth'
import { callResult } from './client'
import { errorText } from './errors'
import { useI18n } from './i18n'
import { LangSwitch } from './LangSwitch'

export function Login({ stationName, onLogin }: { stationName: string | null; onLogin: (u: SessionUser) => void }) {
  const { t, has } = useI18n()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ username: string; password: string }>()

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true)
    setError(null)
    const r = await callResult('auth.login', v)
    setBusy(false)
    if (r.ok) onLogin(r.data)
    else {
      setError(errorText(t, has, r.error))
      form.setFieldValue('password', '')
    }
  }

  return (
    <div className="sd-center">
      <Card style={{ width: 380 }} data-testid="login">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('common.appName')}
          </Typography.Title>
          <LangSwitch />
        </div>
        {stationName && <Typography.Paragraph type="secondary">{stationName}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('common.login.username')} rules={[{ required: true, message: t('errors.rule.required') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('common.login.password')} rules={[{ required: true, message: t('errors.rule.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('common.login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('common.login.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  )
}
