/**
 * Step 3 of the roster import: what was written. Added, corrected, skipped (already in the
 * register) and rejected, the problem report again (the rejected rows to fix and import later),
 * the way to the register, and another file.
 */
import { Button, Card, Flex, Result, Statistic } from 'antd'
import { DownloadOutlined, ImportOutlined, SolutionOutlined } from '@ant-design/icons'
import type { ImportResult } from '../../../api/personsImport'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'

export function ImportResultView({ result: r, onReport, onAnother }: { result: ImportResult; onReport(): void; onAnother(): void }) {
  const { t, num } = useI18n()
  const wrote = r.imported + r.updated
  const status = wrote > 0 ? 'success' : r.rejected > 0 ? 'warning' : 'info'
  const title = wrote > 0 ? t('persons.import.result.title', { n: num(r.imported) }) : t('persons.import.result.none')
  const sub =
    r.rejected === 0
      ? t('persons.import.result.file', { file: r.filename })
      : t(wrote === 0 ? 'persons.import.result.noneRejected' : 'persons.import.result.someRejected', { file: r.filename, n: num(r.rejected) })

  const stat = (key: string, value: number, color?: string) => (
    <Statistic title={t(`persons.import.result.${key}`)} value={num(value)} styles={{ content: color && value ? { color } : {} }} data-testid={`import-result-${key}`} />
  )

  return (
    <Card data-testid="import-result">
      <Result
        status={status}
        title={<span data-testid="import-result-title">{title}</span>}
        subTitle={sub}
        extra={[
          <Button key="list" type="primary" icon={<SolutionOutlined />} onClick={() => navigate('/persons')} data-testid="import-to-list">
            {t('persons.import.result.toList')}
          </Button>,
          r.report && (
            <Button key="report" icon={<DownloadOutlined />} onClick={onReport} data-testid="import-report">
              {t('persons.import.report')}
            </Button>
          ),
          <Button key="another" icon={<ImportOutlined />} onClick={onAnother} data-testid="import-another">
            {t('persons.import.result.another')}
          </Button>
        ]}
      >
        <Flex gap={56} justify="center" wrap>
          {stat('imported', r.imported, '#389e0d')}
          {stat('updated', r.updated, '#1f6fb2')}
          {stat('skipped', r.skipped)}
          {stat('rejected', r.rejected, '#cf1322')}
        </Flex>
      </Result>
    </Card>
  )
}
