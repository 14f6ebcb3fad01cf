/**
 * A person's history on her page: every event, newest first, with its date, reason, who recorded
 * it and each fact's before → after.
 */
import { Card, Empty, Skeleton, Space, Tag, Timeline, Tooltip, Typography } from 'antd'
import { ArrowRightOutlined } from '@ant-design/icons'
import { useMemo } from 'react'
import type { PersonEvent } from '../../../api/persons'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { fmtDateTime } from '../../components/format'
import { usePersonWords } from './words'

const EVENT_COLORS: Record<string, string> = {
  registered: 'blue',
  marriage: 'magenta',
  divorce: 'volcano',
  birth: 'green',
  contraception: 'cyan',
  migration_out: 'orange',
  migration_in: 'geekblue',
  correction: 'gold',
  exit: 'default'
}

/** events null: still loading */
export function PersonHistory({ events, pointName }: { events: PersonEvent[] | null; pointName: (id: string) => string | null }) {
  const { t } = useI18n()
  const words = usePersonWords()
  const { info } = useApp()

  const history = useMemo(
    () => [...(events ?? [])].sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date))),
    [events]
  )

  const changeRow = (field: string, c: { before: unknown; after: unknown }) => (
    <div key={field} className="sd-change" data-testid={`history-change-${field}`}>
      <Typography.Text type="secondary">{t('persons.view.fieldColon', { field: words.field(field) })}</Typography.Text>
      <Typography.Text delete={c.before !== null && c.before !== ''} type="secondary">
        {words.value(field, c.before, pointName)}
      </Typography.Text>
      <ArrowRightOutlined style={{ margin: '0 6px', fontSize: 11, color: '#8c8c8c' }} />
      <Typography.Text strong>{words.value(field, c.after, pointName)}</Typography.Text>
    </div>
  )

  const timeline = history.map((e) => {
    const changes = Object.entries(e.changes ?? {})
    return {
      key: e.id,
      color: EVENT_COLORS[e.type] === 'default' ? 'gray' : undefined,
      content: (
        <div data-testid="history-event" data-type={e.type}>
          <Space wrap size={6}>
            <Tag color={EVENT_COLORS[e.type]}>{t(`persons.event.${e.type}`)}</Tag>
            <Typography.Text strong className="sd-num">
              {e.date}
            </Typography.Text>
            <Tooltip title={t('persons.view.recordedAt', { at: fmtDateTime(e.createdAt, info.timeZone) })}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('persons.view.recordedBy', { who: e.createdBy, at: fmtDateTime(e.createdAt, info.timeZone, false) })}
              </Typography.Text>
            </Tooltip>
          </Space>
          {e.reason && (
            <div style={{ margin: '4px 0' }}>
              <Typography.Text type="secondary">{t('persons.view.fieldColon', { field: t('persons.view.reason') })}</Typography.Text>
              {e.reason}
            </div>
          )}
          {e.type === 'registered' ? (
            <div>
              <Typography.Text type="secondary">{t('persons.view.registeredFacts', { n: changes.length })}</Typography.Text>
            </div>
          ) : (
            changes.map(([f, c]) => changeRow(f, c))
          )}
        </div>
      )
    }
  })

  return (
    <Card size="small" title={t('persons.view.history')} data-testid="person-history">
      {events === null ? <Skeleton active /> : timeline.length ? <Timeline items={timeline} /> : <Empty description={t('persons.view.noHistory')} />}
    </Card>
  )
}
