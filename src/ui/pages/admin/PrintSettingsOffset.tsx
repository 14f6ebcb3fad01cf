/** A print setting being edited, and the offset input: millimetres, a tenth at a time, within the contract's range. */
import { InputNumber } from 'antd'
import { MAX_OFFSET_MM, type PrintDocSettings } from '../../../api/print'

export type Draft = Pick<PrintDocSettings, 'paper' | 'offsetX' | 'offsetY'>

/** an offset input: millimetres, a tenth at a time, within the contract's range */
export function OffsetInput({ value, onChange, testId }: { value: number; onChange(v: number): void; testId: string }) {
  return (
    <InputNumber<number>
      value={value}
      step={0.1}
      precision={1}
      min={-MAX_OFFSET_MM}
      max={MAX_OFFSET_MM}
      suffix="mm"
      style={{ width: 112 }}
      onChange={(v) => onChange(typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10) / 10 : 0)}
      data-testid={testId}
    />
  )
}
