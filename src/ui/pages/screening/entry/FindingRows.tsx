/**
 * The layout the findings forms share: one row per finding with its name on the left, either
 * one field or a left and a right column (per-side findings, as the paper forms have them: the
 * clinician goes row by row, left then right, which is also the Tab and Enter order).
 */
import { Form, Typography } from 'antd'
import type { ReactNode } from 'react'

const GRID = { display: 'grid', gridTemplateColumns: '140px minmax(0, 1fr) minmax(0, 1fr)', columnGap: 16, alignItems: 'start' } as const
const LABEL = { paddingTop: 5, color: 'rgba(0,0,0,0.75)' } as const
const ITEM = { marginBottom: 10 } as const

/** the column heads of a per-side table */
export function SideHead({ left, right }: { left: string; right: string }) {
  return (
    <div style={{ ...GRID, marginBottom: 6 }}>
      <span />
      <Typography.Text strong>{left}</Typography.Text>
      <Typography.Text strong>{right}</Typography.Text>
    </div>
  )
}

/** a finding of both sides: `cell(side)` renders one side's field (or null where it does not apply) */
export function SideRow({ label, cell, testId }: { label: ReactNode; cell(side: 'left' | 'right'): ReactNode; testId?: string }) {
  return (
    <div style={GRID} data-testid={testId}>
      <span style={LABEL}>{label}</span>
      <div>{cell('left')}</div>
      <div>{cell('right')}</div>
    </div>
  )
}

/** a finding of the whole exam: one field across both columns */
export function WideRow({ label, children, testId }: { label: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div style={{ ...GRID, gridTemplateColumns: '140px minmax(0, 1fr)' }} data-testid={testId}>
      <span style={LABEL}>{label}</span>
      <div>{children}</div>
    </div>
  )
}

/** a form field under `findings` (its errors show under it) */
export function FindingItem({ name, children, rules, style }: { name: (string | number)[]; children: ReactNode; rules?: object[]; style?: object }) {
  return (
    <Form.Item name={['findings', ...name]} style={{ ...ITEM, ...style }} rules={rules as never}>
      {children}
    </Form.Item>
  )
}

/**
 * Renders with the findings' current state, for fields that show with another's value (a lump's
 * size, an abnormal organ's note). Not a watcher: those tell a moment later, and a field that
 * appears must be there before the Enter that follows the choice moves on.
 */
export function WithFindings<S>({ children }: { children(s: Partial<S>): ReactNode }) {
  return (
    <Form.Item noStyle shouldUpdate>
      {(form) => children((form.getFieldValue('findings') ?? {}) as Partial<S>)}
    </Form.Item>
  )
}
