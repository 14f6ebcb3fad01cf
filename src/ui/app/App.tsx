import { App as AntApp, Result, Spin } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { SystemInfo } from '../../api/system'
import type { Role } from '../../api/contract'
import { SetupWizard } from '../pages/setup/SetupWizard'
import { callResult, onCallError } from './client'
import { I18nProvider, useI18n } from './i18n'
import { LockScreen } from './LockScreen'
import { Login } from './Login'
import { Recovery } from './Recovery'
import { navigate } from './router'
import { AppContext, type AppState } from './session'
import { Shell } from './Shell'
import { useIdle } from './useIdle'

type Boot = { kind: 'loading' } | { kind: 'failed'; reason: 'offline' | 'token' } | { kind: 'ready'; info: SystemInfo }

function Main() {
  const { t } = useI18n()
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' })
  const [locked, setLocked] = useState(false)

  const refresh = useCallback(async () => {
    const r = await callResult('system.info')
    if (r.ok) {
      setBoot({ kind: 'ready', info: r.data })
      setLocked(r.data.session?.locked ?? false)
    } else setBoot({ kind: 'failed', reason: (r.error.details as { token?: boolean })?.token ? 'token' : 'offline' })
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  // the backend is the judge: a locked or expired session shows the lock screen or the login
  useEffect(
    () =>
      onCallError((e, method) => {
        if (method === 'auth.login' || method === 'auth.unlock') return
        if (e.code === 'SESSION_LOCKED') setLocked(true)
        if (e.code === 'UNAUTHENTICATED' && !(e.details as { token?: boolean })?.token) void refresh()
      }),
    [refresh]
  )

  const info = boot.kind === 'ready' ? boot.info : null
  const session = info?.session ?? null
  const lock = useCallback(() => {
    setLocked(true)
    void callResult('auth.lock')
  }, [])
  useIdle(info?.idleMinutes ?? 15, !!session && !locked, lock)

  const logout = useCallback(async () => {
    await callResult('auth.logout')
    navigate('/')
    await refresh()
  }, [refresh])

  const state = useMemo<AppState | null>(
    () => (info && session ? { info, session, refresh, can: (...roles: Role[]) => roles.includes(session.role) } : null),
    [info, session, refresh]
  )

  if (boot.kind === 'loading') return <Spin fullscreen />
  if (boot.kind === 'failed') return <Result status="warning" title={t(boot.reason === 'token' ? 'common.tokenInvalid' : 'common.offline')} />
  const i = boot.info
  if (i.recovery) return <Recovery onRestored={refresh} timeZone={i.timeZone} />
  if (!i.setUp) return <SetupWizard onDone={refresh} />
  if (!state)
    return (
      <Login
        stationName={i.stationName}
        onLogin={() => {
          navigate('/')
          void refresh()
        }}
      />
    )
  return (
    <AppContext.Provider value={state}>
      <Shell onLogout={logout} onLock={lock} />
      {locked && (
        <LockScreen
          name={state.session.displayName}
          onUnlocked={() => {
            setLocked(false)
            void refresh()
          }}
          onSwitchUser={logout}
        />
      )}
    </AppContext.Provider>
  )
}

export function App() {
  return (
    <I18nProvider>
      <AntApp style={{ height: '100%' }}>
        <Main />
      </AntApp>
    </I18nProvider>
  )
}

