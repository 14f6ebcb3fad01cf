/**
 * A choice of a few values as radio buttons, made for the keyboard: Tab stops once on the group
 * (on the chosen value), ←/→ move the choice, and typing an option's code picks it at once.
 * Codes are what the clinician reads or writes: BI-RADS "4b" (4 picks 4A, then b makes it 4B),
 * varicocele "ii", or the option's number ("1" normal, "2" lump …) shown before its label.
 */
import { Radio } from 'antd'
import { useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface KeyOption<V extends string | boolean> {
  value: V
  label: ReactNode
  /** typed to pick it (case-insensitive); default: its position, 1-based */
  code?: string
  disabled?: boolean
}

interface KeyChoiceProps<V extends string | boolean> {
  value?: V
  onChange?(v: V): void
  options: KeyOption<V>[]
  /** show each option's code before its label (for words; codes like "4A" are their own label) */
  showCodes?: boolean
  disabled?: boolean
  testId?: string
  ariaLabel?: string
  /** default: small for more than five options, so a row of them fits */
  size?: 'small' | 'middle'
}

const BUFFER_MS = 900
const KEY_STYLE = { opacity: 0.6, fontSize: 11, marginRight: 4, fontFamily: 'monospace' } as const

export function KeyChoice<V extends string | boolean>({ value, onChange, options, showCodes, disabled, testId, ariaLabel, size = options.length > 5 ? 'small' : 'middle' }: KeyChoiceProps<V>) {
  const typed = useRef({ text: '', at: 0 })
  const root = useRef<HTMLDivElement>(null)
  const codes = options.map((o, i) => (o.code ?? String(i + 1)).toLowerCase())

  const pick = (i: number) => {
    const o = options[i]
    if (!o || o.disabled) return
    onChange?.(o.value)
    // the checked radio takes the focus, so ←/→ go on from there (unless an Enter has moved on already)
    setTimeout(() => {
      if (root.current?.contains(document.activeElement)) root.current.querySelectorAll<HTMLInputElement>('input[type=radio]')[i]?.focus()
    }, 0)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (disabled || e.ctrlKey || e.altKey || e.metaKey || e.key.length !== 1 || e.key === ' ') return
    const ch = e.key.toLowerCase()
    const now = Date.now()
    const before = now - typed.current.at < BUFFER_MS ? typed.current.text : ''
    const find = (s: string) => {
      const exact = codes.findIndex((c, i) => c === s && !options[i].disabled)
      return exact >= 0 ? exact : codes.findIndex((c, i) => c.startsWith(s) && !options[i].disabled)
    }
    let text = before + ch
    let i = find(text)
    if (i < 0) {
      text = ch
      i = find(text)
    }
    typed.current = { text: i >= 0 ? text : '', at: now }
    if (i < 0) return
    e.preventDefault()
    pick(i)
  }

  return (
    <div ref={root} onKeyDown={onKeyDown} style={{ display: 'inline-block' }}>
      <Radio.Group
        value={value}
        optionType="button"
        buttonStyle="solid"
        size={size}
        disabled={disabled}
        aria-label={ariaLabel}
        data-testid={testId}
        onChange={(e) => onChange?.(e.target.value as V)}
        options={options.map((o, i) => ({
          value: o.value as never,
          disabled: o.disabled,
          label: showCodes ? (
            <span>
              <span style={KEY_STYLE}>{codes[i]}</span>
              {o.label}
            </span>
          ) : (
            o.label
          )
        }))}
      />
    </div>
  )
}
