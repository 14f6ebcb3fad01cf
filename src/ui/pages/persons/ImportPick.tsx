/**
 * Step 1 of the roster import: pick or drop the file. The hints say what a township roster may
 * look like as it is (title rows, header names, dates in any common form); an old .xls is let
 * through so that the core can say how to save it as .xlsx.
 */
import { Alert, Typography, Upload } from 'antd'
import { InboxOutlined } from '@ant-design/icons'
import { useI18n } from '../../app/i18n'

const HINTS = ['layout', 'header', 'dates', 'xls', 'safe'] as const

export function ImportPick({ onFile, error, disabled }: { onFile(f: File): void; error: string | null; disabled: boolean }) {
  const { t } = useI18n()
  return (
    <div style={{ maxWidth: 760 }}>
      {error && <Alert type="error" showIcon title={t('persons.import.pick.refused')} description={error} style={{ marginBottom: 12 }} data-testid="import-file-error" />}
      <Upload.Dragger
        accept=".xlsx,.csv,.xls"
        multiple={false}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(f) => {
          onFile(f)
          return false
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('persons.import.pick.title')}</p>
        <p className="ant-upload-hint">{t('persons.import.pick.formats')}</p>
      </Upload.Dragger>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 4 }}>
        {t('persons.import.pick.hintTitle')}
      </Typography.Paragraph>
      <ul style={{ marginTop: 0, paddingLeft: 20, color: 'rgba(0,0,0,0.55)', lineHeight: 1.9 }} data-testid="import-hints">
        {HINTS.map((h) => (
          <li key={h}>{t(`persons.import.pick.hint.${h}`)}</li>
        ))}
      </ul>
    </div>
  )
}
