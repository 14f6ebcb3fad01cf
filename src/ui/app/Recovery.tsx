import { App as AntApp, Alert, Button, Card, List, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { RecoveryStatus } from '../../api/backups'
import { fmtDateTime } from '../components/format'
import { call } from './client'
import { useI18n } from './i18n'
import { useNotify } from './useNotify'

/** The database could not be opened: offer the newest good backups; never overwrite the file. */
export function Recovery({ onRestored, timeZone }: { onRestored: () => void; timeZone: string }) {
  const { t, num } = useI18n()
  const { modal } = AntApp.useApp()
  const { fail, ok } = useNotify()
  const [status, setStatus] = useState<RecoveryStatus | null>(null)
  useEffect(() => {
    call('recovery.status').then(setStatus, fail)
  }, [fail])
  const restore = (name: string) =>
    modal.confirm({
      title: t('common.recovery.restore'),
      content: t('common.recovery.confirm', { name }),
      onOk: async () => {
        try {
          const r = await call('recovery.restore', { name })
          ok(t('common.recovery.done', { kept: r.keptAs }))
          onRestored()
        } catch (e) {
          fail(e)
        }
      }
    })
  return (
    <div className="sd-center">
      <Card style={{ width: 640 }} data-testid="recovery">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('common.recovery.title')}
        </Typography.Title>
        {status && (
          <Alert
            type="error"
            showIcon
            title={t('common.recovery.body', { path: status.dbPath, problem: t(`common.recovery.kind.${status.problemKind ?? 'damaged'}`) })}
            description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{status.problem}</Typography.Text>}
          />
        )}
        {status && status.goodBackups.length === 0 && <Alert style={{ marginTop: 16 }} type="warning" title={t('common.recovery.none')} />}
        {status && status.goodBackups.length > 0 && (
          <>
            <Typography.Paragraph style={{ marginTop: 16 }}>{t('common.recovery.choose')}</Typography.Paragraph>
            <List
              bordered
              dataSource={status.goodBackups}
              renderItem={(b, i) => (
                <List.Item
                  actions={[
                    <Button key="r" type={i === 0 ? 'primary' : 'default'} onClick={() => restore(b.name)}>
                      {t('common.recovery.restore')}
                    </Button>
                  ]}
                >
                  <List.Item.Meta title={fmtDateTime(b.createdAt, timeZone)} description={`${b.name} · ${num(Math.round(b.size / 1024))} KB`} />
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
    </div>
  )
}
