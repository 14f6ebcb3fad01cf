/**
 * Step 2 of the roster import: what the check found, before anything is written. The summary
 * (rows read, to add, rejected, already in the register), the file's own problems, the choices
 * (all or nothing, or the valid rows only; correct people already in the register), why the
 * import cannot start when it cannot, and below, the problems by row and column and the column
 * mapping.
 */
import { Alert, Button, Card, Checkbox, Flex, Radio, Select, Space, Statistic, Tabs, Typography } from 'antd'
import { CloudUploadOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { useState, type ReactNode } from 'react'
import type { ImportCheck, ImportField } from '../../../api/personsImport'
import { useI18n } from '../../app/i18n'
import { blocksImport } from './importWords'
import { ImportMapping } from './ImportMapping'
import { ImportProblems } from './ImportProblems'

interface Props {
  check: ImportCheck
  /** a job is running: the choices wait */
  busy: boolean
  updateExisting: boolean
  validOnly: boolean
  onUpdateExisting(v: boolean): void
  onValidOnly(v: boolean): void
  onMap(index: number, field: ImportField | null): void
  /** read another worksheet of the workbook (a township may keep one per village) */
  onSheet(name: string): void
  onImport(): void
  onReport(): void
  onRestart(): void
}

const GOOD = '#389e0d'
const BAD = '#cf1322'

export function ImportPreview(p: Props) {
  const { t, num } = useI18n()
  const c = p.check
  const blockedFile = blocksImport(c.fileProblems)
  const updates = p.updateExisting ? c.updates : 0
  const nothing = c.valid === 0 && updates === 0
  const blockedRejected = !p.validOnly && c.rejected > 0
  const canImport = !blockedFile && !nothing && !blockedRejected
  const [tab, setTab] = useState(() => (blockedFile || c.problems.length === 0 ? 'mapping' : 'problems'))

  const plan = [
    c.valid > 0 && t('persons.import.plan.add', { n: num(c.valid) }),
    updates > 0 && t('persons.import.plan.update', { n: num(updates) }),
    c.existing - updates > 0 && t('persons.import.plan.skip', { n: num(c.existing - updates) }),
    c.rejected > 0 && t('persons.import.plan.reject', { n: num(c.rejected) })
  ].filter(Boolean)

  // why the import cannot start (a file that cannot be imported says so in its own alert)
  let why: ReactNode = null
  if (blockedFile) why = null
  else if (c.rows === 0) why = t('persons.import.blocked.empty')
  else if (nothing && c.rejected > 0) why = t('persons.import.blocked.onlyRejected', { n: num(c.rejected) })
  else if (blockedRejected)
    why = (
      <>
        {t('persons.import.blocked.rejected', { n: num(c.rejected), valid: num(c.valid + updates) })}
        <Button type="link" size="small" onClick={() => p.onValidOnly(true)} disabled={p.busy} data-testid="import-switch-valid-only">
          {t('persons.import.blocked.switch')}
        </Button>
      </>
    )
  else if (nothing) why = p.updateExisting ? t('persons.import.blocked.unchanged') : t('persons.import.blocked.nothing')

  const stat = (title: string, value: number, testId: string, color?: string, note?: string) => (
    <div data-testid={testId}>
      <Statistic title={title} value={num(value)} styles={{ content: color ? { color } : {} }} />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </div>
  )

  return (
    <div data-testid="import-preview">
      <Card size="small" style={{ marginBottom: 12 }} data-testid="import-summary">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="import-source">
          {c.sheets.length > 1 ? (
            <>
              {t('persons.import.summary.file', { file: c.filename })} · {t('persons.import.summary.sheetPick')}{' '}
              <Select
                size="small"
                value={c.sheet}
                disabled={p.busy}
                onChange={p.onSheet}
                options={c.sheets.map((s) => ({ value: s, label: s }))}
                style={{ minWidth: 160 }}
                data-testid="import-sheet"
              />
            </>
          ) : (
            t('persons.import.summary.source', { file: c.filename, sheet: c.sheet })
          )}
          {c.headerRow !== null && ` · ${t('persons.import.summary.headerRow', { row: c.headerRow })}`}
          {c.endRow !== null && ` · ${t('persons.import.summary.endRow', { row: c.endRow })}`}
        </Typography.Paragraph>
        {/* nothing was read from a file that cannot be imported: no figures then */}
        {!blockedFile && (
          <Flex gap={48} wrap style={{ marginBottom: 12 }}>
            {stat(t('persons.import.summary.rows'), c.rows, 'import-rows')}
            {stat(t('persons.import.summary.valid'), c.valid, 'import-valid', c.valid ? GOOD : undefined)}
            {stat(t('persons.import.summary.rejected'), c.rejected, 'import-rejected', c.rejected ? BAD : undefined)}
            {stat(
              t('persons.import.summary.existing'),
              c.existing,
              'import-existing',
              undefined,
              p.updateExisting && c.existing > 0 ? t('persons.import.summary.updates', { n: num(c.updates) }) : undefined
            )}
          </Flex>
        )}
        {c.fileProblems.length > 0 && (
          <Alert
            type={blockedFile ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t(blockedFile ? 'persons.import.fileProblems.blocking' : 'persons.import.fileProblems.warning')}
            description={
              <>
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {c.fileProblems.map((f, i) => (
                    <li key={i}>{f.reason}</li>
                  ))}
                </ul>
                {blockedFile && <div style={{ marginTop: 4 }}>{t('persons.import.blocked.file')}</div>}
              </>
            }
            data-testid="import-file-problems"
          />
        )}
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Radio.Group
            value={p.validOnly ? 'valid' : 'all'}
            disabled={p.busy}
            onChange={(e) => p.onValidOnly(e.target.value === 'valid')}
            options={[
              { value: 'all', label: t('persons.import.option.allOrNothing') },
              { value: 'valid', label: t('persons.import.option.validOnly') }
            ]}
            data-testid="import-mode"
          />
          <Checkbox checked={p.updateExisting} disabled={p.busy} onChange={(e) => p.onUpdateExisting(e.target.checked)} data-testid="import-update-existing">
            {t('persons.import.option.updateExisting')}
          </Checkbox>
        </Flex>
        {why && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={why} data-testid="import-blocked" />}
        {canImport && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('persons.import.plan.will', { what: plan.join(t('persons.import.plan.sep')) })} data-testid="import-plan" />
        )}
        <Space wrap>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!canImport || p.busy} onClick={p.onImport} data-testid="import-start">
            {t('persons.import.start')}
          </Button>
          {c.report && (
            <Button icon={<DownloadOutlined />} onClick={p.onReport} data-testid="import-report">
              {t('persons.import.report')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} disabled={p.busy} onClick={p.onRestart} data-testid="import-restart">
            {t('persons.import.pickAnother')}
          </Button>
        </Space>
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'problems',
              label: <span data-testid="import-tab-problems">{t('persons.import.tab.problems', { n: num(c.problemCount) })}</span>,
              children: <ImportProblems problems={c.problems} total={c.problemCount} />
            },
            {
              key: 'mapping',
              label: <span data-testid="import-tab-mapping">{t('persons.import.tab.mapping', { n: num(c.columns.filter((x) => x.field).length), total: num(c.columns.length) })}</span>,
              children: <ImportMapping columns={c.columns} disabled={p.busy} onChange={p.onMap} />
            }
          ]}
        />
      </Card>
    </div>
  )
}
