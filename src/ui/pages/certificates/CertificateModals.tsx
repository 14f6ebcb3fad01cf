/**
 * The detail page's two writes, each in a modal with its reason: 换发 (a new certificate from
 * today's register facts, the old one superseded; signing may ask for the key's passphrase) and
 * 作废 (head only; the reason required; asked once more in the modal, the reason said back,
 * before it is done, since it cannot be undone).
 */
import { Alert, Form, Input, type FormInstance } from 'antd'
import { useEffect, useState } from 'react'
import type { Certificate } from '../../../api/certificates'
import type { ApiError } from '../../../api/contract'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { FormModal } from '../../components/FormModal'
import type { useSigning } from './useSigning'
import { useCertWords } from './words'

type Sign = ReturnType<typeof useSigning>['sign']

/** a field error under its field when the core names one, else the sentence in the modal */
function reasonError(e: ApiError, words: ReturnType<typeof useCertWords>, form: FormInstance<{ reason: string }>): string | null {
  const f = e.details?.fields?.[0]
  if (e.code === 'VALIDATION' && f?.path === 'reason') {
    form.setFields([{ name: 'reason', errors: [words.error(e)] }])
    return null
  }
  return words.error(e)
}

export function RenewModal({ cert, open, sign, onCancel, onDone }: { cert: Certificate; open: boolean; sign: Sign; onCancel(): void; onDone(c: Certificate): void }) {
  const { t } = useI18n()
  const words = useCertWords()
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={t('certificates.renew.title', { number: cert.number })}
      intro={t('certificates.renew.intro')}
      okText={t('certificates.renew.button')}
      okTestId="renew-ok"
      testId="renew-modal"
      onCancel={onCancel}
      onError={(e, form) => reasonError(e, words, form)}
      onSubmit={async (v) => {
        const r = await sign((passphrase) => callResult('certificates.renew', { id: cert.id, reason: v.reason.trim(), ...(passphrase ? { passphrase } : {}) }))
        if (!r) return null
        if (!r.ok) return r.error
        onDone(r.data)
        return null
      }}
    >
      <Form.Item name="reason" label={t('certificates.renew.reason')} rules={[{ required: true, whitespace: true, message: t('errors.rule.required') }]}>
        <Input maxLength={200} placeholder={t('certificates.renew.reasonPlaceholder')} data-testid="renew-reason" />
      </Form.Item>
    </FormModal>
  )
}

export function VoidModal({ cert, open, onCancel, onDone }: { cert: Certificate; open: boolean; onCancel(): void; onDone(c: Certificate): void }) {
  const { t } = useI18n()
  const words = useCertWords()
  // asked once more in the modal itself: the first OK arms it (the reason said back), the second voids
  const [armed, setArmed] = useState<string | null>(null)
  useEffect(() => {
    if (open) setArmed(null)
  }, [open])
  return (
    <FormModal<{ reason: string }>
      open={open}
      title={t('certificates.void.title', { number: cert.number })}
      intro={
        armed === null ? (
          t('certificates.void.intro')
        ) : (
          <Alert
            type="error"
            showIcon
            data-testid="void-armed"
            title={t('certificates.void.confirm', { number: cert.number, name: cert.facts.name })}
            description={t('certificates.void.confirmBody', { reason: armed })}
          />
        )
      }
      okText={armed === null ? t('certificates.void.button') : t('certificates.void.confirmButton')}
      okDanger
      okTestId={armed === null ? 'void-ok' : 'void-confirm'}
      testId="void-modal"
      onCancel={onCancel}
      onValuesChange={() => setArmed(null)}
      onError={(e, form) => reasonError(e, words, form)}
      onSubmit={async (v) => {
        const reason = v.reason.trim()
        if (armed !== reason) {
          setArmed(reason)
          return null
        }
        const r = await callResult('certificates.void', { id: cert.id, reason })
        if (!r.ok) return r.error
        onDone(r.data)
        return null
      }}
    >
      <Form.Item name="reason" label={t('certificates.void.reason')} rules={[{ required: true, whitespace: true, message: t('errors.rule.required') }]}>
        <Input.TextArea rows={2} maxLength={200} placeholder={t('certificates.void.reasonPlaceholder')} data-testid="void-reason" />
      </Form.Item>
    </FormModal>
  )
}
