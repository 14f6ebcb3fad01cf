/**
 * A running import job: what it is doing in words, how far (rows done of total), and Cancel,
 * which stops it with nothing written (until it writes: that last step is one transaction).
 */
import { Button, Card, Flex, Progress, Typography } from 'antd'
import type { JobStatus } from '../../../api/jobs'
import { useI18n } from '../../app/i18n'
import { jobPercent, useImportWords } from './importWords'

export function ImportProgress({ title, status, onCancel }: { title: string; status: JobStatus | null; onCancel(): void }) {
  const { t, num } = useI18n()
  const words = useImportWords()
  const phase = status?.phase ?? 'starting'
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="import-progress">
      <Flex align="center" gap={16}>
        <div style={{ flex: 1 }}>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }} data-testid="import-phase">
            {words.phase(phase)}
            {status && status.total > 0 ? ` · ${t('persons.import.progressRows', { done: num(status.done), total: num(status.total) })}` : ''}
          </Typography.Text>
          <Progress percent={jobPercent(status)} status="active" />
        </div>
        {/* the writing is one transaction at the end: a cancel can no longer stop it */}
        {phase !== 'writing' && (
          <Button onClick={onCancel} data-testid="import-cancel">
            {t('common.cancel')}
          </Button>
        )}
      </Flex>
    </Card>
  )
}
