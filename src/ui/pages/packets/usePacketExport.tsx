/**
 * Exporting a closed month's packet (packets.export as a job): `start(period)` runs it through
 * jobs.start with progress and Cancel; a protected signing key the app does not hold answers
 * PASSPHRASE_REQUIRED, so the passphrase is asked in a modal and the job run again with it (a
 * wrong one asks again, said so). The packet is then saved: the desktop save dialog, or a download
 * in the browser preview. `progress` is the running job's card, `modal` the passphrase prompt;
 * `last` is the latest export (to show its hash), `onDone` refreshes the caller's lists.
 */
import { Alert, App as AntApp, Form, Input } from 'antd'
import { useCallback, useState, type ReactNode } from 'react'
import type { PacketExport } from '../../../api/packets'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'
import { JobProgress } from '../../components/JobProgress'
import { useJob } from '../../components/useJob'
import { refusalText } from './words'

export interface PacketExportHandle {
  start(period: string): Promise<void>
  running: boolean
  progress: ReactNode
  modal: ReactNode
  last: PacketExport | null
}

const needsPassphrase = (code: string) => code === 'PASSPHRASE_REQUIRED' || code === 'BAD_PASSPHRASE'

export function usePacketExport(onDone?: (r: PacketExport) => void): PacketExportHandle {
  const { t, has, num } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const { message } = AntApp.useApp()
  const job = useJob('packets.export')
  const { run } = job
  const [asking, setAsking] = useState<{ period: string; wrong: boolean } | null>(null)
  const [running, setRunning] = useState<string | null>(null)
  const [last, setLast] = useState<PacketExport | null>(null)

  const go = useCallback(
    async (period: string, passphrase?: string) => {
      setRunning(period)
      const r = await run(passphrase === undefined ? { period } : { period, passphrase })
      setRunning(null)
      if (!r) return
      if (!r.ok) {
        if (needsPassphrase(r.error.code)) setAsking({ period, wrong: passphrase !== undefined })
        else if (r.error.code === 'CANCELLED') void message.info(t('packets.export.cancelled'))
        else if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') fail(r.error)
        else void message.error(refusalText(t, has, r.error, 'packets'), 6)
        return
      }
      const x = r.data
      setLast(x)
      onDone?.(x)
      try {
        const saved = await saveFile(x.file, info.abilities)
        const p = { seq: x.packet.seq, period: x.packet.period, file: x.file.filename }
        if (saved) ok(t(x.built ? 'packets.export.built' : 'packets.export.again', p))
        else ok(t('packets.export.notSaved'))
      } catch (e) {
        fail(e)
      }
    },
    [run, info.abilities, ok, fail, message, t, has, onDone]
  )

  const start = useCallback((period: string) => go(period), [go])

  const s = job.status
  const phase = s?.phase ?? 'starting'
  const count = s && s.total > 0 ? ` · ${t('packets.progress', { done: num(s.done), total: num(s.total) })}` : ''
  const progress =
    job.running && running ? (
      <JobProgress
        testId="packet-export"
        title={t('packets.export.running', { period: running })}
        detail={(has(`packets.phase.${phase}`) ? t(`packets.phase.${phase}`) : phase) + count}
        percent={s && s.total > 0 ? Math.min(100, Math.round((s.done / s.total) * 100)) : 0}
        onCancel={() => void job.cancel()}
      />
    ) : null

  const modal = (
    <FormModal<{ passphrase: string }>
      open={asking !== null}
      title={t('packets.passphrase.title')}
      intro={
        <>
          {t('packets.passphrase.intro')}
          {asking?.wrong && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('packets.passphrase.wrong')} data-testid="passphrase-wrong" />}
        </>
      }
      okText={t('packets.passphrase.ok')}
      okTestId="passphrase-ok"
      testId="passphrase-modal"
      onCancel={() => setAsking(null)}
      onSubmit={async (v) => {
        const period = asking?.period
        setAsking(null)
        if (period) void go(period, v.passphrase)
        return null
      }}
    >
      <Form.Item name="passphrase" label={t('packets.passphrase.label')} rules={[{ required: true, message: t('errors.rule.required') }]}>
        <Input.Password autoComplete="off" data-testid="passphrase-input" />
      </Form.Item>
    </FormModal>
  )

  return { start, running: job.running, progress, modal, last }
}
