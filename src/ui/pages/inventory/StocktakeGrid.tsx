/**
 * The count grid of a stocktake: a row per lot (product shown once per group), what the ledger
 * expects, the count typed in packs + loose units or in base units, the variance as it is
 * typed, and for a difference a reason from the contract's list and a note. Enter moves down
 * the same column (Shift+Enter up), Tab moves across, as in a spreadsheet.
 */
import { Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useEffect, useState, type KeyboardEvent } from 'react'
import { STOCKTAKE_REASONS, type PackDisplay, type StocktakeLine } from '../../../api/inventory'
import { useI18n } from '../../app/i18n'
import { packIsUnit, unitWord } from './quantity'
import { useProducts } from './useProducts'

export interface CountEntry {
  counted: number | null
  reason: string
  note: string
}

export type CountMode = 'pack' | 'unit'

interface Props {
  /** the count date: a lot that expired before it is marked */
  date: string
  lines: StocktakeLine[]
  entries: Record<string, CountEntry>
  onChange(lotId: string, e: Partial<CountEntry>): void
  mode: CountMode
  readOnly: boolean
  /** lots the core refused (uncounted, reason missing) */
  flagged: Set<string>
}

/** moves the focus to the same column of another row */
function move(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey || e.nativeEvent.isComposing) return
  const target = e.target as HTMLElement
  const cell = target.closest<HTMLElement>('[data-cell]')
  if (!cell || target.getAttribute('aria-expanded') === 'true') return
  const [row, col] = cell.dataset.cell!.split(':')
  const step = e.shiftKey ? -1 : 1
  const grid = e.currentTarget
  // the next row that has this column (a product of one unit has no packs column)
  for (let r = Number(row) + step; r >= 0; r += step) {
    const next = grid.querySelector<HTMLElement>(`[data-cell="${r}:${col}"] input`) ?? (col === 'packs' ? grid.querySelector<HTMLElement>(`[data-cell="${r}:units"] input`) : null)
    if (next) {
      e.preventDefault()
      next.focus()
      if (next instanceof HTMLInputElement) next.select()
      return
    }
    if (!grid.querySelector(`[data-row="${r}"]`)) return
  }
}

/** the count of one lot: packs + loose units (mode 'pack') or base units */
function CountCell({ row, line, value, onChange, mode, disabled, error }: { row: number; line: StocktakeLine; value: number | null; onChange(v: number | null): void; mode: CountMode; disabled: boolean; error: boolean }) {
  const { t } = useI18n()
  const packs = mode === 'pack' && !packIsUnit(line)
  const split = (v: number | null) => (v === null ? [null, null] : packs ? [Math.floor(v / line.packSize), v % line.packSize] : [null, v])
  const [raw, setRaw] = useState<(number | null)[]>(() => split(value))
  // a new value from outside (a restored draft, another mode) shows split anew
  useEffect(() => {
    const [p, u] = raw
    const mine = p === null && u === null ? null : (p ?? 0) * line.packSize + (u ?? 0)
    if (mine !== value) setRaw(split(value))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, packs])
  const set = (p: number | null, u: number | null) => {
    setRaw([p, u])
    onChange(p === null && u === null ? null : (p ?? 0) * line.packSize + (u ?? 0))
  }
  const num = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.trunc(v)) : null)
  const status = error ? 'error' : undefined
  return (
    <Space size={4} wrap={false}>
      {packs && (
        <span data-cell={`${row}:packs`}>
          <InputNumber min={0} precision={0} keyboard={false} controls={false} status={status} disabled={disabled} value={raw[0]} onChange={(v) => set(num(v), raw[1])} style={{ width: 72 }} data-testid={`count-packs-${row}`} />
          <span style={{ marginLeft: 4 }}>{unitWord(t, line.packUnit, 2, true)}</span>
        </span>
      )}
      {packs && <span>+</span>}
      <span data-cell={`${row}:units`}>
        <InputNumber min={0} precision={0} keyboard={false} controls={false} status={status} disabled={disabled} value={raw[1]} onChange={(v) => set(raw[0], num(v))} style={{ width: packs ? 64 : 96 }} data-testid={`count-units-${row}`} />
        <span style={{ marginLeft: 4 }}>{unitWord(t, line.unit, 2)}</span>
      </span>
    </Space>
  )
}

export function StocktakeGrid({ date, lines, entries, onChange, mode, readOnly, flagged }: Props) {
  const { t, num } = useI18n()
  // the sheet's lines carry the Chinese name; the catalogue has the English one too
  const products = useProducts(true)
  const nameOf = (l: StocktakeLine) => {
    const p = products.byId(l.productId)
    return p ? products.name(p) : l.productName
  }
  /** base units on a line, the packs they make under it in grey */
  const twoLines = (v: number, p: PackDisplay, sign = false) => {
    const a = Math.abs(v)
    const packs = Math.floor(a / p.packSize)
    const rest = a % p.packSize
    const packText = `${num(packs)} ${unitWord(t, p.packUnit, packs, true)}`
    return (
      <>
        <div className="sd-num" style={{ whiteSpace: 'nowrap' }}>
          {sign && v > 0 ? '+' : v < 0 ? '−' : ''}
          {num(a)} {unitWord(t, p.unit, a)}
        </div>
        {!packIsUnit(p) && a >= p.packSize && (
          <div style={{ fontSize: 12, opacity: 0.65, whiteSpace: 'nowrap' }}>
            {rest ? t('inventory.qty.packsAndRest', { packs: packText, rest: `${num(rest)} ${unitWord(t, p.unit, rest)}` }) : packText}
          </div>
        )}
      </>
    )
  }
  // the first row of each product carries its name over the product's lots
  const span = lines.map(() => 0)
  for (let i = 0, first = 0; i < lines.length; i++) {
    if (lines[i].productId !== lines[first].productId) first = i
    span[first]++
  }

  const columns: ColumnsType<StocktakeLine> = [
    {
      title: t('stockReports.stocktake.col.product'),
      key: 'product',
      width: 190,
      onCell: (_, i) => ({ rowSpan: span[i ?? 0] }),
      render: (_, l) => (
        <div>
          <div>{nameOf(l)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.productCode}
          </Typography.Text>
        </div>
      )
    },
    { title: t('stockReports.stocktake.col.lot'), dataIndex: 'lotNumber', key: 'lot', render: (v: string, _, i) => <span className="sd-num" data-row={i}>{v}</span> },
    {
      title: t('stockReports.stocktake.col.expiry'),
      key: 'expiry',
      render: (_, l) => (
        <span className="sd-num">
          {l.expiry}
          {l.expiry < date && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              {t('stockReports.stocktake.expired')}
            </Tag>
          )}
        </span>
      )
    },
    { title: t('stockReports.stocktake.col.expected'), key: 'expected', align: 'right', render: (_, l) => <div data-testid="count-expected">{twoLines(l.expected, l)}</div> },
    {
      title: t('stockReports.stocktake.col.count'),
      key: 'counted',
      render: (_, l, i) => {
        const e = entries[l.lotId]
        return (
          <CountCell row={i} line={l} value={e?.counted ?? null} onChange={(v) => onChange(l.lotId, { counted: v })} mode={mode} disabled={readOnly} error={flagged.has(l.lotId) && (e?.counted ?? null) === null} />
        )
      }
    },
    {
      title: t('stockReports.stocktake.col.variance'),
      key: 'variance',
      align: 'right',
      render: (_, l, i) => {
        const c = entries[l.lotId]?.counted ?? null
        if (c === null) return <Typography.Text type="secondary">{t('stockReports.stocktake.notCounted')}</Typography.Text>
        const v = c - l.expected
        return v === 0 ? (
          <Tag color="green" data-testid={`variance-${i}`}>
            {t('stockReports.stocktake.match')}
          </Tag>
        ) : (
          <div style={{ color: v < 0 ? '#cf1322' : '#389e0d', fontWeight: 600 }} data-testid={`variance-${i}`}>
            {twoLines(v, l, true)}
          </div>
        )
      }
    },
    {
      title: t('stockReports.stocktake.col.reason'),
      key: 'reason',
      render: (_, l, i) => {
        const e = entries[l.lotId]
        const differs = e?.counted !== null && e?.counted !== undefined && e.counted !== l.expected
        if (!differs && !e?.reason) return null
        return (
          <span data-cell={`${i}:reason`}>
            <Select
              style={{ width: 136 }}
              value={e?.reason || undefined}
              placeholder={t('stockReports.stocktake.reasonHint')}
              status={differs && !e?.reason ? (flagged.has(l.lotId) ? 'error' : 'warning') : undefined}
              disabled={readOnly}
              allowClear
              onChange={(v) => onChange(l.lotId, { reason: v ?? '' })}
              options={STOCKTAKE_REASONS.map((r) => ({ value: r, label: t(`stockReports.reason.stocktake.${r}`) }))}
              data-testid={`count-reason-${i}`}
            />
          </span>
        )
      }
    },
    {
      title: t('stockReports.stocktake.col.note'),
      key: 'note',
      render: (_, l, i) => (
        <span data-cell={`${i}:note`}>
          <Input value={entries[l.lotId]?.note ?? ''} maxLength={200} disabled={readOnly} onChange={(e) => onChange(l.lotId, { note: e.target.value })} style={{ width: 130 }} data-testid={`count-note-${i}`} />
        </span>
      )
    }
  ]

  return (
    <div onKeyDown={move} data-testid="stocktake-grid">
      <Table<StocktakeLine>
        rowKey="lotId"
        size="small"
        bordered
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('stockReports.stocktake.noLots') }}
        rowClassName={(l) => (flagged.has(l.lotId) ? 'sd-row-flagged' : '')}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={8}>
              <Typography.Text type="secondary">{t('stockReports.stocktake.lotsCount', { n: num(lines.length) })}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </div>
  )
}
