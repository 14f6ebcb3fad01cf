/**
 * One echarts chart in a div: init on mount, setOption when the option changes, resize with the
 * div (ResizeObserver), dispose on unmount. Only the charts and components used are registered
 * (echarts/core + bar, line, pie, grid, tooltip, legend + the SVG renderer), so the bundle holds
 * what is drawn.
 *
 * SVG rather than canvas: the charts here are small (tens of bars, four slices), so SVG costs
 * nothing in speed, and its text is real text — drawn by the browser with the page's fonts (CJK
 * labels look like the rest of the page), sharp at any zoom or DPI, selectable, and visible to
 * tests. The font family is read from the page where the chart sits and given to echarts, which
 * otherwise writes its own ("sans-serif").
 */
import { useEffect, useRef, type CSSProperties } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export type ChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

/** antd's default text colours, so axis labels and legends match the page */
const TEXT = 'rgba(0, 0, 0, 0.88)'

export function EChart({ option, height, testId, ariaLabel, style }: { option: ChartOption; height: number; testId?: string; ariaLabel?: string; style?: CSSProperties }) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const div = el.current
    if (!div) return
    const c = echarts.init(div, undefined, { renderer: 'svg' })
    chart.current = c
    const ro = new ResizeObserver(() => c.resize())
    ro.observe(div)
    return () => {
      ro.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    const c = chart.current
    const div = el.current
    if (!c || !div) return
    const fontFamily = getComputedStyle(div).fontFamily || undefined
    // notMerge: a series or category that went away must not linger from the last option
    const tooltip = option.tooltip && !Array.isArray(option.tooltip) ? { ...option.tooltip, textStyle: { fontFamily, ...option.tooltip.textStyle } } : option.tooltip
    c.setOption({ animationDuration: 300, textStyle: { fontFamily, color: TEXT }, ...option, tooltip }, { notMerge: true })
  }, [option])

  return <div ref={el} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, ...style }} />
}
