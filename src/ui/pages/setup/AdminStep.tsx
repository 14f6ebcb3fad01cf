/** Setup step 2: the first administrator's account. */
import { Alert, Form, Input } from 'antd'
import { username as usernameSchema } from '../../../api/auth'
import { useI18n } from '../../app/i18n'
import type { Rule } from './wizard'

export function AdminStep({ rule }: { rule: Rule }) {
  const { t } = useI18n()
  const required = { required: true, message: t('errors.rule.required') }
  return (
    <>
      <Alert type="info" showIcon title={t('setup.admin.intro')} style={{ marginBottom: 20 }} />
      <Form.Item
        name={['admin', 'username']}
        label={t('setup.admin.username')}
        extra={t('setup.admin.usernameHelp')}
        validateTrigger="onBlur"
        rules={[
          required,
          {
            validator: async (_r, v: string | undefined) => {
              if (v && !usernameSchema.safeParse(v).success) throw new Error(rule('username'))
            }
          }
        ]}
      >
        <Input maxLength={32} autoComplete="off" style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name={['admin', 'displayName']} label={t('setup.admin.displayName')} rules={[required, { max: 40, message: rule('too_big') }]}>
        <Input maxLength={40} autoComplete="off" style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name={['admin', 'password']} label={t('setup.admin.password')} extra={t('setup.admin.passwordHelp')} validateTrigger="onBlur" rules={[required, { min: 8, message: rule('password_short') }]}>
        <Input.Password autoComplete="new-password" style={{ width: 260 }} />
      </Form.Item>
      <Form.Item
        name={['admin', 'confirm']}
        label={t('setup.admin.confirm')}
        dependencies={[['admin', 'password']]}
        validateTrigger="onBlur"
        rules={[
          required,
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if (v && v !== getFieldValue(['admin', 'password'])) throw new Error(t('setup.admin.mismatch'))
            }
          })
        ]}
      >
        <Input.Password autoComplete="new-password" style={{ width: 260 }} />
      </Form.Item>
    </>
  )
}
