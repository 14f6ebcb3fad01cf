/** The home page's building blocks: a card with a figure's title and a link to its page, and a row of counts as tags. */
import { Card, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useI18n } from '../../app/i18n'

export function StatCard({ title, testId, onOpen, children }: { title: string; testId: string; onOpen?: (() => void) | false; children: ReactNode }) {
  const { t } = useI18n()
  return (
    <Card
      size="small"
      title={title}
      style={{ height: '100%' }}
      data-testid={testId}
      extra={
        onOpen ? (
          <Typography.Link onClick={onOpen} style={{ fontSize: 13 }}>
            {t('dashboard.open')}
          </Typography.Link>
        ) : undefined
      }
    >
      {children}
    </Card>
  )
}

export interface Entry {
  key: string
  label: string
  n: number
  color?: string
  icon?: ReactNode
  testId?: string
  title?: string
}

export function Breakdown({ entries, empty, num }: { entries: Entry[]; empty: string; num: (n: number) => string }) {
  if (!entries.length)
    return (
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        {empty}
      </Typography.Paragraph>
    )
  return (
    <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
      {entries.map((e) => (
        <Tag key={e.key} color={e.color} icon={e.icon} title={e.title} data-testid={e.testId ?? `breakdown-${e.key}`}>
          {e.label} {num(e.n)}
        </Tag>
      ))}
    </div>
  )
}
