import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd'
import { LockOutlined } from '@ant-design/icons'
import { useState } from 'react'
import { callResult } from './client'
import { errorText } from './errors'
import { useI18n } from './i18n'

/** Shown after 15 idle minutes (or when the backend says the session is locked). */
export function LockScreen({ name, onUnlocked, onSwitchUser }: { name: string; onUnlocked: () => void; onSwitchUser: () => void }) {
  const { t, has } = useI18n()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ password: string }>()
  const submit = async ({ password }: { password: string }) => {
    setBusy(true)
    const r = await callResult('auth.unlock', { password })
    setBusy(false)
    if (r.ok) onUnlocked()
    else {
      setError(errorText(t, has, r.error.code === 'VALIDATION' ? { ...r.error, code: 'LOGIN_FAILED' } : r.error))
      form.setFieldValue('password', '')
    }
  }
  return (
    <div className="sd-center" style={{ position: 'fixed', inset: 0, background: 'rgba(245,247,250,0.98)', zIndex: 2000 }} data-testid="lock-screen">
      <Card style={{ width: 380 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <LockOutlined /> {t('common.locked.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('common.locked.body', { name })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} onFinish={submit}>
          <Form.Item name="password" rules={[{ required: true, message: t('errors.rule.required') }]}>
            <Input.Password autoFocus placeholder={t('common.login.password')} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.locked.unlock')}
            </Button>
            <Button onClick={onSwitchUser}>{t('common.locked.switchUser')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  )
}
