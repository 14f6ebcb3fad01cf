/**
 * The entry page's keys: Ctrl+S saves, Ctrl+P prints the last slip, F2 goes back to the lookup
 * box (window-wide, the browser's own save and print kept away); and, inside the form, Enter
 * moves to the next field as everywhere in the app (enterNav.ts), here also across radio
 * groups (one stop per group, on its chosen value); Enter on the last field goes to the save
 * button, so a stray Enter never saves.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react'

export interface EntryKeys {
  save?(): void
  print?(): void
  lookup?(): void
}

/** window-wide shortcuts while `enabled` (off while a modal of the page is open) */
export function useEntryKeys(keys: EntryKeys, enabled: boolean): void {
  const ref = useRef(keys)
  ref.current = keys
  useEffect(() => {
    if (!enabled) return
    const on = (e: globalThis.KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey
      const k = e.key.toLowerCase()
      if (mod && !e.altKey && !e.shiftKey && k === 's') {
        e.preventDefault()
        ref.current.save?.()
      } else if (mod && !e.altKey && !e.shiftKey && k === 'p') {
        e.preventDefault()
        ref.current.print?.()
      } else if (e.key === 'F2' && !mod) {
        e.preventDefault()
        ref.current.lookup?.()
      }
    }
    window.addEventListener('keydown', on, true)
    return () => window.removeEventListener('keydown', on, true)
  }, [enabled])
}

const STOPS = ['input:not([type=hidden]):not([type=file])', 'textarea', 'button[role="switch"]', 'button[data-entry-stop]'].join(',')

/** the fields Enter walks through, in document order: one per radio group (its checked one, else its first) */
export function entryStops(root: HTMLElement): HTMLElement[] {
  const seen = new Set<string>()
  const all = Array.from(root.querySelectorAll<HTMLElement>(STOPS)).filter((el) => !(el as HTMLInputElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0)
  const radios = new Map<string, HTMLInputElement>()
  for (const el of all) {
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name && (el.checked || !radios.has(el.name))) radios.set(el.name, el)
  }
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true
    if (radios.get(el.name) !== el || seen.has(el.name)) return false
    seen.add(el.name)
    return true
  })
}

/** focuses a field; text is selected so that typing replaces it */
export function focusStop(el: HTMLElement | undefined): void {
  if (!el) return
  el.focus()
  if (el instanceof HTMLInputElement && /^(text|search|tel|)$/.test(el.type) && !el.closest('.ant-select, .ant-picker')) el.select()
}

/** focuses the first field of a form: the first finding, not the date and examiner above it */
export function focusFirst(root: HTMLElement | null, selector = '[data-entry-first]'): void {
  if (!root) return
  const start = root.querySelector<HTMLElement>(selector)
  const stops = entryStops(root)
  const first = start ? stops.find((el) => start.contains(el)) : undefined
  focusStop(first ?? stops[0])
}

/** onKeyDownCapture for the form: Enter → next field; on the last one, `onLast` (focus the save button) */
export function enterNext(onLast: () => void) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    const target = e.target as HTMLElement
    if (target.tagName === 'TEXTAREA' || (target.tagName === 'BUTTON' && target.getAttribute('role') !== 'switch')) return
    const root = e.currentTarget
    const here = (stops: HTMLElement[]) => {
      const i = stops.indexOf(target)
      if (i >= 0) return i
      // a radio of a group whose stop is another of its radios
      if (target instanceof HTMLInputElement && target.type === 'radio') return stops.findIndex((s) => s instanceof HTMLInputElement && s.name === target.name)
      return -1
    }
    if (here(entryStops(root)) < 0) return
    const move = () => {
      const stops = entryStops(root)
      const i = here(stops)
      if (i >= 0 && i + 1 < stops.length) focusStop(stops[i + 1])
      else onLast()
    }
    if (target.getAttribute('aria-expanded') === 'true' || target.closest('.ant-picker') !== null) {
      // the open list takes the highlighted option / the picker the typed date first (enterNav.ts)
      setTimeout(() => setTimeout(move, 0), 0)
      return
    }
    e.preventDefault()
    e.stopPropagation()
    move()
  }
}
