/**
 * What this sitting has entered: how many people's records were saved (a change to one already
 * counted does not count again) and the last few, newest first; clicking one reopens it. Kept in
 * the window's sessionStorage per campaign, so going to the follow-up list and back keeps it.
 */
import { Card, List, Statistic, Tag, Typography } from 'antd'
import { useCallback, useState } from 'react'
import type { ScreeningRecord } from '../../../../api/screeningRecords'
import { useI18n } from '../../../app/i18n'
import { useEntryWords } from './entryWords'

export interface SavedItem {
  recordId: string
  personId: string
  name: string
  idTail: string
  conclusion: ScreeningRecord['conclusion']
  /** HH:MM when saved */
  at: string
}

interface Saved {
  ids: string[]
  recent: SavedItem[]
}

const RECENT = 8
const keyOf = (campaignId: string) => `stationdesk.screeningEntry.${campaignId}`

function read(campaignId: string): Saved {
  try {
    const v = JSON.parse(sessionStorage.getItem(keyOf(campaignId)) ?? 'null') as Saved | null
    if (v && Array.isArray(v.ids) && Array.isArray(v.recent)) return v
  } catch {
    // a damaged entry starts the count again
  }
  return { ids: [], recent: [] }
}

export function useEntrySession(campaignId: string) {
  const [saved, setSaved] = useState<Saved>(() => read(campaignId))
  const add = useCallback(
    (r: ScreeningRecord) => {
      setSaved((s) => {
        const item: SavedItem = {
          recordId: r.id,
          personId: r.personId,
          name: r.name,
          idTail: r.idNumber.slice(-4),
          conclusion: r.conclusion,
          at: new Date().toTimeString().slice(0, 5)
        }
        const next = { ids: s.ids.includes(r.id) ? s.ids : [...s.ids, r.id], recent: [item, ...s.recent.filter((x) => x.recordId !== r.id)].slice(0, RECENT) }
        sessionStorage.setItem(keyOf(campaignId), JSON.stringify(next))
        return next
      })
    },
    [campaignId]
  )
  return { count: saved.ids.length, recent: saved.recent, add }
}

const COLOR: Record<string, string> = { normal: 'green', benign: 'gold', abnormal_refer: 'orange', suspected_malignancy: 'red' }

export function SessionPanel({ count, recent, onOpen }: { count: number; recent: SavedItem[]; onOpen(item: SavedItem): void }) {
  const { t } = useI18n()
  const words = useEntryWords()
  return (
    <Card size="small" title={t('screeningEntry.session.title')} data-testid="entry-session">
      <Statistic title={t('screeningEntry.session.count')} value={count} suffix={t('screeningEntry.session.people')} styles={{ content: { fontSize: 28 } }} data-testid="entry-session-count" />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>
        {t('screeningEntry.session.recent')}
      </Typography.Text>
      <List
        size="small"
        dataSource={recent}
        locale={{ emptyText: t('screeningEntry.session.empty') }}
        renderItem={(r) => (
          <List.Item style={{ cursor: 'pointer', paddingInline: 4 }} onClick={() => onOpen(r)} data-testid="entry-session-item">
            <span>
              <Typography.Link>{r.name}</Typography.Link>
              <Typography.Text type="secondary" className="sd-num" style={{ marginLeft: 6, fontSize: 12 }}>
                …{r.idTail} · {r.at}
              </Typography.Text>
            </span>
            <Tag color={COLOR[r.conclusion]} style={{ marginInlineEnd: 0 }}>
              {words.conclusion(r.conclusion)}
            </Tag>
          </List.Item>
        )}
      />
    </Card>
  )
}
