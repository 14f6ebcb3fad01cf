/**
 * Keyboard-first forms (DESIGN §5): Enter in a field moves to the next field, and Enter in the
 * last field submits, as clerks do in a spreadsheet. Put `onKeyDownCapture={enterToNext(submit)}`
 * on the element around the form's fields.
 *
 * Left alone: Enter while an input method is composing (Chinese pinyin), in a textarea, on a
 * button, and with a modifier key. In an open select list or a date picker, the component
 * takes the Enter first (choosing the option, taking the typed date), then focus moves on.
 */
import type { KeyboardEvent } from 'react'

const FIELD_SELECTOR = [
  'input:not([type=hidden]):not([type=file]):not([type=radio])',
  'textarea',
  'button[role="switch"]'
].join(',')

/** the focusable fields of a form, in document order */
export function formFields(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FIELD_SELECTOR)).filter(
    (el) => !(el as HTMLInputElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
  )
}

function focusField(el: HTMLElement): void {
  el.focus()
  if (el instanceof HTMLInputElement && /^(text|search|tel|password|)$/.test(el.type) && !el.closest('.ant-select, .ant-picker')) el.select()
}

/** puts the focus on the first field of a form (after a modal opens) */
export function focusFirstField(root: HTMLElement | null): void {
  if (!root) return
  const first = formFields(root)[0]
  if (first) focusField(first)
}

export function enterToNext(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    const target = e.target as HTMLElement
    if (target.tagName === 'TEXTAREA') return
    if (target.tagName === 'BUTTON' && target.getAttribute('role') !== 'switch') return
    const root = e.currentTarget
    if (!formFields(root).includes(target)) return
    const move = () => {
      const fields = formFields(root)
      const i = fields.indexOf(target)
      if (i >= 0 && i + 1 < fields.length) focusField(fields[i + 1])
      else submit()
    }
    const listOpen = target.getAttribute('aria-expanded') === 'true'
    const inPicker = target.closest('.ant-picker') !== null
    if (listOpen || inPicker) {
      // let the select take the highlighted option / the picker take the typed date, then
      // move; twice deferred because the form tells its watchers in a timeout of its own, and
      // the choice may add or remove fields (a village room has a code, the van none)
      setTimeout(() => setTimeout(move, 0), 0)
      return
    }
    e.preventDefault()
    e.stopPropagation()
    move()
  }
}
