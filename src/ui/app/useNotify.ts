import { App as AntApp } from 'antd'
import { useCallback } from 'react'
import type { ApiError } from '../../api/contract'
import { CallError } from './client'
import { errorText } from './errors'
import { useI18n } from './i18n'

/** toasts in the user's language; `fail` accepts a CallError, an ApiError or anything thrown */
export function useNotify() {
  const { message } = AntApp.useApp()
  const { t, has } = useI18n()
  const fail = useCallback(
    (e: unknown) => {
      const err: ApiError | null = e instanceof CallError ? e.error : e && typeof e === 'object' && 'code' in e ? (e as ApiError) : null
      if (err?.code === 'UNAUTHENTICATED' || err?.code === 'SESSION_LOCKED') return // the shell shows login or the lock screen
      void message.error(err ? errorText(t, has, err) : t('errors.code.INTERNAL'), 6)
    },
    [message, t, has]
  )
  const ok = useCallback((text: string) => void message.success(text), [message])
  return { fail, ok }
}
