/**
 * Printing certificates as a job (certificates.print through jobs.start): `print(ids, layout)`
 * resolves with the PDF, or null when it was refused, failed (said in a toast) or cancelled
 * (nothing counted). <PrintProgress> shows the running job: its phase, how many of how many,
 * a progress bar and Cancel (the JobProgress card the import page uses too).
 */
import { App as AntApp } from 'antd'
import { useCallback } from 'react'
import type { FileOut } from '../../../api/contract'
import type { CertificateLayout } from '../../../api/certificatesPrint'
import type { JobStatus } from '../../../api/jobs'
import { useI18n } from '../../app/i18n'
import { JobProgress } from '../../components/JobProgress'
import { useJob } from '../../components/useJob'
import { useCertWords } from './words'

export interface PrintJob {
  running: boolean
  status: JobStatus | null
  print(ids: string[], layout: CertificateLayout): Promise<(FileOut & { count: number }) | null>
  cancel(): Promise<void>
}

export function usePrintJob(): PrintJob {
  const { t, lang } = useI18n()
  const { message } = AntApp.useApp()
  const words = useCertWords()
  const job = useJob('certificates.print')
  const { run } = job
  const print = useCallback(
    async (ids: string[], layout: CertificateLayout) => {
      const r = await run({ ids, layout, lang })
      if (!r) return null
      if (r.ok) return r.data
      if (r.error.code === 'CANCELLED') void message.info(t('certificates.print.cancelled'))
      else if (r.error.code !== 'UNAUTHENTICATED' && r.error.code !== 'SESSION_LOCKED') void message.error(words.error(r.error), 6)
      return null
    },
    [run, lang, message, t, words]
  )
  return { running: job.running, status: job.status, print, cancel: job.cancel }
}

export function PrintProgress({ job, title }: { job: PrintJob; title: string }) {
  const { t, num } = useI18n()
  const words = useCertWords()
  if (!job.running) return null
  const s = job.status
  const percent = s && s.total > 0 ? Math.min(100, Math.round((s.done / s.total) * 100)) : 0
  const count = s && s.total > 0 ? ` · ${t('certificates.print.progress', { done: num(s.done), total: num(s.total) })}` : ''
  return <JobProgress testId="print" title={title} detail={words.phase(s?.phase ?? 'starting') + count} percent={percent} onCancel={() => void job.cancel()} />
}
