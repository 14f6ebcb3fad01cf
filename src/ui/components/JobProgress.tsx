/**
 * A running job's card: its title, what it is doing in words and how far (done of total), a
 * progress bar and Cancel (hidden when the job can no longer be stopped, e.g. while it writes
 * its one transaction). The import and the certificate batch print show their jobs with it.
 */
import { Button, Card, Flex, Progress, Typography } from 'antd'
import { useI18n } from '../app/i18n'

export function JobProgress(props: {
  title: string
  /** the phase in words, with "done of total" when known */
  detail: string
  percent: number
  /** undefined: no Cancel (the job is past the point where a cancel can stop it) */
  onCancel?: () => void
  /** data-testid prefix: `<testId>-progress`, `<testId>-phase`, `<testId>-cancel` */
  testId: string
}) {
  const { t } = useI18n()
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`${props.testId}-progress`}>
      <Flex align="center" gap={16}>
        <div style={{ flex: 1 }}>
          <Typography.Text strong>{props.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }} data-testid={`${props.testId}-phase`}>
            {props.detail}
          </Typography.Text>
          <Progress percent={props.percent} status="active" />
        </div>
        {props.onCancel && (
          <Button onClick={props.onCancel} data-testid={`${props.testId}-cancel`}>
            {t('common.cancel')}
          </Button>
        )}
      </Flex>
    </Card>
  )
}
