/**
 * Setup step 3: the passphrase of the signing key. None is allowed (with a clear warning); on
 * the desktop it can be remembered in the system keychain.
 */
import { Alert, Checkbox, Form, Input, Typography } from 'antd'
import type { FormInstance } from 'antd'
import { useI18n } from '../../app/i18n'
import type { Rule, Values } from './wizard'

export function KeyStep({ form, desktop, rule }: { form: FormInstance<Values>; desktop: boolean; rule: Rule }) {
  const { t } = useI18n()
  const passphrase = Form.useWatch('keyPassphrase', form) ?? ''
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 20 }}>{t('setup.key.intro')}</Typography.Paragraph>
      <Form.Item
        name="keyPassphrase"
        label={t('setup.key.passphrase')}
        extra={t('setup.key.passphraseHelp')}
        validateTrigger="onBlur"
        rules={[
          {
            validator: async (_r, v: string | undefined) => {
              if (v && v.length < 8) throw new Error(rule('passphrase_short'))
            }
          }
        ]}
      >
        <Input.Password autoComplete="new-password" style={{ width: 260 }} />
      </Form.Item>
      <Form.Item
        name="keyConfirm"
        label={t('setup.key.confirm')}
        dependencies={['keyPassphrase']}
        validateTrigger="onBlur"
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if ((v ?? '') !== ((getFieldValue('keyPassphrase') as string | undefined) ?? '')) throw new Error(t('setup.key.mismatch'))
            }
          })
        ]}
      >
        <Input.Password autoComplete="new-password" style={{ width: 260 }} />
      </Form.Item>
      {desktop && (
        <Form.Item name="rememberPassphrase" valuePropName="checked" wrapperCol={{ offset: 6, span: 17 }}>
          <Checkbox disabled={!passphrase}>{t('setup.key.remember')}</Checkbox>
        </Form.Item>
      )}
      {!passphrase && (
        <Alert type="warning" showIcon title={t('setup.key.unprotectedTitle')} description={t('setup.key.unprotectedBody')} data-testid="setup-key-warning" />
      )}
    </>
  )
}
