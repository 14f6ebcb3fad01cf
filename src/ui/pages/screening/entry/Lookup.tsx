/**
 * The lookup box: a full ID number (typed, or read by a card reader: 18 characters and Enter)
 * opens that person at once; the last digits of an ID, a name, its pinyin or initials list a few
 * people to choose with ↑/↓ and Enter. A valid full ID not in the register offers "add this
 * person" (Enter), prefilled with the number. Esc clears the box.
 */
import { Input, List, Space, Tag, Typography, type InputRef } from 'antd'
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons'
import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react'
import { checkIdNumber, normalizeIdInput } from '../../../../api/idNumber'
import type { PersonRow } from '../../../../api/persons'
import { call } from '../../../app/client'
import { useI18n } from '../../../app/i18n'
import { useNotify } from '../../../app/useNotify'
import { findById } from '../../persons/PersonNewPage'
import { looksLikeId, usePersonWords } from '../../persons/words'

const SHOWN = 8

type Found = ({ kind: 'rows'; rows: PersonRow[]; total: number } | { kind: 'add'; idNumber: string } | { kind: 'bad'; message: string }) & { q: string }

/** a complete ID number as typed (18 characters, or 15 digits), else null */
function fullId(q: string): string | null {
  if (!looksLikeId(q)) return null
  const n = normalizeIdInput(q).toUpperCase()
  return n.length === 18 || /^\d{15}$/.test(n) ? n : null
}

interface Props {
  inputRef: Ref<InputRef>
  today: string
  onPick(personId: string): void
  onAdd(idNumber: string): void
}

export function Lookup({ inputRef, today, onPick, onAdd }: Props) {
  const { t } = useI18n()
  const personWords = usePersonWords()
  const { fail } = useNotify()
  const [text, setText] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [active, setActive] = useState(0)
  const seq = useRef(0)

  /** runs the lookup of `q` now; the latest call wins */
  const lookup = async (q: string): Promise<Found | null> => {
    const mine = ++seq.current
    const s = q.trim()
    let out: Found | null = null
    if (s) {
      const id = fullId(s)
      if (id) {
        const c = checkIdNumber(id, { today })
        if (!c.valid) out = { kind: 'bad', q: s, message: personWords.idIssue(c.error) }
        else {
          const hit = await findById(c.normalized)
          out = hit ? { kind: 'rows', q: s, rows: [hit], total: 1 } : { kind: 'add', q: s, idNumber: c.normalized }
        }
      } else {
        const page = await call('persons.search', { q: s, page: 1, pageSize: SHOWN })
        out = { kind: 'rows', q: s, rows: page.rows, total: page.total }
      }
    }
    if (mine === seq.current) {
      setFound(out)
      setActive(0)
    }
    return out
  }

  // as the clinician types, a short pause runs the lookup (a card reader's Enter runs it at once)
  useEffect(() => {
    const s = text.trim()
    if (!s) {
      seq.current++
      setFound(null)
      return
    }
    const h = setTimeout(() => void lookup(s).catch(fail), 250)
    return () => clearTimeout(h)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text])

  const choose = (f: Found | null, i: number) => {
    const row = f?.kind === 'rows' ? f.rows[i] : undefined
    if (f?.kind !== 'add' && !row) return
    setText('')
    setFound(null)
    // the add dialog gives the focus back to what had it when it opened: not this box, the
    // person's form will have it by then
    if (f?.kind === 'add') {
      ;(document.activeElement as HTMLElement | null)?.blur()
      onAdd(f.idNumber)
    }
    else if (row) onPick(row.id)
  }

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    const count = found?.kind === 'rows' ? found.rows.length : found?.kind === 'add' ? 1 : 0
    if (e.key === 'ArrowDown' && count) {
      e.preventDefault()
      setActive((a) => (a + 1) % count)
    } else if (e.key === 'ArrowUp' && count) {
      e.preventDefault()
      setActive((a) => (a - 1 + count) % count)
    } else if (e.key === 'Escape') {
      setText('')
      setFound(null)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      const s = text.trim()
      if (!s) return
      // the list shown is for what is in the box: use it; else look up now (a card reader is fast)
      if (found && found.kind !== 'bad' && found.q === s) return choose(found, active)
      try {
        const f = await lookup(s)
        // a full ID opens its person at once; a search opens only a single match
        if (f?.kind === 'rows' && f.rows.length === 1 && (fullId(s) || f.total === 1)) choose(f, 0)
        else if (f?.kind === 'add') choose(f, 0)
      } catch (err) {
        fail(err)
      }
    }
  }

  const dash = t('screening.none')
  return (
    <div data-testid="entry-lookup">
      <Input
        ref={inputRef}
        size="large"
        autoFocus
        allowClear
        autoComplete="off"
        spellCheck={false}
        prefix={<SearchOutlined />}
        placeholder={t('screeningEntry.lookup.placeholder')}
        aria-label={t('screeningEntry.lookup.label')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => void onKeyDown(e)}
        data-testid="entry-lookup-input"
      />
      {found?.kind === 'bad' && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 6 }} data-testid="entry-lookup-bad">
          {found.message}
        </Typography.Text>
      )}
      {found?.kind === 'add' && (
        <List
          size="small"
          bordered
          style={{ marginTop: 6, background: '#fff' }}
          dataSource={[found.idNumber]}
          renderItem={(id) => (
            <List.Item style={{ cursor: 'pointer', background: '#e6f4ff' }} onClick={() => choose(found, 0)} data-testid="entry-lookup-add">
              <Space>
                <UserAddOutlined />
                {t('screeningEntry.lookup.notFound', { id })}
                <Typography.Text strong>{t('screeningEntry.lookup.add')}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
      {found?.kind === 'rows' && (
        <List
          size="small"
          bordered
          style={{ marginTop: 6, background: '#fff' }}
          dataSource={found.rows}
          locale={{ emptyText: t('screeningEntry.lookup.none') }}
          footer={found.total > found.rows.length ? <Typography.Text type="secondary">{t('screeningEntry.lookup.more', { n: found.total })}</Typography.Text> : undefined}
          renderItem={(r, i) => (
            <List.Item
              style={{ cursor: 'pointer', background: i === active ? '#e6f4ff' : undefined }}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(found, i)}
              data-testid="entry-lookup-row"
              aria-selected={i === active}
            >
              <Space size={16} wrap>
                <Typography.Text strong>{r.name}</Typography.Text>
                <span>{t(`screening.sex.${r.sex}`)}</span>
                <span>{t('screeningEntry.person.age', { age: r.age })}</span>
                <span className="sd-num">{r.idNumber}</span>
                <span>{r.servicePointName ?? dash}</span>
                {r.state !== 'active' && <Tag>{personWords.value('state', r.state)}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  )
}
