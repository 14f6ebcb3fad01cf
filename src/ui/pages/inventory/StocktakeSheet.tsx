/**
 * One stocktake (/stock/stocktake?id=…): the count grid with its progress, the count sheet to
 * print (with or without the ledger's quantities), Ctrl+S to save the counts typed so far, and
 * for the head: confirm (posts the gains and losses) and cancel. Counts not yet saved are kept
 * on this machine as they are typed, so a closed window or a refusal loses nothing. A refusal
 * marks the lots at fault; a sheet overtaken by later moves (CONFLICT) is explained, with a
 * way to start again on the same date keeping the counts.
 */
import { Alert, App as AntApp, Button, Segmented, Skeleton, Space, Tag, Typography } from 'antd'
import { ArrowLeftOutlined, CheckOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ApiError } from '../../../api/contract'
import type { Stocktake } from '../../../api/inventory'
import { call, callResult } from '../../app/client'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { HeadMoveButtons } from './HeadMoveButtons'
import { StocktakeGrid, type CountEntry, type CountMode } from './StocktakeGrid'
import { StocktakePrint } from './StocktakePrint'
import { draftKey, entriesOf, STATUS_COLOR, STOCKTAKE_PATH, summaryOf } from './StocktakeWords'
import { useQty } from './quantity'

const MODE_KEY = 'stationdesk.stocktake.mode'

export function StocktakeSheet({ id }: { id: string }) {
  const { t, has, num } = useI18n()
  const { can } = useApp()
  const { ok, fail } = useNotify()
  const { modal } = AntApp.useApp()
  const qty = useQty()
  const [st, setSt] = useState<Stocktake | null>(null)
  const [entries, setEntries] = useState<Record<string, CountEntry>>({})
  const [dirty, setDirty] = useState(false)
  const [restored, setRestored] = useState(false)
  const [mode, setMode] = useState<CountMode>(() => (localStorage.getItem(MODE_KEY) === 'unit' ? 'unit' : 'pack'))
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<{ text: string; conflict: boolean } | null>(null)
  const [flagged, setFlagged] = useState<Set<string>>(new Set())
  const [loadError, setLoadError] = useState<ApiError | null>(null)

  const show = useCallback((s: Stocktake, keepDraft: boolean) => {
    setSt(s)
    const saved = entriesOf(s)
    const draft = keepDraft && s.status === 'open' ? localStorage.getItem(draftKey(s.id)) : null
    const mine = draft ? (JSON.parse(draft) as Record<string, CountEntry>) : null
    // a draft that says something the saved counts do not
    const differs = mine && Object.entries(mine).some(([lot, e]) => JSON.stringify(e) !== JSON.stringify(saved[lot]))
    if (mine && differs) {
      setEntries({ ...saved, ...mine })
      setDirty(true)
      setRestored(true)
    } else {
      localStorage.removeItem(draftKey(s.id))
      setEntries(saved)
      setDirty(false)
      setRestored(false)
    }
  }, [])

  useEffect(() => {
    setSt(null)
    setLoadError(null)
    callResult('inventory.stocktake', { id }).then((r) => (r.ok ? show(r.data, true) : setLoadError(r.error)), fail)
  }, [id, show, fail])

  const change = useCallback(
    (lotId: string, e: Partial<CountEntry>) => {
      setEntries((all) => {
        const next = { ...all, [lotId]: { ...(all[lotId] ?? { counted: null, reason: '', note: '' }), ...e } }
        localStorage.setItem(draftKey(id), JSON.stringify(next))
        return next
      })
      setDirty(true)
    },
    [id]
  )

  const explain = useCallback(
    (e: ApiError) => {
      const d = e.details ?? {}
      if (e.code === 'CONFLICT' && typeof d.rule === 'string') {
        setProblem({ text: ruleMessage(t, has, d.rule, d as Record<string, string>), conflict: d.rule === 'expected_changed' })
        return
      }
      if (e.code === 'VALIDATION' && st && d.fields?.length) {
        const lots = new Set<string>()
        for (const f of d.fields) {
          const m = /^lines\.(\d+)\./.exec(f.path)
          if (m && st.lines[Number(m[1])]) lots.add(st.lines[Number(m[1])].lotId)
        }
        setFlagged(lots)
        const texts = d.fields.map((f) => {
          const m = /^lines\.(\d+)\./.exec(f.path)
          const line = m ? st.lines[Number(m[1])] : undefined
          return ruleMessage(t, has, f.rule, line ? { lotNumber: line.lotNumber } : (d as Record<string, string>))
        })
        setProblem({ text: t('stockReports.stocktake.fixRows', { n: num(lots.size || texts.length), list: texts.slice(0, 6).join(t('stockReports.stocktake.listSep')) + (texts.length > 6 ? '…' : '') }), conflict: false })
        return
      }
      setProblem({ text: errorText(t, has, e), conflict: false })
    },
    [t, has, num, st]
  )

  const save = useCallback(async (): Promise<boolean> => {
    if (!st) return false
    setProblem(null)
    const counts = st.lines.filter((l) => entries[l.lotId]?.counted !== null && entries[l.lotId]?.counted !== undefined).map((l) => ({ lotId: l.lotId, ...entries[l.lotId], counted: entries[l.lotId].counted! }))
    if (!counts.length) {
      setProblem({ text: t('stockReports.stocktake.nothingToSave'), conflict: false })
      return false
    }
    setBusy('save')
    const r = await callResult('inventory.stocktakeCounts', { id: st.id, counts: counts.map((c) => ({ lotId: c.lotId, counted: c.counted, reason: c.reason as never, note: c.note })) })
    setBusy(null)
    if (!r.ok) {
      explain(r.error)
      return false
    }
    show(r.data, false)
    return true
  }, [st, entries, explain, show, t])

  const summary = useMemo(() => (st ? summaryOf(st.lines, entries) : null), [st, entries])

  const confirm = async () => {
    if (!st || !summary) return
    // what the core would refuse, said before asking: lots not counted, differences without a reason
    const missing = st.lines.flatMap((l) => {
      const e = entries[l.lotId]
      if (e?.counted === null || e?.counted === undefined) return [{ l, rule: 'uncounted' }]
      return e.counted !== l.expected && !e.reason ? [{ l, rule: 'reason_required' }] : []
    })
    if (missing.length) {
      setFlagged(new Set(missing.map((m) => m.l.lotId)))
      const texts = missing.map((m) => ruleMessage(t, has, m.rule, { lotNumber: m.l.lotNumber }))
      setProblem({ text: t('stockReports.stocktake.fixRows', { n: num(missing.length), list: texts.slice(0, 6).join(t('stockReports.stocktake.listSep')) + (texts.length > 6 ? '…' : '') }), conflict: false })
      return
    }
    setFlagged(new Set())
    if (dirty && !(await save())) return
    const lossText = summary.losses.map((l) => `${l.lotNumber} ${qty(l.variance, l)}`).join('，')
    const gainText = summary.gains.map((l) => `${l.lotNumber} +${qty(l.variance, l)}`).join('，')
    modal.confirm({
      title: t('stockReports.stocktake.confirmTitle', { date: st.date }),
      content: (
        <div data-testid="confirm-summary">
          <p>{t('stockReports.stocktake.confirmCounts', { n: num(summary.counted), total: num(st.lines.length), same: num(summary.same) })}</p>
          {summary.losses.length > 0 && <p>{t('stockReports.stocktake.confirmLosses', { list: lossText })}</p>}
          {summary.gains.length > 0 && <p>{t('stockReports.stocktake.confirmGains', { list: gainText })}</p>}
          <p>{t('stockReports.stocktake.confirmFinal')}</p>
        </div>
      ),
      okText: t('stockReports.stocktake.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'confirm-ok' } as never,
      onOk: async () => {
        setBusy('confirm')
        const r = await callResult('inventory.stocktakeConfirm', { id: st.id })
        setBusy(null)
        if (!r.ok) return explain(r.error)
        show(r.data, false)
        setFlagged(new Set())
        ok(t('stockReports.stocktake.confirmed', { date: st.date }))
      }
    })
  }

  const cancel = (restart: boolean) => {
    if (!st) return
    modal.confirm({
      title: t(restart ? 'stockReports.stocktake.restartTitle' : 'stockReports.stocktake.cancelTitle', { date: st.date }),
      content: t(restart ? 'stockReports.stocktake.restartText' : 'stockReports.stocktake.cancelText'),
      okText: t(restart ? 'stockReports.stocktake.restart' : 'stockReports.stocktake.cancel'),
      okButtonProps: { danger: !restart, 'data-testid': 'cancel-ok' } as never,
      cancelText: t('stockReports.stocktake.keep'),
      onOk: async () => {
        const r = await callResult('inventory.stocktakeCancel', { id: st.id })
        if (!r.ok) return explain(r.error)
        localStorage.removeItem(draftKey(st.id))
        if (!restart) return show(r.data, false)
        try {
          const again = await call('inventory.stocktakeStart', { date: st.date, note: st.note })
          // the counts are what was on the shelf: they go to the new sheet as a draft, lot by lot
          const keep: Record<string, CountEntry> = {}
          for (const l of again.lines) if (entries[l.lotId]?.counted !== null && entries[l.lotId]) keep[l.lotId] = entries[l.lotId]
          localStorage.setItem(draftKey(again.id), JSON.stringify(keep))
          navigate(`${STOCKTAKE_PATH}?id=${again.id}`)
        } catch (e) {
          fail(e)
        }
      }
    })
  }

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        if (st?.status === 'open' && !busy) void save().then((done) => done && ok(t('stockReports.stocktake.saved')))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [st, busy, save, ok, t])

  if (loadError) return <Alert type="error" showIcon title={errorText(t, has, loadError)} action={<Button onClick={() => navigate(STOCKTAKE_PATH)}>{t('stockReports.stocktake.back')}</Button>} />
  if (!st || !summary) return <Skeleton active />
  const open = st.status === 'open'
  const head = can('head')

  return (
    <div data-testid="stocktake-sheet">
      <div className="sd-page-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(STOCKTAKE_PATH)} data-testid="stocktake-back">
          {t('stockReports.stocktake.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('stockReports.stocktake.heading', { date: st.date })}
        </Typography.Title>
        <Tag color={STATUS_COLOR[st.status]} data-testid="stocktake-status">
          {t(`stockReports.status.${st.status}`)}
        </Tag>
        <Typography.Text type="secondary" data-testid="stocktake-progress">
          {t('stockReports.stocktake.progress', { counted: num(summary.counted), total: num(st.lines.length), diff: num(summary.gains.length + summary.losses.length) })}
        </Typography.Text>
        <span className="sd-grow" />
        <StocktakePrint stocktake={st} />
        {open && (
          <Segmented<CountMode>
            value={mode}
            onChange={(m) => {
              setMode(m)
              localStorage.setItem(MODE_KEY, m)
            }}
            options={[
              { value: 'pack', label: t('stockReports.stocktake.modePack') },
              { value: 'unit', label: t('stockReports.stocktake.modeUnit') }
            ]}
            data-testid="count-mode"
          />
        )}
      </div>
      {open && (
        <div className="sd-page-toolbar">
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!!busy} onClick={() => void save().then((d) => d && ok(t('stockReports.stocktake.saved')))} data-testid="stocktake-save">
            {t('stockReports.stocktake.save')}
          </Button>
          {dirty && <Typography.Text type="warning">{t('stockReports.stocktake.unsaved')}</Typography.Text>}
          <span className="sd-grow" />
          {head ? (
            <Space wrap>
              <Button icon={<CheckOutlined />} loading={busy === 'confirm'} disabled={!!busy} onClick={() => void confirm()} data-testid="stocktake-confirm">
                {t('stockReports.stocktake.confirm')}
              </Button>
              <Button danger icon={<StopOutlined />} disabled={!!busy} onClick={() => cancel(false)} data-testid="stocktake-cancel">
                {t('stockReports.stocktake.cancel')}
              </Button>
              <HeadMoveButtons />
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('stockReports.stocktake.headConfirms')}</Typography.Text>
          )}
        </div>
      )}
      {restored && open && <Alert type="info" showIcon closable style={{ marginBottom: 12 }} title={t('stockReports.stocktake.restored')} onClose={() => setRestored(false)} data-testid="stocktake-restored" />}
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={problem.text}
          description={problem.conflict ? t('stockReports.stocktake.conflictHelp') : undefined}
          action={problem.conflict && head ? <Button onClick={() => cancel(true)} data-testid="stocktake-restart">{t('stockReports.stocktake.restart')}</Button> : undefined}
          data-testid="stocktake-problem"
        />
      )}
      {open && <Typography.Paragraph type="secondary">{t('stockReports.stocktake.keys')}</Typography.Paragraph>}
      <StocktakeGrid date={st.date} lines={st.lines} entries={entries} onChange={change} mode={mode} readOnly={!open} flagged={flagged} />
    </div>
  )
}
