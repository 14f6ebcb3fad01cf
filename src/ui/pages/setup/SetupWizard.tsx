/**
 * First run (system.info says setUp: false): the station's identity, the first administrator,
 * the signing key, a review, then setup.init. Every step stays mounted (hidden when not
 * current) so an error the core reports on any field can be shown on that field after jumping
 * back to its step. Form names follow the API's paths (station.code, admin.username,
 * keyPassphrase), so the core's field errors land where they belong without a map.
 */
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Result, Space, Steps, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { username as usernameSchema } from '../../../api/auth'
import { phone as phoneSchema } from '../../../api/common'
import type { ApiError } from '../../../api/contract'
import type { SetupResult } from '../../../api/setup'
import type { StationLevel } from '../../../api/station'
import type { StationMode } from '../../../api/system'
import { callResult } from '../../app/client'
import { applyFieldErrors, errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { LangSwitch } from '../../app/LangSwitch'
import { enterToNext, focusFirst } from './enterNav'
import { useRegion, type Region } from './useRegion'

interface Values {
  mode: StationMode
  station: { level: StationLevel; code: string; name: string; address?: string; phone?: string; buildingArea?: number | null }
  admin: { username: string; displayName: string; password: string; confirm: string }
  keyPassphrase?: string
  keyConfirm?: string
  rememberPassphrase?: boolean
}

type Name = (string | number)[]
const STEP_FIELDS: Name[][] = [
  [['mode'], ['station', 'level'], ['station', 'code'], ['station', 'name'], ['station', 'address'], ['station', 'phone'], ['station', 'buildingArea']],
  [['admin', 'username'], ['admin', 'displayName'], ['admin', 'password'], ['admin', 'confirm']],
  [['keyPassphrase'], ['keyConfirm'], ['rememberPassphrase']],
  []
]
const REVIEW = 3

/** the step holding the field an API path names (review when none does) */
function stepOf(path: string): number {
  const i = STEP_FIELDS.findIndex((names) => names.some((n) => n.join('.') === path || path.startsWith(n.join('.') + '.')))
  if (i >= 0) return i
  if (path === 'station' || path.startsWith('station.')) return 0
  if (path === 'admin' || path.startsWith('admin.')) return 1
  return REVIEW
}

const INITIAL: Partial<Values> = {
  mode: 'station',
  station: { level: 'township', code: '', name: '', address: '', phone: '', buildingArea: null },
  keyPassphrase: '',
  keyConfirm: '',
  rememberPassphrase: false
}

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t, has, num } = useI18n()
  const [form] = Form.useForm<Values>()
  const [step, setStep] = useState(0)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<{ text: string; alreadySetUp: boolean } | null>(null)
  const [done, setDone] = useState<(SetupResult & { name: string }) | null>(null)
  const [desktop, setDesktop] = useState(false)
  const stepRefs = [useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null), useRef<HTMLDivElement>(null)]
  const finishRef = useRef<HTMLButtonElement>(null)
  const pendingFocus = useRef<Name | null>(null)
  const lastSuggestion = useRef<string | null>(null)

  const mode = Form.useWatch('mode', form) ?? 'station'
  const level = Form.useWatch(['station', 'level'], form) ?? 'township'
  const code = Form.useWatch(['station', 'code'], form)
  const name = Form.useWatch(['station', 'name'], form)
  const passphrase = Form.useWatch('keyPassphrase', form) ?? ''
  const region = useRegion(code)

  const rule = useCallback((r: string, params?: Record<string, string | number>) => ruleMessage(t, has, r, params), [t, has])

  // the keychain is a desktop ability (the Electron transport registers desktop.* methods)
  useEffect(() => {
    void callResult('system.info').then((r) => {
      if (r.ok) setDesktop(r.data.abilities.includes('desktop.saveFile'))
    })
  }, [])

  // a name from the code's region, filled in while the user has not typed their own
  const suggestion = region?.state === 'known' && region.code.length === 9 ? t('setup.name.pattern', { region: region.name }) : null
  useEffect(() => {
    if (!suggestion) return
    const current = (form.getFieldValue(['station', 'name']) as string | undefined)?.trim() ?? ''
    if (!current || current === lastSuggestion.current) form.setFieldValue(['station', 'name'], suggestion)
    lastSuggestion.current = suggestion
  }, [suggestion, form])

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

  const regionExtra = regionText(t, region)
  const required = { required: true, message: t('errors.rule.required') }

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
          {/* 1. mode and station identity */}
          <StepPane active={step === 0} paneRef={stepRefs[0]} onEnter={primary}>
            <Form.Item name="mode" label={t('setup.mode.label')} extra={mode === 'district' ? t('setup.mode.districtHint') : undefined}>
              <Radio.Group
                name="mode"
                onChange={(e) => {
                  if (e.target.value === 'district') form.setFieldValue(['station', 'level'], 'district')
                  if ((form.getFieldValue(['station', 'code']) as string | undefined)?.trim()) void form.validateFields([['station', 'code']]).catch(() => undefined)
                }}
                options={[
                  { value: 'station', label: t('setup.mode.station') },
                  { value: 'district', label: t('setup.mode.district') }
                ]}
              />
            </Form.Item>
            <Form.Item name={['station', 'level']} label={t('setup.level.label')} rules={[required]}>
              <Radio.Group
                name="level"
                onChange={() => {
                  if ((form.getFieldValue(['station', 'code']) as string | undefined)?.trim()) void form.validateFields([['station', 'code']]).catch(() => undefined)
                }}
                options={[
                  { value: 'township', label: t('setup.level.township'), disabled: mode === 'district' },
                  { value: 'district', label: t('setup.level.district') }
                ]}
              />
            </Form.Item>
            <Form.Item
              name={['station', 'code']}
              label={t('setup.code.label')}
              validateTrigger="onBlur"
              validateFirst
              extra={
                <div>
                  {regionExtra && (
                    <div data-testid="setup-region" style={{ color: region?.state === 'unknown' ? '#cf1322' : region?.state === 'known' ? '#237804' : undefined }}>
                      {regionExtra}
                    </div>
                  )}
                  <div>{t(level === 'district' ? 'setup.code.helpDistrict' : 'setup.code.helpTownship')}</div>
                </div>
              }
              rules={[
                required,
                {
                  validator: async (_r, value: string | undefined) => {
                    const c = (value ?? '').trim()
                    if (!c) return
                    if (!/^\d{9}$/.test(c)) throw new Error(rule('station_code_format'))
                    const lvl = form.getFieldValue(['station', 'level']) as StationLevel
                    if (lvl === 'district' && !c.endsWith('000')) throw new Error(rule('station_code_district'))
                    if (lvl === 'township' && c.endsWith('000')) throw new Error(rule('station_code_township'))
                    const r = await callResult('codes.lookup', { code: c.slice(0, 6) })
                    if (r.ok && !r.data.known) throw new Error(rule('county_unknown', { county: c.slice(0, 6) }))
                  }
                }
              ]}
            >
              <Input maxLength={9} inputMode="numeric" placeholder={t('setup.code.placeholder')} style={{ width: 200 }} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['station', 'name']}
              label={t('setup.name.label')}
              rules={[required, { max: 60, message: rule('too_big') }]}
              extra={
                suggestion && name?.trim() !== suggestion ? (
                  <span>
                    {t('setup.name.suggest', { name: suggestion })}{' '}
                    <Typography.Link onClick={() => form.setFieldValue(['station', 'name'], suggestion)}>{t('setup.name.useSuggestion')}</Typography.Link>
                  </span>
                ) : undefined
              }
            >
              <Input maxLength={60} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['station', 'address']} label={t('setup.address.label')} rules={[{ max: 120, message: rule('too_big') }]}>
              <Input maxLength={120} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['station', 'phone']}
              label={t('setup.phone.label')}
              validateTrigger="onBlur"
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    if (!phoneSchema.safeParse(v ?? '').success) throw new Error(rule('phone'))
                  }
                }
              ]}
            >
              <Input placeholder={t('setup.phone.placeholder')} style={{ width: 260 }} autoComplete="off" />
            </Form.Item>
            <Form.Item name={['station', 'buildingArea']} label={t('setup.area.label')}>
              <InputNumber min={0} max={100000} precision={0} suffix={t('setup.area.unit')} style={{ width: 200 }} />
            </Form.Item>
          </StepPane>

          {/* 2. first administrator */}
          <StepPane active={step === 1} paneRef={stepRefs[1]} onEnter={primary}>
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
          </StepPane>

          {/* 3. signing key */}
          <StepPane active={step === 2} paneRef={stepRefs[2]} onEnter={primary}>
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
          </StepPane>

          {/* 4. review */}
          <StepPane active={step === REVIEW} paneRef={stepRefs[3]} onEnter={primary}>
            {step === REVIEW && <Review values={form.getFieldsValue(true) as Values} region={region} desktop={desktop} num={num} />}
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

/** the names of the fields in a (nested) changed-values object */
function changedNames(changed: Record<string, unknown>, prefix: Name = []): Name[] {
  return Object.entries(changed).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? changedNames(v as Record<string, unknown>, [...prefix, k]) : [[...prefix, k]]
  )
}

function regionText(t: (k: string, p?: Record<string, string | number>) => string, region: Region | null): string | null {
  if (!region) return null
  switch (region.state) {
    case 'looking':
      return t('setup.code.looking')
    case 'known':
      return region.name
    case 'county':
      return region.complete ? t('setup.code.countyOnly', { county: region.name }) : region.name
    case 'unknown':
      return t('setup.code.unknown', { code: region.code.length > 6 ? region.code.slice(0, 6) : region.code })
  }
}

function StepPane({ active, paneRef, onEnter, children }: { active: boolean; paneRef: RefObject<HTMLDivElement | null>; onEnter: () => void; children: ReactNode }) {
  return (
    <div ref={paneRef} style={{ display: active ? 'block' : 'none' }} onKeyDown={(e) => enterToNext(e, onEnter)} aria-hidden={!active}>
      {children}
    </div>
  )
}

function Review({ values: v, region, desktop, num }: { values: Values; region: Region | null; desktop: boolean; num: (n: number) => string }) {
  const { t } = useI18n()
  const none = <Typography.Text type="secondary">{t('setup.review.none')}</Typography.Text>
  const s = v.station
  const key = v.keyPassphrase ?? ''
  const regionName = region && (region.state === 'known' || region.state === 'county') ? region.name : null
  const items: DescriptionsProps['items'] = [
    { key: 'mode', label: t('setup.review.mode'), children: t(`setup.mode.${v.mode}`) },
    { key: 'level', label: t('setup.review.level'), children: t(`setup.level.${s.level}`) },
    { key: 'code', label: t('setup.review.code'), children: s.code },
    { key: 'region', label: t('setup.review.region'), children: regionName ?? none },
    { key: 'name', label: t('setup.review.name'), children: s.name },
    { key: 'address', label: t('setup.review.address'), children: s.address?.trim() || none },
    { key: 'phone', label: t('setup.review.phone'), children: s.phone?.trim() || none },
    {
      key: 'area',
      label: t('setup.review.area'),
      children: s.buildingArea === null || s.buildingArea === undefined ? none : t('setup.review.areaValue', { n: num(s.buildingArea) })
    },
    { key: 'user', label: t('setup.review.adminUsername'), children: v.admin?.username },
    { key: 'dn', label: t('setup.review.adminName'), children: v.admin?.displayName },
    { key: 'pw', label: t('setup.review.adminPassword'), children: t('setup.review.passwordSet') },
    {
      key: 'key',
      label: t('setup.review.key'),
      children: key ? t('setup.review.keyProtected') : <Typography.Text type="warning">{t('setup.review.keyUnprotected')}</Typography.Text>
    }
  ]
  if (desktop && key) items.push({ key: 'remember', label: t('setup.review.remember'), children: t(v.rememberPassphrase ? 'common.yes' : 'common.no') })
  return (
    <>
      <Typography.Paragraph>{t('setup.review.intro')}</Typography.Paragraph>
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 200 } }} data-testid="setup-review" />
    </>
  )
}

function SetupDone({ result, onDone }: { result: SetupResult & { name: string }; onDone: () => void }) {
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
