/**
 * What is still open in a month (periods.preview): blockers that stop the close and warnings the
 * head accepts, each kind with its count, up to ten of them named (label and date), and a link to
 * the page where it is dealt with (the stocktake itself, the campaign, the follow-up list).
 */
import { Alert, Button, List, Typography } from 'antd'
import type { PeriodOpenItem } from '../../../api/periods'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'

/** the page that deals with one of them, or with the kind as a whole */
export function openItemLink(kind: PeriodOpenItem['kind'], id?: string): string {
  switch (kind) {
    case 'stocktake_open':
      return id ? `/stock/stocktake?id=${encodeURIComponent(id)}` : '/stock/stocktake'
    case 'campaign_active':
      return id ? `/screening/view?id=${encodeURIComponent(id)}` : '/screening'
    case 'follow_up_due':
      return '/screening/follow-ups'
    case 'screening_draft':
      return '/screening'
  }
}

/** samples with a page of their own get their own link; the others share the kind's */
const OWN_PAGE: PeriodOpenItem['kind'][] = ['stocktake_open', 'campaign_active']

export function OpenItems({ items, type, title, onLeave }: { items: PeriodOpenItem[]; type: 'error' | 'warning'; title: string; onLeave(): void }) {
  const { t, num } = useI18n()
  if (!items.length) return null
  const go = (path: string) => {
    onLeave()
    navigate(path)
  }
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      data-testid={type === 'error' ? 'close-blockers' : 'close-warnings'}
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => {
            const own = OWN_PAGE.includes(item.kind)
            const rest = item.count - item.samples.length
            return (
              <List.Item
                data-testid={`open-item-${item.kind}`}
                actions={own ? undefined : [<Button key="go" size="small" type="link" onClick={() => go(openItemLink(item.kind))} data-testid={`open-item-go-${item.kind}`}>{t('periods.close.open')}</Button>]}
              >
                <div>
                  <Typography.Text strong>{t(`periods.kind.${item.kind}`, { n: num(item.count) })}</Typography.Text>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {item.samples.map((s) => (
                      <li key={s.id}>
                        {own ? <a onClick={() => go(openItemLink(item.kind, s.id))}>{s.label}</a> : s.label}
                        {s.date && <Typography.Text type="secondary" className="sd-num">{` · ${s.date}`}</Typography.Text>}
                      </li>
                    ))}
                    {rest > 0 && <li><Typography.Text type="secondary">{t('periods.close.more', { n: num(rest) })}</Typography.Text></li>}
                  </ul>
                </div>
              </List.Item>
            )
          }}
        />
      }
    />
  )
}
