import type { KeyboardEvent } from 'react'

/**
 * Keyboard first (DESIGN.md §5): Enter in a field moves to the next field of the same
 * container; Enter in the last field runs the container's primary action. Radio groups
 * count as one field. Buttons, links and text areas keep their own Enter; an IME
 * composition (typing Chinese) keeps it too.
 */
function fields(container: HTMLElement): HTMLInputElement[] {
  const all = Array.from(container.querySelectorAll<HTMLInputElement>('input:not([type=hidden]):not([disabled])')).filter((el) => el.getClientRects().length > 0)
  const seen = new Set<string>()
  const out: HTMLInputElement[] = []
  for (const el of all) {
    if (el.type !== 'radio' || !el.name) {
      out.push(el)
      continue
    }
    if (seen.has(el.name)) continue
    seen.add(el.name)
    const group = all.filter((r) => r.type === 'radio' && r.name === el.name)
    out.push(group.find((r) => r.checked) ?? group[0])
  }
  return out
}

export function enterToNext(e: KeyboardEvent<HTMLElement>, primary: () => void): void {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.nativeEvent.isComposing) return
  const target = e.target as HTMLElement
  if (!(target instanceof HTMLInputElement)) return
  e.preventDefault()
  const list = fields(e.currentTarget)
  const i = list.findIndex((el) => el === target || (target.type === 'radio' && el.type === 'radio' && el.name === target.name))
  const next = i >= 0 ? list[i + 1] : undefined
  if (next) next.focus()
  else primary()
}

/** focuses the first field of a container (after a step change) */
export function focusFirst(container: HTMLElement | null): void {
  if (!container) return
  const first = fields(container)[0]
  if (first) first.focus()
}
