/**
 * Verifying by QR, keyboard first: one large box holds the focus when the page opens; a
 * keyboard-wedge scanner types the QR text and Enter checks it (certificates.check, nothing
 * written); a pasted text is checked at once. The result shows big, then the record form; after
 * saving, the box is cleared and takes the focus again for the next person.
 */
import { Button, Card, Input, Spin, Typography, type InputRef } from 'antd'
import { ScanOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react'
import type { Person } from '../../../api/persons'
import type { CertificateCheck, Verification } from '../../../api/verifications'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'
import { formFields } from '../../components/enterNav'
import { VerifyCheckView } from './VerifyCheckView'
import { VerifyRecordForm } from './VerifyRecordForm'
import { scanText } from './scanText'

interface Checked {
  check: CertificateCheck
  qrText: string
  repaired: boolean
  person: Person | null
}

export function VerifyScanTab({ today, onSaved, active }: { today: string; onSaved(v: Verification): void; active: boolean }) {
  const { t } = useI18n()
  const { fail, ok } = useNotify()
  const box = useRef<InputRef>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [checked, setChecked] = useState<Checked | null>(null)
  const seq = useRef(0)

  const focusBox = useCallback(() => {
    setTimeout(() => box.current?.focus({ cursor: 'all' }), 0)
  }, [])

  useEffect(() => {
    if (active) focusBox()
  }, [active, focusBox])

  const check = useCallback(
    async (raw: string) => {
      const { text: qrText, repaired } = scanText(raw)
      if (!qrText) return
      const mine = ++seq.current
      setBusy(true)
      try {
        const c = await call('certificates.check', { qrText })
        const person = c.person ? await call('persons.get', { id: c.person.id }).catch(() => null) : null
        if (mine !== seq.current) return
        setChecked({ check: c, qrText, repaired, person })
        // the box keeps the focus (a next scan replaces the text); Enter again goes to the form
        focusBox()
      } catch (e) {
        if (mine === seq.current) fail(e)
      } finally {
        if (mine === seq.current) setBusy(false)
      }
    },
    [fail, focusBox]
  )

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') return rescan()
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return
    e.preventDefault()
    e.stopPropagation()
    // the same text checked already: Enter moves on to the record form's first field to fill
    if (checked && scanText(text).text === checked.qrText) {
      const form = document.querySelector<HTMLElement>('[data-testid="verify-record"]')
      const first = form ? formFields(form).find((el) => !(el as HTMLInputElement).readOnly) : undefined
      if (first) return first.focus()
    }
    void check(text)
  }

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text')
    if (!pasted.trim()) return
    e.preventDefault()
    setText(pasted.trim())
    void check(pasted)
  }

  const rescan = () => {
    seq.current++
    setChecked(null)
    setText('')
    focusBox()
  }

  const saved = (v: Verification) => {
    ok(t('verify.saved', { name: v.name }))
    onSaved(v)
    rescan()
  }

  return (
    <div data-testid="verify-scan">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="verify-scan-intro">
          {checked ? t('verify.scanNext') : t('verify.scanIntro')}
        </Typography.Text>
        <div style={{ display: 'flex', gap: 8 }}>
          <Input
            ref={box}
            size="large"
            prefix={<ScanOutlined />}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onFocus={(e) => e.target.select()}
            placeholder={t('verify.scanPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            inputMode="numeric"
            aria-label={t('verify.scanLabel')}
            style={{ fontSize: 18, fontFamily: 'ui-monospace, Consolas, monospace' }}
            data-testid="verify-input"
          />
          <Button size="large" type="primary" loading={busy} onClick={() => void check(text)} data-testid="verify-check-button">
            {t('verify.checkButton')}
          </Button>
        </div>
      </Card>
      {busy && !checked && <Spin style={{ display: 'block', margin: 24 }} />}
      {checked && (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 16, alignItems: 'start' }}>
          <Card size="small">
            <VerifyCheckView check={checked.check} person={checked.person} repaired={checked.repaired} onRescan={rescan} />
          </Card>
          <Card size="small">
            <VerifyRecordForm check={checked.check} qrText={checked.qrText} person={checked.person} today={today} onSaved={saved} />
          </Card>
        </div>
      )}
    </div>
  )
}
