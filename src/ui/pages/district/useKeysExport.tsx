/**
 * Exporting the district's signed list of trusted station keys (district.keysExport): the list is
 * signed with the district's key, so a protected key the app does not hold answers
 * PASSPHRASE_REQUIRED and the passphrase is asked in a modal (a wrong one is said under the field);
 * the file is then saved (desktop save dialog, or a download in the browser preview).
 */
import { Form, Input } from 'antd'
import { useCallback, useState, type ReactNode } from 'react'
import type { FileOut } from '../../../api/contract'
import { callResult } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'

const needsPassphrase = (code: string) => code === 'PASSPHRASE_REQUIRED' || code === 'BAD_PASSPHRASE'

export function useKeysExport(): { start(): Promise<void>; busy: boolean; modal: ReactNode } {
  const { t } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState(false)

  const save = useCallback(
    async (file: FileOut) => {
      if (await saveFile(file, info.abilities)) ok(t('district.keys.exported', { file: file.filename }))
    },
    [info.abilities, ok, t]
  )

  const start = useCallback(async () => {
    setBusy(true)
    try {
      const r = await callResult('district.keysExport', {})
      if (r.ok) await save(r.data)
      else if (needsPassphrase(r.error.code)) setAsking(true)
      else fail(r.error)
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }, [save, fail])

  const modal = (
    <FormModal<{ passphrase: string }>
      open={asking}
      title={t('district.passphrase.title')}
      intro={t('district.passphrase.introKeys')}
      okText={t('district.keys.export')}
      okTestId="district-passphrase-ok"
      testId="district-passphrase-modal"
      labelWidth={124}
      onCancel={() => setAsking(false)}
      onError={(e, form) => {
        if (!needsPassphrase(e.code)) return undefined
        form.setFields([{ name: 'passphrase', errors: [t('district.passphrase.wrong')] }])
        return null
      }}
      onSubmit={async (v) => {
        const r = await callResult('district.keysExport', { passphrase: v.passphrase })
        if (!r.ok) return r.error
        setAsking(false)
        await save(r.data)
        return null
      }}
    >
      <Form.Item name="passphrase" label={t('district.passphrase.label')} rules={[{ required: true, message: t('errors.rule.required') }]}>
        <Input.Password autoComplete="off" data-testid="district-passphrase-input" />
      </Form.Item>
    </FormModal>
  )

  return { start, busy, modal }
}
