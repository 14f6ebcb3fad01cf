/**
 * Issuing and renewing sign the QR with the station's key. A protected key the app does not
 * hold the passphrase of answers PASSPHRASE_REQUIRED: `sign(attempt)` then asks for it in a
 * modal and tries again with it (a wrong one is said under the field, the modal stays open).
 * It resolves with the last answer, or null when the clerk cancels. The passphrase is not kept.
 */
import { Form, Input } from 'antd'
import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { ApiResult } from '../../../api/contract'
import { useI18n } from '../../app/i18n'
import { FormModal } from '../../components/FormModal'

type Attempt<T> = (passphrase?: string) => Promise<ApiResult<T>>

interface Pending {
  attempt: Attempt<unknown>
  resolve(r: ApiResult<unknown> | null): void
}

const needsPassphrase = (r: ApiResult<unknown>) => !r.ok && (r.error.code === 'PASSPHRASE_REQUIRED' || r.error.code === 'BAD_PASSPHRASE')

export function useSigning(): { sign<T>(attempt: Attempt<T>): Promise<ApiResult<T> | null>; modal: ReactNode } {
  const { t } = useI18n()
  const [pending, setPending] = useState<Pending | null>(null)
  const current = useRef<Pending | null>(null)

  const sign = useCallback(async <T,>(attempt: Attempt<T>): Promise<ApiResult<T> | null> => {
    const first = await attempt()
    if (!needsPassphrase(first)) return first
    return new Promise<ApiResult<T> | null>((resolve) => {
      const p: Pending = { attempt: attempt as Attempt<unknown>, resolve: resolve as (r: ApiResult<unknown> | null) => void }
      current.current = p
      setPending(p)
    })
  }, [])

  const finish = (r: ApiResult<unknown> | null) => {
    const p = current.current
    current.current = null
    setPending(null)
    p?.resolve(r)
  }

  const modal = (
    <FormModal<{ passphrase: string }>
      open={pending !== null}
      title={t('certificates.passphrase.title')}
      intro={t('certificates.passphrase.intro')}
      okText={t('certificates.passphrase.ok')}
      okTestId="passphrase-ok"
      testId="passphrase-modal"
      onCancel={() => finish(null)}
      onError={(e, form) => {
        if (e.code !== 'BAD_PASSPHRASE' && e.code !== 'PASSPHRASE_REQUIRED') return undefined
        form.setFields([{ name: 'passphrase', errors: [t('certificates.passphrase.wrong')] }])
        return null
      }}
      onSubmit={async (v) => {
        const p = current.current
        if (!p) return null
        const r = await p.attempt(v.passphrase)
        if (needsPassphrase(r) && !r.ok) return r.error
        finish(r)
        return null
      }}
    >
      <Form.Item name="passphrase" label={t('certificates.passphrase.label')} rules={[{ required: true, message: t('errors.rule.required') }]}>
        <Input.Password autoComplete="off" data-testid="passphrase-input" />
      </Form.Item>
    </FormModal>
  )

  return { sign, modal }
}
