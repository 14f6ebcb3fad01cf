/**
 * A running import job: what it is doing in words, how far (rows done of total), and Cancel,
 * which stops it with nothing written (until it writes: that last step is one transaction).
 */
import type { JobStatus } from '../../../api/jobs'
import { useI18n } from '../../app/i18n'
import { JobProgress } from '../../components/JobProgress'
import { jobPercent, useImportWords } from './importWords'

export function ImportProgress({ title, status, onCancel }: { title: string; status: JobStatus | null; onCancel(): void }) {
  const { t, num } = useI18n()
  const words = useImportWords()
  const phase = status?.phase ?? 'starting'
  const rows = status && status.total > 0 ? ` · ${t('persons.import.progressRows', { done: num(status.done), total: num(status.total) })}` : ''
  // the writing is one transaction at the end: a cancel can no longer stop it
  return <JobProgress testId="import" title={title} detail={words.phase(phase) + rows} percent={jobPercent(status)} onCancel={phase !== 'writing' ? onCancel : undefined} />
}
