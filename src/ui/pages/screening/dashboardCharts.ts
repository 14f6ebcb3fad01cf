/**
 * The campaign dashboard's charts as echarts options, built from screening.dashboard's figures
 * and the words the panel passes in (pure: no React, no i18n lookups of their own). Colours are
 * fixed per meaning: the conclusions always green / blue / orange / red, referrals attended green,
 * lost grey, open blue, overdue red.
 */
import type { CampaignDashboard } from '../../../api/campaigns'
import type { ChartOption } from '../../components/EChart'

export const CONCLUSION_COLORS = { normal: '#52c41a', benign: '#1677ff', abnormal_refer: '#fa8c16', suspected_malignancy: '#f5222d' } as const
export const CONCLUSION_ORDER = ['normal', 'benign', 'abnormal_refer', 'suspected_malignancy'] as const
const PRIMARY = '#1f6fb2'
const TRACK = '#dbe4ee'
const AXIS = '#8c8c8c'
const SPLIT = '#f0f0f0'

export interface Fmt {
  num(n: number): string
  pct(rate: number): string
}

const GRID = { left: 8, right: 24, top: 12, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const
const valueAxis = { type: 'value', minInterval: 1, axisLabel: { color: AXIS }, splitLine: { lineStyle: { color: SPLIT } } } as const

/** a bar per village: the screened bar drawn over its eligible bar (a progress bar), least covered first */
export function villageOption(rows: CampaignDashboard['byVillage'], w: { eligible: string; screened: string }, f: Fmt): ChartOption {
  const share = (r: (typeof rows)[number]) => (r.eligible > 0 ? r.screened / r.eligible : r.screened > 0 ? 1 : 0)
  const sorted = [...rows].sort((a, b) => share(a) - share(b) || b.eligible - a.eligible || a.name.localeCompare(b.name))
  return {
    grid: { ...GRID, top: 28, right: 96 },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, data: [w.screened, w.eligible] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => r.name), axisTick: { show: false }, axisLabel: { width: 140, overflow: 'truncate' } },
    xAxis: valueAxis,
    series: [
      {
        name: w.eligible,
        type: 'bar',
        data: sorted.map((r) => r.eligible),
        itemStyle: { color: TRACK },
        barWidth: 14,
        barGap: '-100%',
        z: 1,
        // the figures after the eligible bar's end, not on the screened bar
        label: {
          show: true,
          position: 'right',
          distance: 6,
          color: '#595959',
          formatter: (p) => {
            const r = sorted[p.dataIndex]
            return `${f.num(r.screened)} / ${f.num(r.eligible)}${r.eligible > 0 ? `  ${f.pct(r.screened / r.eligible)}` : ''}`
          }
        }
      },
      { name: w.screened, type: 'bar', data: sorted.map((r) => r.screened), itemStyle: { color: PRIMARY }, barWidth: 14, z: 2 }
    ]
  }
}

/** every day from `from` to `to` (YYYY-MM-DD, at most 366) */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  const d = new Date(`${from}T00:00:00Z`)
  const end = new Date(`${to}T00:00:00Z`).getTime()
  while (d.getTime() <= end && out.length < 366) {
    out.push(d.toISOString().slice(0, 10))
    d.setUTCDate(d.getUTCDate() + 1)
  }
  return out
}

/** people screened on each campaign day up to today (days without records show as gaps at zero) */
export function dayOption(byDay: CampaignDashboard['byDay'], range: { start: string; end: string; today: string }, label: string, f: Fmt): ChartOption {
  const n = new Map(byDay.map((d) => [d.date, d.screened]))
  const last = [range.end, range.today].sort()[0]
  const days = [...new Set([...daysBetween(range.start, last), ...byDay.map((d) => d.date)])].sort()
  return {
    grid: { ...GRID, top: 16 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => f.num(Number(v)) },
    xAxis: { type: 'category', data: days, axisLabel: { color: AXIS, formatter: (v: string) => v.slice(5), hideOverlap: true }, axisTick: { alignWithLabel: true } },
    yAxis: valueAxis,
    series: [{ name: label, type: 'bar', data: days.map((d) => n.get(d) ?? 0), itemStyle: { color: PRIMARY, borderRadius: [2, 2, 0, 0] }, barMaxWidth: 24 }]
  }
}

/** a ring of the four conclusions in their fixed colours, the counts in the legend, the shares in the tooltip */
export function conclusionOption(c: CampaignDashboard['conclusions'], word: (k: string) => string, f: Fmt): ChartOption {
  const total = CONCLUSION_ORDER.reduce((s, k) => s + c[k], 0)
  const names = new Map(CONCLUSION_ORDER.map((k) => [word(k), k]))
  return {
    tooltip: { trigger: 'item', formatter: (p) => (Array.isArray(p) ? '' : `${p.marker ?? ''}${p.name}  ${f.num(Number(p.value))}  ${total ? f.pct(Number(p.value) / total) : ''}`) },
    legend: {
      orient: 'vertical',
      left: 140,
      top: 'middle',
      itemWidth: 12,
      itemHeight: 12,
      itemGap: 12,
      formatter: (name: string) => {
        const k = names.get(name)
        return k ? `${name}  ${f.num(c[k])}` : name
      }
    },
    series: [
      {
        type: 'pie',
        radius: [36, 62],
        center: [66, '50%'],
        label: { show: false },
        labelLine: { show: false },
        data: CONCLUSION_ORDER.map((k) => ({ name: word(k), value: c[k], itemStyle: { color: CONCLUSION_COLORS[k] } }))
      }
    ]
  }
}

/** the main positive findings (already chosen, ordered and worded), one bar each, counts at the bars' ends */
export function findingsOption(rows: { label: string; count: number }[], name: string, f: Fmt): ChartOption {
  return {
    grid: { ...GRID, right: 56, bottom: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => f.num(Number(v)) },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisTick: { show: false }, axisLabel: { width: 190, overflow: 'truncate' } },
    // each bar carries its count: the value axis keeps its grid lines, not its (crowded) figures
    xAxis: { ...valueAxis, axisLabel: { show: false } },
    series: [{ name, type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#d4862a' }, barWidth: 14, label: { show: true, position: 'right', color: '#595959', formatter: (p) => f.num(Number(p.value)) } }]
  }
}

export const REFERRAL_PARTS = [
  ['attended', '#52c41a'],
  ['lost', '#8c8c8c'],
  ['open', '#1677ff'],
  ['overdue', '#f5222d']
] as const

/** the referrals as one stacked bar: attended, lost, open and not yet due, overdue */
export function referralOption(r: CampaignDashboard['referrals'], word: (k: string) => string, f: Fmt): ChartOption {
  const part = { attended: r.attended, lost: r.lost, open: r.open - r.overdue, overdue: r.overdue }
  return {
    grid: { left: 0, right: 0, top: 34, bottom: 0, outerBoundsMode: 'none' },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, formatter: (name: string) => `${name} ${f.num(part[REFERRAL_PARTS.find(([k]) => word(k) === name)?.[0] ?? 'open'])}` },
    tooltip: { trigger: 'item', valueFormatter: (v) => f.num(Number(v)) },
    xAxis: { type: 'value', max: Math.max(1, r.total), show: false },
    yAxis: { type: 'category', data: [''], show: false },
    series: REFERRAL_PARTS.map(([k, color]) => ({ name: word(k), type: 'bar' as const, stack: 'all', data: [part[k]], itemStyle: { color }, barWidth: 22 }))
  }
}
