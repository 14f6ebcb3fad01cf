/**
 * First run (system.info says setUp: false): the station's identity, the first administrator,
 * the signing key, a review, then setup.init. Every step stays mounted (hidden when not
 * current) so an error the core reports on any field can be shown on that field after jumping
 * back to its step. Form names follow the API's paths (station.code, admin.username,
 * keyPassphrase), so the core's field errors land where they belong without a map.
 * This file is the shell (steps, navigation, submit, error routing); each step has its own file.
 */
import { Alert, Button, Card, Form, Steps, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import type { ApiError } from '../../../api/contract'
import type { SetupResult } from '../../../api/setup'
import { callResult } from '../../app/client'
import { applyFieldErrors, errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { LangSwitch } from '../../app/LangSwitch'
import { AdminStep } from './AdminStep'
import { enterToNext, focusFirst } from './enterNav'
import { KeyStep } from './KeyStep'
import { ReviewStep } from './ReviewStep'
import { SetupDone } from './SetupResult'
import { StationStep } from './StationStep'
import { useRegion } from './useRegion'
import { changedNames, INITIAL, REVIEW, STEP_FIELDS, stepOf, type Name, type Values } from './wizard'

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t, has } = useI18n()
  const [form] = Form.useForm<Values>()
  const [step, setStep] = useState(0)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ text: string; alreadySetUp: boolean } | null>(null)
  const [done, setDone] = useState<(SetupResult & { name: string }) | null>(null)
  const [desktop, setDesktop] = useState(false)
  const stepRefs = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)]
  const finishRef = useRef<HTMLButtonElement>(null)
  const pendingFocus = useRef<Name | null>(null)

  const code = Form.useWatch(['station', 'code'], form)
  const region = useRegion(code)

  const rule = useCallback((r: string, params?: Record<string, string | number>) => ruleMessage(t, has, r, params), [t, has])

  // the keychain is a desktop ability (the Electron transport registers desktop.* methods)
  useEffect(() => {
    void callResult('system.info').then((r) => {
      if (r.ok) setDesktop(r.data.abilities.includes('desktop.saveFile'))
    })
  }, [])

  // focus: the field an error named, else the first field of the step, else Finish
  useEffect(() => {
    const target = pendingFocus.current
    pendingFocus.current = null
    const id = window.setTimeout(() => {
      if (target) form.focusField(target)
      else if (step === REVIEW) finishRef.current?.focus()
      else focusFirst(stepRefs[step].current)
    }, 0)
    return () => window.clearTimeout(id)
  }, [step, form])

  const jumpToError = (err: unknown) => {
    const first = (err as { errorFields?: { name: Name }[] })?.errorFields?.[0]
    if (!first) return
    const target = stepOf(first.name.join('.'))
    if (target !== step) {
      pendingFocus.current = first.name
      setStep(target)
    } else form.focusField(first.name)
  }

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step])
    } catch (err) {
      jumpToError(err)
      return
    }
    setStep((s) => Math.min(s + 1, REVIEW))
  }

  const back = () => setStep((s) => Math.max(s - 1, 0))

  const showApiError = (e: ApiError) => {
    const fields = e.details?.fields ?? []
    if (e.code === 'VALIDATION' && fields.length && applyFieldErrors(form, t, has, e)) {
      const target = Math.min(...fields.map((f) => stepOf(f.path)))
      if (target !== REVIEW) {
        pendingFocus.current = fields.find((f) => stepOf(f.path) === target)!.path.split('.')
        setStep(target)
        return
      }
    }
    setFailure({ text: e.code === 'ALREADY_SET_UP' ? t('setup.errors.alreadySetUp') : errorText(t, has, e), alreadySetUp: e.code === 'ALREADY_SET_UP' })
  }

  const finish = async () => {
    if (busy) return
    setFailure(null)
    try {
      await form.validateFields(STEP_FIELDS.flat())
    } catch (err) {
      jumpToError(err)
      return
    }
    const v = form.getFieldsValue(true) as Values
    const s = v.station
    const key = v.keyPassphrase ?? ''
    setBusy(true)
    const r = await callResult('setup.init', {
      mode: v.mode,
      station: {
        level: s.level,
        code: s.code.trim(),
        name: s.name.trim(),
        address: (s.address ?? '').trim(),
        phone: (s.phone ?? '').trim(),
        buildingArea: s.buildingArea ?? null
      },
      admin: { username: v.admin.username.trim(), displayName: v.admin.displayName.trim(), password: v.admin.password },
      keyPassphrase: key,
      rememberPassphrase: desktop && key !== '' && !!v.rememberPassphrase
    })
    setBusy(false)
    if (r.ok) setDone({ ...r.data, name: s.name.trim() })
    else showApiError(r.error)
  }

  const primary = step === REVIEW ? finish : next

  if (done) return <SetupDone result={done} onDone={onDone} />

  return (
    <div className="sd-center" style={{ alignItems: 'flex-start' }}>
      <Card style={{ width: 780, maxWidth: '100%', marginTop: 24 }} data-testid="setup">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 16 }}>
          <div>
            <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
              {t('setup.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
          </div>
          <LangSwitch />
        </div>
        <Steps
          current={step}
          size="small"
          style={{ margin: '8px 0 28px' }}
          onChange={(i) => {
            if (i < step) setStep(i)
          }}
          items={[
            { title: t('setup.steps.station') },
            { title: t('setup.steps.admin') },
            { title: t('setup.steps.key') },
            { title: t('setup.steps.review') }
          ]}
        />
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 17 }} initialValues={INITIAL}
          requiredMark
          onSubmitCapture={(e) => e.preventDefault()}
          onValuesChange={(changed: Record<string, unknown>) => {
            // fields check on leaving them; one showing an error re-checks as it is corrected
            const wrong = changedNames(changed).filter((n) => form.getFieldError(n as never).length > 0)
            if (wrong.length) void form.validateFields(wrong).catch(() => undefined)
          }}
        >
          <StepPane active={step === 0} paneRef={stepRefs[0]} onEnter={primary}>
            <StationStep form={form} region={region} rule={rule} />
          </StepPane>
          <StepPane active={step === 1} paneRef={stepRefs[1]} onEnter={primary}>
            <AdminStep rule={rule} />
          </StepPane>
          <StepPane active={step === 2} paneRef={stepRefs[2]} onEnter={primary}>
            <KeyStep form={form} desktop={desktop} rule={rule} />
          </StepPane>
          <StepPane active={step === REVIEW} paneRef={stepRefs[3]} onEnter={primary}>
            {step === REVIEW && <ReviewStep values={form.getFieldsValue(true) as Values} region={region} desktop={desktop} />}
            {failure && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                title={failure.text}
                data-testid="setup-error"
                action={
                  failure.alreadySetUp ? (
                    <Button size="small" onClick={onDone}>
                      {t('setup.done.login')}
                    </Button>
                  ) : undefined
                }
              />
            )}
          </StepPane>
        </Form>
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 24 }}>
          {step > 0 && (
            <Button onClick={back} data-testid="setup-back" disabled={busy}>
              {t('common.back')}
            </Button>
          )}
          {step < REVIEW ? (
            <Button type="primary" onClick={() => void next()} data-testid="setup-next">
              {t('common.next')}
            </Button>
          ) : (
            <Button type="primary" ref={finishRef} loading={busy} onClick={() => void finish()} data-testid="setup-finish">
              {busy ? t('setup.finishing') : t('setup.finish')}
            </Button>
          )}
        </div>
      </Card>
    </div>
  )
}

function StepPane({ active, paneRef, onEnter, children }: { active: boolean; paneRef: RefObject<HTMLDivElement | null>; onEnter: () => void; children: ReactNode }) {
  return (
    <div ref={paneRef} style={{ display: active ? 'block' : 'none' }} onKeyDown={(e) => enterToNext(e, onEnter)} aria-hidden={!active}>
      {children}
    </div>
  )
}
